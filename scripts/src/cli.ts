#!/usr/bin/env node
/**
 * close-won: seed, verify, audit and measure a Close Won org from the command line.
 * Exit codes: 0 ok, 1 verification/audit found problems (or rows were rejected), 2 usage or
 * connection error.
 */
import { realpathSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { captureUsageErrors } from './output/usage-errors.js';
import { connect } from './auth.js';
import {
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  type ApiOptions,
  type RestConnection,
} from './api/salesforce-api.js';
import type { Clock } from './clock.js';
import { CliError, EXIT_OK, EXIT_USAGE, PartialFailureError, toCliError } from './errors.js';
import { createProgress } from './output/progress.js';
import { formatSeedSummary, runSeed } from './seed/command.js';
import { formatVerifyReport, runVerify } from './verify/command.js';
import { formatAuditReport, runAudit } from './audit/command.js';
import { formatMetrics, runMetrics } from './metrics/command.js';
import { compareWithReports, formatReportComparison } from './metrics/report-comparison.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Overrides how a connection is opened (tests use a loopback server). */
  connect?: (targetOrg: string | undefined, apiVersion: string) => Promise<RestConnection>;
  today?: () => string;
  /** Time for polling and back-off (tests and the benchmark pass a virtual clock). */
  clock?: Clock;
}

interface GlobalOptions {
  targetOrg?: string;
  json: boolean;
  apiVersion: string;
  requestTimeout: number;
}

function integer(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('must be a whole number.');
  return n;
}

/** A real calendar date as YYYY-MM-DD: 2026-02-30 is refused, 2028-02-29 accepted. */
export function isoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new InvalidArgumentError('must be a date as YYYY-MM-DD.');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new InvalidArgumentError(`${value} is not a date in the calendar (YYYY-MM-DD).`);
  }
  return value;
}

function seconds(value: string): number {
  const n = integer(value);
  if (n < 1 || n > 3600) throw new InvalidArgumentError('must be from 1 to 3600 seconds.');
  return n;
}

/** Runs the CLI with the given arguments (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const today = io.today ?? (() => new Date().toISOString().slice(0, 10));
  const program = new Command('close-won')
    .description('Seed, verify, audit and measure a Close Won org.')
    .option(
      '-o, --target-org <alias>',
      'org alias or username (default: the CLI default org, or SF_ACCESS_TOKEN + SF_INSTANCE_URL)',
    )
    .option('--json', 'print machine-readable JSON on stdout (errors included)', false)
    .option('--api-version <version>', 'REST API version', '65.0')
    .option(
      '--request-timeout <seconds>',
      'give up on a request the org does not answer within this many seconds',
      seconds,
      DEFAULT_REQUEST_TIMEOUT_SECONDS,
    )
    .configureHelp({ showGlobalOptions: true });
  const usage = captureUsageErrors(program, argv, io);

  const open = async (g: GlobalOptions): Promise<RestConnection> =>
    io.connect
      ? io.connect(g.targetOrg, g.apiVersion)
      : connect({ targetOrg: g.targetOrg, apiVersion: g.apiVersion });
  const apiOptions = (g: GlobalOptions): ApiOptions => ({
    requestTimeoutSeconds: g.requestTimeout,
    ...(io.clock ? { clock: io.clock } : {}),
  });
  const emit = (g: GlobalOptions, json: unknown, text: string): void =>
    io.stdout(g.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);

  program
    .command('seed')
    .description(
      'create deterministic accounts, contacts, products and open opportunities (idempotent)',
    )
    .option('--seed <value>', 'seed of the generator; the same seed gives the same data', '1')
    .option('--accounts <n>', 'accounts to create', integer, 20)
    .option('--opportunities <n>', 'opportunities to create (up to 10,000)', integer, 50)
    .option('--bulk-threshold <n>', 'rows above which Bulk API 2.0 is used', integer, 2000)
    .action(
      async (opts: {
        seed: string;
        accounts: number;
        opportunities: number;
        bulkThreshold: number;
      }) => {
        const g = program.opts<GlobalOptions>();
        const summary = await runSeed(
          await open(g),
          { ...opts, today: today() },
          createProgress(g.json),
          apiOptions(g),
        );
        emit(g, { status: 'ok', ...summary }, formatSeedSummary(summary));
      },
    );

  program
    .command('verify')
    .description(
      'close seeded opportunities through CloseOpportunityAction and check every downstream record',
    )
    .option('--count <n>', 'opportunities to close (half Won, half Lost)', integer, 6)
    .option('--seed <value>', 'which seed run to take opportunities from', '1')
    .option('--timeout <seconds>', 'how long to wait for asynchronous work', integer, 120)
    .option(
      '--poll <seconds>',
      'first delay between checks while waiting (at least 2; doubles up to 60)',
      integer,
      5,
    )
    .option('--no-reopen', 'skip the reopen / re-close idempotency check')
    .action(
      async (opts: {
        count: number;
        seed: string;
        timeout: number;
        poll: number;
        reopen: boolean;
      }) => {
        const g = program.opts<GlobalOptions>();
        const report = await runVerify(await open(g), { ...opts, today: today() }, apiOptions(g));
        emit(g, report, formatVerifyReport(report));
        if (!report.passed) exitCode = 1;
      },
    );

  program
    .command('audit')
    .description('read-only scan of closed opportunities for drifted post-close records')
    .option(
      '--since <date>',
      'only opportunities closed on or after this date (YYYY-MM-DD)',
      isoDate,
    )
    .action(async (opts: { since?: string }) => {
      const g = program.opts<GlobalOptions>();
      const report = await runAudit(await open(g), opts, apiOptions(g));
      emit(g, report, formatAuditReport(report));
      if (report.problemCount > 0) exitCode = 1;
    });

  program
    .command('metrics')
    .description(
      'win rate, won revenue, deal size, sales cycle, loss reasons and competitor losses',
    )
    .option('--since <date>', 'closed on or after this date (YYYY-MM-DD)', isoDate)
    .option('--period <period>', 'month, quarter or year', 'quarter')
    .option(
      '--compare-reports',
      "run the package's reports (Analytics API) and fail when their totals disagree",
    )
    .action(async (opts: { since?: string; period: string; compareReports?: boolean }) => {
      const g = program.opts<GlobalOptions>();
      const conn = await open(g);
      const report = await runMetrics(conn, opts, apiOptions(g));
      if (!opts.compareReports) return emit(g, report, formatMetrics(report));
      const comparison = await compareWithReports(conn, report, apiOptions(g));
      emit(
        g,
        { ...report, reportComparison: comparison },
        `${formatMetrics(report)}\n${formatReportComparison(comparison)}`,
      );
      if (comparison.disagreements > 0) exitCode = 1;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const usageExit = usage.exitFor(error, EXIT_USAGE);
    if (usageExit !== undefined) return usageExit;
    const cliError: CliError = toCliError(error);
    const json = program.opts<GlobalOptions>().json;
    if (json) {
      const rows = cliError instanceof PartialFailureError ? cliError.failures : undefined;
      io.stdout(
        `${JSON.stringify({ status: 'error', code: cliError.code, message: cliError.message, ...(rows ? { failures: rows } : {}) }, null, 2)}\n`,
      );
    } else {
      io.stderr(`close-won: ${cliError.message}\n`);
    }
    return cliError.exitCode;
  }
}

/** True when this file is the program (npm run, tsx, or the `close-won` bin symlink), not an import. */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return /cli\.(ts|js)$/.test(realpathSync(script));
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  void main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}
