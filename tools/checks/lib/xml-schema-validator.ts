/**
 * Validates one parsed metadata XML document against the JSON Schema of its Metadata API type.
 *
 * XML carries no types, so the document is parsed with every element as a list and the schema
 * decides, along the element's path, what each element must be: a repeated element is allowed
 * only where the schema has an array; an element with children only where it has an object; an
 * empty element counts as an empty object. Text values are checked against the schema's scalar
 * type (number, boolean) and enum. Unknown elements fail (`additionalProperties: false`).
 * Element order and required elements are not checked (the Metadata API types mark list
 * properties required even where the XML may omit them).
 */
import { XMLParser } from 'fast-xml-parser';
import { resolveNode, type MetadataSchema, type SchemaNode } from './metadata-schema';

export interface SchemaViolation {
  rule: 'xml-unknown-element' | 'xml-invalid-value' | 'xml-unexpected-structure';
  /** Element path from the root, e.g. `Flow/start/colour`. */
  path: string[];
  element: string;
  /** The offending text value, for value errors. */
  value?: string;
  message: string;
}

/** A parsed element: text, or child elements by name (each name a list of occurrences). */
export type XmlValue = string | { [name: string]: XmlValue[] };

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: () => true,
  parseTagValue: false,
  trimValues: true,
});

/** Parses well-formed XML into `{ rootName: [value] }`. */
export function parseMetadataXml(text: string): Record<string, XmlValue[]> {
  return parser.parse(text) as Record<string, XmlValue[]>;
}

/**
 * Properties the Metadata API declares as strings but whose content is XML written inline, by
 * element path: a bundle's `targetConfigs` (`<targetConfig targets="…">` with design
 * properties) is passed through to the LWC compiler as raw XML.
 */
const RAW_XML_PATHS = new Set(['LightningComponentBundle/targetConfigs']);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function describeAllowed(values: unknown[]): string {
  const shown = values.slice(0, 12).map(String).join(', ');
  return values.length > 12 ? `${shown}, … (${values.length} values)` : shown;
}

function checkScalar(node: SchemaNode, text: string, path: string[], out: SchemaViolation[]): void {
  const element = path[path.length - 1];
  if (node.enum && !node.enum.includes(text)) {
    out.push({
      rule: 'xml-invalid-value',
      path,
      element,
      value: text,
      message: `<${element}> at ${path.join('/')} has invalid value "${text}"; allowed: ${describeAllowed(node.enum)}`,
    });
  } else if (node.const !== undefined && String(node.const) !== text) {
    out.push({
      rule: 'xml-invalid-value',
      path,
      element,
      value: text,
      message: `<${element}> at ${path.join('/')} must be "${String(node.const)}", found "${text}"`,
    });
  } else if (node.type === 'number' && !NUMBER.test(text)) {
    out.push({
      rule: 'xml-invalid-value',
      path,
      element,
      value: text,
      message: `<${element}> at ${path.join('/')} must be a number, found "${text}"`,
    });
  } else if (node.type === 'boolean' && text !== 'true' && text !== 'false') {
    out.push({
      rule: 'xml-invalid-value',
      path,
      element,
      value: text,
      message: `<${element}> at ${path.join('/')} must be true or false, found "${text}"`,
    });
  }
}

function validateValue(
  schema: MetadataSchema,
  declared: SchemaNode,
  value: XmlValue,
  path: string[],
  out: SchemaViolation[],
): void {
  const node = resolveNode(schema, declared);
  const element = path[path.length - 1];
  if (node.type === undefined && !node.enum && node.const === undefined) return; // `any`
  if (node.type === 'object') {
    if (typeof value === 'string') {
      if (value !== '') {
        out.push({
          rule: 'xml-unexpected-structure',
          path,
          element,
          value,
          message: `<${element}> at ${path.join('/')} must contain elements, found text "${value}"`,
        });
      }
      return;
    }
    validateObject(schema, node, value, path, out);
    return;
  }
  if (typeof value !== 'string') {
    if (Object.keys(value).every((key) => key === '#text')) return;
    if (RAW_XML_PATHS.has(path.join('/'))) return;
    out.push({
      rule: 'xml-unexpected-structure',
      path,
      element,
      message: `<${element}> at ${path.join('/')} must be a ${node.type ?? 'value'}, found child elements <${Object.keys(value).join('>, <')}>`,
    });
    return;
  }
  checkScalar(node, value, path, out);
}

function validateObject(
  schema: MetadataSchema,
  node: SchemaNode,
  value: { [name: string]: XmlValue[] },
  path: string[],
  out: SchemaViolation[],
): void {
  for (const [name, occurrences] of Object.entries(value)) {
    if (name === '#text') continue;
    const childPath = [...path, name];
    const declared = node.properties?.[name];
    if (!declared) {
      if (node.additionalProperties === false || node.additionalProperties === undefined) {
        out.push({
          rule: 'xml-unknown-element',
          path: childPath,
          element: name,
          message: `<${name}> is not an element of ${path.join('/')} (Metadata API type has no such property)`,
        });
      }
      continue;
    }
    const resolved = resolveNode(schema, declared);
    if (resolved.type === 'array') {
      for (const occurrence of occurrences) {
        validateValue(schema, resolved.items ?? {}, occurrence, childPath, out);
      }
      continue;
    }
    if (occurrences.length > 1) {
      out.push({
        rule: 'xml-unexpected-structure',
        path: childPath,
        element: name,
        message: `<${name}> appears ${occurrences.length} times in ${path.join('/')}, but it is a single value`,
      });
    }
    for (const occurrence of occurrences)
      validateValue(schema, resolved, occurrence, childPath, out);
  }
}

/**
 * Validates a document's root element against the definition named `typeName`.
 * Returns the violations in document order.
 */
export function validateAgainstType(
  schema: MetadataSchema,
  typeName: string,
  root: XmlValue,
): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  validateValue(schema, { $ref: `#/definitions/${typeName}` }, root, [typeName], out);
  return out;
}
