/**
 * org:up — one command from a clone to a scratch org someone can click through: check the Dev
 * Hub, build, create the scratch org, deploy the package and the seed fields, make the Close Won
 * record page the org default, assign the admin and seed permission sets (never the migration
 * bypass, checked twice), seed data, print the org URL.
 *
 * The build runs before the scratch org is created, so a compile error costs no scratch org.
 * Nothing runs without an authorized Dev Hub (exit 2 with how to get one). A failed step stops
 * the rest (exit 1); the scratch org is kept for inspection unless --delete-on-failure.
 */
import {
  assertNoBypass,
  MIGRATION_BYPASS_PERMISSION_SET,
  ORG_USER_PERMISSION_SETS,
} from './permission-sets.js';
import {
  packageDirectory,
  RECORD_PAGE,
  RECORD_PAGE_ACTIVATION_DIR,
  RECORD_PAGE_LABEL,
  SCRATCH_DEFINITION_FILE,
  SEED_FIELDS_DIR,
} from './paths.js';
import { resolveDevHub } from './dev-hub.js';
import { parseJsonOutput, type Command } from './runner.js';
import { BUILD_LWC, deployCommand, runOrFail } from './sf-steps.js';
import { runSteps, StepFailure, type Step, type StepOutcome } from './steps.js';
import type { OrgCommandIo } from './io.js';

export interface OrgUpOptions {
  alias: string;
  durationDays: number;
  devHub?: string;
  deleteOnFailure: boolean;
  setDefault: boolean;
  json: boolean;
}

/** How to make the record page the org default by hand (when the deploy of the override fails). */
export const RECORD_PAGE_MANUAL_ACTIVATION = [
  `Activate the record page by hand: Setup → Lightning App Builder → ${RECORD_PAGE_LABEL} → Edit →`,
  'Activation… → Org Default → Assign as Org Default → Desktop → Next → Save.',
  'Until it is active, the Close as Won / Close as Lost buttons do not show on opportunities.',
];

/** What org:up prints as one JSON document with --json. */
export interface OrgUpReport {
  command: 'org:up';
  status: 'ok' | 'failed';
  alias: string;
  devHub: string;
  durationDays: number;
  username?: string;
  orgUrl?: string;
  permissionSets: string[];
  recordPage: { name: string; activated: boolean; howTo?: string[] };
  steps: StepOutcome[];
  failedStep?: string;
  message?: string;
  scratchOrg?: { created: boolean; kept: boolean; deleteCommand?: string };
}

interface Created {
  username?: string;
  instanceUrl?: string;
}

