/**
 * Check `formulas`: every formula in the package's metadata parses as the platform's formula
 * compiler would parse it, names only functions of the formula language with the number of
 * arguments each takes, uses context-restricted functions only where Salesforce allows them, and
 * never compares a picklist field with an operator. A formula that fails any of these fails the
 * deploy ("Syntax error", "Unknown function", "Incorrect number of parameters", "Function
 * ISCHANGED may not be used in this type of formula", "Field StageName is a picklist field");
 * the `references` check only looks its identifiers up and passes all of them.
 *
 * Formulas read: validation rules (`errorConditionFormula`), formula fields (`formula`) and
 * default values (`defaultValue`) of fields, flow formulas (`formulas/expression`), flow entry
 * formulas (`start/filterFormula`), flow screen input validation (`validationRule/
 * formulaExpression`), workflow rule criteria and field updates, approval process, assignment,
 * auto-response and escalation rule criteria (`formula`), quick action predefined values
 * (`fieldOverrides/formula`) and report summary and row-level formulas (`calculatedFormula`).
 * Findings name the line of the XML element that holds the formula.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FORMULA_FUNCTIONS,
  RECORD_CHANGE_FUNCTIONS,
  STANDARD_PICKLISTS,
  SUMMARY_FUNCTIONS,
  formulaFunction,
} from './lib/formula-functions';
import { parseFormula, positionIn, walkFormula, type FormulaNode } from './lib/formula-parser';
import { lineAt, listSourceFiles } from './lib/project-files';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

/** An element holding text only, with its element path from the document root. */
export interface XmlTextElement {
  path: string[];
  text: string;
  /** Offset of the element's start tag in the file. */
  offset: number;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? entity;
  });
}

/**
 * The text-only elements of an XML document in document order, with their paths and offsets.
 * Stops quietly at malformed XML (the metadata check reports it).
 */
export function xmlTextElements(xml: string): XmlTextElement[] {
  const elements: XmlTextElement[] = [];
  const stack: { name: string; offset: number; text: string; children: number }[] = [];
  const markup =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)[^>]*?(\/?)>/g;
  let last = 0;
  for (let match = markup.exec(xml); match; match = markup.exec(xml)) {
    const top = stack[stack.length - 1];
    if (top) top.text += decodeEntities(xml.slice(last, match.index));
    last = markup.lastIndex;
    if (match[1] !== undefined) {
      if (top) top.text += match[1];
    } else if (match[3] !== undefined) {
      const [, , closing, name, selfClosing] = match;
      if (closing) {
        const open = stack.pop();
        if (!open || open.name !== name) return elements;
        if (open.children === 0) {
          elements.push({
            path: [...stack.map((element) => element.name), name],
            text: open.text,
            offset: open.offset,
          });
        }
      } else {
        if (top) top.children += 1;
        if (!selfClosing) stack.push({ name, offset: match.index, text: '', children: 0 });
      }
    }
  }
  return elements;
}

/** Where a formula sits, and what that place allows. */
interface FormulaContext {
  where: string;
  /** ISCHANGED, PRIORVALUE and ISNEW may not be used here. */
  noRecordChange?: boolean;
  /** A report custom summary formula (`AMOUNT:SUM`, PARENTGROUPVAL, PREVGROUPVAL). */
  summary?: boolean;
  /** The object whose fields the formula names directly, for the picklist rule. */
  object?: string;
  /** The object `$Record` / `$Record__Prior` stand for (flows). */
  recordObject?: string;
}

function endsWith(elementPath: string[], ...tail: string[]): boolean {
  return (
    elementPath.length >= tail.length &&
    tail.every((name, index) => elementPath[elementPath.length - tail.length + index] === name)
  );
}

/** `…/objects/<Object>/<folder>/…` → Object. */
function objectFolderOf(file: string): string | undefined {
  return /(?:^|\/)objects\/([^/]+)\//.exec(file)?.[1];
}

