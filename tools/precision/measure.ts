/**
 * Precision on real code (`npm run measure:precision -- <dir> [--json] [--check <name>]…
 * [--repo <owner/name>]…`): runs every check of CHECK_MODULES on public repositories that deploy
 * — trailheadapps/apex-recipes, trailheadapps/lwc-recipes, jongpie/NebulaLogger — laid out by
 * their own sfdx-project.json, and prints per repository and per check the findings, plus totals.
 *
 * A finding there is a false claim unless the defect is shown. Each finding that remains must be
 * listed in tools/precision/known-claims.json with its verdict and reason; the script exits 1 when
 * a finding is not listed, a listing no longer occurs, a check could not run, or a repository is
 * missing. `<dir>` holds the repositories as checkouts or bare git directories (on this machine:
 * /work/.mirror, where each is `<owner>+<name>/repo`). CI cannot reach GitHub, so this runs where
 * the repositories are, not in `npm test`.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { FLOW_RULES } from '../checks/flows-rules';
import { PMD_RULES } from '../checks/pmd-rules';
import { CHECK_MODULES, loadCheck } from '../checks/run-checks';
import { formatFinding } from '../checks/types';
import {
  compareClaims,
  loadKnownClaims,
  ranKey,
  type ClaimComparison,
  type HouseRule,
  type KnownClaim,
  type MeasuredFinding,
} from './claims';
import { layOutRepo } from './layout';

export const REPOS = [
  'trailheadapps/apex-recipes',
  'trailheadapps/lwc-recipes',
  'jongpie/NebulaLogger',
] as const;

const CLAIMS_FILE = path.join(__dirname, 'known-claims.json');

/** What one check did on one repository. */
export interface CheckRun {
  check: string;
  /** Set when the check threw: it could not run (a failure, never a pass). */
  error?: string;
  findings: MeasuredFinding[];
  summary?: string;
  seconds: number;
}

export interface RepoRun {
  repo: string;
  source?: string;
  commit?: string;
  /** Set when the repository could not be found or laid out. */
  error?: string;
  skippedFiles: number;
  checks: CheckRun[];
}

export interface Measurement {
  repos: RepoRun[];
  comparison: ClaimComparison;
  /** `repo / check` pairs that could not run, and repositories that were missing. */
  failures: string[];
  passed: boolean;
}

/** Runs one check on one project; a check that throws is reported, not propagated. */
export async function runOneCheck(
  repo: string,
  check: string,
  projectDir: string,
  load: (
    name: string,
  ) => Promise<{ run: (o: { projectDir: string }) => Promise<unknown> }> = loadCheck,
): Promise<CheckRun> {
  const started = Date.now();
  try {
    const loaded = await load(check);
    const result = (await loaded.run({ projectDir })) as {
      findings: Omit<MeasuredFinding, 'repo' | 'check'>[];
      summary: string;
    };
    return {
      check,
      findings: result.findings.map((finding) => ({ ...finding, repo, check })),
      summary: result.summary,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    return {
      check,
      error: error instanceof Error ? error.message : String(error),
      findings: [],
      seconds: (Date.now() - started) / 1000,
    };
  }
}

/**
 * House rules: the PMD and Flow Scanner rules the project chose as its own practice (each with
 * its reason in pmd-rules.ts / flows-rules.ts), plus those listed in known-claims.json.
 */
export function houseRules(listed: HouseRule[]): HouseRule[] {
  return [
    ...PMD_RULES.map((rule) => ({ check: 'pmd', rule: rule.name, why: rule.why })),
    ...FLOW_RULES.map((rule) => ({ check: 'flows', rule: rule.name, why: rule.why })),
    ...listed,
  ];
}

/** Puts the per-check results together with the claims into the measurement's verdict. */
export function assess(
  repos: RepoRun[],
  claims: KnownClaim[],
  house: HouseRule[] = [],
): Measurement {
  const findings = repos.flatMap((repo) => repo.checks.flatMap((run) => run.findings));
  const ran = new Set<string>();
  const failures: string[] = [];
  for (const repo of repos) {
    if (repo.error) failures.push(`${repo.repo}: ${repo.error}`);
    for (const run of repo.checks) {
      if (run.error) failures.push(`${repo.repo} / ${run.check}: could not run: ${run.error}`);
      else ran.add(ranKey(repo.repo, run.check));
    }
  }
  const comparison = compareClaims(findings, claims, ran, house);
  const passed =
    failures.length === 0 && comparison.unlisted.length === 0 && comparison.stale.length === 0;
  return { repos, comparison, failures, passed };
}

interface Options {
  baseDir: string;
  json: boolean;
  checks: string[];
  repos: string[];
}

export function parseArguments(argv: string[]): Options {
  const options: Options = { baseDir: '', json: false, checks: [], repos: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i];
    if (argument === '--json') options.json = true;
    else if (argument === '--check') options.checks.push(argv[(i += 1)] ?? '');
    else if (argument === '--repo') options.repos.push(argv[(i += 1)] ?? '');
    else if (argument.startsWith('--')) throw new Error(`unknown option ${argument}`);
    else if (options.baseDir) throw new Error(`one directory only, got ${argument} too`);
    else options.baseDir = argument;
  }
  if (!options.baseDir) {
    throw new Error(
      'usage: npm run measure:precision -- <dir with the repositories> [--json] [--check <name>]… [--repo <owner/name>]…',
    );
  }
  for (const check of options.checks) {
    if (!CHECK_MODULES[check]) throw new Error(`unknown check "${check}"`);
  }
  for (const repo of options.repos) {
    if (!(REPOS as readonly string[]).includes(repo))
      throw new Error(`unknown repository "${repo}"`);
  }
  return options;
}

