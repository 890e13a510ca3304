/**
 * Check `limits`: the metadata stays within the documented maxima of the platform for the deploy
 * API version — lengths of descriptions, labels, help text, error messages, subjects, formulas and
 * API names, the ranges of field lengths, visible lines and numeric precision, the number of
 * picklist values — and API names follow the developer-name rule (letters, digits, single
 * underscores, beginning with a letter) where Salesforce documents it for the type. Each number
 * and rule is listed with its source in lib/metadata-limits.ts. A deploy that exceeds one fails ("Value too long for field", "Length
 * must be …"); the XML schema cannot say so, because the WSDL types every one of them as a plain
 * string or int.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { lineAt, listSourceFiles } from './lib/project-files';
import {
  METADATA_LIMITS,
  type DeveloperNameRule,
  type LimitCondition,
  type MetadataLimit,
} from './lib/metadata-limits';
import { parseOrdered, type OrderedElement } from './lib/xml-schema-validator';

const CUSTOM_SUFFIX = /__(c|mdt|e|b|x|xo|kav|ka|r)$/;

/** Every element reached from `root` along `elementPath` (each step may repeat). */
function elementsAt(root: OrderedElement, elementPath: string[]): OrderedElement[] {
  let current = [root];
  for (const step of elementPath) {
    current = current.flatMap((element) => element.children.filter((c) => c.name === step));
  }
  return current;
}

function childText(parent: OrderedElement, name: string): string | undefined {
  return parent.children.find((child) => child.name === name)?.text;
}

/** The parent of the elements at `elementPath` holds the condition's element with one of its values. */
function parentsMatching(
  root: OrderedElement,
  elementPath: string[],
  when: LimitCondition | undefined,
): OrderedElement[] {
  const parents = elementsAt(root, elementPath.slice(0, -1));
  if (!when) return parents;
  return parents.filter((parent) => when.values.includes(childText(parent, when.element) ?? ''));
}

/**
 * The API name a source-format file gives its component: the file name without `-meta.xml` and
 * the type suffix (`Won_By_Owner.report-meta.xml` → `Won_By_Owner`,
 * `Close_Setting.Default.md-meta.xml` → `Close_Setting.Default`).
 */
function apiNameOf(file: string): string {
  return path.posix
    .basename(file)
    .replace(/-meta\.xml$/, '')
    .replace(/\.[^.]+$/, '');
}

/** The name without a namespace prefix (`ns__Name__c` → `Name__c`). */
function withoutNamespace(apiName: string): string {
  return apiName.replace(/^[A-Za-z0-9]+__(?=.*__)/, '');
}

function lastSegment(apiName: string): string {
  return apiName.slice(apiName.lastIndexOf('.') + 1);
}

/**
 * The part of a file's API name a name rule counts: a custom name without namespace and suffix
 * (undefined for a standard component), the record name of `Type.Record`, or the whole name.
 */
function namePart(
  apiName: string,
  rule: { customOnly: boolean; lastSegment?: boolean },
): string | undefined {
  if (rule.customOnly && !CUSTOM_SUFFIX.test(apiName)) return undefined;
  return rule.customOnly
    ? withoutNamespace(apiName).replace(CUSTOM_SUFFIX, '')
    : rule.lastSegment
      ? lastSegment(apiName)
      : apiName;
}

/** What breaks the developer-name rule in `name`, or undefined when it follows it. */
function developerNameProblem(name: string, rule: DeveloperNameRule): string | undefined {
  if (name === '') return 'is empty';
  if (!/^[A-Za-z]/.test(name)) return 'does not begin with a letter';
  const other = /[^A-Za-z0-9_]/.exec(name);
  if (other) return `contains "${other[0]}" (only letters, digits and underscores are allowed)`;
  if (name.includes('__')) return 'contains two consecutive underscores';
  if (!rule.trailingUnderscoreAllowed && name.endsWith('_')) return 'ends with an underscore';
  return undefined;
}

/** The names a developer-name rule checks in one file, each with the offset it is reported at. */
function namesFor(
  rule: DeveloperNameRule,
  file: string,
  root: OrderedElement,
): { name: string; shown: string; offset: number }[] {
  if (rule.from !== 'file') {
    return elementsAt(root, rule.from).map((element) => ({
      name: element.text,
      shown: element.text,
      offset: element.offset,
    }));
  }
  const apiName = apiNameOf(file);
  const name = namePart(apiName, rule);
  return name === undefined ? [] : [{ name, shown: apiName, offset: root.offset }];
}

/** Restricted picklists count every value, unrestricted ones only the active values. */
function checkPicklistValueCount(
  limit: Extract<MetadataLimit, { kind: 'picklist-value-count' }>,
  file: string,
  text: string,
  root: OrderedElement,
  findings: Finding[],
): void {
  for (const valueSet of elementsAt(root, ['valueSet'])) {
    const restricted = childText(valueSet, 'restricted') === 'true';
    const values = elementsAt(valueSet, ['valueSetDefinition', 'value']);
    const counted = restricted
      ? values
      : values.filter((value) => childText(value, 'isActive') !== 'false');
    if (counted.length <= limit.max) continue;
    const first = counted[limit.max];
    findings.push({
      file,
      line: lineAt(text, first.offset),
      rule: 'too-many-values',
      message: `${limit.type} ${restricted ? 'restricted picklist has' : 'unrestricted picklist has'} ${counted.length} ${restricted ? '' : 'active '}values; the maximum is ${limit.max} (${limit.source}): value ${limit.max + 1} and later are over`,
    });
  }
}