/** The steps of org:up in order, given the resolved Dev Hub. `created` is filled by the create step. */
export function orgUpSteps(
  options: OrgUpOptions & { devHub: string },
  io: OrgCommandIo,
  created: Created & { done: boolean },
): Step[] {
  const { alias } = options;
  const run = (command: Command) => runOrFail(io.runner, command);
  const permissionSets = [...ORG_USER_PERMISSION_SETS];
  return [
    {
      id: 'build',
      title: 'Build the LWC JavaScript from TypeScript (npm run build:lwc)',
      run: async () => {
        await run(BUILD_LWC);
      },
    },
    {
      id: 'create',
      title: `Create the scratch org ${alias} (Dev Hub ${options.devHub}, ${options.durationDays} days)`,
      run: async () => {
        const result = await run({
          command: 'sf',
          args: [
            'org',
            'create',
            'scratch',
            '--definition-file',
            SCRATCH_DEFINITION_FILE,
            '--alias',
            alias,
            '--duration-days',
            String(options.durationDays),
            '--target-dev-hub',
            options.devHub,
            ...(options.setDefault ? ['--set-default'] : []),
            '--wait',
            '20',
            '--json',
          ],
        });
        created.done = true;
        const json = parseJsonOutput(result.stdout)?.result as
          | { username?: string; authFields?: { instanceUrl?: string } }
          | undefined;
        if (json?.username) created.username = json.username;
        if (json?.authFields?.instanceUrl) created.instanceUrl = json.authFields.instanceUrl;
        return created.username;
      },
    },
    {
      id: 'deploy',
      title: `Deploy ${packageDirectory(io.projectDir)} and the seed fields (${SEED_FIELDS_DIR})`,
      run: async () => {
        await run(deployCommand([packageDirectory(io.projectDir), SEED_FIELDS_DIR], alias));
      },
    },
    {
      id: 'record-page',
      title: `Make ${RECORD_PAGE} the org default Opportunity page (${RECORD_PAGE_ACTIVATION_DIR})`,
      run: async () => {
        try {
          await run(deployCommand([RECORD_PAGE_ACTIVATION_DIR], alias));
        } catch (error) {
          throw new StepFailure(
            `${(error as Error).message}\n${RECORD_PAGE_MANUAL_ACTIVATION.join('\n')}`,
          );
        }
        return 'org default (desktop)';
      },
    },
    {
      id: 'permission-sets',
      title: `Assign ${permissionSets.join(', ')} to the scratch org user`,
      run: async () => {
        try {
          assertNoBypass(permissionSets);
        } catch (error) {
          throw new StepFailure((error as Error).message);
        }
        // A failed assignment exits non-zero; describeFailure lists `result.failures`.
        await run({
          command: 'sf',
          args: [
            'org',
            'assign',
            'permset',
            ...permissionSets.flatMap((name) => ['--name', name]),
            '--target-org',
            alias,
            '--json',
          ],
        });
      },
    },
    {
      id: 'no-bypass',
      title: `Check the scratch org user does not hold ${MIGRATION_BYPASS_PERMISSION_SET}`,
      run: async () => {
        const user = created.username;
        if (!user) {
          throw new StepFailure(
            'sf org create scratch did not report the username, so the bypass cannot be checked.',
          );
        }
        const result = await run({
          command: 'sf',
          args: [
            'data',
            'query',
            '--query',
            `SELECT COUNT() FROM PermissionSetAssignment WHERE Assignee.Username = '${user.replace(/'/g, "\\'")}' AND PermissionSet.Name = '${MIGRATION_BYPASS_PERMISSION_SET}'`,
            '--target-org',
            alias,
            '--json',
          ],
        });
        const total = (parseJsonOutput(result.stdout)?.result as { totalSize?: number })?.totalSize;
        if (total === undefined) {
          throw new StepFailure(
            'sf data query returned no totalSize; cannot confirm the bypass is absent.',
          );
        }
        if (total !== 0) {
          throw new StepFailure(
            `${user} holds ${MIGRATION_BYPASS_PERMISSION_SET}: the close automation would skip this user. ` +
              `Remove it: Setup → Users → ${user} → Permission Set Assignments.`,
          );
        }
      },
    },
    {
      id: 'seed',
      title: 'Seed accounts, contacts, products and open opportunities (npm run seed)',
      run: async () => {
        const result = await run({
          command: 'npm',
          args: ['run', '--silent', 'seed', '--', '--target-org', alias, '--json'],
        });
        const summary = parseJsonOutput(result.stdout) as
          | { steps?: { sobject: string; desired: number }[] }
          | undefined;
        return summary?.steps?.map((s) => `${s.desired} ${s.sobject}`).join(', ');
      },
    },
  ];
}

