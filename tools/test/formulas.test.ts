/**
 * Proves the `formulas` check reports each planted formula defect — syntax, unknown function,
 * wrong argument count, a function used where Salesforce forbids it, a picklist compared with an
 * operator — in validation rules, formula fields, default values, flow formulas, workflow field
 * updates and report summary formulas, naming the file, the line of the element holding the
 * formula and the rule; passes on a clean project full of valid forms (`==` and `=`, `<>` and
 * `!=`, comments, escapes, merge fields, `$` globals, polymorphic owners, summary fields); and
 * still finds the defects when the package directory is not `force-app`; and that formatting a
 * metadata file with the project's Prettier config never changes a formula (with
 * `xmlWhitespaceSensitivity: ignore` the XML plugin rewrote `&amp;&amp;` as `&amp; &amp;` and
 * `&quot;Closed Won&quot;` as `&quot; Closed Won &quot;`: a broken `&&` and a changed literal).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, xmlTextElements } from '../checks/formulas';
import { parseFormula } from '../checks/lib/formula-parser';
import { formulaFunction } from '../checks/lib/formula-functions';
import { formulaReferences } from '../checks/lib/formula';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const base = 'force-app/main/default';

async function findingsOf(projectDir: string): Promise<Finding[]> {
  return (await check.run({ projectDir })).findings;
}

/** The planted defects of formulas-broken: file under force-app/main/default, line, rule, text. */
const PLANTED: [string, number, string, string][] = [
  [
    'objects/Opportunity/fields/Unbalanced__c.field-meta.xml',
    4,
    'formula-syntax',
    'IF( is never closed',
  ],
  [
    'objects/Opportunity/fields/Dangling__c.field-meta.xml',
    4,
    'formula-syntax',
    'operator * has no operand',
  ],
  [
    'objects/Opportunity/fields/Discount_Default__c.field-meta.xml',
    4,
    'formula-syntax',
    'default value',
  ],
  [
    'objects/Opportunity/validationRules/Triple_Ampersand.validationRule-meta.xml',
    5,
    'formula-syntax',
    '&&& is not an operator',
  ],
  [
    'objects/Opportunity/validationRules/Unterminated_String.validationRule-meta.xml',
    5,
    'formula-syntax',
    'unterminated string',
  ],
  [
    'objects/Opportunity/validationRules/Comma_Outside_Call.validationRule-meta.xml',
    5,
    'formula-syntax',
    'comma outside',
  ],
  [
    'objects/Opportunity/validationRules/Unclosed_Comment.validationRule-meta.xml',
    5,
    'formula-syntax',
    'unterminated comment',
  ],
  ['flows/Commission.flow-meta.xml', 13, 'formula-syntax', 'flow formula'],
  ['reports/Deals/Win_Rate.report-meta.xml', 4, 'formula-syntax', 'report summary formula'],
  [
    'objects/Opportunity/fields/Unknown_Function__c.field-meta.xml',
    4,
    'formula-unknown-function',
    'ISNOTBLANK()',
  ],
  ['flows/Commission.flow-meta.xml', 19, 'formula-unknown-function', 'BLANKVALU()'],
  [
    'objects/Opportunity/fields/Missing_Else__c.field-meta.xml',
    4,
    'formula-wrong-argument-count',
    'IF() takes 3',
  ],
  [
    'objects/Opportunity/validationRules/Case_Without_Else.validationRule-meta.xml',
    5,
    'formula-wrong-argument-count',
    'CASE()',
  ],
  [
    'objects/Opportunity/validationRules/Empty_Arguments.validationRule-meta.xml',
    5,
    'formula-wrong-argument-count',
    'TEXT() takes 1 argument(s), found 0',
  ],
  ['workflows/Opportunity.workflow-meta.xml', 6, 'formula-wrong-argument-count', 'LEFT() takes 2'],
  [
    'objects/Opportunity/fields/Uses_Ischanged__c.field-meta.xml',
    4,
    'formula-function-not-allowed',
    'ISCHANGED() may not be used in a formula field',
  ],
  [
    'objects/Opportunity/fields/Report_Only__c.field-meta.xml',
    4,
    'formula-function-not-allowed',
    'PREVGROUPVAL()',
  ],
  [
    'objects/Opportunity/fields/Tier_Score__c.field-meta.xml',
    4,
    'formula-picklist-comparison',
    'Opportunity.Deal_Tier__c',
  ],
  [
    'objects/Opportunity/validationRules/Stage_Compared.validationRule-meta.xml',
    5,
    'formula-picklist-comparison',
    'Opportunity.StageName',
  ],
  ['flows/Commission.flow-meta.xml', 25, 'formula-picklist-comparison', 'Opportunity.StageName'],
];

