/**
 * The offline gate (`npm test`): everything CI runs on a submission, in order, with one summary.
 *
 * Steps: build (LWC + scripts), type check, ESLint, Prettier, each static check registered in
 * CHECK_MODULES of tools/checks/run-checks.ts (in that order; a new check joins the gate there),
 * then Jest (components, scripts, and the planted-defect suites that prove each check can fail),
 * then the end-to-end tests of the wizard in headless Chromium (tools/e2e, `npm run test:e2e`).
 *
 * Counting: every build/lint/format step and every static check is one check; every Jest test is
 * one test, and so is every end-to-end test. The last line is `gate: N passed, N failed`. Exit code 1 when anything failed.
 * `npm test -- --only lint,pmd` runs a subset (names as printed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECK_MODULES, runChecks } from './checks/run-checks';
import { e2eRequired } from './e2e/chromium';

const root = path.resolve(__dirname, '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  /** Why the step did not run (shown in the summary instead of `ok`). */
  skipped?: string;
}

function runCommand(name: string, command: string, args: string[]): StepResult {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  if (result.error) console.error(`  could not start ${command}: ${result.error.message}`);
  console.log(`${ok ? '✔' : '✖'} ${name}`);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - started) / 1000 };
}

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numRuntimeErrorTestSuites: number;
  success: boolean;
}

function runJest(): StepResult {
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-jest-'));
  const out = path.join(dir, 'results.json');
  console.log('\n▶ jest: components, scripts and check suites');
  const ci = process.env.CI ? ['--ci'] : [];
  const result = spawnSync(bin('jest'), [...ci, '--json', `--outputFile=${out}`], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as JestJson;
    passed = report.numPassedTests;
    // A suite that fails to load has no failed test but must still count as a failure.
    failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
    if (report.numTotalTestSuites === 0) failed += 1;
  } catch {
    failed = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (result.status !== 0 && failed === 0) failed = 1;
  console.log(`${failed === 0 ? '✔' : '✖'} jest: ${passed} passed, ${failed} failed`);
  return { name: 'jest', passed, failed, seconds: (Date.now() - started) / 1000 };
}

interface E2eJson {
  passed: number;
  failed: number;
  skipped: boolean;
  reason?: string;
}

/**
 * The end-to-end tests (tools/e2e/run.ts). Without Chromium they are skipped with the reason
 * printed — counted as a failure when CI or CLOSE_WON_REQUIRE_E2E is set (.ci/run sets it and
 * installs Chromium).
 */
function runE2e(componentsBuilt: boolean): StepResult {
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-e2e-'));
  const out = path.join(dir, 'results.json');
  console.log('\n▶ e2e: the wizard in headless Chromium (tools/e2e)');
  const args = [
    'tools/e2e/run.ts',
    '--json',
    out,
    ...(componentsBuilt ? ['--skip-component-build'] : []),
  ];
  const result = spawnSync(bin('tsx'), args, { cwd: root, stdio: 'inherit', env: process.env });
  let passed = 0;
  let failed = 0;
  let skipped: string | undefined;
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as E2eJson;
    passed = report.passed;
    failed = report.failed;
    if (report.skipped) {
      skipped = report.reason ?? 'no reason given';
      console.log(`⚠ e2e SKIPPED: ${skipped}`);
      if (e2eRequired()) failed += 1;
    }
  } catch {
    failed = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (result.status !== 0 && failed === 0) failed = 1;
  console.log(`${failed === 0 ? '✔' : '✖'} e2e: ${passed} passed, ${failed} failed`);
  return { name: 'e2e', passed, failed, seconds: (Date.now() - started) / 1000, skipped };
}

async function main(): Promise<void> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set((process.argv[onlyIndex + 1] ?? '').split(',')) : undefined;
  const wanted = (name: string): boolean => !only || only.has(name);
  const results: StepResult[] = [];
  const started = Date.now();

  if (wanted('build')) results.push(runCommand('build', 'npm', ['run', '--silent', 'build']));
  if (wanted('typecheck')) {
    results.push(runCommand('typecheck', bin('tsc'), ['-p', 'tsconfig.json']));
  }
  if (wanted('lint')) results.push(runCommand('lint', bin('eslint'), ['--max-warnings', '0', '.']));
  if (wanted('format')) results.push(runCommand('format', bin('prettier'), ['--check', '.']));

  const checkNames = Object.keys(CHECK_MODULES).filter(wanted);
  for (const outcome of await runChecks(checkNames, root)) {
    console.log(`\n▶ check ${outcome.name}`);
    for (const line of outcome.lines) console.log(`  ${line}`);
    console.log(`${outcome.passed ? '✔' : '✖'} check ${outcome.name}`);
    results.push({
      name: `check ${outcome.name}`,
      passed: outcome.passed ? 1 : 0,
      failed: outcome.passed ? 0 : 1,
      seconds: outcome.seconds,
    });
  }

  if (wanted('jest')) results.push(runJest());
  if (wanted('e2e')) {
    const built = results.some((r) => r.name === 'build' && r.failed === 0);
    results.push(runE2e(built));
  }

  console.log('\nOffline gate summary');
  for (const r of results) {
    const mark = r.failed > 0 ? 'FAIL' : r.skipped ? 'SKIP' : 'ok  ';
    const note = r.skipped ? `  skipped: ${r.skipped}` : '';
    console.log(`  ${mark} ${r.name.padEnd(22)} ${r.seconds.toFixed(1).padStart(6)} s${note}`);
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`gate: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
