/**
 * Apex read through `@apexdevtools/apex-parser` (the ANTLR grammar apex-ls is built on), for checks
 * that need more than apex-ls tells: the declared type of an expression (locals, parameters,
 * fields, for-each variables, casts, `new`, list elements, map values, inline SOQL, `Trigger.new`)
 * and the value of a string expression built from literals, `+`, `String.join` of literal lists
 * and variables or constants of the same class that are assigned once. What cannot be known
 * statically is left out: a type resolves to `undefined`, a part of a string becomes a hole.
 */
import {
  ApexErrorListener,
  ApexParserFactory,
  Arth2ExpressionContext,
  ArrayExpressionContext,
  AssignExpressionContext,
  BlockContext,
  CastExpressionContext,
  CatchClauseContext,
  ClassBodyContext,
  ClassDeclarationContext,
  ConstructorDeclarationContext,
  DotExpressionContext,
  EnhancedForControlContext,
  ExpressionContext,
  FieldDeclarationContext,
  ForStatementContext,
  FormalParametersContext,
  IdPrimaryContext,
  LiteralPrimaryContext,
  LocalVariableDeclarationContext,
  MethodDeclarationContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  PropertyDeclarationContext,
  SoqlPrimaryContext,
  SubExpressionContext,
  ThisPrimaryContext,
  TriggerBlockContext,
  TriggerUnitContext,
  TypeRefContext,
  type IdContext,
  type ApexParserRuleContext,
  type ApexParseTree,
} from '@apexdevtools/apex-parser';

/** A declared Apex type: `Opportunity`, `List<Opportunity>`, `Map<Id, Account>` (arrays as List). */
export interface ApexType {
  name: string;
  args: ApexType[];
}

/** A parsed Apex file; `tree` is undefined when the file does not parse (apex-ls reports that). */
export interface ApexUnit {
  tree?: ApexParserRuleContext;
  /** The object of a trigger (`trigger X on Opportunity`), for `Trigger.new`. */
  triggerObject?: string;
}

class CountingListener extends ApexErrorListener {
  errors = 0;
  apexSyntaxError(): void {
    this.errors += 1;
  }
}

/** Parses a class (`.cls`) or a trigger (`.trigger`); a file with syntax errors yields no tree. */
export function parseApex(text: string, isTrigger: boolean): ApexUnit {
  const listener = new CountingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
  const tree = isTrigger ? parser.triggerUnit() : parser.compilationUnit();
  if (listener.errors > 0) return {};
  const triggerObject = tree instanceof TriggerUnitContext ? tree.id(1)?.getText() : undefined;
  return { tree, triggerObject };
}

function isRule(node: ApexParseTree): node is ApexParserRuleContext {
  return !('symbol' in node);
}

/** Every rule node under `node` (depth first, in source order), `node` included. */
export function* descendants(node: ApexParserRuleContext): Generator<ApexParserRuleContext> {
  yield node;
  for (const child of node.children ?? []) {
    if (isRule(child)) yield* descendants(child);
  }
}

function ancestors(node: ApexParserRuleContext): ApexParserRuleContext[] {
  const chain: ApexParserRuleContext[] = [];
  for (let at = node.parentCtx; at; at = at.parentCtx) chain.push(at);
  return chain;
}

/** 1-based line of a node's first token. */
export function lineOf(node: ApexParserRuleContext): number {
  return node.start.line;
}

/** The type a `TypeRef` names; `String[]` is read as `List<String>`. */
export function typeFromRef(ref: TypeRefContext): ApexType {
  const names = ref.typeName_list();
  const last = names[names.length - 1];
  const args = last?.typeArguments()?.typeList()?.typeRef_list().map(typeFromRef) ?? [];
  const name = names
    .map((typeName) => {
      if (typeName.LIST()) return 'List';
      if (typeName.SET()) return 'Set';
      if (typeName.MAP()) return 'Map';
      return typeName.id()?.getText() ?? '';
    })
    .join('.');
  let type: ApexType = { name, args };
  const subscripts = ref.arraySubscripts()?.getText() ?? '';
  for (let i = 0; i < subscripts.split('[]').length - 1; i += 1)
    type = { name: 'List', args: [type] };
  return type;
}

/** The element type of a List or Set (or a `[]` array), or undefined. */
export function elementType(type: ApexType | undefined): ApexType | undefined {
  if (!type) return undefined;
  const name = type.name.toLowerCase();
  return name === 'list' || name === 'set' ? type.args[0] : undefined;
}

