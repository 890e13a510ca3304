/**
 * Proves the `pmd` check reports SOQL and DML in a loop, a class without a sharing declaration,
 * DML without CRUD enforcement, an Apex syntax error (which PMD only logs) and a suppression
 * without a reason, each with file, line and rule; and passes on a clean project whose one
 * suppression is justified.
 */
import path from 'node:path';
import { check, findUnjustifiedSuppressions } from '../checks/pmd';
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