function expected(root: string): Finding[] {
  return PLANTED.map(([file, line, rule, text]) => ({
    file: `${root}/${file}`,
    line,
    rule,
    message: expect.stringContaining(text) as unknown as string,
  }));
}

describe('formulas check', () => {
  it('passes on a clean project whose formulas use every valid form', async () => {
    expect(await findingsOf(path.join(fixtures, 'formulas-clean'))).toEqual([]);
  });

  describe('on a project with planted formula defects', () => {
    let findings: Finding[];
    beforeAll(async () => {
      findings = await findingsOf(path.join(fixtures, 'formulas-broken'));
    });

    it.each(PLANTED)('reports %s line %i: %s (%s)', (file, line, rule, text) => {
      expect(findings).toContainEqual({
        file: `${base}/${file}`,
        line,
        rule,
        message: expect.stringContaining(text) as unknown as string,
      });
    });

    it('reports nothing else: valid formulas beside the broken ones (the first flow formula, ISCHANGED and PRIORVALUE in a workflow rule) pass', () => {
      expect(findings).toHaveLength(PLANTED.length);
    });
  });

  it('finds the same defects when the package directory is not force-app', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-formulas-'));
    try {
      cpSync(path.join(fixtures, 'formulas-broken'), dir, { recursive: true });
      renameSync(path.join(dir, 'force-app'), path.join(dir, 'core'));
      writeFileSync(
        path.join(dir, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'core', default: true }] }),
      );
      const findings = await findingsOf(dir);
      expect(findings).toHaveLength(PLANTED.length);
      expect(findings).toEqual(expect.arrayContaining(expected('core/main/default')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formula parser', () => {
  const parses = (formula: string, summary = false): boolean =>
    parseFormula(formula, { summary }).tree !== undefined;
  const errorOf = (formula: string): string | undefined => parseFormula(formula).error?.message;

  it('accepts both spellings of equality and inequality, and the logical operators', () => {
    for (const formula of ['a = 1', 'a == 1', 'a <> 1', 'a != 1', 'a && b || !c', 'a & "x" + b']) {
      expect(parses(formula)).toBe(true);
    }
  });

  it('accepts comments, both quote kinds with backslash escapes, and unary operators', () => {
    expect(parses('/* a\n comment */ -1 + +2 - -(3) ^ 2')).toBe(true);
    expect(parses(`'it\\'s' & "say \\"hi\\"" & '\\\\'`)).toBe(true);
  });

  it('reads merge fields, $ globals, relationship paths and polymorphic owners as names', () => {
    const tree = parseFormula('{!$Record.Account.Name} & $Setup.Config__c.Prefix__c').tree;
    expect(tree).toMatchObject({
      kind: 'binary',
      left: { kind: 'reference', path: ['$Record', 'Account', 'Name'], merge: true },
      right: { kind: 'reference', path: ['$Setup', 'Config__c', 'Prefix__c'], merge: false },
    });
    expect(parses('ISBLANK(Owner:User.Email)')).toBe(true);
    expect(parses('ISBLANK({!$Record.Owner:User.Email})')).toBe(true);
  });

  it('accepts summary fields only in report summary formulas', () => {
    expect(parses('AMOUNT:SUM / PARENTGROUPVAL(AMOUNT:SUM, GRAND_SUMMARY)', true)).toBe(true);
    expect(parses('AMOUNT:SUM / 2')).toBe(false);
  });

  it('names the problem of each malformed formula', () => {
    expect(errorOf('IF(a, b, c))')).toMatch(/\) without a matching \(/);
    expect(errorOf('(a + b')).toMatch(/\( is never closed/);
    expect(errorOf('a b')).toMatch(/an operator is missing/);
    expect(errorOf('IF(a,, c)')).toMatch(/empty argument/);
    expect(errorOf('a, b')).toMatch(/comma outside/);
    expect(errorOf('* a')).toMatch(/no operand before it/);
    expect(errorOf('a # b')).toMatch(/unexpected character "#"/);
    expect(errorOf('{!$Record.Name')).toMatch(/unterminated merge field/);
    expect(errorOf('Account.')).toMatch(/malformed name/);
    expect(errorOf('()')).toMatch(/empty parentheses/);
    expect(errorOf('   ')).toMatch(/empty/);
  });

  it('knows functions case-insensitively, with documented argument counts', () => {
    expect(formulaFunction('isPickVal')).toMatchObject({ min: 2, max: 2 });
    expect(formulaFunction('CASE')).toMatchObject({ min: 4, even: true });
    expect(formulaFunction('TODAY')).toMatchObject({ min: 0, max: 0 });
    expect(formulaFunction('CONSTRUCTOR')).toBeUndefined();
  });
});

describe('XML text elements', () => {
  it('gives each text-only element its path, decoded text and start-tag line', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8" ?>',
      '<Flow xmlns="http://soap.sforce.com/2006/04/metadata">',
      '  <!-- <formulas> in a comment is not an element -->',
      '  <formulas>',
      '    <expression',
      '    >a &lt;&gt; &apos;b&apos; &amp;&amp; <![CDATA[c < d]]></expression>',
      '  </formulas>',
      '  <empty/>',
      '</Flow>',
    ].join('\n');
    const [element] = xmlTextElements(xml);
    expect(element).toMatchObject({
      path: ['Flow', 'formulas', 'expression'],
      text: "a <> 'b' && c < d",
    });
    expect(xml.slice(0, element.offset).split('\n')).toHaveLength(5);
  });
});

