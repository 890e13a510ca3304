/**
 * `npm run scan:security`: Salesforce Graph Engine (SFGE), the path-based CRUD/FLS analyzer of the
 * AppExchange security review, over the Apex of the package directories of sfdx-project.json,
 * driven through @salesforce/code-analyzer-core (the `sf code-analyzer` plugin does not install
 * here; see tools/checks/pmd.ts for the same pattern with PMD).
 *
 * Outside `npm test` on purpose: on this project SFGE takes about 8 minutes and 3–4 GB of Java heap.
 * Run it before a release and after any change to a class that reads or writes records.
 *
 * Prints one line per finding, `file:line: [rule] message`, and exits
 * - 0 when SFGE ran and every violation is accepted in `sfge-accepted.json` (with its reason),
 * - 1 when SFGE reported a violation that is not accepted (or an accepted entry no longer matches
 *   anything: a stale justification is removed, not kept),
 * - 2 when SFGE could not run (no Java, a file that does not compile, an engine error, a
 *   location-less violation, which is how Code Analyzer reports an engine crash).
 *
 * Usage: `tsx tools/security/scan.ts [projectDir]` (default: this repository).
 * Environment: SFGE_HEAP (default 8g; the machine is shared, do not go above), SFGE_THREADS
 * (default 2), SFGE_TIMEOUT_MS (default 900000, i.e. 15 minutes per entry point).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  type EngineLogEvent,
  type Violation,
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-sfge-engine';
import { requireJava } from '../checks/apex-ls-java';
import { listSourceFiles, sourceRoots, toProjectPath } from '../checks/lib/project-files';
import { formatFinding, type Finding } from '../checks/types';
import {
  decideExit,
  matchAccepted,
  parseAccepted,
  type AcceptedFinding,
  type RawViolation,
  type ScanOutcome,
  toScanFindings,
} from './scan-result';

const APEX_FILE = /\.(cls|trigger)$/;
const ACCEPTED_FILE = path.join(__dirname, 'sfge-accepted.json');

/** What one SFGE run reported: its violations and the engine's error log lines. */
export interface SfgeRun {
  violations: RawViolation[];
  engineErrors: string[];
  seconds: number;
}

function toRaw(projectDir: string, violation: Violation): RawViolation {
  const location = violation.getPrimaryLocation();
  const file = location.getFile();
  return {
    file: file === undefined ? undefined : toProjectPath(projectDir, file),
    line: location.getStartLine(),
    rule: violation.getRule().getName(),
    message: violation.getMessage(),
  };
}

/** One SFGE run over the Apex source roots of `projectDir`. */
export async function runSfge(projectDir: string): Promise<SfgeRun> {
  const started = Date.now();
  const javaCommand = requireJava('Salesforce Graph Engine');
  const apexFiles = listSourceFiles(projectDir).filter((file) => APEX_FILE.test(file));
  if (apexFiles.length === 0) {
    throw new Error(`no Apex files under the package directories of ${projectDir}`);
  }
  const roots = sourceRoots(projectDir)
    .filter((root) => apexFiles.some((file) => file.startsWith(`${root}/`)))
    .map((root) => path.join(projectDir, root));
  const workFolder = mkdtempSync(path.join(os.tmpdir(), 'close-won-sfge-'));
  let failed = true;
  try {
    const config = CodeAnalyzerConfig.fromObject({
      log_folder: workFolder,
      root_working_folder: workFolder,
      suppressions: { disable_suppressions: true },
      engines: {
        sfge: {
          java_command: javaCommand,
          java_max_heap_size: process.env.SFGE_HEAP ?? '8g',
          java_thread_count: Number(process.env.SFGE_THREADS ?? 2),
          java_thread_timeout: Number(process.env.SFGE_TIMEOUT_MS ?? 900_000),
        },
      },
    });
    const analyzer = new CodeAnalyzer(config);
    const engineErrors: string[] = [];
    analyzer.onEvent<EngineLogEvent>(EventType.EngineLogEvent, (event) => {
      if (event.logLevel === LogLevel.Error) engineErrors.push(event.message);
    });
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace(roots);
    const selection = await analyzer.selectRules(['sfge'], { workspace });
    const results = await analyzer.run(selection, { workspace });
    const violations = results.getViolations().map((violation) => toRaw(projectDir, violation));
    failed = engineErrors.length > 0 || violations.some((violation) => !violation.file);
    return { violations, engineErrors, seconds: (Date.now() - started) / 1000 };
  } finally {
    if (failed) {
      // SFGE writes why it stopped (e.g. the file it could not compile) only to its log file.
      console.error(`SFGE logs kept in ${workFolder}`);
    } else {
      rmSync(workFolder, { recursive: true, force: true });
    }
  }
}

/** Runs SFGE and judges its result against the accepted findings. */
export async function scan(projectDir: string, accepted: AcceptedFinding[]): Promise<ScanOutcome> {
  const run = await runSfge(projectDir);
  const { findings, crashes } = toScanFindings(run.violations, run.engineErrors);
  const matched = matchAccepted(findings, accepted);
  return { ...matched, crashes, seconds: run.seconds };
}

function printFindings(title: string, findings: Finding[]): void {
  if (findings.length === 0) return;
  console.log(title);
  for (const finding of findings) console.log(`  ${formatFinding(finding)}`);
}

async function main(): Promise<void> {
  const projectDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..'));
  let outcome: ScanOutcome;
  try {
    const accepted =
      process.argv[2] === undefined ? parseAccepted(readFileSync(ACCEPTED_FILE, 'utf8')) : [];
    outcome = await scan(projectDir, accepted);
  } catch (error) {
    console.error(
      `scan:security could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 2;
    return;
  }
  printFindings('SFGE could not analyse (the scan is incomplete):', outcome.crashes);
  printFindings('Violations:', outcome.violations);
  printFindings('Accepted (see tools/security/sfge-accepted.json for why):', outcome.accepted);
  for (const stale of outcome.stale) {
    console.log(`Stale acceptance (matches nothing, remove it): ${stale.file} [${stale.rule}]`);
  }
  console.log(
    `SFGE: ${outcome.violations.length} violation(s), ${outcome.accepted.length} accepted, ` +
      `${outcome.crashes.length} engine error(s), ${outcome.stale.length} stale acceptance(s) ` +
      `in ${outcome.seconds.toFixed(0)} s`,
  );
  process.exitCode = decideExit(outcome);
}

if (require.main === module) {
  void main();
}