/** A variable declaration: its type, its initializer and the node it is visible in. */
export interface Declaration {
  name: string;
  type: ApexType;
  initializer?: ExpressionContext;
  /** Block, method, class body or for statement that bounds where the name is visible. */
  scope: ApexParserRuleContext;
  /** True for class fields and properties (visible before their declaration). */
  member: boolean;
  /** Token index of the declared name: a local is visible only after it. */
  at: number;
}

/** The names a local variable or field declaration declares (`Integer a = 1, b;`), if any. */
function declaratorsOf(
  declaration: LocalVariableDeclarationContext | FieldDeclarationContext | null | undefined,
  scope: ApexParserRuleContext,
  member: boolean,
): Declaration[] {
  if (!declaration) return [];
  const type = typeFromRef(declaration.typeRef());
  return declaration
    .variableDeclarators()
    .variableDeclarator_list()
    .map((declarator) => ({
      name: declarator.id().getText(),
      type,
      initializer: declarator.expression() ?? undefined,
      scope,
      member,
      at: declarator.start.tokenIndex,
    }));
}

/** One name declared with its type at `node` (a parameter, loop variable, catch or property). */
function declared(
  node: ApexParserRuleContext & { id(): IdContext },
  type: ApexType,
  scope: ApexParserRuleContext,
  member: boolean,
): Declaration {
  return { name: node.id().getText(), type, scope, member, at: node.start.tokenIndex };
}

/** Declarations a scope node makes directly (not those of nested scopes). */
function declarationsIn(scope: ApexParserRuleContext): Declaration[] {
  if (scope instanceof BlockContext) {
    return scope
      .statement_list()
      .flatMap((statement) =>
        declaratorsOf(
          statement.localVariableDeclarationStatement()?.localVariableDeclaration(),
          scope,
          false,
        ),
      );
  }
  if (scope instanceof TriggerBlockContext) {
    return scope
      .triggerBlockMember_list()
      .flatMap((member) =>
        declaratorsOf(
          member.statement()?.localVariableDeclarationStatement()?.localVariableDeclaration(),
          scope,
          false,
        ),
      );
  }
  if (scope instanceof ForStatementContext) {
    const control = scope.forControl();
    const enhanced: EnhancedForControlContext | null = control.enhancedForControl();
    if (enhanced) return [declared(enhanced, typeFromRef(enhanced.typeRef()), scope, false)];
    return declaratorsOf(control.forInit()?.localVariableDeclaration(), scope, false);
  }
  if (scope instanceof MethodDeclarationContext || scope instanceof ConstructorDeclarationContext) {
    const parameters: FormalParametersContext = scope.formalParameters();
    return (parameters.formalParameterList()?.formalParameter_list() ?? []).map((parameter) =>
      declared(parameter, typeFromRef(parameter.typeRef()), scope, false),
    );
  }
  if (scope instanceof CatchClauseContext) {
    return [declared(scope, { name: scope.qualifiedName().getText(), args: [] }, scope, false)];
  }
  if (scope instanceof ClassBodyContext) {
    return scope.classBodyDeclaration_list().flatMap((declaration) => {
      const member = declaration.memberDeclaration();
      const field: FieldDeclarationContext | null = member?.fieldDeclaration() ?? null;
      if (field) return declaratorsOf(field, scope, true);
      const property: PropertyDeclarationContext | null = member?.propertyDeclaration() ?? null;
      return property ? [declared(property, typeFromRef(property.typeRef()), scope, true)] : [];
    });
  }
  return [];
}

/** The declaration a simple name refers to at `use`, by Apex's lexical scoping; or undefined. */
export function declarationOf(name: string, use: ApexParserRuleContext): Declaration | undefined {
  const key = name.toLowerCase();
  for (const scope of ancestors(use)) {
    const found = declarationsIn(scope).find(
      (declaration) =>
        declaration.name.toLowerCase() === key &&
        (declaration.member || declaration.at < use.start.tokenIndex),
    );
    if (found) return found;
    // A nested class does not see the locals of the code around it, only its own members.
    if (scope instanceof ClassDeclarationContext) break;
  }
  return undefined;
}

/** The class body enclosing a node, and the class's name. */
function enclosingClass(
  node: ApexParserRuleContext,
): { body: ClassBodyContext; name: string } | undefined {
  for (const scope of ancestors(node)) {
    if (scope instanceof ClassDeclarationContext) {
      return { body: scope.classBody(), name: scope.id().getText() };
    }
  }
  return undefined;
}

