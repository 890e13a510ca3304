/**
 * Field references in Salesforce formulas (validation rules, formula fields, flow formulas):
 * identifiers and dotted paths that are not function names, keywords, literals or `$` globals
 * (`$User`, `$Setup`, `$Permission`, …).
 */

export interface FormulaReference {
  path: string[];
  offset: number;
}

const FORMULA_KEYWORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not']);

/** Blanks string literals and comments, keeping offsets. */
function blank(formula: string): string {
  return formula
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (literal) => ' '.repeat(literal.length));
}

/** Identifier paths a formula reads, relative to the object the formula runs on. */
export function formulaReferences(formula: string): FormulaReference[] {
  const text = blank(formula);
  const references: FormulaReference[] = [];
  const identifier = /(?<![\w$.])([A-Za-z_]\w*(?:\.[A-Za-z_$]\w*)*)(?![\w.]|\s*\()/g;
  for (let match = identifier.exec(text); match; match = identifier.exec(text)) {
    if (FORMULA_KEYWORDS.has(match[1].toLowerCase())) continue;
    references.push({ path: match[1].split('.'), offset: match.index });
  }
  return references;
}

/** Merge fields of flows and templates: `{!$Record.Account.Name}` → `['$Record', 'Account', 'Name']`. */
export function mergeFieldReferences(text: string): string[][] {
  const paths: string[][] = [];
  const merge = /\{!\s*([$A-Za-z_][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\}/g;
  for (let match = merge.exec(text); match; match = merge.exec(text))
    paths.push(match[1].split('.'));
  return paths;
}