/** Runs org:up; returns the exit code. */
export async function orgUp(options: OrgUpOptions, io: OrgCommandIo): Promise<number> {
  const hub = await resolveDevHub(io.state, options.devHub);
  if (!hub.ok) {
    return io.fail(options.json, 2, {
      command: 'org:up',
      code: hub.code,
      message: hub.message,
      howTo: hub.howTo,
    });
  }
  const existing = await io.state.findOrg(options.alias);
  if (existing) {
    return io.fail(options.json, 2, {
      command: 'org:up',
      code: 'ALIAS_IN_USE',
      message:
        `An org is already known as "${options.alias}" (${existing.username}). Delete it first ` +
        `(npm run org:down -- --alias ${options.alias}; for an expired one: npx sf org logout ` +
        `--target-org ${options.alias} --no-prompt), or choose another --alias.`,
    });
  }
  if (hub.org.isDevHub === false) {
    io.progress(
      `note: the Salesforce CLI recorded ${hub.name} as not a Dev Hub when it was authorized. If ` +
        'creating the scratch org fails, enable Dev Hub in that org (Setup → Dev Hub) and log in again.',
    );
  }

  const created: Created & { done: boolean } = { done: false };
  const steps = orgUpSteps({ ...options, devHub: hub.name }, io, created);
  const run = await runSteps(steps, io.progress, io.clock);
  const report: OrgUpReport = {
    command: 'org:up',
    status: run.failed ? 'failed' : 'ok',
    alias: options.alias,
    devHub: hub.name,
    durationDays: options.durationDays,
    ...(created.username ? { username: created.username } : {}),
    ...(created.instanceUrl ? { orgUrl: created.instanceUrl } : {}),
    permissionSets: [...ORG_USER_PERMISSION_SETS],
    recordPage: {
      name: RECORD_PAGE,
      activated: run.outcomes.some((o) => o.id === 'record-page' && o.status === 'ok'),
    },
    steps: run.outcomes,
  };
  if (!report.recordPage.activated) report.recordPage.howTo = RECORD_PAGE_MANUAL_ACTIVATION;

  if (run.failed) {
    report.failedStep = run.failed.id;
    report.message = `org:up failed at step "${run.failed.title}":\n${run.failed.message ?? ''}`;
    report.scratchOrg = await afterFailure(options, io, created.done);
    if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stderr(`${formatFailure(report)}\n`);
    return 1;
  }
  report.scratchOrg = { created: true, kept: true, deleteCommand: deleteCommand(options.alias) };
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(`${formatSummary(report)}\n`);
  return 0;
}

function deleteCommand(alias: string): string {
  return alias === 'close-won' ? 'npm run org:down' : `npm run org:down -- --alias ${alias}`;
}

async function afterFailure(
  options: OrgUpOptions,
  io: OrgCommandIo,
  created: boolean,
): Promise<NonNullable<OrgUpReport['scratchOrg']>> {
  if (!created) return { created: false, kept: false };
  if (!options.deleteOnFailure) {
    return { created: true, kept: true, deleteCommand: deleteCommand(options.alias) };
  }
  io.progress(`Deleting the scratch org ${options.alias} (--delete-on-failure) …`);
  const result = await io.runner.run({
    command: 'sf',
    args: ['org', 'delete', 'scratch', '--target-org', options.alias, '--no-prompt', '--json'],
  });
  return result.code === 0
    ? { created: true, kept: false }
    : { created: true, kept: true, deleteCommand: deleteCommand(options.alias) };
}

function formatFailure(report: OrgUpReport): string {
  const lines = [report.message ?? 'org:up failed'];
  const org = report.scratchOrg;
  if (org && !org.created) {
    lines.push(
      report.failedStep === 'create'
        ? 'sf reported no scratch org. If its message names one still being created, resume or delete it as it says.'
        : 'No scratch org was created.',
    );
  } else if (org?.kept) {
    lines.push(
      `The scratch org ${report.alias} is kept so you can look at it (npx sf org open --target-org ${report.alias}).`,
      `Delete it: ${org.deleteCommand}`,
    );
  } else if (org) lines.push(`The scratch org ${report.alias} was deleted (--delete-on-failure).`);
  return lines.join('\n');
}

function formatSummary(report: OrgUpReport): string {
  const lines = [
    '',
    `Scratch org ${report.alias} is ready (${report.durationDays} days, Dev Hub ${report.devHub}).`,
    `  user:            ${report.username ?? '(see npx sf org display --target-org ' + report.alias + ')'}`,
    `  org URL:         ${report.orgUrl ?? '(see npx sf org display --target-org ' + report.alias + ')'}`,
    `  log in:          npx sf org open --target-org ${report.alias}`,
    `  permission sets: ${report.permissionSets.join(', ')} (never ${MIGRATION_BYPASS_PERMISSION_SET})`,
    `  record page:     ${report.recordPage.name} is the org default for Opportunity (desktop)`,
    '  data:            seeded (npm run verify -- --target-org ' +
      report.alias +
      ' closes and checks some)',
    `  delete it:       ${report.scratchOrg?.deleteCommand ?? deleteCommand(report.alias)}`,
  ];
  return lines.join('\n');
}
