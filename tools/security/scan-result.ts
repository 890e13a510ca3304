/**
 * How `scan:security` judges what Salesforce Graph Engine reported, kept apart from the SFGE run
 * so that it can be tested in milliseconds (tools/security/test/scan-result.test.ts):
 * - a violation without a file, an engine error log line, or one of SFGE's own "I gave up" results
 *   (timeout, path-expansion limit, internal error) means the analysis is incomplete → exit 2;
 * - a violation that matches an entry of sfge-accepted.json (same file and rule, and the entry's
 *   `contains` text in the message) is accepted, with the reason written there;
 * - any other violation fails the scan → exit 1, and so does an acceptance that matches nothing
 *   (a justification that outlived its finding is deleted, not kept "just in case").
 */
import type { Finding } from '../checks/types';

/** One violation as Code Analyzer reported it; `file` is project-relative, absent on a crash. */
export interface RawViolation {
  file?: string;
  line?: number;
  rule: string;
  message: string;
}

/** A finding the project keeps on purpose, and why. */
export interface AcceptedFinding {
  file: string;
  rule: string;
  /** Text the violation's message must contain (e.g. the object and field); empty = any. */
  contains: string;
  reason: string;
}

export interface ScanOutcome {
  violations: Finding[];
  accepted: Finding[];
  stale: AcceptedFinding[];
  crashes: Finding[];
  seconds: number;
}

/** SFGE's results that mean "this path was not analysed", not "this path is unsafe". */
export const INCOMPLETE_ANALYSIS_RULES: ReadonlySet<string> = new Set([
  'InternalExecutionError',
  'UnexpectedException',
  'LimitReached',
  'Timeout',
]);

/** Splits SFGE's output into real findings and signs that the analysis did not complete. */
export function toScanFindings(
  violations: RawViolation[],
  engineErrors: string[],
): { findings: Finding[]; crashes: Finding[] } {
  const findings: Finding[] = [];
  const crashes: Finding[] = engineErrors.map((message) => ({
    file: '.',
    rule: 'sfge-engine-error',
    message: message.trim(),
  }));
  for (const violation of violations) {
    if (violation.file === undefined) {
      crashes.push({ file: '.', rule: violation.rule, message: violation.message.trim() });
      continue;
    }
    const finding: Finding = {
      file: violation.file,
      line: violation.line,
      rule: violation.rule,
      message: violation.message.replace(/\s+/g, ' ').trim(),
    };
    if (INCOMPLETE_ANALYSIS_RULES.has(violation.rule)) {
      crashes.push(finding);
    } else {
      findings.push(finding);
    }
  }
  const byPlace = (a: Finding, b: Finding): number =>
    a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule);
  return { findings: findings.sort(byPlace), crashes: crashes.sort(byPlace) };
}

function matches(finding: Finding, entry: AcceptedFinding): boolean {
  return (
    finding.file === entry.file &&
    finding.rule === entry.rule &&
    finding.message.includes(entry.contains)
  );
}

/** Separates accepted findings from violations, and reports acceptances that matched nothing. */
export function matchAccepted(
  findings: Finding[],
  accepted: AcceptedFinding[],
): Pick<ScanOutcome, 'violations' | 'accepted' | 'stale'> {
  const used = new Set<AcceptedFinding>();
  const violations: Finding[] = [];
  const kept: Finding[] = [];
  for (const finding of findings) {
    const entry = accepted.find((candidate) => matches(finding, candidate));
    if (entry) {
      used.add(entry);
      kept.push(finding);
    } else {
      violations.push(finding);
    }
  }
  return { violations, accepted: kept, stale: accepted.filter((entry) => !used.has(entry)) };
}

/** 2 when the analysis is incomplete, 1 on an unaccepted violation or a stale acceptance, else 0. */
export function decideExit(outcome: Pick<ScanOutcome, 'violations' | 'stale' | 'crashes'>): number {
  if (outcome.crashes.length > 0) return 2;
  return outcome.violations.length > 0 || outcome.stale.length > 0 ? 1 : 0;
}

/** Reads sfge-accepted.json: a list of entries, each with a file, a rule and a reason. */
export function parseAccepted(json: string): AcceptedFinding[] {
  const data: unknown = JSON.parse(json);
  if (!Array.isArray(data)) throw new Error('sfge-accepted.json must hold a JSON array');
  return data.map((item: unknown, index) => {
    const entry = item as Partial<Record<keyof AcceptedFinding, unknown>>;
    const { file, rule, contains, reason } = entry;
    if (typeof file !== 'string' || typeof rule !== 'string') {
      throw new Error(`sfge-accepted.json entry ${index}: "file" and "rule" are required strings`);
    }
    if (typeof reason !== 'string' || reason.trim().length < 20) {
      throw new Error(`sfge-accepted.json entry ${index}: "reason" must say why (20+ characters)`);
    }
    return { file, rule, contains: typeof contains === 'string' ? contains : '', reason };
  });
}
