/**
 * Check `apex-ls`: semantic analysis of the project's Apex with apex-ls (ApexLink's successor),
 * the jar Salesforce ships inside `@salesforce/code-analyzer-pmd-engine` together with the
 * platform's standard types (`standard-types-65.0.0.jar`, `sobject-types-65.0.0.jar`).
 *
 * apex-ls reads sfdx-project.json and analyses the package directories it names (force-app and
 * unpackaged here), so fixture projects under tools/ are never part of a run on the real project.
 * Every error it reports (syntax errors, unknown types, methods, fields and variables, type
 * mismatches, a class without its -meta.xml) is a finding, unless
 * - it is one of the KNOWN APEX-LS GAPS of lib/apex-ls-gaps.ts: one exact message shape each,
 *   set aside only where the project proves the message wrong (the DataWeave resource exists, the
 *   setting is a hierarchy setting, …) — errors apex-ls makes on every project of that kind; or
 * - an entry of the commented allowlist `apex-ls-allowlist.json` names that exact message in that
 *   exact file. An allowlist entry that no longer matches anything is itself a finding, so the
 *   list cannot go stale.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JAVA_LIB, requireJava } from './apex-ls-java';
import { setAsideKnownGaps } from './lib/apex-ls-gaps';
import { findUnknownExtendedFields } from './lib/extended-objects';
import { listSourceFiles, toProjectPath } from './lib/project-files';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

const ALLOWLIST_FILE = path.join(__dirname, 'apex-ls-allowlist.json');
const ALLOWLIST_PROJECT_PATH = 'tools/checks/apex-ls-allowlist.json';
/** apex-ls exits 4 when it reported errors, 0 when it found none; anything else is a crash. */
const EXIT_ERRORS_FOUND = 4;

/** apex-ls's issue categories that are errors (`Warning` and `Unused` are advice, not defects). */
const ERROR_CATEGORIES = new Set(['Syntax', 'Error', 'Missing']);

interface ApexLsMessage {
  start: { line: number; offset: number };
  category: string;
  message: string;
}

interface ApexLsReport {
  files: { path: string; messages: ApexLsMessage[] }[];
}

/** One known gap of apex-ls: this exact message (a regular expression) in this exact file. */
export interface AllowlistEntry {
  file: string;
  message: string;
  why: string;
}

/** Short, stable rule names for apex-ls's messages, so findings and tests can name the defect. */
const RULES: { pattern: RegExp; rule: string }[] = [
  { pattern: /^Unknown field /, rule: 'unknown-field' },
  { pattern: /^No type declaration found /, rule: 'unknown-type' },
  { pattern: /^No variable or type found /, rule: 'unknown-identifier' },
  { pattern: /^No matching method found /, rule: 'unknown-method' },
  { pattern: /^Incompatible types /, rule: 'type-mismatch' },
  { pattern: /meta file is missing/, rule: 'missing-meta-xml' },
];

function ruleFor(category: string, message: string): string {
  if (category === 'Syntax') return 'syntax-error';
  return (
    RULES.find(({ pattern }) => pattern.test(message))?.rule ?? `apex-ls-${category.toLowerCase()}`
  );
}

