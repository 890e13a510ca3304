/**
 * Writes tools/schemas/metadata-<version>.json from a Salesforce Metadata API WSDL: every named
 * complexType (its base type, its elements in sequence order with type, minOccurs, maxOccurs,
 * nillable) and every simpleType (enumeration values and facets), plus the API version read from
 * the WSDL's header comment and where the WSDL came from. The `metadata` check validates the
 * project's XML against that file, so the schema is exactly the deploy API version's.
 *
 * The WSDL is not fetched here (CI has no network): take it from forcedotcom/wsdl, e.g.
 *   git --git-dir=<wsdl repo> show 5855538:resources/metadata.wsdl > /tmp/metadata.wsdl
 *   npx tsx tools/schemas/generate-metadata-schema.ts /tmp/metadata.wsdl \
 *     --commit 5855538a3004b4af96ed52ab771c143ccd93df6e
 * and commit the output. See tools/schemas/metadata-model.ts for the format.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type {
  ComplexTypeModel,
  ElementTuple,
  MetadataModel,
  SimpleTypeModel,
} from './metadata-model';

/** A parsed XSD node: attributes under `@`, child elements by local name, each a list. */
interface XsdNode {
  [child: string]: XsdNode[] | Record<string, string> | undefined;
  '@'?: Record<string, string>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  removeNSPrefix: true,
  isArray: (name) => name !== '@',
  parseTagValue: false,
  parseAttributeValue: false,
});

function children(node: XsdNode, name: string): XsdNode[] {
  const value = node[name];
  return Array.isArray(value) ? value : [];
}

function attribute(node: XsdNode, name: string): string | undefined {
  return node['@']?.[name];
}

