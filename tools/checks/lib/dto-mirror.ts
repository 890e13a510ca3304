/**
 * `lwc-contract` rules on shared TypeScript types that mirror Apex DTOs (types/close-api.ts): an
 * interface tagged `@apex ClassName` (or `@apex Outer.Inner`) in its JSDoc must have exactly the
 * properties Apex serialises for that class — its non-static fields and properties annotated
 * `@AuraEnabled` (what a component receives and sends) or `@InvocableVariable` (what the actions
 * REST API reads and writes) — with the same name, case included (the JSON keys are the Apex
 * declarations'), and a matching type where one maps: String, Id, Date, Datetime, Time, Blob →
 * string; Integer, Long, Decimal, Double → number; Boolean → boolean; List<X>, Set<X>, X[] → X[];
 * Map<String, X> → Record<string, X>; a DTO class → its interface or an inline object type, which
 * is compared the same way. `?`, `| null` and string-literal unions are allowed. Types that do
 * not map (Object, sObjects, imported aliases) are not compared.
 * The files read are the TypeScript modules the project's components import by relative path.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Finding } from '../types';
import {
  annotation,
  findClass,
  qualifiedName,
  resolveClass,
  type ApexClass,
  type ApexMember,
  type ApexModel,
} from './apex-model';
import type { LwcBundle } from './lwc-bundles';
import { toProjectPath } from './project-files';

type Shape =
  | { kind: 'string' | 'number' | 'boolean' | 'unknown' }
  | { kind: 'array' | 'map'; of: Shape }
  | { kind: 'object'; ts?: TsObject; apex?: ApexClass };

interface TsObject {
  /** Interface name, absent for an inline object type. */
  name?: string;
  /** The `@apex` tag's class name. */
  tag?: string;
  line: number;
  members: ts.TypeElement[];
  /** False when it extends a type this file does not declare (its members are unknown). */
  complete: boolean;
}

interface TsFile {
  file: string;
  source: ts.SourceFile;
  interfaces: Map<string, ts.InterfaceDeclaration>;
  aliases: Map<string, ts.TypeAliasDeclaration>;
}

type Primitive = 'string' | 'number' | 'boolean';

const PRIMITIVE: Record<string, Primitive> = {
  string: 'string',
  id: 'string',
  date: 'string',
  datetime: 'string',
  time: 'string',
  blob: 'string',
  integer: 'number',
  long: 'number',
  decimal: 'number',
  double: 'number',
  boolean: 'boolean',
};

// ---------------------------------------------------------------- Apex types

interface ApexTypeName {
  name: string;
  args: ApexTypeName[];
  arrays: number;
}

/** Parses a type as the Apex parser prints it: `Map<String,List<CloseContext.StageInfo>>`. */
export function parseApexType(text: string): ApexTypeName {
  let position = 0;
  const read = (): ApexTypeName => {
    const name = /^[\w.]+/.exec(text.slice(position))?.[0] ?? '';
    position += name.length;
    const args: ApexTypeName[] = [];
    if (text[position] === '<') {
      position += 1;
      args.push(read());
      while (text[position] === ',') {
        position += 1;
        args.push(read());
      }
      position += 1; // '>'
    }
    let arrays = 0;
    while (text.startsWith('[]', position)) {
      arrays += 1;
      position += 2;
    }
    return { name, args, arrays };
  };
  return read();
}

function apexShape(type: ApexTypeName, from: ApexClass, model: ApexModel): Shape {
  if (type.arrays > 0) {
    return { kind: 'array', of: apexShape({ ...type, arrays: type.arrays - 1 }, from, model) };
  }
  const lower = type.name.toLowerCase();
  if ((lower === 'list' || lower === 'set') && type.args.length === 1) {
    return { kind: 'array', of: apexShape(type.args[0], from, model) };
  }
  if (lower === 'map' && type.args.length === 2) {
    const key = type.args[0].name.toLowerCase();
    if (key !== 'string' && key !== 'id') return { kind: 'unknown' };
    return { kind: 'map', of: apexShape(type.args[1], from, model) };
  }
  const primitive = PRIMITIVE[lower.replace(/^system\./, '')];
  if (primitive) return { kind: primitive };
  const apex = resolveClass(model, type.name, from);
  if (apex?.kind === 'enum') return { kind: 'string' }; // an enum value serialises as its name
  return apex?.kind === 'class' ? { kind: 'object', apex } : { kind: 'unknown' };
}

/**
 * The members Apex serialises: instance fields and properties that are @AuraEnabled or
 * invocable, the superclass's included. `complete` is false when a superclass is not in the
 * project (its members are unknown).
 */
