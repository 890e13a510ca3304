/**
 * Proves the `apex-ls` check reports unknown fields (on a custom and on a standard object), an
 * unknown method and a type error in Apex, with file, line and rule; passes on a clean project;
 * applies its allowlist entry by entry; and says how to install Java when there is none.
 */
import path from 'node:path';
import { applyAllowlist, check, loadAllowlist, type AllowlistEntry } from '../checks/apex-ls';
import { requireJava } from '../checks/apex-ls-java';
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
