/**
 * Proves the `references` check reports unknown fields named in flows, validation rules, LWC
 * schema imports and Apex SOQL, and unknown classes, permissions and components named by
 * permission sets and quick actions (on Opportunity, a standard object the project extends, which
 * apex-ls cannot check), naming file, line and rule; passes on a clean project; and that the
 * pieces it stands on (SOQL reader, standard objects from the sobject-types jar) read what they
 * must.
 */
import path from 'node:path';
import { check, resolveComponents } from '../checks/references';
import { SchemaIndex } from '../checks/lib/schema-index';
import { blankApexCommentsAndStrings, findApexQueries } from '../checks/lib/soql';
import { formulaReferences } from '../checks/lib/formula';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

async function findingsOf(fixture: string): Promise<Finding[]> {
  const result = await check.run({ projectDir: path.join(fixtures, fixture) });
  return result.findings;
}

describe('references check', () => {
  it('passes on a clean project whose flow, formula, SOQL and LWC name only existing fields', async () => {
    expect(await findingsOf('meta-clean')).toEqual([]);
  });

  it('does not fail on malformed XML (the metadata check reports it)', async () => {
    expect(await findingsOf('malformed')).toEqual([]);
  });

  describe('on a project with planted unknown fields', () => {
    let findings: Finding[];
    const unknownField = (file: string, line: number, text: string): Finding => ({
      file: `force-app/main/default/${file}`,
      line,
      rule: 'unknown-field',
      message: expect.stringContaining(text) as unknown as string,
    });
    beforeAll(async () => {
      findings = await findingsOf('ref-unknown');
    });

    it('reports $Record.Bogus__c in a flow condition', () => {
      expect(findings).toContainEqual(
        unknownField(
          'flows/Stamp_Bogus.flow-meta.xml',
          14,
          'Opportunity.Bogus__c does not resolve',
        ),
      );
    });

    it('reports an unknown field in a flow update inputAssignment', () => {
      expect(findings).toContainEqual(
        unknownField('flows/Stamp_Bogus.flow-meta.xml', 50, 'Opportunity.Bogus_Input__c'),
      );
    });

    it('reports an unknown field in an Apex SOQL select list on Opportunity', () => {
      expect(findings).toContainEqual(
        unknownField(
          'classes/BogusFieldSelector.cls',
          12,
          'no field Bogus_Field__c on Opportunity',
        ),
      );
    });

    it('reports an unknown field in a validation rule formula', () => {
      expect(findings).toContainEqual(
        unknownField(
          'objects/Opportunity/validationRules/Explanation_Required.validationRule-meta.xml',
          5,
          'Opportunity.Bogus_Rule_Field__c',
        ),
      );
    });

    it('reports an LWC schema import of an unknown field', () => {
      expect(findings).toContainEqual(
        unknownField('lwc/factorsPanel/factorsPanel.ts', 3, 'Opportunity.Bogus_Import__c'),
      );
    });

    it('reports a permission set granting an Apex class and a custom permission that do not exist', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/permissionsets/Bogus_Access.permissionset-meta.xml',
        line: 8,
        rule: 'unknown-component',
        message:
          'permission set class access: Apex class MissingSelector does not exist in the project',
      });
      expect(findings).toContainEqual({
        file: 'force-app/main/default/permissionsets/Bogus_Access.permissionset-meta.xml',
        line: 13,
        rule: 'unknown-component',
        message:
          'permission set custom permission: custom permission Missing_Permission does not exist in the project',
      });
    });

    it('reports an object permission on an object that does not exist', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/permissionsets/Bogus_Access.permissionset-meta.xml',
        line: 23,
        rule: 'unknown-object',
        message:
          'permission set object permission: object Missing_Object__c does not exist in the project or the platform',
      });
    });

    it('reports a quick action opening an LWC bundle that does not exist', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/quickActions/Opportunity.Show_Missing_Panel.quickAction-meta.xml',
        line: 5,
        rule: 'unknown-component',
        message: 'quick action component: LWC bundle missingPanel does not exist in the project',
      });
    });

    it('accepts the valid references beside them ($Record.Account.Name, Account.Owner.Name, an existing class)', () => {
      expect(findings).toHaveLength(9);
    });
  });
});

