/**
 * Check `apex-fields`: what Salesforce says about fields in Apex that apex-ls does not check.
 * - `read-only-field-write`: Apex that writes a field nobody can write — `x.IsWon = true`,
 *   `x.Amount__c += 1` on a formula field, `x.put('IsClosed', …)`, `new Opportunity(IsWon = …)`,
 *   `record.CreatedDate = …` — where x's declared type (a local, parameter, field, loop variable,
 *   list element, map value, cast, inline query) is an SObject. Read-only fields are the
 *   project's formula, roll-up summary and auto-number fields and a documented list of the
 *   platform's (lib/read-only-fields.ts). Salesforce rejects such a class at deploy ("Field is not
 *   writeable"); `put` fails when it runs.
 * - `unknown-field` / `unknown-object` in dynamic SOQL: a query built as a string — passed to
 *   `Database.query`, `queryWithBinds`, `countQuery`, `getQueryLocator`, … or any string that
 *   reads `SELECT … FROM <known object>` — from literals, `+`, `String.join` of literal lists,
 *   and variables or same-class constants assigned once. Its object, fields, relationship paths
 *   and subqueries are resolved against the schema index the `references` check uses; the line
 *   is the one of the literal that names the field. A part built at run time (a variable that
 *   changes, a method's result) is a hole: what it touches is skipped, not guessed.
 * - `unknown-field` for `record.get('Name')` / `record.put('Name', …)` with a literal name on a
 *   record whose declared type is a concrete SObject.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Arth2ExpressionContext,
  ArgumentsContext,
  AssignExpressionContext,
  ClassCreatorRestContext,
  ClassDeclarationContext,
  DotExpressionContext,
  EnumDeclarationContext,
  ExpressionContext,
  ExpressionListContext,
  IdPrimaryContext,
  InterfaceDeclarationContext,
  LiteralPrimaryContext,
  NewExpressionContext,
  PostOpExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  type ApexParserRuleContext,
} from '@apexdevtools/apex-parser';
import {
  constantExpression,
  declarationOf,
  descendants,
  lineOf,
  parseApex,
  stringValue,
  typeOf,
  type ApexType,
  type ApexUnit,
  type StringPart,
} from './lib/apex-ast';
import { listSourceFiles } from './lib/project-files';
import { ReadOnlyFields } from './lib/read-only-fields';
import { POLYMORPHIC, SchemaIndex } from './lib/schema-index';
import { parseSoql } from './lib/soql';
import { queryReferences } from './lib/soql-references';
import { resolveReferences, type Reference } from './references';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

/** `Database` methods whose first argument is a SOQL string. */
const QUERY_METHODS = new Set([
  'query',
  'querywithbinds',
  'countquery',
  'countquerywithbinds',
  'getquerylocator',
  'getquerylocatorwithbinds',
  'getcursor',
  'getcursorwithbinds',
]);

/** Objects whose `get('alias')` names are not fields. */
const NOT_FIELD_BAGS = new Set(['aggregateresult']);

/** What a file of the project tells the check. */
interface Context {
  file: string;
  unit: ApexUnit;
  index: SchemaIndex;
  /** Lower-case names of the project's own Apex types (they shadow SObjects of the same name). */
  apexTypes: Set<string>;
}

/** The SObject a declared type names (`Opportunity`, `Schema.Account`), or undefined. */
function sobjectOf(type: ApexType | undefined, context: Context): string | undefined {
  if (!type || type.args.length > 0) return undefined;
  const name = type.name.replace(/^Schema\./i, '');
  if (name.includes('.') || context.apexTypes.has(name.toLowerCase())) return undefined;
  return context.index.objectName(name);
}

function recordTypeOf(expression: ExpressionContext, context: Context): string | undefined {
  const lookup = (object: string, field: string): string | undefined => {
    const targets = context.index.field(object, field)?.references ?? [];
    return targets.length === 1 && targets[0] !== POLYMORPHIC ? targets[0] : undefined;
  };
  return sobjectOf(typeOf(expression, context.unit, lookup), context);
}