function memberOf(node: ApexParserRuleContext, name: string): Declaration | undefined {
  const owner = enclosingClass(node);
  if (!owner) return undefined;
  return declarationsIn(owner.body).find(
    (declaration) => declaration.name.toLowerCase() === name.toLowerCase(),
  );
}

/** True when `node` is a simple name (`x`) or `this.x`; gives the name. */
function assignedName(node: ExpressionContext): string | undefined {
  if (node instanceof PrimaryExpressionContext) {
    const primary = node.primary();
    if (primary instanceof IdPrimaryContext) return primary.id().getText();
  }
  if (node instanceof DotExpressionContext && node.anyId()) {
    const target = node.expression();
    if (
      target instanceof PrimaryExpressionContext &&
      target.primary() instanceof ThisPrimaryContext
    )
      return node.anyId().getText();
  }
  return undefined;
}

/** True when a variable is assigned anywhere in its scope after its declaration (or incremented). */
function isReassigned(declaration: Declaration): boolean {
  const key = declaration.name.toLowerCase();
  for (const node of descendants(declaration.scope)) {
    if (node instanceof AssignExpressionContext) {
      if (assignedName(node.expression(0))?.toLowerCase() === key) return true;
    }
  }
  return false;
}

/**
 * The declared type of an expression, where the source says it: a variable, `this.x`, a cast,
 * `new T(…)`, `list[i]`, `list.get(i)`, `map.get(k)`, `map.values()`, inline SOQL, `Trigger.new`.
 * `lookup(object, field)` names the object a lookup field points to (for `opp.Account`).
 */
export function typeOf(
  expression: ExpressionContext,
  unit: ApexUnit,
  lookup: (object: string, field: string) => string | undefined,
): ApexType | undefined {
  if (expression instanceof SubExpressionContext)
    return typeOf(expression.expression(), unit, lookup);
  if (expression instanceof CastExpressionContext) return typeFromRef(expression.typeRef());
  if (expression instanceof NewExpressionContext) {
    const created = expression.creator().createdName();
    const pairs = created.idCreatedNamePair_list();
    const last = pairs[pairs.length - 1];
    const args = last?.typeList()?.typeRef_list().map(typeFromRef) ?? [];
    const name = pairs.map((pair) => pair.anyId().getText()).join('.');
    if (expression.creator().arrayCreatorRest()) return { name: 'List', args: [{ name, args }] };
    return { name, args };
  }
  if (expression instanceof PrimaryExpressionContext) {
    const primary = expression.primary();
    if (primary instanceof IdPrimaryContext) {
      return declarationOf(primary.id().getText(), expression)?.type;
    }
    if (primary instanceof SoqlPrimaryContext) {
      const from = primary.soqlLiteral().query().fromNameList().fieldName(0)?.getText();
      return from ? { name: 'List', args: [{ name: from, args: [] }] } : undefined;
    }
    return undefined;
  }
  if (expression instanceof ArrayExpressionContext) {
    return elementType(typeOf(expression.expression(0), unit, lookup));
  }
  if (expression instanceof DotExpressionContext) {
    const target = expression.expression();
    const call = expression.dotMethodCall();
    if (call) {
      const method = call.anyId().getText().toLowerCase();
      const targetType = typeOf(target, unit, lookup);
      const kind = targetType?.name.toLowerCase();
      if (kind === 'map' && method === 'get') return targetType?.args[1];
      if (kind === 'map' && method === 'values')
        return targetType?.args[1] && { name: 'List', args: [targetType.args[1]] };
      if (kind === 'list' && method === 'get') return targetType?.args[0];
      if (method === 'clone') return targetType;
      return undefined;
    }
    const member = expression.anyId().getText();
    if (target instanceof PrimaryExpressionContext) {
      const primary = target.primary();
      if (primary instanceof ThisPrimaryContext) return memberOf(expression, member)?.type;
      if (
        primary instanceof IdPrimaryContext &&
        primary.id().getText().toLowerCase() === 'trigger' &&
        !declarationOf('trigger', expression)
      ) {
        const field = member.toLowerCase();
        const object = unit.triggerObject ?? 'SObject';
        if (field === 'new' || field === 'old')
          return { name: 'List', args: [{ name: object, args: [] }] };
        if (field === 'newmap' || field === 'oldmap')
          return {
            name: 'Map',
            args: [
              { name: 'Id', args: [] },
              { name: object, args: [] },
            ],
          };
        return undefined;
      }
    }
    const targetType = typeOf(target, unit, lookup);
    if (!targetType || targetType.args.length > 0) return undefined;
    const referenced = lookup(targetType.name, member);
    return referenced ? { name: referenced, args: [] } : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- string values

/** A part of a string value: text from a literal (with its line), or a hole (unknown text). */
export type StringPart = { text: string; line: number } | { hole: true; line: number };

/** Reads an Apex string literal token (`'It\'s'` → `It's`). */
export function unescapeApexString(token: string): string {
  const body = token.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return (
      ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[escape] ?? escape
    );
  });
}