describe('formula identifiers for the references check (lib/formula.ts, unchanged)', () => {
  it('still lists field paths and skips functions, literals and $ globals', () => {
    expect(
      formulaReferences('IF(ISBLANK(Account.Name), $User.Id, "Name")').map((r) => r.path),
    ).toEqual([['Account', 'Name']]);
  });
});

describe('Prettier with the project config keeps formulas as written', () => {
  const root = path.resolve(__dirname, '..', '..');
  const formulasOf = (xml: string): string[] =>
    xmlTextElements(xml)
      .filter((element) => /formula|expression/i.test(element.path[element.path.length - 1]))
      .map((element) => element.text.trim());

  it.each([
    'flows/Won.flow-meta.xml',
    'objects/Opportunity/fields/Days_Open__c.field-meta.xml',
    'objects/Opportunity/fields/Tier_Text__c.field-meta.xml',
    'objects/Opportunity/validationRules/Gold_Needs_Next_Step.validationRule-meta.xml',
  ])('formats %s without touching its formulas', (file) => {
    const source = readFileSync(path.join(fixtures, 'formulas-clean', base, file), 'utf8');
    // Formatted as if it were a file of the project, so the project's XML options apply.
    const result = spawnSync(
      path.join(root, 'node_modules', '.bin', 'prettier'),
      ['--stdin-filepath', path.join(root, 'force-app', 'main', 'default', file)],
      { cwd: root, input: source, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(formulasOf(result.stdout)).toEqual(formulasOf(source));
    expect(formulasOf(source).length).toBeGreaterThan(0);
  });
});