function stringLiteralOf(expression: ExpressionContext | undefined): string | undefined {
  if (!(expression instanceof PrimaryExpressionContext)) return undefined;
  const primary = expression.primary();
  if (!(primary instanceof LiteralPrimaryContext)) return undefined;
  const parts = stringValue(expression);
  const only = parts[0];
  return parts.length === 1 && 'text' in only ? only.text : undefined;
}

/** `Opportunity.IsWon` / `Schema.Opportunity.IsWon` as a field token: [object, field]. */
function fieldToken(expression: ExpressionContext, context: Context): [string, string] | undefined {
  if (!(expression instanceof DotExpressionContext) || !expression.anyId()) return undefined;
  const owner = expression
    .expression()
    .getText()
    .replace(/^Schema\./i, '');
  if (owner.includes('.') || declarationOf(owner, expression)) return undefined;
  if (context.apexTypes.has(owner.toLowerCase())) return undefined;
  const object = context.index.objectName(owner);
  return object ? [object, expression.anyId().getText()] : undefined;
}

// ---------------------------------------------------------------- writes

interface FieldWrite {
  object: string;
  field: string;
  line: number;
  how: string;
}

/** The SObject of `new X(Field = …)` when `assignment` is one of its name=value pairs. */
function constructedObject(
  assignment: AssignExpressionContext,
  context: Context,
): string | undefined {
  const list = assignment.parentCtx;
  const args = list?.parentCtx;
  const rest = args?.parentCtx;
  const creator = rest?.parentCtx;
  const created = creator?.parentCtx;
  if (
    !(list instanceof ExpressionListContext) ||
    !(args instanceof ArgumentsContext) ||
    !(rest instanceof ClassCreatorRestContext) ||
    !(created instanceof NewExpressionContext)
  )
    return undefined;
  return recordTypeOf(created, context);
}

function writesIn(
  context: Context,
  tree: ApexParserRuleContext,
): {
  writes: FieldWrite[];
  dynamicNames: FieldWrite[];
} {
  const writes: FieldWrite[] = [];
  const dynamicNames: FieldWrite[] = [];
  const dotWrite = (target: ExpressionContext, how: string): void => {
    if (!(target instanceof DotExpressionContext) || !target.anyId()) return;
    const object = recordTypeOf(target.expression(), context);
    if (object)
      writes.push({
        object,
        field: target.anyId().getText(),
        line: lineOf(target.anyId()),
        how,
      });
  };
  for (const node of descendants(tree)) {
    if (node instanceof AssignExpressionContext) {
      const target = node.expression(0);
      dotWrite(target, 'an assignment');
      if (
        target instanceof PrimaryExpressionContext &&
        target.primary() instanceof IdPrimaryContext
      ) {
        const object = constructedObject(node, context);
        if (object)
          writes.push({
            object,
            field: target.getText(),
            line: lineOf(target),
            how: `new ${object}(…)`,
          });
      }
    } else if (
      (node instanceof PostOpExpressionContext || node instanceof PreOpExpressionContext) &&
      (node.INC() || node.DEC())
    ) {
      dotWrite(node.expression(), 'an increment');
    } else if (node instanceof DotExpressionContext && node.dotMethodCall()) {
      const call = node.dotMethodCall();
      const method = call.anyId().getText().toLowerCase();
      const args = call.expressionList()?.expression_list() ?? [];
      if (!((method === 'put' && args.length === 2) || (method === 'get' && args.length === 1)))
        continue;
      const receiver = recordTypeOf(node.expression(), context);
      const token = fieldToken(args[0], context);
      const name = stringLiteralOf(args[0]);
      const line = lineOf(args[0]);
      if (token && method === 'put') {
        const receiverType = typeOf(node.expression(), context.unit, () => undefined);
        const generic = receiverType?.name.replace(/^Schema\./i, '').toLowerCase() === 'sobject';
        if (receiver || generic)
          writes.push({ object: token[0], field: token[1], line, how: 'put()' });
      } else if (receiver && name !== undefined) {
        if (method === 'put') writes.push({ object: receiver, field: name, line, how: 'put()' });
        dynamicNames.push({ object: receiver, field: name, line, how: `${method}()` });
      }
    }
  }
  return { writes, dynamicNames };
}

