/**
 * A small model of the project's Apex classes — what a Lightning web component can reach: each
 * class (and inner class) with its access, its methods (static, access, annotations with their
 * `name=value` pairs) and its fields and properties (type text, annotations). Built from the parse
 * tree of @apexdevtools/apex-parser (parsed by lib/apex-ast.ts), so comments, strings and
 * formatting never mislead it.
 * Annotation and class names are matched case-insensitively, as Apex does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CompilationUnitContext,
  type ClassDeclarationContext,
  type ModifierContext,
} from '@apexdevtools/apex-parser';
import { parseApex } from './apex-ast';

/** `public`, `global`, `private`, `protected`, or `default` (no access keyword). */
export type ApexAccess = 'public' | 'global' | 'private' | 'protected' | 'default';

/** One annotation: its name in lower case and its `name=value` pairs (names lower case). */
export interface ApexAnnotation {
  name: string;
  values: Map<string, string>;
}

export interface ApexMethod {
  name: string;
  line: number;
  isStatic: boolean;
  access: ApexAccess;
  annotations: ApexAnnotation[];
}

export interface ApexMember {
  /** The name as declared (the JSON key Apex serialises). */
  name: string;
  line: number;
  /** The declared type as written, without spaces, e.g. `List<CloseContext.StageInfo>`. */
  type: string;
  isStatic: boolean;
  annotations: ApexAnnotation[];
}

export interface ApexClass {
  /** Enums and interfaces are modelled too (no members): an enum serialises as its name. */
  kind: 'class' | 'enum' | 'interface';
  name: string;
  /** Project-relative path of the `.cls` file. */
  file: string;
  line: number;
  access: ApexAccess;
  annotations: ApexAnnotation[];
  /** The `extends` type as written, if any. */
  superclass?: string;
  methods: ApexMethod[];
  members: ApexMember[];
  inner: ApexClass[];
  outer?: ApexClass;
}

/**
 * The project's classes by top-level name, parsed on first use (a class file is named after its
 * class; parsing all of them would cost seconds for the few a component reaches).
 */
export class ApexModel {
  private readonly parsed = new Map<string, ApexClass | undefined>();

  constructor(
    private readonly projectDir: string,
    /** Lower-case class name → project-relative `.cls` path. */
    readonly files: Map<string, string>,
  ) {}

  /** The class of that top-level name (case-insensitive), if it exists and parses. */
  get(name: string): ApexClass | undefined {
    const key = name.toLowerCase();
    if (!this.parsed.has(key)) {
      const file = this.files.get(key);
      this.parsed.set(
        key,
        file
          ? parseApexClass(readFileSync(path.join(this.projectDir, file), 'utf8'), file)
          : undefined,
      );
    }
    return this.parsed.get(key);
  }

  /** True when a file of that class exists but does not parse: its members are unknown. */
  isUnparsed(name: string): boolean {
    return this.files.has(name.toLowerCase()) && this.get(name) === undefined;
  }
}

interface Modifiers {
  access: ApexAccess;
  isStatic: boolean;
  annotations: ApexAnnotation[];
}

function readModifiers(modifiers: ModifierContext[]): Modifiers {
  const result: Modifiers = { access: 'default', isStatic: false, annotations: [] };
  for (const modifier of modifiers) {
    const annotation = modifier.annotation();
    if (annotation) {
      const values = new Map<string, string>();
      for (const pair of annotation.elementValuePairs()?.elementValuePair_list() ?? []) {
        values.set(pair.id().getText().toLowerCase(), pair.elementValue().getText());
      }
      const single = annotation.elementValue();
      if (single) values.set('value', single.getText());
      result.annotations.push({ name: annotation.id().getText().toLowerCase(), values });
      continue;
    }
    const keyword = modifier.getText().toLowerCase();
    if (['public', 'global', 'private', 'protected'].includes(keyword)) {
      result.access = keyword as ApexAccess;
    } else if (keyword === 'static') {
      result.isStatic = true;
    }
  }
  return result;
}