/** The formula context of a text element of `file`, or undefined when it is not a formula. */
function contextOf(
  file: string,
  element: XmlTextElement,
  flowObject: string | undefined,
): FormulaContext | undefined {
  const elementPath = element.path;
  const base = path.posix.basename(file);
  if (base.endsWith('.field-meta.xml') && elementPath.length === 2) {
    const object = objectFolderOf(file);
    if (elementPath[1] === 'formula')
      return { where: 'formula field', noRecordChange: true, object };
    if (elementPath[1] === 'defaultValue')
      return { where: 'default value', noRecordChange: true, object };
    return undefined;
  }
  if (base.endsWith('.validationRule-meta.xml') && endsWith(elementPath, 'errorConditionFormula')) {
    return { where: 'validation rule', object: objectFolderOf(file) };
  }
  if (base.endsWith('.flow-meta.xml')) {
    if (endsWith(elementPath, 'formulas', 'expression'))
      return { where: 'flow formula', recordObject: flowObject };
    if (endsWith(elementPath, 'start', 'filterFormula'))
      return { where: 'flow entry formula', recordObject: flowObject };
    if (endsWith(elementPath, 'validationRule', 'formulaExpression')) {
      return { where: 'flow input validation formula', recordObject: flowObject };
    }
    return undefined;
  }
  if (base.endsWith('.workflow-meta.xml') && endsWith(elementPath, 'formula')) {
    const object = base.slice(0, -'.workflow-meta.xml'.length);
    if (endsWith(elementPath, 'rules', 'formula'))
      return { where: 'workflow rule criteria', object };
    if (endsWith(elementPath, 'fieldUpdates', 'formula'))
      return { where: 'workflow field update', object };
    return undefined;
  }
  if (
    base.endsWith('.approvalProcess-meta.xml') &&
    endsWith(elementPath, 'entryCriteria', 'formula')
  ) {
    return { where: 'approval process criteria' };
  }
  if (
    /\.(assignmentRules|autoResponseRules|escalationRules)-meta\.xml$/.test(base) &&
    endsWith(elementPath, 'formula')
  ) {
    return { where: 'rule entry criteria' };
  }
  if (
    base.endsWith('.quickAction-meta.xml') &&
    endsWith(elementPath, 'fieldOverrides', 'formula')
  ) {
    return { where: 'quick action predefined value' };
  }
  if (base.endsWith('.report-meta.xml')) {
    if (endsWith(elementPath, 'aggregates', 'calculatedFormula')) {
      return { where: 'report summary formula', summary: true, noRecordChange: true };
    }
    if (endsWith(elementPath, 'customDetailFormulas', 'calculatedFormula')) {
      return { where: 'report row-level formula', noRecordChange: true };
    }
  }
  return undefined;
}

/** Object → lower-cased names of its picklist and multi-select picklist fields. */
export type PicklistIndex = Map<string, Set<string>>;

function picklistIndex(projectDir: string, files: string[]): PicklistIndex {
  const index: PicklistIndex = new Map();
  const add = (object: string, field: string): void => {
    const key = object.toLowerCase();
    const fields = index.get(key) ?? new Set<string>();
    fields.add(field.toLowerCase());
    index.set(key, fields);
  };
  for (const [object, fields] of Object.entries(STANDARD_PICKLISTS))
    for (const field of fields) add(object, field);
  for (const file of files) {
    const match = /(?:^|\/)objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/.exec(file);
    if (!match) continue;
    const text = readFileSync(path.join(projectDir, file), 'utf8');
    if (/<type>\s*(?:Multiselect)?Picklist\s*<\/type>/.test(text)) add(match[1], match[2]);
  }
  return index;
}

function isPicklist(index: PicklistIndex, object: string | undefined, field: string): boolean {
  return (
    object !== undefined && (index.get(object.toLowerCase())?.has(field.toLowerCase()) ?? false)
  );
}

function unwrap(node: FormulaNode): FormulaNode {
  return node.kind === 'group' ? unwrap(node.inner) : node;
}

/** The picklist a node names directly, as `Object.Field`, or undefined. */
function picklistOperand(
  node: FormulaNode,
  context: FormulaContext,
  picklists: PicklistIndex,
): string | undefined {
  const operand = unwrap(node);
  if (operand.kind !== 'reference') return undefined;
  const [head, ...rest] = operand.path;
  if (operand.path.length === 1 && !operand.merge && isPicklist(picklists, context.object, head)) {
    return `${context.object ?? ''}.${head}`;
  }
  if (
    rest.length === 1 &&
    /^\$record(__prior)?$/i.test(head) &&
    isPicklist(picklists, context.recordObject, rest[0])
  ) {
    return `${context.recordObject ?? ''}.${rest[0]}`;
  }
  return undefined;
}

