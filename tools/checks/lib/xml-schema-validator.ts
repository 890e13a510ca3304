/**
 * Validates one metadata XML document against its type in the Metadata API WSDL of the deploy
 * API version (tools/checks/lib/metadata-schema.ts), the way the Metadata API's parser reads it:
 *
 * - an element the type's sequence (with its base types') does not declare is unknown
 *   (a deploy answers "Element X invalid at this location in type Y");
 * - text is checked against the element's type: enumerations, xsd:int/long (integers),
 *   xsd:double (numbers), xsd:boolean (`true`/`false`), xsd:date/dateTime/time; an element of a
 *   complex type must hold elements, not text, and an element of a simple type must hold text;
 * - an element whose maxOccurs is 1 may not repeat;
 * - optionally, element order within the sequence (`xml-element-order`) and elements with
 *   minOccurs ≥ 1 (`xml-missing-element`) other than booleans: the WSDL declares every primitive
 *   boolean with minOccurs 1, and the API defaults an omitted one to false (trailheadapps/lwc-recipes
 *   deploys a CustomPermission without `<isLicensed>`).
 * `xsi:nil="true"` is accepted; `xsi:type` (custom metadata values are `xsd:anyType`) selects the
 * type the value is checked against.
 *
 * `parseMetadataXml` (every element as a list of occurrences, no order) is the reading the other
 * checks use, with `rootElementOf`, `childNodes`, `textOf` and `eachText` to walk it.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ComplexTypeDecl, ElementDecl, MetadataSchema } from './metadata-schema';

export type SchemaRule =
  | 'xml-unknown-element'
  | 'xml-invalid-value'
  | 'xml-unexpected-structure'
  | 'xml-element-order'
  | 'xml-missing-element';

export interface SchemaViolation {
  rule: SchemaRule;
  /** Element path from the root, e.g. `['Flow', 'start', 'colour']`. */
  path: string[];
  element: string;
  /** 1-based line of the element's opening tag (or of its parent, for a missing element). */
  line: number;
  /** The offending text value, for value errors. */
  value?: string;
  message: string;
}

export interface ValidationOptions {
  /** Report elements out of their sequence's order. */
  order: boolean;
  /** Report missing elements whose minOccurs is at least 1 (booleans excepted). */
  required: boolean;
}

/** A parsed element: text, or child elements by name (each name a list of occurrences). */
export type XmlValue = string | { [name: string]: XmlValue[] };

const groupedParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: () => true,
  parseTagValue: false,
  trimValues: true,
});

/** Parses well-formed XML into `{ rootName: [value] }` (element order between names is lost). */
export function parseMetadataXml(text: string): Record<string, XmlValue[]> {
  return groupedParser.parse(text) as Record<string, XmlValue[]>;
}

/** The root element of `parseMetadataXml(text)`, whatever its name; throws on malformed XML. */
export function rootElementOf(text: string): XmlValue | undefined {
  return Object.values(parseMetadataXml(text))[0]?.[0];
}

/** Every occurrence of the child element `name` of `node` (none when `node` is text). */
export function childNodes(node: XmlValue | undefined, name: string): XmlValue[] {
  return node && typeof node === 'object' ? (node[name] ?? []) : [];
}

/** Every non-empty text below `node`, with the name of the element holding it, in order. */
export function eachText(
  node: XmlValue,
  visit: (element: string, value: string) => void,
  element = '',
): void {
  if (typeof node === 'string') {
    if (node) visit(element, node);
    return;
  }
  for (const [name, values] of Object.entries(node))
    for (const value of values) eachText(value, visit, name);
}

/** The text of the first child element `name` of `node`, unless it is empty or not text. */
export function textOf(node: XmlValue | undefined, name: string): string | undefined {
  const value = childNodes(node, name)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** One element in document order, with its attributes, text and the offset of its `<`. */
export interface OrderedElement {
  name: string;
  attributes: Record<string, string>;
  children: OrderedElement[];
  text: string;
  offset: number;
}

const orderedParser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});
// fast-xml-parser declares the symbol as the `Symbol` wrapper type; it is a primitive symbol.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElements(nodes: OrderedNode[]): { elements: OrderedElement[]; text: string } {
  const elements: OrderedElement[] = [];
  let text = '';
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      if (key === '#text') {
        text += String(node[key]);
        continue;
      }
      if (key.startsWith('?') || key === '#comment') continue;
      const inner = toElements((node[key] ?? []) as OrderedNode[]);
      const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
      elements.push({
        name: key,
        attributes: node[':@'] ?? {},
        children: inner.elements,
        text: inner.text,
        offset: meta?.startIndex ?? 0,
      });
    }
  }
  return { elements, text };
}

/** The root element of well-formed XML, in document order (entities decoded, text trimmed). */
export function parseOrdered(text: string): OrderedElement | undefined {
  return toElements(orderedParser.parse(text) as OrderedNode[]).elements[0];
}

/**
 * Element paths whose content is inline XML although the WSDL types them as a value: a bundle's
 * `targetConfigs` is `xsd:base64Binary` in the WSDL, and in source format holds
 * `<targetConfig targets="…">` elements that the LWC compiler reads from the bundle's file.
 */
const RAW_XML_PATHS = new Set(['LightningComponentBundle/targetConfigs']);

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TIMEZONE = '(Z|[+-]\\d{2}:\\d{2})?';
const DATE = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}${TIMEZONE}$`);
const TIME = new RegExp(`^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?${TIMEZONE}$`);
const DATE_TIME = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?${TIMEZONE}$`);

