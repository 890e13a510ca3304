/**
 * The known-claims list of the precision measurement (tools/precision/known-claims.json) and its
 * comparison with what the checks report on public repositories that deploy.
 *
 * A finding on code that deploys is a false claim unless someone shows the defect. Every finding
 * the checks still make there must be listed with a verdict and a reason; the comparison fails on
 * a finding nobody listed (a new false claim, or a new real defect to judge) and on a listing
 * that no longer matches any finding (stale: the check or the repository changed).
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../checks/types';

/** Why a finding on deploying code is accepted. */
export type Verdict = 'real defect' | 'tool limit';

/** One accepted finding: where, which rule, a part of its message, and why it stays. */
export interface KnownClaim {
  /** `owner/name` of the measured repository. */
  repo: string;
  /** Check name, as in CHECK_MODULES. */
  check: string;
  /** Project-relative file of the finding. */
  file: string;
  rule: string;
  /** A substring of the finding's message (lines move; messages stay). */
  message: string;
  verdict: Verdict;
  why: string;
}

/**
 * A rule that states the project's own practice (ApexDoc on every method, flow naming, the
 * bundle budget, one API version for every file) rather than what Salesforce would say. Its
 * findings on other people's code are counted and printed, but they are no claim that the code
 * fails to deploy or run, so they are neither false claims nor need a listing.
 */
export interface HouseRule {
  check: string;
  rule: string;
  why: string;
}

/** A finding of one check on one repository. */
export interface MeasuredFinding extends Finding {
  repo: string;
  check: string;
}

export interface ClaimComparison {
  /** Findings no claim covers. */
  unlisted: MeasuredFinding[];
  /** Claims that cover no finding (of a repository and check that ran). */
  stale: KnownClaim[];
  /** Findings a claim covers. */
  known: MeasuredFinding[];
  /** Findings of house rules (the project's own practice, not a platform claim). */
  house: MeasuredFinding[];
}

const VERDICTS: Verdict[] = ['real defect', 'tool limit'];

export interface KnownClaimsFile {
  claims: KnownClaim[];
  houseRules: HouseRule[];
}

/** Reads and validates the known-claims file: every entry needs every field and a verdict. */
export function loadKnownClaims(file: string): KnownClaimsFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    claims?: unknown;
    houseRules?: unknown;
  };
  if (!Array.isArray(parsed.claims)) throw new Error(`${file}: expected a "claims" array`);
  const houseRules = parsed.houseRules ?? [];
  if (!Array.isArray(houseRules)) throw new Error(`${file}: "houseRules" must be an array`);
  houseRules.forEach((entry: Partial<HouseRule>, index) => {
    for (const key of ['check', 'rule', 'why'] as const) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${file}: house rule ${index} needs a non-empty "${key}"`);
      }
    }
  });
  return {
    claims: validClaims(file, parsed.claims as Partial<KnownClaim>[]),
    houseRules: houseRules as HouseRule[],
  };
}

function validClaims(file: string, claims: Partial<KnownClaim>[]): KnownClaim[] {
  return claims.map((entry: Partial<KnownClaim>, index) => {
    for (const key of ['repo', 'check', 'file', 'rule', 'message', 'why'] as const) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${file}: claim ${index} needs a non-empty "${key}"`);
      }
    }
    if (!VERDICTS.includes(entry.verdict as Verdict)) {
      throw new Error(`${file}: claim ${index} needs a verdict: ${VERDICTS.join(' or ')}`);
    }
    return entry as KnownClaim;
  });
}

/**
 * True when the claim names the finding: same repository, check and rule, the claim's message is
 * part of the finding's, and the file is the claim's file — or lies under it when the claim's
 * file ends with `/` (one listing for a folder of files failing for one reason).
 */
export function claimCovers(claim: KnownClaim, finding: MeasuredFinding): boolean {
  const inFile = claim.file.endsWith('/')
    ? finding.file.startsWith(claim.file)
    : claim.file === finding.file;
  return (
    claim.repo === finding.repo &&
    claim.check === finding.check &&
    inFile &&
    claim.rule === finding.rule &&
    finding.message.includes(claim.message)
  );
}

/**
 * Compares findings with the claims; findings of house rules are set apart first. `ran` holds `repo\tcheck` of every check that ran to the
 * end on a repository: a claim about a check that was not run (filtered out, or could not run —
 * itself a failure) is not called stale.
 */
export function compareClaims(
  findings: MeasuredFinding[],
  claims: KnownClaim[],
  ran: Set<string>,
  houseRules: HouseRule[] = [],
): ClaimComparison {
  const used = new Set<KnownClaim>();
  const unlisted: MeasuredFinding[] = [];
  const known: MeasuredFinding[] = [];
  const house: MeasuredFinding[] = [];
  const houseKeys = new Set(houseRules.map((rule) => ranKey(rule.check, rule.rule)));
  for (const finding of findings) {
    if (houseKeys.has(ranKey(finding.check, finding.rule))) {
      house.push(finding);
      continue;
    }
    const covering = claims.filter((claim) => claimCovers(claim, finding));
    covering.forEach((claim) => used.add(claim));
    (covering.length > 0 ? known : unlisted).push(finding);
  }
  const stale = claims.filter(
    (claim) => !used.has(claim) && ran.has(ranKey(claim.repo, claim.check)),
  );
  return { unlisted, stale, known, house };
}

export function ranKey(repo: string, check: string): string {
  return `${repo}\t${check}`;
}
