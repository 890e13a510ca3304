/**
 * Proves the `apex-ls` check reports unknown fields (on a custom and on a standard object, and on
 * standard objects the project extends, which apex-ls alone treats as open), an unknown method,
 * a type error, a syntax error and a class without its -meta.xml, with file, line and rule;
 * passes on a clean project;
 * applies its allowlist entry by entry; sets aside each known apex-ls gap only where the project
 * proves it (and still reports the defective neighbour of each); and says how to install Java
 * when there is none.
 */
import path from 'node:path';
import {
  applyAllowlist,
  check,
  loadAllowlist,
  runApexLs,
  type AllowlistEntry,
} from '../checks/apex-ls';
import { requireJava } from '../checks/apex-ls-java';
import { APEX_LS_GAPS, knownGap, ProjectFacts } from '../checks/lib/apex-ls-gaps';
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

  it("reports apex-ls's own syntax error (pmd reports the same as apex-syntax-error)", () => {
    expect(broken.findings).toContainEqual({
      file: 'force-app/main/default/classes/WidgetFolder.cls',
      line: 11,
      rule: 'syntax-error',
      message: "missing ';' at 'return'",
    });
  });

  it('reports a class without its -meta.xml (metadata reports the same as missing-meta-xml)', () => {
    expect(broken.findings).toContainEqual({
      file: 'force-app/main/default/classes/WidgetStacker.cls',
      line: 1,
      rule: 'missing-meta-xml',
      message:
        "Type 'WidgetStacker' is defined, but meta file is missing for 'force-app/main/default/classes/WidgetStacker.cls'",
    });
  });

  it('reports nothing but the six planted defects', () => {
    expect(broken.findings).toHaveLength(6);
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

describe('known apex-ls gaps', () => {
  const gapsDir = path.join(fixtures, 'apex-ls-gaps');
  const classes = 'core/main/classes';
  let result: CheckResult;
  let raw: Finding[];

  beforeAll(async () => {
    [result, raw] = await Promise.all([check.run({ projectDir: gapsDir }), runApexLs(gapsDir)]);
  }, 60_000);

  const where = (finding: Finding): string =>
    `${finding.file}:${String(finding.line)} ${finding.rule} ${finding.message}`;

  it('reports nothing on the legitimate form of each gap', () => {
    const legitimate = [
      `${classes}/GapsLegitimate.cls`,
      `${classes}/DmlException.cls`,
      'extra/objects/Evt__e/fields/Extra_Field__c.field-meta.xml',
    ];
    expect(result.findings.filter((finding) => legitimate.includes(finding.file))).toEqual([]);
    expect(result.summary).toBe('4 Apex files, 16 error(s), 14 known apex-ls gap(s) set aside');
  });

  it('still reports the defective neighbour of each gap, with file, line and rule', () => {
    const defective = `${classes}/GapsDefective.cls`;
    const orphan = 'extra/objects/Orphan__e/fields/Lost__c.field-meta.xml';
    expect(result.findings.map(where).sort()).toEqual(
      [
        // a class named …Exception that does not extend Exception (not an interface)
        `${classes}/BrokenException.cls:4 apex-ls-error Exception class 'BrokenException' must extend another Exception class`,
        // a DataWeave script the project lacks, and one without its -meta.xml
        `${defective}:11 unknown-type No type declaration found for 'DataWeaveScriptResource.noSuchScript'`,
        `${defective}:12 unknown-type No type declaration found for 'DataWeaveScriptResource.halfDone'`,
        `${defective}:15 unknown-type No type declaration found for 'DataWeaveScriptExceptio'`,
        // a session partition is no org partition, and no partition is a String
        `${defective}:18 type-mismatch Incompatible types in assignment, from 'cache.SessionPartition' to 'cache.OrgPartition'`,
        `${defective}:19 type-mismatch Incompatible types in assignment, from 'cache.OrgPartition' to 'System.String'`,
        `${defective}:22 unknown-type No type declaration found for 'Cache.Session.NoSuchCacheException'`,
        `${defective}:26 unknown-field Unknown field 'TriggerObjectOrEvents' on SObject 'Schema.FlowDefinitionView'`,
        // SetupOwner on a list custom setting and on a custom object
        `${defective}:27 unknown-field Unknown field 'SetupOwner' on SObject 'Schema.Catalog__c'`,
        `${defective}:28 unknown-field Unknown field 'SetupOwner' on SObject 'Schema.Widget__c'`,
        `${defective}:29 unknown-field Unknown field or type 'UNDEFINEDX' on 'System.Quiddity'`,
        // a big object's unknown field, and a big object the project does not define
        `${defective}:30 unknown-field Unknown field 'NoSuch__c' on SObject 'Schema.Archive__b'`,
        `${defective}:31 unknown-field Unknown field or type 'Ghost__b' on 'System.Schema'`,
        `${defective}:40 apex-ls-error Incompatible return type, 'cache.OrgPartition' is not assignable to 'cache.SessionPartition'`,
        // fields of a platform event whose .object-meta.xml is nowhere in the project
        `${orphan}:1 apex-ls-error Components of type 'Schema.Orphan__e' are defined, but the required object-meta.xml file is missing`,
        `${orphan}:1 apex-ls-error SObject appears to be extending an unknown SObject, 'Orphan__e'`,
      ].sort(),
    );
  });

  it('sets aside only what apex-ls really reports: every gap matches one of its messages on the fixture', () => {
    const project = new ProjectFacts(gapsDir);
    for (const gap of APEX_LS_GAPS) {
      const explained = raw.filter((finding) => knownGap(finding, project) === gap);
      expect({ gap: gap.name, explained: explained.length > 0 }).toEqual({
        gap: gap.name,
        explained: true,
      });
    }
  });

  it('describes each gap by one whole message and a reason', () => {
    for (const gap of APEX_LS_GAPS) {
      expect(gap.message.source).toMatch(/^\^.*\$$/);
      expect(gap.why.length).toBeGreaterThan(40);
    }
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
