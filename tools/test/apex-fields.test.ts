/**
 * Proves the `apex-fields` check reports, with file, line and rule:
 * - writes to read-only fields (Opportunity.IsWon / IsClosed / ExpectedRevenue, the project's
 *   formula, roll-up summary and auto-number fields, audit fields, Task.IsClosed, Contract.EndDate)
 *   through parameters, loop variables, list elements, map values, `this.` fields, casts,
 *   `new X(Field = …)`, `put()` with a name or a field token, and `Trigger.new[i]` — in a class,
 *   in a test that inserts a won deal built with IsWon, and in a trigger;
 * - unknown fields, relationship paths, child relationship fields and objects in SOQL built as
 *   strings (constants, `+` chains, `String.join` of literal lists), on the literal's line;
 * - an unknown field named to `get()`;
 * and nothing else: not the writable fields beside them, not a map's `put`, not a wrapper's own
 * property, not parts of a query built at run time. It passes on clean projects.
 */
import path from 'node:path';
import { check } from '../checks/apex-fields';
import { parseApex, stringValue, type StringPart } from '../checks/lib/apex-ast';
import { ReadOnlyFields } from '../checks/lib/read-only-fields';
import type { Finding } from '../checks/types';
import { ExpressionContext } from '@apexdevtools/apex-parser';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const classes = 'force-app/main/default/classes';
const closer = `${classes}/DealCloser.cls`;
const selector = `${classes}/DealSelector.cls`;

async function findingsOf(fixture: string): Promise<Finding[]> {
  return (await check.run({ projectDir: path.join(fixtures, fixture) })).findings;
}

/** file:line [rule] — the part of a finding the planted defects fix. */
function where(finding: Finding): string {
  return `${finding.file}:${String(finding.line)} [${finding.rule}]`;
}

describe('apex-fields check on planted defects', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await findingsOf('apex-fields');
  }, 60_000);

  const readOnly = (file: string, line: number, field: string): [string, string] => [
    `${file}:${line} [read-only-field-write]`,
    field,
  ];
  const writes: [string, string][] = [
    readOnly(closer, 20, 'Opportunity.IsWon'), // parameter
    readOnly(closer, 22, 'Opportunity.Weighted_Amount__c'), // loop variable, formula field
    readOnly(closer, 24, 'Opportunity.IsClosed'), // list element
    readOnly(closer, 25, 'Opportunity.ExpectedRevenue'), // map value, compound assignment
    readOnly(closer, 26, 'Opportunity.IsWon'), // new Opportunity(IsWon = …)
    readOnly(closer, 28, 'Opportunity.IsClosed'), // SObject.put(field token)
    readOnly(closer, 29, 'Opportunity.HasOpportunityLineItem'), // put('name')
    readOnly(closer, 30, 'Account.Won_Deals__c'), // this.field, roll-up summary
    readOnly(closer, 32, 'Deal_Note__c.Name'), // auto-number name
    readOnly(closer, 34, 'Task.CreatedDate'), // cast, audit field
    readOnly(closer, 35, 'Task.IsClosed'),
    readOnly(closer, 37, 'Contract.EndDate'),
    readOnly(`${classes}/DealCloserTest.cls`, 12, 'Opportunity.IsWon'), // test inserting a won deal
    readOnly('force-app/main/default/triggers/DealGuard.trigger', 5, 'Opportunity.IsWon'),
  ];
  const queries: [number, string, string][] = [
    [8, 'unknown-field', 'no field Stage_Nmae__c on Opportunity'], // in a constant, on its own line
    [20, 'unknown-field', 'no field Nmae on Account'], // relationship path
    [20, 'unknown-field', 'no field Bogus__c on OpportunityLineItem'], // child subquery
    [35, 'unknown-object', 'object Opportunty does not exist'],
    [38, 'unknown-field', 'no field Amont on Opportunity'], // String.join of a literal list
    [46, 'unknown-field', 'no field Stage_Nmae__c on Opportunity'], // WHERE, beside a hole
    [53, 'unknown-field', 'no field Name on Deal_Notes__r (not a lookup)'], // child as a path
  ];

  it.each(writes)('reports %s writing %s', (location, field) => {
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: location.split(':')[0],
        line: Number(location.split(':')[1].split(' ')[0]),
        rule: 'read-only-field-write',
        message: expect.stringContaining(`writes ${field}, which is`) as string,
      }),
    );
  });

  it('names the deploy error for an assignment and the run-time error for put()', () => {
    const assignment = findings.find(
      (finding) => where(finding) === `${closer}:20 [read-only-field-write]`,
    );
    expect(assignment?.message).toContain('Field is not writeable: Opportunity.IsWon');
    const put = findings.find(
      (finding) => where(finding) === `${closer}:29 [read-only-field-write]`,
    );
    expect(put?.message).toContain('put() throws at run time');
  });

  it('reports an unknown field named to get()', () => {
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: closer,
        line: 38,
        rule: 'unknown-field',
        message: expect.stringContaining("Opportunity has no field 'Stage_Nmae__c'") as string,
      }),
    );
  });

  it.each(queries)('reports dynamic SOQL at line %i: [%s] %s', (line, rule, text) => {
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: selector,
        line,
        rule,
        message: expect.stringContaining(text) as string,
      }),
    );
  });

  it('reports nothing but the planted defects', () => {
    const expected = [
      ...writes.map(([location]) => location),
      `${closer}:38 [unknown-field]`,
      ...queries.map(([line, rule]) => `${selector}:${line} [${rule}]`),
    ];
    expect(findings.map(where).sort()).toEqual(expected.sort());
  });
});