describe('record page components', () => {
  const page = 'force-app/main/default/flexipages/Account_Page.flexipage-meta.xml';
  const files = [
    'force-app/main/default/aura/auraEmbeddedPanel/auraEmbeddedPanel.cmp',
    'force-app/main/default/lwc/closeSummary/closeSummary.js-meta.xml',
  ];
  const onPage = (name: string) => ({
    file: page,
    line: 6,
    kind: 'LWC or Aura bundle' as const,
    name,
    where: 'record page component',
  });

  it("accepts the project's Aura components and LWC on a record page", () => {
    expect(resolveComponents([onPage('auraEmbeddedPanel'), onPage('closeSummary')], files)).toEqual(
      [],
    );
  });

  it('reports a component the project has neither as LWC nor as Aura bundle', () => {
    expect(resolveComponents([onPage('missingPanel')], files)).toEqual([
      {
        file: page,
        line: 6,
        rule: 'unknown-component',
        message:
          'record page component: LWC or Aura bundle missingPanel does not exist in the project',
      },
    ]);
  });
});

describe('SOQL reader', () => {
  const read = (apex: string) => findApexQueries(blankApexCommentsAndStrings(apex));

  it('reads select list paths, child subqueries, conditions and ordering, skipping binds and literals', () => {
    const [query] = read(
      "List<Opportunity> rows = [SELECT Id, toLabel(StageName), Account.Owner.Name, (SELECT Quantity FROM OpportunityLineItems) FROM Opportunity WHERE Name LIKE 'Acme%' AND Id IN :ids AND Amount > :limits.max ORDER BY CloseDate DESC NULLS LAST];",
    );
    expect(query.from).toBe('Opportunity');
    expect(query.fields.map((field) => field.path.join('.'))).toEqual([
      'Id',
      'StageName',
      'Account.Owner.Name',
      'Name',
      'Id',
      'Amount',
      'CloseDate',
    ]);
    expect(
      query.children.map((child) => [child.from, child.fields.map((f) => f.path.join('.'))]),
    ).toEqual([['OpportunityLineItems', ['Quantity']]]);
  });

  it('reads semi-join subqueries as queries of their own and ignores queries in comments', () => {
    const queries = read(
      '// [SELECT Ghost__c FROM Opportunity]\nAccount[] a = [SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsWon = TRUE)];',
    );
    expect(queries).toHaveLength(1);
    expect(
      queries[0].semiJoins.map((q) => [q.from, q.fields.map((f) => f.path.join('.'))]),
    ).toEqual([['Opportunity', ['AccountId', 'IsWon']]]);
    expect(queries[0].fields.map((f) => f.path.join('.'))).toEqual(['Id', 'Id']);
  });
});

describe('formula reader', () => {
  it('reads field paths, not functions, literals or $ globals', () => {
    const paths = formulaReferences(
      'AND(ISPICKVAL(StageName, "Closed Won"), Account.Owner.IsActive, $User.Id != OwnerId, TRUE)',
    ).map((reference) => reference.path.join('.'));
    expect(paths).toEqual(['StageName', 'Account.Owner.IsActive', 'OwnerId']);
  });
});

describe('standard objects from the sobject-types jar', () => {
  const index = new SchemaIndex();

  it('resolves standard fields, lookups and polymorphic owners', () => {
    expect(index.unresolved('Opportunity', ['Account', 'Owner', 'Name'])).toBeUndefined();
    expect(index.unresolved('opportunity', ['stagename'])).toBeUndefined();
    expect(index.unresolved('Task', ['What', 'Name'])).toBeUndefined();
  });

  it('resolves child relationships to their child object', () => {
    expect(index.childObject('Opportunity', 'OpportunityLineItems')).toBe('OpportunityLineItem');
  });

  it('names the segment that does not resolve', () => {
    expect(index.unresolved('Opportunity', ['Account', 'Bogus__c'])).toEqual({
      segment: 'Bogus__c',
      object: 'Account',
    });
    expect(index.hasObject('Bogus_Object__c')).toBe(false);
  });
});
