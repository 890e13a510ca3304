/**
 * The result handling of `npm run scan:security` (tools/security/scan-result.ts), without running
 * SFGE: which outputs fail the scan, which are accepted with a reason, and which mean the analysis
 * is incomplete. The SFGE run itself is shown finding a planted defect in docs/security.md.
 */
import {
  decideExit,
  matchAccepted,
  parseAccepted,
  toScanFindings,
  type AcceptedFinding,
  type RawViolation,
} from '../scan-result';

const FLS: RawViolation = {
  file: 'force-app/main/default/classes/PlantedAccountController.cls',
  line: 14,
  rule: 'ApexFlsViolation',
  message: 'FLS validation is missing for [READ] operation on [Account] with field(s) [Name].',
};

const ACCEPT_FLS: AcceptedFinding = {
  file: FLS.file ?? '',
  rule: 'ApexFlsViolation',
  contains: 'on [Account]',
  reason: 'A reason long enough to say why this read is safe for every caller.',
};

describe('scan:security result handling', () => {
  it('reports a violation with its file, line, rule and message, and fails with exit 1', () => {
    const { findings, crashes } = toScanFindings([FLS], []);
    expect(crashes).toEqual([]);
    expect(findings).toEqual([
      { file: FLS.file, line: 14, rule: 'ApexFlsViolation', message: FLS.message },
    ]);
    const outcome = { ...matchAccepted(findings, []), crashes };
    expect(decideExit(outcome)).toBe(1);
  });

  it('accepts a violation named in the accepted list and passes with exit 0', () => {
    const { findings, crashes } = toScanFindings([FLS], []);
    const outcome = { ...matchAccepted(findings, [ACCEPT_FLS]), crashes };
    expect(outcome.violations).toEqual([]);
    expect(outcome.accepted).toHaveLength(1);
    expect(decideExit(outcome)).toBe(0);
  });

  it('does not accept a violation whose message lacks the accepted text', () => {
    const other = { ...FLS, message: FLS.message.replace('Account', 'Contact') };
    const { findings } = toScanFindings([other], []);
    const outcome = matchAccepted(findings, [ACCEPT_FLS]);
    expect(outcome.violations).toHaveLength(1);
    expect(outcome.stale).toEqual([ACCEPT_FLS]);
  });

  it('fails on a stale acceptance that matches nothing', () => {
    const outcome = { ...matchAccepted([], [ACCEPT_FLS]), crashes: [] };
    expect(decideExit(outcome)).toBe(1);
  });

  it('treats an engine error, a location-less violation or a timeout as "could not run" (exit 2)', () => {
    const timeout: RawViolation = { ...FLS, rule: 'Timeout', message: 'Path evaluation timed out' };
    const crashed: RawViolation = { rule: 'UnexpectedEngineError', message: 'java exited with 1' };
    const { findings, crashes } = toScanFindings([timeout, crashed, FLS], ['Comparator failed']);
    expect(findings).toHaveLength(1);
    expect(crashes.map((crash) => crash.rule).sort()).toEqual([
      'Timeout',
      'UnexpectedEngineError',
      'sfge-engine-error',
    ]);
    expect(decideExit({ ...matchAccepted(findings, [ACCEPT_FLS]), crashes })).toBe(2);
  });

  it('requires every acceptance to carry a file, a rule and a real reason', () => {
    expect(parseAccepted(JSON.stringify([ACCEPT_FLS]))).toEqual([ACCEPT_FLS]);
    expect(() => parseAccepted(JSON.stringify([{ ...ACCEPT_FLS, reason: 'ok' }]))).toThrow(
      /reason/,
    );
    expect(() => parseAccepted(JSON.stringify([{ rule: 'X', reason: ACCEPT_FLS.reason }]))).toThrow(
      /file/,
    );
    expect(() => parseAccepted('{}')).toThrow(/array/);
  });
});