// ---------------------------------------------------------------- dynamic SOQL

/** A string expression that may be SOQL, and whether it is handed to a `Database` query method. */
interface SoqlCandidate {
  expression: ExpressionContext;
  queried: boolean;
}

function isAddition(node: ApexParserRuleContext | null | undefined): boolean {
  return node instanceof Arth2ExpressionContext && node.ADD() !== null;
}

/** Roots of string expressions: literals and `+` chains that are not part of a larger `+`. */
function soqlCandidates(tree: ApexParserRuleContext): SoqlCandidate[] {
  const candidates = new Map<ExpressionContext, SoqlCandidate>();
  for (const node of descendants(tree)) {
    if (node instanceof DotExpressionContext && node.dotMethodCall()) {
      const call = node.dotMethodCall();
      const args = call.expressionList()?.expression_list() ?? [];
      if (
        args.length > 0 &&
        node
          .expression()
          .getText()
          .replace(/^System\./i, '')
          .toLowerCase() === 'database' &&
        QUERY_METHODS.has(call.anyId().getText().toLowerCase())
      ) {
        let root: ExpressionContext = args[0];
        if (
          root instanceof PrimaryExpressionContext &&
          root.primary() instanceof IdPrimaryContext
        ) {
          root = constantExpression(root.getText(), root) ?? root;
        }
        candidates.set(root, { expression: root, queried: true });
      }
    } else if (
      (isAddition(node) || stringLiteralOf(node as ExpressionContext) !== undefined) &&
      !isAddition(node.parentCtx) &&
      !candidates.has(node as ExpressionContext)
    ) {
      candidates.set(node as ExpressionContext, {
        expression: node as ExpressionContext,
        queried: false,
      });
    }
  }
  return [...candidates.values()];
}

const HOLE = '__hole';

/** The text of a string value with each hole as a `__holeN__` identifier, and line per offset. */
function soqlText(parts: StringPart[]): { text: string; lineAt: (offset: number) => number } {
  let text = '';
  const spans: { end: number; line: number }[] = [];
  parts.forEach((part, index) => {
    text += 'text' in part ? part.text : `${HOLE}${index}__`;
    spans.push({ end: text.length, line: part.line });
  });
  const lineAt = (offset: number): number =>
    (spans.find((span) => offset < span.end) ?? spans[spans.length - 1]).line;
  return { text, lineAt };
}

/** Blanks SOQL string literals (`'Closed Won'`), keeping offsets. */
function blankSoqlStrings(text: string): string {
  return text.replace(/'(?:[^'\\]|\\.)*'/g, (literal) => `'${' '.repeat(literal.length - 2)}'`);
}

const SELECT_ITEM =
  /^(?:\(\s*SELECT\b[\s\S]*\)|TYPEOF\b[\s\S]*|[A-Za-z_][\w.]*|[A-Za-z_]\w*\s*\([\s\S]*\)(?:\s+[A-Za-z_]\w*)?)$/i;

/** True when every top-level select item looks like a field, a function or a subquery. */
function looksLikeSelectList(text: string): boolean {
  const from = /\bFROM\b/i.exec(text);
  if (!from) return false;
  let depth = 0;
  let item = '';
  const items: string[] = [];
  for (const c of text.slice('SELECT'.length, from.index)) {
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (c === ',' && depth === 0) {
      items.push(item.trim());
      item = '';
    } else item += c;
  }
  items.push(item.trim());
  return items.every((entry) => entry === '' || SELECT_ITEM.test(entry) || entry.includes(HOLE));
}

function hasHole(reference: Reference): boolean {
  return [reference.object, ...(reference.path ?? [])].some((name) => name.includes(HOLE));
}

function dynamicSoqlReferences(candidate: SoqlCandidate, context: Context): Reference[] {
  const parts = stringValue(candidate.expression);
  if (!parts.some((part) => 'text' in part)) return [];
  const { text, lineAt } = soqlText(parts);
  const blanked = blankSoqlStrings(text);
  const lead = blanked.length - blanked.trimStart().length;
  const trimmed = blanked.slice(lead);
  if (!/^SELECT\s/i.test(trimmed)) return [];
  const query = parseSoql(trimmed, lead);
  if (!query || query.from.includes(HOLE)) return [];
  if (!candidate.queried && (!context.index.hasObject(query.from) || !looksLikeSelectList(trimmed)))
    return [];
  return queryReferences(query, context.index, context.file, lineAt)
    .filter((reference) => !hasHole(reference))
    .map((reference) => ({ ...reference, where: `dynamic ${reference.where}` }));
}

