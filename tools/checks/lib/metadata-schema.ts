/**
 * The Metadata API's current types as JSON Schema, derived from `@salesforce/types`
 * (lib/metadata.d.ts) with ts-json-schema-generator. Generating takes a few seconds, so the schema
 * is cached under `.cache/` keyed by the `@salesforce/types` version: a warm run reads one JSON
 * file; a cold run (CI) generates it once.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

/** The subset of JSON Schema that ts-json-schema-generator emits for metadata.d.ts. */
export interface SchemaNode {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  format?: string;
}

export interface MetadataSchema {
  typesVersion: string;
  definitions: Record<string, SchemaNode>;
}

const toolsRoot = path.resolve(__dirname, '..', '..', '..');

/** The installed `@salesforce/types` folder (its `exports` hide package.json from require). */
function typesPackageDir(): string {
  let dir = path.dirname(require.resolve('@salesforce/types/metadata', { paths: [toolsRoot] }));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

function generate(typesDir: string, typesVersion: string): MetadataSchema {
  const generator = createGenerator({
    path: path.join(typesDir, 'lib', 'metadata.d.ts'),
    type: '*',
    expose: 'export',
    topRef: false,
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const schema = generator.createSchema('*');
  return {
    typesVersion,
    definitions: (schema.definitions ?? {}) as Record<string, SchemaNode>,
  };
}

/**
 * Loads the schema from `<cacheDir>/metadata-schema-<version>.json`, generating and caching it
 * when absent. `cacheDir` defaults to `.cache/` at the repository root.
 */
export function loadMetadataSchema(cacheDir = path.join(toolsRoot, '.cache')): MetadataSchema {
  const typesDir = typesPackageDir();
  const { version } = JSON.parse(readFileSync(path.join(typesDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const cacheFile = path.join(cacheDir, `metadata-schema-${version}.json`);
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as MetadataSchema;
    if (cached.typesVersion === version && cached.definitions) return cached;
  }
  const schema = generate(typesDir, version);
  mkdirSync(cacheDir, { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(schema));
  renameSync(temporary, cacheFile);
  return schema;
}

/** Follows `$ref`s to the node they name (`#/definitions/X`). */
export function resolveNode(schema: MetadataSchema, node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref && hops < 20; hops += 1) {
    const name = current.$ref.replace('#/definitions/', '');
    const target = schema.definitions[decodeURIComponent(name)];
    if (!target) return {};
    current = target;
  }
  return current;
}