describe('apex-fields check on clean projects', () => {
  it.each(['clean-project', 'meta-clean', 'apex-extended'])('passes on %s', async (fixture) => {
    expect(await findingsOf(fixture)).toEqual([]);
  });
});

describe('string values of Apex expressions', () => {
  function valueOf(apex: string, variable: string): StringPart[] {
    const unit = parseApex(`public class A { ${apex} }`, false);
    const tree = unit.tree;
    if (!tree) throw new Error('does not parse');
    const found: ExpressionContext[] = [];
    const visit = (node: typeof tree): void => {
      if (node instanceof ExpressionContext && node.getText() === variable) found.push(node);
      for (const child of node.children ?? [])
        if (!('symbol' in child)) visit(child as typeof tree);
    };
    visit(tree);
    return stringValue(found[found.length - 1]);
  }
  const text = (parts: StringPart[]): string =>
    parts.map((part) => ('text' in part ? part.text : '?')).join('');

  it('follows a constant and joins literals, escapes read', () => {
    const value = valueOf(
      "static final String F = 'Id, ' + 'Name'; void m() { String q = 'SELECT ' + F + ' FROM A WHERE B = \\'x\\''; use(q); }",
      'q',
    );
    expect(text(value)).toBe("SELECT Id, Name FROM A WHERE B = 'x'");
  });

  it('leaves a hole for a variable that is assigned again', () => {
    const value = valueOf(
      "void m(Boolean b) { String f = 'Id'; if (b) { f = 'Name'; } String q = 'SELECT ' + f; use(q); }",
      'q',
    );
    expect(text(value)).toBe('SELECT ?');
  });
});

describe('read-only fields', () => {
  const readOnly = new ReadOnlyFields();

  it('knows documented read-only standard fields and system fields, case-insensitively', () => {
    expect(readOnly.reason('Opportunity', 'iswon')).toMatch(/stage/);
    expect(readOnly.reason('Order', 'TotalAmount')).toMatch(/calculated/);
    expect(readOnly.reason('Widget__c', 'SystemModstamp')).toMatch(/system field/);
  });

  it('leaves writable fields alone', () => {
    expect(readOnly.reason('Opportunity', 'ForecastCategoryName')).toBeUndefined();
    expect(readOnly.reason('Opportunity', 'Amount')).toBeUndefined();
    expect(readOnly.reason('Opportunity', 'Id')).toBeUndefined();
  });
});
