/**
 * Check `limits`: the metadata stays within the documented maxima of the platform for the deploy
 * API version — lengths of descriptions, labels, error messages, formulas and API names, and the
 * ranges of field lengths, visible lines and numeric precision — each listed with its source in
 * lib/metadata-limits.ts. A deploy that exceeds one fails ("Value too long for field", "Length
 * must be …"); the XML schema cannot say so, because the WSDL types every one of them as a plain
 * string or int.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { lineAt, listSourceFiles } from './lib/project-files';
import { METADATA_LIMITS, type LimitCondition, type MetadataLimit } from './lib/metadata-limits';
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

/** The API name a source-format file gives its component, or undefined for other types. */
function apiNameOf(file: string, type: string): string | undefined {
  const base = path.posix.basename(file);
  if (type === 'CustomField') return base.replace(/\.field-meta\.xml$/, '');
  if (type === 'CustomObject') return base.replace(/\.object-meta\.xml$/, '');
  return undefined;
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
      const apiName = apiNameOf(file, limit.type);
      if (apiName === undefined || !CUSTOM_SUFFIX.test(apiName)) return;
      const withoutNamespace = apiName.replace(/^[A-Za-z0-9]+__(?=.*__)/, '');
      const name = withoutNamespace.replace(CUSTOM_SUFFIX, '');
      if (characters(name) <= limit.max) return;
      findings.push({
        file,
        line: where(root),
        rule: 'api-name-too-long',
        message: `${limit.type} API name ${apiName} has ${characters(name)} characters before its suffix; the maximum is ${limit.max} (${limit.source})`,
      });
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
    'Documented Metadata API maxima: lengths of descriptions, labels, messages, formulas, API names; field length, lines and precision ranges',
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
      for (const limit of limits) checkLimit(limit, file, text, root, findings);
    }
    return Promise.resolve({
      name: 'limits',
      findings,
      summary: `${checked} metadata files against ${METADATA_LIMITS.length} documented limits, ${findings.length} over`,
    });
  },
};