// ---------------------------------------------------------------- check

function projectApexTypes(units: ApexUnit[]): Set<string> {
  const names = new Set<string>();
  for (const unit of units) {
    if (!unit.tree) continue;
    for (const node of descendants(unit.tree)) {
      if (
        node instanceof ClassDeclarationContext ||
        node instanceof InterfaceDeclarationContext ||
        node instanceof EnumDeclarationContext
      )
        names.add(node.id().getText().toLowerCase());
    }
  }
  return names;
}

/** What one file was read for, and what was found. */
interface UnitResult {
  findings: Finding[];
  writes: number;
  queries: number;
}

/** Findings of one parsed file. */
function checkUnit(context: Context, readOnly: ReadOnlyFields): UnitResult {
  const tree = context.unit.tree;
  if (!tree) return { findings: [], writes: 0, queries: 0 };
  const findings: Finding[] = [];
  const { writes, dynamicNames } = writesIn(context, tree);
  const kind = context.file.endsWith('.trigger') ? 'trigger' : 'class';
  for (const write of writes) {
    if (write.object.endsWith('__mdt')) continue; // custom metadata records may be built in memory
    const reason = readOnly.reason(write.object, write.field);
    if (!reason) continue;
    const fieldName = context.index.field(write.object, write.field)?.name ?? write.field;
    const outcome =
      write.how === 'put()'
        ? 'put() throws at run time (field not editable)'
        : `Salesforce rejects the ${kind} ("Field is not writeable: ${write.object}.${fieldName}")`;
    findings.push({
      file: context.file,
      line: write.line,
      rule: 'read-only-field-write',
      message: `${write.how} writes ${write.object}.${fieldName}, which is ${reason}: ${outcome}`,
    });
  }
  for (const name of dynamicNames) {
    if (NOT_FIELD_BAGS.has(name.object.toLowerCase()) || name.field.includes('.')) continue;
    if (context.index.field(name.object, name.field)) continue;
    findings.push({
      file: context.file,
      line: name.line,
      rule: 'unknown-field',
      message: `${name.how}: ${name.object} has no field '${name.field}' in the project or the platform`,
    });
  }
  const queries = soqlCandidates(tree)
    .map((candidate) => dynamicSoqlReferences(candidate, context))
    .filter((references) => references.length > 0);
  findings.push(...resolveReferences(queries.flat(), context.index));
  return { findings, writes: writes.length, queries: queries.length };
}

export const check: Check = {
  name: 'apex-fields',
  description:
    'Apex writes no read-only field; dynamic SOQL strings and get/put field names name existing fields',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const files = listSourceFiles(projectDir);
    const index = SchemaIndex.ofProject(projectDir, files);
    const readOnly = new ReadOnlyFields();
    readOnly.addProject(projectDir, files);
    const apexFiles = files.filter((file) => /\.(cls|trigger)$/.test(file));
    const units = apexFiles.map((file) =>
      parseApex(readFileSync(path.join(projectDir, file), 'utf8'), file.endsWith('.trigger')),
    );
    const apexTypes = projectApexTypes(units);
    const results = apexFiles.map((file, i) =>
      checkUnit({ file, unit: units[i], index, apexTypes }, readOnly),
    );
    const findings = results.flatMap((result) => result.findings);
    const total = (key: 'writes' | 'queries'): number =>
      results.reduce((sum, result) => sum + result[key], 0);
    const unparsed = units.filter((unit) => !unit.tree).length;
    return Promise.resolve({
      name: 'apex-fields',
      findings,
      summary:
        `${apexFiles.length} Apex files (${unparsed} not parsed: syntax errors are apex-ls's), ` +
        `${total('writes')} SObject field writes, ${total('queries')} SOQL strings, ${findings.length} finding(s)`,
    });
  },
};