function exposedMembers(
  apexClass: ApexClass,
  model: ApexModel,
): { members: ApexMember[]; owners: Map<ApexMember, ApexClass>; complete: boolean } {
  const members: ApexMember[] = [];
  const owners = new Map<ApexMember, ApexClass>();
  let complete = true;
  const seen = new Set<ApexClass>();
  for (let current: ApexClass | undefined = apexClass; current && !seen.has(current); ) {
    seen.add(current);
    for (const member of current.members) {
      if (member.isStatic) continue;
      if (
        annotation(member, 'auraenabled') === undefined &&
        annotation(member, 'invocablevariable') === undefined
      ) {
        continue;
      }
      members.push(member);
      owners.set(member, current);
    }
    if (!current.superclass) break;
    const parent = resolveClass(model, parseApexType(current.superclass).name, current);
    if (!parent) complete = false;
    current = parent;
  }
  return { members, owners, complete };
}

// ---------------------------------------------------------------- TypeScript types

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function apexTag(node: ts.Node): string | undefined {
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text === 'apex') {
      const comment = typeof tag.comment === 'string' ? tag.comment : undefined;
      return comment?.trim().split(/\s+/)[0];
    }
  }
  return undefined;
}

function readTsFile(projectDir: string, absolute: string): TsFile {
  const text = readFileSync(absolute, 'utf8');
  const source = ts.createSourceFile(
    absolute,
    text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    else if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement);
  }
  return { file: toProjectPath(projectDir, absolute), source, interfaces, aliases };
}

/** An interface with the members of the interfaces it extends (those of the same file). */
function tsObjectOf(declaration: ts.InterfaceDeclaration, file: TsFile): TsObject {
  const members: ts.TypeElement[] = [];
  let complete = true;
  const visit = (current: ts.InterfaceDeclaration, seen: Set<string>): void => {
    members.push(...current.members);
    for (const clause of current.heritageClauses ?? []) {
      for (const base of clause.types) {
        const name = ts.isIdentifier(base.expression) ? base.expression.text : '';
        const parent = file.interfaces.get(name);
        if (!parent || seen.has(name)) complete = false;
        else visit(parent, new Set([...seen, name]));
      }
    }
  };
  visit(declaration, new Set([declaration.name.text]));
  return {
    name: declaration.name.text,
    tag: apexTag(declaration),
    line: lineOf(file.source, declaration),
    members,
    complete,
  };
}

function tsShape(node: ts.TypeNode, file: TsFile, seen = new Set<string>()): Shape {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    default:
      break;
  }
  if (ts.isLiteralTypeNode(node)) {
    if (ts.isStringLiteral(node.literal)) return { kind: 'string' };
    if (ts.isNumericLiteral(node.literal)) return { kind: 'number' };
    if (
      node.literal.kind === ts.SyntaxKind.TrueKeyword ||
      node.literal.kind === ts.SyntaxKind.FalseKeyword
    ) {
      return { kind: 'boolean' };
    }
    return { kind: 'unknown' }; // null
  }
  if (ts.isParenthesizedTypeNode(node)) return tsShape(node.type, file, seen);
  if (ts.isUnionTypeNode(node)) {
    const shapes = node.types
      .filter(
        (member) =>
          member.kind !== ts.SyntaxKind.UndefinedKeyword &&
          !(ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword),
      )
      .map((member) => tsShape(member, file, seen));
    const kinds = new Set(shapes.map((shape) => shape.kind));
    if (shapes.length === 0 || kinds.size !== 1) return { kind: 'unknown' };
    return shapes.length === 1 || ['string', 'number', 'boolean'].includes(shapes[0].kind)
      ? shapes[0]
      : { kind: 'unknown' };
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'array', of: tsShape(node.elementType, file, seen) };
  if (ts.isTypeLiteralNode(node)) {
    return {
      kind: 'object',
      ts: { line: lineOf(file.source, node), members: [...node.members], complete: true },
    };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    const args = node.typeArguments ?? [];
    if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) {
      return { kind: 'array', of: tsShape(args[0], file, seen) };
    }
    if (name === 'Record' && args.length === 2) {
      return args[0].kind === ts.SyntaxKind.StringKeyword
        ? { kind: 'map', of: tsShape(args[1], file, seen) }
        : { kind: 'unknown' };
    }
    const declaration = file.interfaces.get(name);
    if (declaration) return { kind: 'object', ts: tsObjectOf(declaration, file) };
    const alias = file.aliases.get(name);
    if (alias && !seen.has(name)) return tsShape(alias.type, file, new Set([...seen, name]));
  }
  return { kind: 'unknown' };
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'array':
      return `${describe(shape.of)}[]`;
    case 'map':
      return `Record<string, ${describe(shape.of)}>`;
    case 'object':
      if (shape.apex) return `Apex ${qualifiedName(shape.apex)}`;
      return shape.ts?.name ?? 'an object type';
    default:
      return shape.kind;
  }
}

// ---------------------------------------------------------------- comparison

class Comparer {
  readonly findings: Finding[] = [];
  private readonly compared = new Set<string>();

  constructor(
    private readonly file: TsFile,
    private readonly model: ApexModel,
  ) {}

