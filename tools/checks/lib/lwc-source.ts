/**
 * Reads what a Lightning web component's JavaScript or TypeScript declares towards the platform,
 * with the TypeScript parser (no type checking, so `.js` and `.ts` read alike): its module
 * imports (`@salesforce/apex/…`, `@salesforce/label/…`, …) with their lines, the `@api` members
 * of its component class, the adapters its `@wire` decorators use, and whether the class extends
 * `LightningElement` directly (possibly through mixins) — only then is its `@api` list complete.
 */
import ts from 'typescript';

export interface LwcImport {
  /** The module specifier, e.g. `@salesforce/apex/CloseOpportunityController.loadContext`. */
  module: string;
  /** The local name of the default import, if any. */
  defaultName?: string;
  line: number;
}

export interface LwcSource {
  imports: LwcImport[];
  /** Public property and method names (`@api x`, `@api get x()`, `@api m()`). */
  apiMembers: Set<string>;
  /** True when the component class extends LightningElement, directly or through mixins. */
  apiComplete: boolean;
  /** Local names used as the adapter of a `@wire(adapter, …)`, with the line of each. */
  wiredAdapters: { name: string; line: number }[];
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** Local names bound to `name` imported from `lwc` (`import { api as publicApi } from 'lwc'`). */
function lwcLocalNames(source: ts.SourceFile, name: string): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== 'lwc'
    ) {
      continue;
    }
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if ((element.propertyName ?? element.name).text === name) names.add(element.name.text);
      }
    }
  }
  return names;
}

function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
}

/** The decorator's callee name: `api` for `@api`, `wire` for `@wire(…)`. */
function decoratorName(decorator: ts.Decorator): string | undefined {
  const expression = decorator.expression;
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) {
    return expression.expression.text;
  }
  return undefined;
}

function memberName(member: ts.ClassElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  return undefined;
}

/** The class the module exports by default, else its first class. */
function componentClass(source: ts.SourceFile): ts.ClassDeclaration | undefined {
  const classes = source.statements.filter(ts.isClassDeclaration);
  const exported = classes.find((declaration) =>
    declaration.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword),
  );
  if (exported) return exported;
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      const name = statement.expression.text;
      const named = classes.find((declaration) => declaration.name?.text === name);
      if (named) return named;
    }
  }
  return classes[0];
}

/** `LightningElement`, or mixins around it: `NavigationMixin(LightningElement)`. */
function extendsLightningElement(expression: ts.Expression, base: Set<string>): boolean {
  if (ts.isIdentifier(expression)) return base.has(expression.text);
  if (ts.isCallExpression(expression)) {
    return expression.arguments.some((argument) => extendsLightningElement(argument, base));
  }
  return false;
}

/** Parses one component module (`.js` or `.ts`). */
export function readLwcSource(text: string, fileName: string): LwcSource {
  const kind = fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const result: LwcSource = {
    imports: [],
    apiMembers: new Set(),
    apiComplete: false,
    wiredAdapters: [],
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      result.imports.push({
        module: statement.moduleSpecifier.text,
        defaultName: statement.importClause?.name?.text,
        line: lineOf(source, statement.moduleSpecifier),
      });
    }
  }
  const apiNames = lwcLocalNames(source, 'api');
  const wireNames = lwcLocalNames(source, 'wire');
  const declaration = componentClass(source);
  if (!declaration) return result;
  const heritage = declaration.heritageClauses?.find(
    (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword,
  );
  const base = heritage?.types[0]?.expression;
  result.apiComplete =
    base !== undefined && extendsLightningElement(base, lwcLocalNames(source, 'LightningElement'));
  for (const member of declaration.members) {
    for (const decorator of decoratorsOf(member)) {
      const name = decoratorName(decorator);
      if (name && apiNames.has(name)) {
        const publicName = memberName(member);
        if (publicName) result.apiMembers.add(publicName);
      } else if (name && wireNames.has(name) && ts.isCallExpression(decorator.expression)) {
        const adapter = decorator.expression.arguments[0];
        if (adapter && ts.isIdentifier(adapter)) {
          result.wiredAdapters.push({ name: adapter.text, line: lineOf(source, decorator) });
        }
      }
    }
  }
  return result;
}
