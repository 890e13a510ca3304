#!/usr/bin/env node
/**
 * The org commands behind `npm run org:up`, `npm run org:down` and `npm run deploy`: a scratch
 * org set up from scratch, deleted again, or the package deployed to an org you already have.
 * They shell out to the project's own `sf` (node_modules/.bin/sf) and read the CLI's auth state
 * with @salesforce/core. Exit codes as the close-won CLI: 0 ok, 1 a step failed, 2 usage (bad
 * flag, no Dev Hub, unknown org). --json: one JSON document on stdout; progress goes to stderr.
 */
import { realpathSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { captureUsageErrors } from './output/usage-errors.js';
import { EXIT_OK, EXIT_USAGE } from './errors.js';
import { failWith, type OrgCommandIo } from './org/io.js';
import { sfCoreOrgState, type OrgState } from './org/org-state.js';
import { findProjectRoot } from './org/paths.js';
import { spawnRunner, type CommandRunner } from './org/runner.js';
import type { StepClock } from './org/steps.js';
import { orgUp } from './org/up.js';
import { orgDown } from './org/down.js';
import { deploy } from './org/deploy.js';

export interface OrgCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  runner?: CommandRunner;
  state?: OrgState;
  projectDir?: string;
  clock?: StepClock;
}

export const DEFAULT_ALIAS = 'close-won';
export const DEFAULT_DURATION_DAYS = 7;

function durationDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 30) {
    throw new InvalidArgumentError('must be a whole number of days from 1 to 30.');
  }
  return n;
}

function alias(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    throw new InvalidArgumentError('must be letters, digits, ".", "_" or "-" (e.g. close-won).');
  }
  return value;
}

/** Runs `org-cli <up|down|deploy> …` (arguments without node and script); returns the exit code. */
export async function main(argv: string[], cliIo: OrgCliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const projectDir = cliIo.projectDir ?? findProjectRoot();
  const io = (): OrgCommandIo => ({
    stdout: cliIo.stdout,
    stderr: cliIo.stderr,
    progress: (line) => cliIo.stderr(`${line}\n`),
    runner: cliIo.runner ?? spawnRunner(projectDir),
    state: cliIo.state ?? sfCoreOrgState(),
    projectDir,
    ...(cliIo.clock ? { clock: cliIo.clock } : {}),
    fail: failWith(cliIo.stdout, cliIo.stderr),
  });

  const program = new Command('org').description(
    'Scratch org set-up (org:up), tear-down (org:down) and deploys (deploy).',
  );
  const usage = captureUsageErrors(program, argv, cliIo);

  program
    .command('up')
    .description(
      'build, create a scratch org, deploy, activate the record page, assign permission sets, seed',
    )
    .option('-a, --alias <alias>', 'alias of the new scratch org', alias, DEFAULT_ALIAS)
    .option(
      '-y, --duration-days <days>',
      'days until the scratch org expires (1-30)',
      durationDays,
      DEFAULT_DURATION_DAYS,
    )
    .option('-v, --dev-hub <alias|username>', 'Dev Hub to use (default: the CLI target-dev-hub)')
    .option('--delete-on-failure', 'delete the scratch org when a later step fails', false)
    .option('--no-set-default', 'do not make the scratch org the CLI default target-org')
    .option('--json', 'one JSON document on stdout (progress stays on stderr)', false)
    .action(
      async (opts: {
        alias: string;
        durationDays: number;
        devHub?: string;
        deleteOnFailure: boolean;
        setDefault: boolean;
        json: boolean;
      }) => {
        exitCode = await orgUp(
          {
            alias: opts.alias,
            durationDays: opts.durationDays,
            ...(opts.devHub ? { devHub: opts.devHub } : {}),
            deleteOnFailure: opts.deleteOnFailure,
            setDefault: opts.setDefault,
            json: opts.json,
          },
          io(),
        );
      },
    );

  program
    .command('down')
    .description('delete the scratch org (no prompt)')
    .option('-a, --alias <alias>', 'alias or username of the scratch org', alias, DEFAULT_ALIAS)
    .option('--json', 'one JSON document on stdout', false)
    .action(async (opts: { alias: string; json: boolean }) => {
      exitCode = await orgDown(opts, io());
    });

  program
    .command('deploy')
    .description('build, then deploy the package to an org or sandbox you are logged in to')
    .option('-o, --target-org <alias|username>', 'the org to deploy to (required)')
    .option(
      '--include-seed-fields',
      'also deploy the seed fields and Close_Won_Seed (unpackaged/main)',
      false,
    )
    .option('--json', 'one JSON document on stdout', false)
    .action(async (opts: { targetOrg?: string; includeSeedFields: boolean; json: boolean }) => {
      exitCode = await deploy(opts, io());
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const usageExit = usage.exitFor(error, EXIT_USAGE, { exitCode: EXIT_USAGE });
    if (usageExit !== undefined) return usageExit;
    // Outside the steps (which catch their own failures): reading the CLI's state or the project
    // failed, e.g. an unreadable ~/.sf config. Nothing was built or deployed.
    return failWith(cliIo.stdout, cliIo.stderr)(usage.json, EXIT_USAGE, {
      command: 'org',
      code: 'ENVIRONMENT',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** True when this file is the program (npm run, tsx), not an import. */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return /org-cli\.(ts|js)$/.test(realpathSync(script));
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`org: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