  /** Compares one TS object type with one Apex class, once per pair. */
  compareObject(object: TsObject, apexClass: ApexClass, label = object.name ?? 'object'): void {
    const key = `${object.line}:${qualifiedName(apexClass)}`;
    if (this.compared.has(key)) return;
    this.compared.add(key);
    const where = `${label} (mirrors ${qualifiedName(apexClass)}, ${apexClass.file})`;
    const { members: exposed, owners, complete } = exposedMembers(apexClass, this.model);
    const byName = new Map(exposed.map((member) => [member.name, member]));
    const seen = new Set<string>();
    for (const member of object.members) {
      if (!ts.isPropertySignature(member) || !member.name) continue;
      const name =
        ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : '';
      if (!name) continue;
      seen.add(name);
      const line = lineOf(this.file.source, member);
      const apexMember = byName.get(name);
      if (!apexMember) {
        if (!complete) continue; // it may come from a superclass outside the project
        const other = exposed.find(
          (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
        );
        this.findings.push({
          file: this.file.file,
          line,
          rule: 'dto-missing-property',
          message: other
            ? `${where}: ${name} is declared ${other.name} in Apex (${(owners.get(other) ?? apexClass).file}:${other.line}); the JSON key is ${other.name}`
            : `${where}: ${name} is not an @AuraEnabled or @InvocableVariable property of ${qualifiedName(apexClass)}, so it is never sent or read`,
        });
        continue;
      }
      if (!member.type) continue;
      this.compareShapes(
        tsShape(member.type, this.file),
        apexShape(parseApexType(apexMember.type), owners.get(apexMember) ?? apexClass, this.model),
        { where: `${where}: ${name}`, path: `${label}.${name}`, line, apexText: apexMember.type },
      );
    }
    for (const member of object.complete ? exposed : []) {
      if (seen.has(member.name)) continue;
      if ([...seen].some((name) => name.toLowerCase() === member.name.toLowerCase())) continue;
      this.findings.push({
        file: this.file.file,
        line: object.line,
        rule: 'dto-extra-property',
        message: `${where}: Apex serialises ${member.name} (${member.type}, ${(owners.get(member) ?? apexClass).file}:${member.line}) but the TypeScript type has no such property`,
      });
    }
  }

  /** `property` is where the pair was found: message prefix, dotted path, line, Apex type. */
  private compareShapes(
    tsSide: Shape,
    apexSide: Shape,
    property: { where: string; path: string; line: number; apexText: string },
  ): void {
    if (tsSide.kind === 'unknown' || apexSide.kind === 'unknown') return;
    const mismatch = (): void => {
      this.findings.push({
        file: this.file.file,
        line: property.line,
        rule: 'dto-type-mismatch',
        message: `${property.where} is ${describe(tsSide)} in TypeScript but Apex declares ${property.apexText} (${describe(apexSide)})`,
      });
    };
    if (tsSide.kind !== apexSide.kind) {
      mismatch();
      return;
    }
    if (
      (tsSide.kind === 'array' || tsSide.kind === 'map') &&
      (apexSide.kind === 'array' || apexSide.kind === 'map')
    ) {
      this.compareShapes(tsSide.of, apexSide.of, property);
      return;
    }
    if (tsSide.kind === 'object' && apexSide.kind === 'object' && tsSide.ts && apexSide.apex) {
      if (tsSide.ts.tag) {
        const tagged = findClass(this.model, tsSide.ts.tag);
        if (tagged && tagged !== apexSide.apex) mismatch();
        return; // a tagged interface is compared on its own
      }
      this.compareObject(tsSide.ts, apexSide.apex, tsSide.ts.name ?? property.path);
    }
  }
}

/** The TypeScript modules outside the bundles that the components import by relative path. */
export function mirrorFiles(projectDir: string, bundles: LwcBundle[]): string[] {
  const found = new Set<string>();
  for (const bundle of bundles) {
    for (const module of bundle.modules) {
      for (const imported of module.source.imports) {
        if (!imported.module.startsWith('.')) continue;
        const base = path.resolve(projectDir, path.dirname(module.file), imported.module);
        if (base.startsWith(path.resolve(projectDir, bundle.directory) + path.sep)) continue;
        const candidate = [`${base}.ts`, base, path.join(base, 'index.ts')].find(
          (file) => file.endsWith('.ts') && existsSync(file),
        );
        if (candidate) found.add(candidate);
      }
    }
  }
  return [...found].sort();
}

/** Findings for every `@apex`-tagged interface in the given TypeScript files (absolute paths). */
export function dtoFindings(projectDir: string, files: string[], model: ApexModel): Finding[] {
  const findings: Finding[] = [];
  for (const absolute of files) {
    const file = readTsFile(projectDir, absolute);
    const comparer = new Comparer(file, model);
    for (const declaration of file.interfaces.values()) {
      const object = tsObjectOf(declaration, file);
      if (!object.tag) continue;
      const apexClass = findClass(model, object.tag);
      if (!apexClass) {
        if (!model.isUnparsed(object.tag.split('.')[0])) {
          findings.push({
            file: file.file,
            line: object.line,
            rule: 'dto-unknown-class',
            message: `${object.name ?? ''} is tagged @apex ${object.tag}, but the project has no such Apex class`,
          });
        }
        continue;
      }
      comparer.compareObject(object, apexClass);
    }
    findings.push(...comparer.findings);
  }
  return findings;
}