/** What a builtin's text must look like, or undefined when any text is allowed. */
const BUILTIN_FORMATS: Record<string, { pattern: RegExp; expected: string }> = {
  'xsd:boolean': { pattern: /^(true|false)$/, expected: 'true or false' },
  'xsd:int': { pattern: INTEGER, expected: 'an integer' },
  'xsd:long': { pattern: INTEGER, expected: 'an integer' },
  'xsd:double': { pattern: NUMBER, expected: 'a number' },
  'xsd:date': { pattern: DATE, expected: 'a date (YYYY-MM-DD)' },
  'xsd:dateTime': { pattern: DATE_TIME, expected: 'a date and time (YYYY-MM-DDThh:mm:ss)' },
  'xsd:time': { pattern: TIME, expected: 'a time (hh:mm:ss)' },
};

function describeAllowed(values: string[]): string {
  const shown = values.slice(0, 12).join(', ');
  return values.length > 12 ? `${shown}, … (${values.length} values)` : shown;
}

function stripPrefix(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

class Validator {
  readonly violations: SchemaViolation[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly schema: MetadataSchema,
    text: string,
    private readonly options: ValidationOptions,
  ) {
    for (let i = 0; i < text.length; i += 1)
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  private report(
    rule: SchemaRule,
    path: string[],
    at: OrderedElement,
    message: string,
    value?: string,
  ): void {
    this.violations.push({
      rule,
      path,
      element: path[path.length - 1],
      line: this.lineOf(at.offset),
      ...(value !== undefined ? { value } : {}),
      message,
    });
  }

  /** Validates `element` (at `path`) against `type`. */
  validate(element: OrderedElement, type: string, path: string[]): void {
    if (element.attributes['xsi:nil'] === 'true') return;
    const xsiType = element.attributes['xsi:type'];
    let effective = type;
    if (xsiType !== undefined) {
      effective = xsiType.startsWith('xsd:') ? xsiType : stripPrefix(xsiType);
    }
    const complex = this.schema.complexType(effective);
    if (complex) {
      this.validateComplex(element, complex, path);
      return;
    }
    if (effective === 'xsd:anyType') return;
    const where = path.join('/');
    const name = element.name;
    if (element.children.length > 0) {
      if (RAW_XML_PATHS.has(where)) return;
      const found = [...new Set(element.children.map((child) => child.name))].join('>, <');
      this.report(
        'xml-unexpected-structure',
        path,
        element,
        `<${name}> at ${where} must be a value (${effective}), found child elements <${found}>`,
      );
      return;
    }
    const text = element.text;
    const simple = this.schema.simpleType(effective);
    if (simple?.enumeration && !simple.enumeration.includes(text)) {
      this.report(
        'xml-invalid-value',
        path,
        element,
        `<${name}> at ${where} has invalid value "${text}"; allowed (${effective}): ${describeAllowed(simple.enumeration)}`,
        text,
      );
      return;
    }
    const format = BUILTIN_FORMATS[simple ? simple.base : effective];
    if (format && !format.pattern.test(text)) {
      this.report(
        'xml-invalid-value',
        path,
        element,
        `<${name}> at ${where} must be ${format.expected}, found "${text}"`,
        text,
      );
    }
  }

  private validateComplex(element: OrderedElement, type: ComplexTypeDecl, path: string[]): void {
    const where = path.join('/');
    const version = this.schema.apiVersion;
    if (element.text !== '' && element.children.length === 0) {
      this.report(
        'xml-unexpected-structure',
        path,
        element,
        `<${element.name}> at ${where} must contain elements (type ${type.name}), found text "${element.text}"`,
        element.text,
      );
      return;
    }
    const counts = new Map<string, number>();
    let furthest: ElementDecl | undefined;
    for (const child of element.children) {
      const childPath = [...path, child.name];
      const decl = type.byName.get(child.name);
      if (!decl) {
        this.report(
          'xml-unknown-element',
          childPath,
          child,
          `<${child.name}> is not an element of ${where} (type ${type.name} has no such element in Metadata API ${version}; a deploy answers "Element ${child.name} invalid at this location in type ${type.name}")`,
        );
        continue;
      }
      const count = (counts.get(decl.name) ?? 0) + 1;
      counts.set(decl.name, count);
      if (count === 2 && decl.maxOccurs === 1) {
        const total = element.children.filter((other) => other.name === child.name).length;
        this.report(
          'xml-unexpected-structure',
          childPath,
          child,
          `<${child.name}> appears ${total} times in ${where}, but it is a single value`,
        );
      }
      if (this.options.order && furthest && decl.index < furthest.index) {
        this.report(
          'xml-element-order',
          childPath,
          child,
          `<${child.name}> in ${where} comes after <${furthest.name}>, but type ${type.name} (Metadata API ${version}) orders it before; a deploy answers "Element ${child.name} invalid at this location in type ${type.name}"`,
        );
      } else if (!furthest || decl.index > furthest.index) {
        furthest = decl;
      }
      this.validate(child, decl.type, childPath);
    }
    if (!this.options.required) return;
    for (const decl of type.elements) {
      if (decl.minOccurs > 0 && decl.type !== 'xsd:boolean' && !counts.has(decl.name)) {
        this.report(
          'xml-missing-element',
          [...path, decl.name],
          element,
          `${where} lacks <${decl.name}>, which type ${type.name} requires (minOccurs ${decl.minOccurs} in Metadata API ${version})`,
        );
      }
    }
  }
}

/**
 * Validates the root element of `text` (well-formed XML) against the complex type `typeName` of
 * `schema`. Returns the violations in document order (missing elements after their parent's
 * other findings).
 */
export function validateAgainstType(
  schema: MetadataSchema,
  typeName: string,
  text: string,
  options: ValidationOptions,
): SchemaViolation[] {
  const root = parseOrdered(text);
  if (!root) return [];
  const validator = new Validator(schema, text, options);
  validator.validate(root, typeName, [typeName]);
  return validator.violations;
}