function stringLiteral(expression: ExpressionContext): string | undefined {
  if (!(expression instanceof PrimaryExpressionContext)) return undefined;
  const primary = expression.primary();
  if (!(primary instanceof LiteralPrimaryContext)) return undefined;
  const token = primary.literal().StringLiteral();
  return token ? unescapeApexString(token.getText()) : undefined;
}

/** The literal list items of `new List<String>{ 'a', 'b' }` (or a variable holding one), else undefined. */
function literalList(
  expression: ExpressionContext,
  seen: Set<ApexParserRuleContext>,
): StringPart[][] | undefined {
  let node: ExpressionContext | undefined = expression;
  if (node instanceof PrimaryExpressionContext && node.primary() instanceof IdPrimaryContext) {
    node = constantInitializer((node.primary() as IdPrimaryContext).id().getText(), node, seen);
  }
  if (!(node instanceof NewExpressionContext)) return undefined;
  const items =
    node.creator().setCreatorRest()?.expression_list() ??
    node.creator().arrayCreatorRest()?.arrayInitializer()?.expression_list();
  return items?.map((item) => stringValue(item, seen));
}

/** The initializer of a variable or same-class constant that is never assigned again. */
function constantInitializer(
  name: string,
  use: ApexParserRuleContext,
  seen: Set<ApexParserRuleContext>,
): ExpressionContext | undefined {
  const declaration = declarationOf(name, use);
  if (!declaration?.initializer || seen.has(declaration.initializer)) return undefined;
  if (isReassigned(declaration)) return undefined;
  return declaration.initializer;
}

/** The initializer of a variable or same-class constant named at `use` that is never reassigned. */
export function constantExpression(
  name: string,
  use: ApexParserRuleContext,
): ExpressionContext | undefined {
  return constantInitializer(name, use, new Set());
}

/**
 * The parts of a string expression: literals and `+` of literals give text; variables and
 * constants of the same class assigned once are followed; `String.join(literal list, sep)` is
 * joined; anything else is one hole.
 */
export function stringValue(
  expression: ExpressionContext,
  seen: Set<ApexParserRuleContext> = new Set(),
): StringPart[] {
  const line = lineOf(expression);
  const hole: StringPart[] = [{ hole: true, line }];
  const literal = stringLiteral(expression);
  if (literal !== undefined) return [{ text: literal, line }];
  if (expression instanceof SubExpressionContext) return stringValue(expression.expression(), seen);
  if (expression instanceof Arth2ExpressionContext && expression.ADD()) {
    return [
      ...stringValue(expression.expression(0), seen),
      ...stringValue(expression.expression(1), seen),
    ];
  }
  let name: string | undefined;
  if (expression instanceof PrimaryExpressionContext) {
    const primary = expression.primary();
    if (primary instanceof IdPrimaryContext) name = primary.id().getText();
  } else if (expression instanceof DotExpressionContext && expression.anyId()) {
    // `ThisClass.CONSTANT` or `this.field`.
    const target = expression.expression();
    const owner = enclosingClass(expression);
    const qualifier = target.getText();
    if (qualifier === 'this' || (owner && qualifier.toLowerCase() === owner.name.toLowerCase())) {
      const member = memberOf(expression, expression.anyId().getText());
      if (member?.initializer && !seen.has(member.initializer) && !isReassigned(member)) {
        return stringValue(member.initializer, new Set([...seen, member.initializer]));
      }
    }
    return hole;
  } else if (expression instanceof DotExpressionContext && expression.dotMethodCall()) {
    const call = expression.dotMethodCall();
    const args = call.expressionList()?.expression_list() ?? [];
    if (
      expression.expression().getText().toLowerCase() === 'string' &&
      call.anyId().getText().toLowerCase() === 'join' &&
      args.length === 2
    ) {
      const items = literalList(args[0], seen);
      const separator = stringValue(args[1], seen);
      if (items) {
        return items.flatMap((item, index) => (index === 0 ? item : [...separator, ...item]));
      }
    }
    return hole;
  }
  if (name !== undefined) {
    const initializer = constantInitializer(name, expression, seen);
    if (initializer) return stringValue(initializer, new Set([...seen, initializer]));
  }
  return hole;
}
