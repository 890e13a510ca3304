/**
 * The Metadata API types of exactly the project's deploy API version: the committed model of the
 * Metadata API WSDL (tools/schemas/metadata-<version>.json, written by
 * tools/schemas/generate-metadata-schema.ts), indexed for validation. A complex type's elements are
 * flattened along its `extension` chain (the base type's sequence first, as XML Schema orders
 * them), each with its position in that sequence, its type and its occurrence bounds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementTuple, MetadataModel, SimpleTypeModel } from '../../schemas/metadata-model';

/** The schema the gate validates against; sfdx-project.json's sourceApiVersion must equal its version. */
export const METADATA_SCHEMA_FILE = path.resolve(
  __dirname,
  '..',
  '..',
  'schemas',
  'metadata-65.0.json',
);

export interface ElementDecl {
  name: string;
  /** `xsd:<builtin>`, or the name of a complex or simple type of the model. */
  type: string;
  minOccurs: number;
  /** `Infinity` for `unbounded`. */
  maxOccurs: number;
  nillable: boolean;
  /** Position in the flattened sequence (base type's elements first). */
  index: number;
  /** The type whose sequence declares it (the type itself or one of its bases). */
  declaredIn: string;
}

export interface ComplexTypeDecl {
  name: string;
  elements: ElementDecl[];
  byName: Map<string, ElementDecl>;
}

export class MetadataSchema {
  private readonly flattened = new Map<string, ComplexTypeDecl>();

  constructor(private readonly model: MetadataModel) {}

  /** The API version of the WSDL the model was generated from, e.g. `65.0`. */
  get apiVersion(): string {
    return this.model.apiVersion;
  }

  /** `forcedotcom/wsdl@5855538 resources/metadata.wsdl`: where the model came from. */
  get sourceLabel(): string {
    const { repository, commit, path: file } = this.model.source;
    return `${repository}@${commit.slice(0, 7)} ${file}`;
  }

  simpleType(name: string): SimpleTypeModel | undefined {
    return this.model.simpleTypes[name];
  }

  isComplexType(name: string): boolean {
    return name in this.model.complexTypes;
  }

  /** The complex type with its inherited elements, or undefined when the model has no such type. */
  complexType(name: string): ComplexTypeDecl | undefined {
    const cached = this.flattened.get(name);
    if (cached) return cached;
    if (!(name in this.model.complexTypes)) return undefined;
    const chain: string[] = [];
    for (let current: string | undefined = name; current; ) {
      if (chain.includes(current)) throw new Error(`type ${name} extends itself`);
      chain.unshift(current);
      current = this.model.complexTypes[current]?.base;
    }
    const elements: ElementDecl[] = [];
    for (const owner of chain) {
      for (const tuple of this.model.complexTypes[owner]?.elements ?? []) {
        elements.push(declOf(tuple, elements.length, owner));
      }
    }
    const decl: ComplexTypeDecl = {
      name,
      elements,
      byName: new Map(elements.map((element) => [element.name, element])),
    };
    this.flattened.set(name, decl);
    return decl;
  }
}

function declOf(tuple: ElementTuple, index: number, declaredIn: string): ElementDecl {
  const [name, type, minOccurs, maxOccurs] = tuple;
  return {
    name,
    type,
    minOccurs,
    maxOccurs: maxOccurs === 'unbounded' ? Infinity : maxOccurs,
    nillable: tuple[4] === 'nillable',
    index,
    declaredIn,
  };
}

const loaded = new Map<string, MetadataSchema>();

/** Reads (once per process) the committed model of the deploy API version's Metadata WSDL. */
export function loadMetadataSchema(file = METADATA_SCHEMA_FILE): MetadataSchema {
  const cached = loaded.get(file);
  if (cached) return cached;
  const model = JSON.parse(readFileSync(file, 'utf8')) as MetadataModel;
  if (typeof model.apiVersion !== 'string' || !model.complexTypes || !model.simpleTypes) {
    throw new Error(
      `${file} is not a Metadata API model (regenerate it with generate-metadata-schema.ts)`,
    );
  }
  const schema = new MetadataSchema(model);
  loaded.set(file, schema);
  return schema;
}