function readClass(
  declaration: ClassDeclarationContext,
  modifiers: Modifiers,
  file: string,
  outer?: ApexClass,
): ApexClass {
  const apexClass: ApexClass = {
    kind: 'class',
    name: declaration.id().getText(),
    file,
    line: declaration.start.line,
    access: modifiers.access,
    annotations: modifiers.annotations,
    superclass: declaration.EXTENDS() ? declaration.typeRef()?.getText() : undefined,
    methods: [],
    members: [],
    inner: [],
    outer,
  };
  for (const body of declaration.classBody().classBodyDeclaration_list()) {
    const member = body.memberDeclaration();
    if (!member) continue;
    const own = readModifiers(body.modifier_list());
    const method = member.methodDeclaration();
    const field = member.fieldDeclaration();
    const property = member.propertyDeclaration();
    const inner = member.classDeclaration();
    const innerOther = member.enumDeclaration() ?? member.interfaceDeclaration();
    if (method) {
      apexClass.methods.push({
        name: method.id().getText(),
        line: body.start.line,
        isStatic: own.isStatic,
        access: own.access,
        annotations: own.annotations,
      });
    } else if (field) {
      for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
        apexClass.members.push({
          name: declarator.id().getText(),
          line: declarator.start.line,
          type: field.typeRef().getText(),
          isStatic: own.isStatic,
          annotations: own.annotations,
        });
      }
    } else if (property) {
      apexClass.members.push({
        name: property.id().getText(),
        line: property.id().start.line,
        type: property.typeRef().getText(),
        isStatic: own.isStatic,
        annotations: own.annotations,
      });
    } else if (inner) {
      apexClass.inner.push(readClass(inner, own, file, apexClass));
    } else if (innerOther) {
      apexClass.inner.push(
        bareType(
          innerOther.id().getText(),
          member.enumDeclaration() ? 'enum' : 'interface',
          own,
          file,
          innerOther.start.line,
          apexClass,
        ),
      );
    }
  }
  return apexClass;
}

/** An enum or interface: a name and a kind, nothing a component can call or receive. */
function bareType(
  name: string,
  kind: 'enum' | 'interface',
  modifiers: Modifiers,
  file: string,
  line: number,
  outer?: ApexClass,
): ApexClass {
  return {
    kind,
    name,
    file,
    line,
    access: modifiers.access,
    annotations: modifiers.annotations,
    methods: [],
    members: [],
    inner: [],
    outer,
  };
}

/** Parses one Apex class (or enum, or interface) file; `undefined` when it has syntax errors. */
export function parseApexClass(text: string, file: string): ApexClass | undefined {
  const { tree } = parseApex(text, false);
  if (!(tree instanceof CompilationUnitContext)) return undefined;
  const declaration = tree.typeDeclaration();
  if (!declaration) return undefined;
  const modifiers = readModifiers(declaration.modifier_list());
  const classDeclaration = declaration.classDeclaration();
  if (classDeclaration) return readClass(classDeclaration, modifiers, file);
  const other = declaration.enumDeclaration() ?? declaration.interfaceDeclaration();
  if (!other) return undefined;
  const kind = declaration.enumDeclaration() ? 'enum' : 'interface';
  return bareType(other.id().getText(), kind, modifiers, file, other.start.line);
}

/** The model of the project's `.cls` files (paths relative to `projectDir`). */
export function buildApexModel(projectDir: string, files: string[]): ApexModel {
  const byName = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.cls'))) {
    byName.set(path.posix.basename(file, '.cls').toLowerCase(), file);
  }
  return new ApexModel(projectDir, byName);
}

/** The annotation of that (lower-case) name, if present. */
export function annotation(
  annotated: { annotations: ApexAnnotation[] },
  name: string,
): ApexAnnotation | undefined {
  return annotated.annotations.find((candidate) => candidate.name === name);
}

/** True when the annotation has `key=true` (case-insensitive), as `cacheable=true`. */
export function isTrue(found: ApexAnnotation | undefined, key: string): boolean {
  return found?.values.get(key)?.toLowerCase() === 'true';
}

/** A class by dotted name (`Outer` or `Outer.Inner`), case-insensitive. */
export function findClass(model: ApexModel, dotted: string): ApexClass | undefined {
  const [top, ...rest] = dotted.split('.');
  let current = model.get(top);
  for (const part of rest) {
    current = current?.inner.find((inner) => inner.name.toLowerCase() === part.toLowerCase());
  }
  return current;
}

/**
 * Resolves a type name as Apex would from inside `from`: an inner class of `from` or of its
 * outer classes, then a top-level class (or `Outer.Inner`).
 */
export function resolveClass(
  model: ApexModel,
  name: string,
  from: ApexClass,
): ApexClass | undefined {
  if (!name.includes('.')) {
    for (let scope: ApexClass | undefined = from; scope; scope = scope.outer) {
      if (scope.name.toLowerCase() === name.toLowerCase()) return scope;
      const inner = scope.inner.find(
        (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
      );
      if (inner) return inner;
    }
  }
  return findClass(model, name);
}

/** `Outer.Inner` for an inner class, the name for a top-level one. */
export function qualifiedName(apexClass: ApexClass): string {
  return apexClass.outer ? `${qualifiedName(apexClass.outer)}.${apexClass.name}` : apexClass.name;
}