function characters(text: string): number {
  return [...text].length;
}

function checkLimit(
  limit: MetadataLimit,
  file: string,
  text: string,
  root: OrderedElement,
  findings: Finding[],
): void {
  const where = (element: OrderedElement): number => lineAt(text, element.offset);
  switch (limit.kind) {
    case 'text-length': {
      const name = limit.path[limit.path.length - 1];
      for (const parent of parentsMatching(root, limit.path, limit.when)) {
        for (const element of parent.children.filter((child) => child.name === name)) {
          const length = characters(element.text);
          if (length <= limit.max) continue;
          findings.push({
            file,
            line: where(element),
            rule: 'value-too-long',
            message: `${limit.type} <${limit.path.join('/')}> has ${length} characters; the maximum is ${limit.max} (${limit.source}): a deploy rejects it as too long`,
          });
        }
      }
      return;
    }
    case 'number-range': {
      const name = limit.path[limit.path.length - 1];
      for (const parent of parentsMatching(root, limit.path, limit.when)) {
        for (const element of parent.children.filter((child) => child.name === name)) {
          const value = Number(element.text);
          if (element.text === '' || Number.isNaN(value)) continue; // the schema check reports it
          if (value >= limit.min && value <= limit.max) continue;
          const condition = limit.when
            ? ` for ${limit.when.element} ${childText(parent, limit.when.element) ?? ''}`
            : '';
          findings.push({
            file,
            line: where(element),
            rule: 'value-out-of-range',
            message: `${limit.type} <${limit.path.join('/')}> is ${element.text}; allowed${condition}: ${limit.min} to ${limit.max} (${limit.source})`,
          });
        }
      }
      return;
    }
    case 'not-above-sibling': {
      const name = limit.path[limit.path.length - 1];
      for (const parent of elementsAt(root, limit.path.slice(0, -1))) {
        const bound = Number(childText(parent, limit.atMost));
        for (const element of parent.children.filter((child) => child.name === name)) {
          const value = Number(element.text);
          if (Number.isNaN(value) || Number.isNaN(bound) || value <= bound) continue;
          findings.push({
            file,
            line: where(element),
            rule: 'value-out-of-range',
            message: `${limit.type} <${limit.path.join('/')}> is ${element.text}, more than <${limit.atMost}> ${bound} (${limit.source})`,
          });
        }
      }
      return;
    }
    case 'api-name-length': {
      const apiName = apiNameOf(file);
      const name = namePart(apiName, limit);
      if (name === undefined || characters(name) <= limit.max) return;
      const counted = limit.customOnly ? ' before its suffix' : '';
      findings.push({
        file,
        line: where(root),
        rule: 'api-name-too-long',
        message: `${limit.type} API name ${apiName}${limit.lastSegment ? ` (record name ${name})` : ''} has ${characters(name)} characters${counted}; the maximum is ${limit.max} (${limit.source})`,
      });
      return;
    }
    case 'picklist-value-count':
      checkPicklistValueCount(limit, file, text, root, findings);
      return;
    case 'developer-name': {
      for (const { name, shown, offset } of namesFor(limit, file, root)) {
        const problem = developerNameProblem(name, limit);
        if (problem === undefined) continue;
        const part = name === shown ? '' : ` (checked part ${name})`;
        findings.push({
          file,
          line: lineAt(text, offset),
          rule: 'invalid-api-name',
          message: `${limit.type} API name ${shown}${part} ${problem}; a deploy rejects it (${limit.source})`,
        });
      }
      return;
    }
  }
}

/** The limits by type, so each file is matched against its own type's entries only. */
function limitsByType(): Map<string, MetadataLimit[]> {
  const byType = new Map<string, MetadataLimit[]>();
  for (const limit of METADATA_LIMITS) {
    byType.set(limit.type, [...(byType.get(limit.type) ?? []), limit]);
  }
  return byType;
}

export const check: Check = {
  name: 'limits',
  description:
    'Documented Metadata API maxima: lengths of descriptions, labels, help text, messages, formulas, API names; field length, lines and precision ranges; picklist value counts; the developer-name rule',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const files = listSourceFiles(projectDir).filter((file) => file.endsWith('-meta.xml'));
    const byType = limitsByType();
    const findings: Finding[] = [];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(path.join(projectDir, file), 'utf8');
      if (XMLValidator.validate(text) !== true) continue; // the metadata check reports it
      const root = parseOrdered(text);
      const limits = root ? byType.get(root.name) : undefined;
      if (!root || !limits) continue;
      checked += 1;
      const apiName = apiNameOf(file);
      for (const limit of limits) {
        if (limit.nameEndsWith && !apiName.endsWith(limit.nameEndsWith)) continue;
        checkLimit(limit, file, text, root, findings);
      }
    }
    return Promise.resolve({
      name: 'limits',
      findings,
      summary: `${checked} metadata files against ${METADATA_LIMITS.length} documented limits and name rules, ${findings.length} findings`,
    });
  },
};
