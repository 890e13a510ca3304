/**
 * `npm run test:e2e`: builds the preview, serves it on a free localhost port and drives it with
 * playwright-core in headless Chromium (Debian's package), running the tests of wizard.e2e.ts.
 * Each test gets a fresh browser context and fails on any console error or uncaught page error.
 *
 * Without Chromium the run is SKIPPED with a message saying so and how to install it — and fails
 * instead when CI or CLOSE_WON_REQUIRE_E2E is set (.ci/run sets it, and installs Chromium).
 *
 * Options: `--json FILE` (results for tools/gate.ts), `--screenshots` (save each step into
 * docs/images), `--only TEXT` (tests whose name contains TEXT), `--production` (LWC prod mode),
 * `--skip-component-build` (the caller just ran `npm run build:lwc`, as the gate does).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT, buildPreview } from '../preview/build';
import { startServer } from '../preview/serve';
import { e2eRequired, findChromium } from './chromium';
import { createContext, type E2eTest } from './harness';
import { WIZARD_TESTS } from './wizard.e2e';

export interface E2eSummary {
  passed: number;
  failed: number;
  skipped: boolean;
  reason?: string;
  tests: Array<{ name: string; ok: boolean; seconds: number; error?: string }>;
}

const DESKTOP = { width: 1280, height: 900 };
/** A test that has not finished by then has hung (a healthy one takes 2–5 s). */
const TEST_TIMEOUT_MS = 60_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function runTest(
  browser: Browser,
  baseUrl: string,
  test: E2eTest,
  screenshotDir: string | null,
): Promise<string | undefined> {
  const context = await browser.newContext({ viewport: test.viewport ?? DESKTOP });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
  try {
    await withTimeout(test.run(createContext(page, baseUrl, test, screenshotDir)), TEST_TIMEOUT_MS);
    if (pageErrors.length > 0) return pageErrors.join('\n');
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [message, ...pageErrors].join('\n');
  } finally {
    await context.close();
  }
}

export async function runE2e(): Promise<E2eSummary> {
  const executablePath = findChromium();
  if (!executablePath) {
    return {
      passed: 0,
      failed: 0,
      skipped: true,
      reason:
        'no Chromium found: install it (Debian/Ubuntu: apt-get install -y chromium) or set ' +
        'CHROMIUM_PATH to a Chromium or Chrome binary',
      tests: [],
    };
  }
  const only = option('--only');
  const tests = WIZARD_TESTS.filter((test) => !only || test.name.includes(only));
  const screenshotDir = process.argv.includes('--screenshots')
    ? path.join(ROOT, 'docs', 'images')
    : null;
  if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });

  const mode = process.argv.includes('--production') ? 'production' : 'development';
  const skipComponentBuild = process.argv.includes('--skip-component-build');
  const built = await buildPreview({ mode, skipComponentBuild });
  console.log(`e2e: preview built in ${built.seconds.toFixed(1)} s; Chromium ${executablePath}`);
  const { server, url } = await startServer(0);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const summary: E2eSummary = { passed: 0, failed: 0, skipped: false, tests: [] };
  try {
    for (const test of tests) {
      const started = Date.now();
      const error = await runTest(browser, url, test, screenshotDir);
      const seconds = (Date.now() - started) / 1000;
      summary.tests.push({ name: test.name, ok: !error, seconds, error });
      if (error) summary.failed += 1;
      else summary.passed += 1;
      const mark = error ? '✖' : '✔';
      console.log(
        `  ${mark} ${test.name} (${seconds.toFixed(1)} s)${error ? `\n    ${error.replace(/\n/g, '\n    ')}` : ''}`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (tests.length === 0) {
    summary.failed += 1;
    summary.reason = `no e2e test matches ${only ?? ''}`;
  }
  return summary;
}

async function main(): Promise<void> {
  const started = Date.now();
  const summary = await runE2e();
  const json = option('--json');
  if (json) writeFileSync(json, JSON.stringify(summary, null, 2));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (summary.skipped) {
    const inCi = e2eRequired();
    console.log(
      `e2e: SKIPPED — ${summary.reason}${inCi ? ' (CI or CLOSE_WON_REQUIRE_E2E is set: this is a failure)' : ''}`,
    );
    process.exitCode = inCi ? 1 : 0;
    return;
  }
  console.log(`e2e: ${summary.passed} passed, ${summary.failed} failed in ${seconds} s`);
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(
      `e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  });
}