/** Reads the allowlist; an entry without a file, a message pattern or a reason is rejected. */
export function loadAllowlist(file: string = ALLOWLIST_FILE): AllowlistEntry[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(parsed.entries)) throw new Error(`${file}: expected an "entries" array`);
  return parsed.entries.map((entry: Partial<AllowlistEntry>, index) => {
    for (const key of ['file', 'message', 'why'] as const) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${file}: entry ${index} needs a non-empty "${key}"`);
      }
    }
    return entry as AllowlistEntry;
  });
}

/**
 * Drops the findings an allowlist entry covers (same file, message matching the pattern) and adds
 * one finding per entry that covers nothing although its file exists in the checked project.
 */
export function applyAllowlist(
  findings: Finding[],
  allowlist: AllowlistEntry[],
  projectDir: string,
): Finding[] {
  const used = new Set<AllowlistEntry>();
  const kept = findings.filter((finding) => {
    const entry = allowlist.find(
      (candidate) =>
        candidate.file === finding.file && new RegExp(candidate.message).test(finding.message),
    );
    if (entry) used.add(entry);
    return entry === undefined;
  });
  const stale = allowlist
    .filter((entry) => !used.has(entry) && existsSync(path.join(projectDir, entry.file)))
    .map(
      (entry): Finding => ({
        file: ALLOWLIST_PROJECT_PATH,
        rule: 'allowlist-stale',
        message: `entry for ${entry.file} /${entry.message}/ matches no apex-ls error any more: remove it`,
      }),
    );
  return [...kept, ...stale];
}

/** Runs a Java command; resolves with its exit code and output. */
function runJava(
  java: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(java, args);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

/** Runs apex-ls once on a project directory and returns its error messages as findings. */
export async function runApexLs(projectDir: string): Promise<Finding[]> {
  const java = requireJava('apex-ls');
  const result = await runJava(java, [
    // A short run: the C1 compiler alone halves apex-ls's CPU time (measured: 9.4 s → 4.6 s).
    '-XX:TieredStopAtLevel=1',
    '-cp',
    `${JAVA_LIB}${path.sep}*`,
    'io.github.apexdevtools.apexls.CheckForIssues',
    '-w',
    projectDir,
    '-n',
    '-d',
    'errors',
    '-f',
    'json',
  ]);
  if (result.status !== 0 && result.status !== EXIT_ERRORS_FOUND) {
    throw new Error(`apex-ls exited with ${String(result.status)}: ${result.stderr.trim()}`);
  }
  const report = JSON.parse(result.stdout) as ApexLsReport;
  const findings: Finding[] = [];
  for (const file of report.files) {
    for (const message of file.messages) {
      if (!ERROR_CATEGORIES.has(message.category)) continue;
      findings.push({
        file: toProjectPath(projectDir, file.path),
        line: message.start.line,
        rule: ruleFor(message.category, message.message),
        // apex-ls names files by absolute path; report them relative to the project.
        message: message.message.split(`${projectDir}${path.sep}`).join(''),
      });
    }
  }
  return findings;
}

/**
 * apex-ls on the project, and at the same time on a copy without the standard objects' folders
 * (see lib/extended-objects.ts), so that unknown fields on extended standard objects are found.
 */
async function runBoth(projectDir: string): Promise<Finding[]> {
  const [direct, extended] = await Promise.all([
    runApexLs(projectDir),
    findUnknownExtendedFields(projectDir, runApexLs),
  ]);
  // A field apex-ls already reports on the project itself needs no second finding.
  const reported = (finding: Finding): boolean =>
    direct.some(
      (other) =>
        other.file === finding.file &&
        other.line === finding.line &&
        finding.message.startsWith(other.message),
    );
  return [...direct, ...extended.filter((finding) => !reported(finding))];
}

function countApexFiles(projectDir: string): number {
  return listSourceFiles(projectDir).filter((file) => /\.(cls|trigger)$/.test(file)).length;
}

export const check: Check = {
  name: 'apex-ls',
  description:
    'Apex semantic analysis with apex-ls: unknown types, methods, fields and type errors fail',
  async run({ projectDir }: CheckOptions): Promise<CheckResult> {
    const { kept, explained } = setAsideKnownGaps(await runBoth(projectDir), projectDir);
    const findings = applyAllowlist(kept, loadAllowlist(), projectDir);
    const gaps = explained.length > 0 ? `, ${explained.length} known apex-ls gap(s) set aside` : '';
    return {
      name: 'apex-ls',
      findings,
      summary: `${countApexFiles(projectDir)} Apex files, ${findings.length} error(s)${gaps}`,
    };
  },
};