async function measureRepo(baseDir: string, repo: string, checks: string[]): Promise<RepoRun> {
  let laidOut;
  try {
    laidOut = layOutRepo(baseDir, repo);
  } catch (error) {
    return {
      repo,
      error: error instanceof Error ? error.message : String(error),
      skippedFiles: 0,
      checks: [],
    };
  }
  try {
    const runs: CheckRun[] = [];
    for (const check of checks) {
      if (!process.argv.includes('--json')) process.stderr.write(`${repo}: ${check}…\n`);
      runs.push(await runOneCheck(repo, check, laidOut.projectDir));
    }
    return {
      repo,
      source: laidOut.source,
      commit: laidOut.commit,
      skippedFiles: laidOut.skipped.length,
      checks: runs,
    };
  } finally {
    if (laidOut.temporary) rmSync(laidOut.projectDir, { recursive: true, force: true });
  }
}

/** The human-readable report: per repository and check, the findings, then the totals. */
export function formatReport(measurement: Measurement): string[] {
  const lines: string[] = [];
  const unlisted = new Set(measurement.comparison.unlisted);
  const house = new Set(measurement.comparison.house);
  const mark = (finding: MeasuredFinding): string =>
    unlisted.has(finding) ? 'NEW  ' : house.has(finding) ? 'house' : 'known';
  const checkNames = [
    ...new Set(measurement.repos.flatMap((repo) => repo.checks.map((run) => run.check))),
  ];
  for (const repo of measurement.repos) {
    const from = repo.commit ? ` (${repo.source} @ ${repo.commit.slice(0, 7)})` : '';
    lines.push(`${repo.repo}${repo.source ? from || ` (${repo.source})` : ''}`);
    if (repo.error) lines.push(`  could not lay out: ${repo.error}`);
    if (repo.skippedFiles > 0) lines.push(`  ${repo.skippedFiles} blobs absent, skipped`);
    for (const run of repo.checks) {
      if (run.error) {
        lines.push(`  ${run.check}: could not run: ${run.error}`);
        continue;
      }
      const ofHouse = run.findings.filter((finding) => house.has(finding)).length;
      lines.push(
        `  ${run.check}: ${run.findings.length - ofHouse} claims, ${ofHouse} house-rule findings (${run.seconds.toFixed(1)} s)${run.summary ? ` — ${run.summary}` : ''}`,
      );
      for (const finding of run.findings)
        lines.push(`    ${mark(finding)} ${formatFinding(finding)}`);
    }
  }
  const names = measurement.repos.map((repo) => repo.repo);
  lines.push(
    '',
    `claims per check (house-rule findings in brackets): check | ${names.join(' | ')} | total`,
  );
  for (const check of checkNames) {
    let claims = 0;
    let ofHouse = 0;
    const counts = measurement.repos.map((repo) => {
      const run = repo.checks.find((candidate) => candidate.check === check);
      if (run === undefined) return '-';
      if (run.error) return 'could not run';
      const houseCount = run.findings.filter((finding) => house.has(finding)).length;
      claims += run.findings.length - houseCount;
      ofHouse += houseCount;
      return `${run.findings.length - houseCount} [${houseCount}]`;
    });
    lines.push(`  ${[check, ...counts, `${claims} [${ofHouse}]`].join(' | ')}`);
  }
  const { known, unlisted: notListed, house: houseFindings } = measurement.comparison;
  lines.push(
    `total: ${known.length + notListed.length} claims (${known.length} listed in known-claims.json, ${notListed.length} not listed), ${houseFindings.length} house-rule findings`,
  );
  for (const claim of measurement.comparison.stale) {
    lines.push(
      `STALE known claim no longer occurs: ${claim.repo} / ${claim.check} ${claim.file} [${claim.rule}] ${claim.message}`,
    );
  }
  for (const failure of measurement.failures) lines.push(`FAILED ${failure}`);
  lines.push(measurement.passed ? 'precision: PASS' : 'precision: FAIL');
  return lines;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const checks = options.checks.length > 0 ? options.checks : Object.keys(CHECK_MODULES);
  const repos = options.repos.length > 0 ? options.repos : [...REPOS];
  const known = loadKnownClaims(CLAIMS_FILE);
  const runs: RepoRun[] = [];
  for (const repo of repos)
    runs.push(await measureRepo(path.resolve(options.baseDir), repo, checks));
  const measurement = assess(runs, known.claims, houseRules(known.houseRules));
  if (options.json) console.log(JSON.stringify(measurement, null, 2));
  else console.log(formatReport(measurement).join('\n'));
  process.exitCode = measurement.passed ? 0 : 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
