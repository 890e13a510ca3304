/**
 * Proves the `apex-ls` check reports unknown fields (on a custom and on a standard object, and on
 * standard objects the project extends, which apex-ls alone treats as open), an unknown method and
 * a type error in Apex, with file, line and rule; passes on a clean project;
 * applies its allowlist entry by entry; and says how to install Java when there is none.
 */
import path from 'node:path';
import { applyAllowlist, check, loadAllowlist, type AllowlistEntry } from '../checks/apex-ls';
import { requireJava } from '../checks/apex-ls-java';
import { unknownExtendedFields } from '../checks/lib/extended-objects';
import { SchemaIndex } from '../checks/lib/schema-index';
import type { CheckResult, Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const brokenDir = path.join(fixtures, 'apex-broken');
const sizer = 'force-app/main/default/classes/WidgetSizer.cls';

describe('apex-ls check', () => {
  let broken: CheckResult;
  let clean: CheckResult;

  beforeAll(async () => {
    [broken, clean] = await Promise.all([
      check.run({ projectDir: brokenDir }),
      check.run({ projectDir: path.join(fixtures, 'clean-project') }),
    ]);
  }, 60_000);

  it('reports an unknown field on a custom object', () => {
    expect(broken.findings).toContainEqual({
      file: sizer,
      line: 13,
      rule: 'unknown-field',
      message: "Unknown field 'Colour__c' on SObject 'Schema.Widget__c'",
    });
  });

  it('reports an unknown field on a standard object the project does not extend', () => {
    expect(broken.findings).toContainEqual({
      file: sizer,
      line: 15,
      rule: 'unknown-field',
      message: "Unknown field 'Bogus_Rating__c' on SObject 'Schema.Account'",
    });
  });

  it('reports a type error', () => {
    expect(broken.findings).toContainEqual({
      file: sizer,
      line: 16,
      rule: 'type-mismatch',
      message: "Incompatible types in assignment, from 'System.String' to 'System.Integer'",
    });
  });

  it('reports a call to a method that does not exist', () => {
    expect(broken.findings).toContainEqual(
      expect.objectContaining({ file: sizer, line: 17, rule: 'unknown-method' }),
    );
  });

  it('reports nothing but the four planted defects', () => {
    expect(broken.findings).toHaveLength(4);
  });

  it('passes on the clean project', () => {
    expect(clean.findings).toEqual([]);
    expect(clean.summary).toBe('2 Apex files, 0 error(s)');
  });
});

describe('apex-ls on standard objects the project extends', () => {
  const dealDesk = 'deal-desk/main/classes/DealDesk.cls';
  let extended: CheckResult;

  beforeAll(async () => {
    extended = await check.run({ projectDir: path.join(fixtures, 'apex-extended') });
  }, 120_000);

  const unknown = (line: number, field: string, object: string): Finding => ({
    file: dealDesk,
    line,
    rule: 'unknown-field',
    message: `Unknown field '${field}' on SObject 'Schema.${object}': neither the platform's ${object} nor the project's fields on it have '${field}'`,
  });

  it('reports an unknown custom field on Opportunity, which the project extends', () => {
    expect(extended.findings).toContainEqual(unknown(8, 'Typo__c', 'Opportunity'));
  });

  it('reports an unknown standard-looking field on Account, which the project extends', () => {
    expect(extended.findings).toContainEqual(unknown(11, 'NoSuchField', 'Account'));
  });

  it('reports an unknown field on Task when the project extends Activity', () => {
    expect(extended.findings).toContainEqual(unknown(15, 'Deal_Kee__c', 'Task'));
  });

  it("accepts the project's own fields, lookups, child relationships and Activity fields", () => {
    expect(extended.findings).toHaveLength(3);
  });
});

describe('unknown fields of extended standard objects, filtered', () => {
  const index = new SchemaIndex();
  index.addProject(path.join(fixtures, 'apex-extended'), [
    'deal-desk/main/objects/Opportunity/fields/Deal_Score__c.field-meta.xml',
  ]);
  const fromCopy = (message: string, rule = 'unknown-field'): Finding => ({
    file: 'x.cls',
    line: 3,
    rule,
    message,
  });

  it('keeps an unknown field of an extended object, also on a SOQL result list', () => {
    const kept = unknownExtendedFields(
      [fromCopy("Unknown field 'Typo__c' on SObject '[Schema.Opportunity Records]'")],
      new Set(['Opportunity']),
      index,
    );
    expect(kept).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining("'Typo__c'") as string }),
    ]);
  });

  it("drops the project's own field, objects it does not extend and every other message", () => {
    const kept = unknownExtendedFields(
      [
        fromCopy("Unknown field 'Deal_Score__c' on SObject 'Schema.Opportunity'"),
        fromCopy("Unknown field 'Typo__c' on SObject 'Schema.Lead'"),
        fromCopy("No variable or type found for 'x'", 'unknown-identifier'),
      ],
      new Set(['Opportunity']),
      index,
    );
    expect(kept).toEqual([]);
  });
});

describe('apex-ls allowlist', () => {
  const unknownField: Finding = {
    file: sizer,
    line: 13,
    rule: 'unknown-field',
    message: "Unknown field 'Colour__c' on SObject 'Schema.Widget__c'",
  };
  const typeError: Finding = {
    file: sizer,
    line: 16,
    rule: 'type-mismatch',
    message: "Incompatible types in assignment, from 'System.String' to 'System.Integer'",
  };
  const entry: AllowlistEntry = {
    file: sizer,
    message: "^Unknown field 'Colour__c' on SObject 'Schema\\.Widget__c'$",
    why: 'test entry',
  };

  it('drops only the finding whose file and message an entry names', () => {
    expect(applyAllowlist([unknownField, typeError], [entry], brokenDir)).toEqual([typeError]);
  });

  it('does not apply an entry to the same message in another file', () => {
    const elsewhere = { ...unknownField, file: 'force-app/main/default/classes/Other.cls' };
    const result = applyAllowlist([elsewhere], [entry], brokenDir);
    expect(result).toContainEqual(elsewhere);
  });

  it('reports an entry that matches nothing while its file exists as stale', () => {
    expect(applyAllowlist([typeError], [entry], brokenDir)).toEqual([
      typeError,
      expect.objectContaining({
        file: 'tools/checks/apex-ls-allowlist.json',
        rule: 'allowlist-stale',
      }),
    ]);
  });

  it('keeps the committed allowlist well-formed: every entry has a file, a pattern and a reason', () => {
    expect(() => loadAllowlist()).not.toThrow();
  });
});

describe('Java for apex-ls and PMD', () => {
  const saved = process.env.JAVA_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.JAVA_HOME;
    else process.env.JAVA_HOME = saved;
  });

  it('fails with install instructions when java cannot start', () => {
    process.env.JAVA_HOME = path.join(fixtures, 'no-such-jre');
    expect(() => requireJava('apex-ls')).toThrow(
      /apex-ls needs Java[\s\S]*apt-get install -y openjdk-17-jre-headless/,
    );
  });
});
