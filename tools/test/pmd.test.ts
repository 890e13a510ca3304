/**
 * Proves the `pmd` check reports SOQL and DML in a loop, a class without a sharing declaration,
 * DML without CRUD enforcement, an Apex syntax error (which PMD only logs) and a suppression
 * without a reason, each with file, line and rule; and passes on a clean project whose one
 * suppression is justified. Maps the engine's error events that no file can provoke (a processing
 * error other than a syntax error, an engine error) from synthetic events.
 */
import path from 'node:path';
import { check, findUnjustifiedSuppressions, processingErrorToFinding } from '../checks/pmd';
import type { CheckResult } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const classes = 'force-app/main/default/classes';

describe('pmd check', () => {
  let broken: CheckResult;
  let clean: CheckResult;

  beforeAll(async () => {
    broken = await check.run({ projectDir: path.join(fixtures, 'pmd-broken') });
    clean = await check.run({ projectDir: path.join(fixtures, 'clean-project') });
  }, 90_000);

  it('reports the SOQL query and the DML statement inside a loop', () => {
    const inLoop = broken.findings.filter((f) => f.rule === 'OperationWithLimitsInLoop');
    expect(inLoop.map((f) => [f.file, f.line])).toEqual([
      [`${classes}/ContactRenamer.cls`, 11],
      [`${classes}/ContactRenamer.cls`, 13],
    ]);
  });

  it('reports a class that writes records without declaring its sharing', () => {
    expect(broken.findings).toContainEqual(
      expect.objectContaining({
        file: `${classes}/OpportunityWriter.cls`,
        line: 5,
        rule: 'ApexSharingViolations',
      }),
    );
  });

  it('reports DML that enforces neither user mode nor CRUD', () => {
    expect(broken.findings).toContainEqual(
      expect.objectContaining({
        file: `${classes}/OpportunityWriter.cls`,
        line: 14,
        rule: 'ApexCRUDViolation',
      }),
    );
  });

  it('fails on an Apex syntax error, which PMD itself only logs', () => {
    expect(broken.findings).toContainEqual({
      file: `${classes}/HalfWritten.cls`,
      line: 10,
      rule: 'apex-syntax-error',
      message: "Syntax error at column 20: mismatched input ';'",
    });
  });

  it('fails on a PMD suppression that gives no reason', () => {
    expect(broken.findings).toContainEqual(
      expect.objectContaining({
        file: `${classes}/SilencedReader.cls`,
        line: 9,
        rule: 'pmd-suppression-unjustified',
      }),
    );
  });

  it('reports nothing but the six planted defects', () => {
    expect(broken.findings).toHaveLength(6);
  });

  it('passes on the clean project, honouring its justified suppression', () => {
    expect(clean.findings).toEqual([]);
    expect(clean.summary).toMatch(/^2 Apex files, \d+ PMD rules, 0 finding\(s\)$/);
  });
});

describe('PMD suppressions need a reason', () => {
  const suppress = "  @SuppressWarnings('PMD.ApexCRUDViolation')";

  it('accepts a // comment on the line above', () => {
    const text = `  // Logs are written for users who cannot create them.\n${suppress}\n`;
    expect(findUnjustifiedSuppressions('A.cls', text)).toEqual([]);
  });

  it('accepts a // comment at the end of the same line', () => {
    const text = `${suppress} // the admin's failure log is written in system mode\n`;
    expect(findUnjustifiedSuppressions('A.cls', text)).toEqual([]);
  });

  it('rejects an ApexDoc block as the only text above it', () => {
    const text = `  /** @description Counts. */\n${suppress}\n`;
    expect(findUnjustifiedSuppressions('A.cls', text)).toEqual([
      expect.objectContaining({ file: 'A.cls', line: 2, rule: 'pmd-suppression-unjustified' }),
    ]);
  });

  it('rejects a comment too short to say anything', () => {
    const text = `  // ok\n${suppress}\n`;
    expect(findUnjustifiedSuppressions('A.cls', text)).toHaveLength(1);
  });

  it('rejects // NOPMD without a reason and accepts it with one', () => {
    expect(findUnjustifiedSuppressions('A.cls', '  update records; // NOPMD\n')).toEqual([
      expect.objectContaining({ line: 1, rule: 'pmd-suppression-unjustified' }),
    ]);
    expect(
      findUnjustifiedSuppressions(
        'A.cls',
        '  update records; // NOPMD - log records are system data\n',
      ),
    ).toEqual([]);
  });

  it('ignores suppressions of other tools', () => {
    expect(findUnjustifiedSuppressions('A.cls', "  @SuppressWarnings('unchecked')\n")).toEqual([]);
  });
});

describe('PMD engine errors that no planted file provokes, mapped from synthetic events', () => {
  // A file PMD cannot parse is planted in pmd-broken (apex-syntax-error). PMD 7.26's Apex parser
  // reports every unparsable input tried (an empty file, invalid UTF-8) as a syntax error, and a
  // file that overflows its stack (3,000 nested parentheses) crashes the whole engine, which the
  // check raises as "PMD did not run" rather than as a finding. So these two rules are proven on
  // the event text Code Analyzer logs.
  const projectDir = '/project';

  it('maps a processing error that is not a syntax error to pmd-processing-error on its file', () => {
    expect(
      processingErrorToFinding(
        projectDir,
        "PMD issued a processing error for file '/project/force-app/main/default/classes/Big.cls': java.lang.OutOfMemoryError: Java heap space\n",
      ),
    ).toEqual({
      file: 'force-app/main/default/classes/Big.cls',
      rule: 'pmd-processing-error',
      message: 'java.lang.OutOfMemoryError: Java heap space',
    });
  });

  it('maps a syntax error to apex-syntax-error with its line and column', () => {
    expect(
      processingErrorToFinding(
        projectDir,
        "PMD issued a processing error for file '/project/force-app/main/default/classes/Half.cls': Syntax error at 10:20: mismatched input ';' expecting {'(', ')'}",
      ),
    ).toEqual({
      file: 'force-app/main/default/classes/Half.cls',
      line: 10,
      rule: 'apex-syntax-error',
      message: "Syntax error at column 20: mismatched input ';'",
    });
  });

  it('maps an engine error about no file to pmd-engine-error on the project', () => {
    expect(
      processingErrorToFinding(projectDir, 'Failed to load ruleset category/apex/missing.xml\n'),
    ).toEqual({
      file: '.',
      rule: 'pmd-engine-error',
      message: 'Failed to load ruleset category/apex/missing.xml',
    });
  });
});