/** `tns:FlowStart` → `FlowStart`; `xsd:string` stays `xsd:string`. */
function typeName(qualified: string): string {
  if (qualified.startsWith('xsd:')) return qualified;
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

function occurs(value: string | undefined): number | 'unbounded' {
  if (value === undefined) return 1;
  if (value === 'unbounded') return 'unbounded';
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new Error(`bad occurrence count "${value}"`);
  return count;
}

function sequenceOf(owner: string, sequence: XsdNode | undefined): ComplexTypeModel {
  const model: ComplexTypeModel = { elements: [] };
  if (!sequence) return model;
  if (children(sequence, 'any').length > 0) model.anyElement = true;
  for (const element of children(sequence, 'element')) {
    const name = attribute(element, 'name');
    const type = attribute(element, 'type');
    if (!name || !type) throw new Error(`${owner}: an element without name or type`);
    const min = occurs(attribute(element, 'minOccurs'));
    if (min === 'unbounded') throw new Error(`${owner}.${name}: minOccurs unbounded`);
    const tuple: ElementTuple = [
      name,
      typeName(type),
      min,
      occurs(attribute(element, 'maxOccurs')),
    ];
    if (attribute(element, 'nillable') === 'true') tuple.push('nillable');
    model.elements.push(tuple);
  }
  return model;
}

function complexTypeOf(node: XsdNode): ComplexTypeModel {
  const name = attribute(node, 'name') ?? '?';
  const extension = children(children(node, 'complexContent')[0] ?? {}, 'extension')[0];
  if (extension) {
    const base = attribute(extension, 'base');
    if (!base) throw new Error(`${name}: extension without base`);
    return { base: typeName(base), ...sequenceOf(name, children(extension, 'sequence')[0]) };
  }
  return sequenceOf(name, children(node, 'sequence')[0]);
}

function simpleTypeOf(node: XsdNode): SimpleTypeModel {
  const name = attribute(node, 'name') ?? '?';
  const restriction = children(node, 'restriction')[0];
  const base = restriction && attribute(restriction, 'base');
  if (!restriction || !base) throw new Error(`${name}: simpleType without restriction base`);
  const model: SimpleTypeModel = { base: typeName(base) };
  const values = children(restriction, 'enumeration').map((e) => attribute(e, 'value') ?? '');
  if (values.length > 0) model.enumeration = values;
  const pattern = children(restriction, 'pattern')[0];
  if (pattern) model.pattern = attribute(pattern, 'value');
  const length = children(restriction, 'length')[0];
  if (length) model.length = Number(attribute(length, 'value'));
  return model;
}

/** The API version of the WSDL's header comment ("Salesforce.com Metadata API version 65.0"). */
export function apiVersionOf(wsdl: string): string {
  const match = /Salesforce\.com Metadata API version (\d+\.\d+)/.exec(wsdl.slice(0, 2000));
  if (!match) throw new Error('not a Metadata API WSDL: its header names no API version');
  return match[1];
}

export interface WsdlSource {
  repository: string;
  commit: string;
  path: string;
}

/** Reduces the WSDL text to the model (see metadata-model.ts). Throws on shapes it cannot read. */
export function modelFromWsdl(wsdl: string, source: WsdlSource): MetadataModel {
  const apiVersion = apiVersionOf(wsdl);
  const document = parser.parse(wsdl) as XsdNode;
  const definitions = children(document, 'definitions')[0];
  const schemas = children(children(definitions ?? {}, 'types')[0] ?? {}, 'schema');
  if (schemas.length === 0) throw new Error('the WSDL has no <types><xsd:schema>');
  const complexTypes: Record<string, ComplexTypeModel> = {};
  const simpleTypes: Record<string, SimpleTypeModel> = {};
  for (const schema of schemas) {
    for (const node of children(schema, 'complexType')) {
      const name = attribute(node, 'name');
      if (!name) continue;
      if (complexTypes[name]) throw new Error(`complexType ${name} is defined twice`);
      complexTypes[name] = complexTypeOf(node);
    }
    for (const node of children(schema, 'simpleType')) {
      const name = attribute(node, 'name');
      if (!name) continue;
      if (simpleTypes[name]) throw new Error(`simpleType ${name} is defined twice`);
      simpleTypes[name] = simpleTypeOf(node);
    }
  }
  const known = (type: string): boolean =>
    type.startsWith('xsd:') || type in complexTypes || type in simpleTypes;
  for (const [name, model] of Object.entries(complexTypes)) {
    if (model.base && !(model.base in complexTypes)) {
      throw new Error(`${name} extends unknown type ${model.base}`);
    }
    for (const [element, type] of model.elements) {
      if (!known(type)) throw new Error(`${name}.${element} has unknown type ${type}`);
    }
  }
  return {
    apiVersion,
    source: { ...source, sha256: createHash('sha256').update(wsdl).digest('hex') },
    generatedBy: 'tools/schemas/generate-metadata-schema.ts',
    complexTypes,
    simpleTypes,
  };
}

function option(args: string[], name: string, fallback?: string): string {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : fallback;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wsdlPath = args[0];
  if (!wsdlPath || wsdlPath.startsWith('--')) {
    throw new Error(
      'usage: generate-metadata-schema.ts <metadata.wsdl> --commit <sha> [--repository forcedotcom/wsdl] [--path resources/metadata.wsdl] [--out file]',
    );
  }
  const wsdl = readFileSync(wsdlPath, 'utf8');
  const model = modelFromWsdl(wsdl, {
    repository: option(args, '--repository', 'forcedotcom/wsdl'),
    commit: option(args, '--commit'),
    path: option(args, '--path', 'resources/metadata.wsdl'),
  });
  const out = path.resolve(
    option(args, '--out', path.join(__dirname, `metadata-${model.apiVersion}.json`)),
  );
  // Formatted as the repository's Prettier formats it, so `prettier --check` passes unchanged.
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(out)) ?? {};
  writeFileSync(out, await prettier.format(JSON.stringify(model), { ...config, filepath: out }));
  const complex = Object.keys(model.complexTypes).length;
  const simple = Object.keys(model.simpleTypes).length;
  console.log(
    `${out}: Metadata API ${model.apiVersion}, ${complex} complex types, ${simple} simple types`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