/** Findings for one formula. */
export function checkFormula(
  formula: string,
  context: FormulaContext,
  picklists: PicklistIndex,
  at: { file: string; line: number },
): Finding[] {
  const parsed = parseFormula(formula, { summary: context.summary });
  const findings: Finding[] = [];
  const leading = formula.length - formula.trimStart().length;
  const body = formula.trimStart();
  const where = (offset: number): string => {
    const start = Math.max(0, offset - leading);
    const position = positionIn(body, start);
    const near = body
      .slice(start, start + 30)
      .replace(/\s+/g, ' ')
      .trim();
    return `${context.where}, formula line ${position.line} column ${position.column}${near ? ` (near "${near}")` : ' (at the end)'}`;
  };
  const report = (rule: string, offset: number, message: string): void => {
    findings.push({ file: at.file, line: at.line, rule, message: `${where(offset)}: ${message}` });
  };
  if (!parsed.tree) {
    const error = parsed.error ?? { offset: 0, message: 'does not parse' };
    report('formula-syntax', error.offset, error.message);
    return findings;
  }
  walkFormula(parsed.tree, (node) => {
    if (node.kind === 'call') {
      const name = node.name.toUpperCase();
      const known = formulaFunction(node.name);
      if (!known) {
        report(
          'formula-unknown-function',
          node.offset,
          `${node.name}() is not a function of the Salesforce formula language`,
        );
        return;
      }
      const count = node.args.length;
      const tooFew = known.min !== undefined && count < known.min;
      const tooMany = known.max !== undefined && count > known.max;
      if (tooFew || tooMany || (known.even === true && count % 2 === 1)) {
        const expected =
          known.max === Number.POSITIVE_INFINITY
            ? `${known.min ?? 0} or more${known.even ? ' (an even number: every value has a result, and else_result is required)' : ''}`
            : known.min === known.max
              ? String(known.min)
              : `${known.min ?? 0} to ${known.max ?? 0}`;
        report(
          'formula-wrong-argument-count',
          node.offset,
          `${name}() takes ${expected} argument(s), found ${count}: ${known.use}`,
        );
      }
      if (context.noRecordChange && RECORD_CHANGE_FUNCTIONS.has(name)) {
        report(
          'formula-function-not-allowed',
          node.offset,
          `${name}() may not be used in a ${context.where}: it is available only in validation rules, workflow rules and field updates, assignment rules and processes`,
        );
      }
      if (!context.summary && SUMMARY_FUNCTIONS.has(name)) {
        report(
          'formula-function-not-allowed',
          node.offset,
          `${name}() may be used only in report custom summary formulas`,
        );
      }
    } else if (node.kind === 'binary') {
      for (const operand of [node.left, node.right]) {
        const picklist = picklistOperand(operand, context, picklists);
        if (picklist) {
          report(
            'formula-picklist-comparison',
            unwrap(operand).offset,
            `picklist field ${picklist} used with the ${node.operator} operator: Salesforce accepts a picklist only in ISPICKVAL(), CASE() or TEXT() (write ISPICKVAL(field, 'value') or TEXT(field) ${node.operator} …)`,
          );
        }
      }
    }
  });
  return findings;
}

/** The object of a record-triggered flow's start element. */
function flowObjectOf(elements: XmlTextElement[]): string | undefined {
  return elements.find((element) => endsWith(element.path, 'Flow', 'start', 'object'))?.text.trim();
}

export const FORMULA_FILE =
  /\.(field|validationRule|flow|workflow|approvalProcess|assignmentRules|autoResponseRules|escalationRules|quickAction|report)-meta\.xml$/;

export const check: Check = {
  name: 'formulas',
  description:
    'Formulas (validation rules, formula fields, default values, flows, workflow, reports) parse, name real functions with the right argument counts, and compare picklists only through ISPICKVAL/CASE/TEXT',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const files = listSourceFiles(projectDir);
    const picklists = picklistIndex(projectDir, files);
    const findings: Finding[] = [];
    let formulas = 0;
    for (const file of files.filter((name) => FORMULA_FILE.test(name))) {
      const text = readFileSync(path.join(projectDir, file), 'utf8');
      const elements = xmlTextElements(text);
      const flowObject = file.endsWith('.flow-meta.xml') ? flowObjectOf(elements) : undefined;
      for (const element of elements) {
        const context = contextOf(file, element, flowObject);
        if (!context || element.text.trim() === '') continue;
        formulas += 1;
        findings.push(
          ...checkFormula(element.text, context, picklists, {
            file,
            line: lineAt(text, element.offset),
          }),
        );
      }
    }
    return Promise.resolve({
      name: 'formulas',
      findings,
      summary: `${formulas} formulas parsed against ${Object.keys(FORMULA_FUNCTIONS).length} formula functions, ${findings.length} problems`,
    });
  },
};
