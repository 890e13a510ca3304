/**
 * deploy — builds the LWC JavaScript, then deploys the package directory to an org or sandbox the
 * CLI is already logged in to (`--target-org`), and the unpackaged seed fields only with
 * --include-seed-fields. The record-page activation of unpackaged/record-page is never deployed
 * here: it would replace the Opportunity page of someone's sandbox org-wide.
 * Exit codes as the close-won CLI: 0 deployed, 1 a step failed, 2 usage (no or unknown org).
 */
import { packageDirectory, SEED_FIELDS_DIR } from './paths.js';
import { BUILD_LWC, deployCommand, runOrFail } from './sf-steps.js';
import { runSteps, type StepOutcome } from './steps.js';
import type { OrgCommandIo } from './io.js';

export interface DeployOptions {
  targetOrg?: string;
  includeSeedFields: boolean;
  json: boolean;
}

export const DEPLOY_USAGE = [
  'Usage: npm run deploy -- --target-org <alias|username> [--include-seed-fields] [--json]',
  '  Builds the LWC JavaScript and deploys the Close Won package to an org or sandbox you are',
  '  logged in to (npx sf org login web --alias <alias>; a sandbox: add --instance-url https://test.salesforce.com).',
  '  --include-seed-fields also deploys the Seed_Key__c fields and Close_Won_Seed (for npm run seed).',
  '  A scratch org with everything set up: npm run org:up.',
];

export interface DeployReport {
  command: 'deploy';
  status: 'ok' | 'failed';
  targetOrg: string;
  username: string;
  sourceDirs: string[];
  steps: StepOutcome[];
  failedStep?: string;
  message?: string;
}

export async function deploy(options: DeployOptions, io: OrgCommandIo): Promise<number> {
  const targetOrg = options.targetOrg?.trim();
  if (!targetOrg) {
    return io.fail(options.json, 2, {
      command: 'deploy',
      code: 'NO_TARGET_ORG',
      message: `--target-org is required.\n${DEPLOY_USAGE.join('\n')}`,
    });
  }
  const org = await io.state.findOrg(targetOrg);
  if (!org) {
    return io.fail(options.json, 2, {
      command: 'deploy',
      code: 'UNKNOWN_ORG',
      message:
        `No org is known as "${targetOrg}" to the Salesforce CLI on this machine. Log in first: ` +
        `npx sf org login web --alias ${targetOrg} (a sandbox: add --instance-url https://test.salesforce.com); ` +
        'npx sf org list shows the orgs it knows.',
    });
  }
  const sourceDirs = [
    packageDirectory(io.projectDir),
    ...(options.includeSeedFields ? [SEED_FIELDS_DIR] : []),
  ];
  const run = await runSteps(
    [
      {
        id: 'build',
        title: 'Build the LWC JavaScript from TypeScript (npm run build:lwc)',
        run: async () => {
          await runOrFail(io.runner, BUILD_LWC);
        },
      },
      {
        id: 'deploy',
        title: `Deploy ${sourceDirs.join(' and ')} to ${targetOrg} (${org.username})`,
        run: async () => {
          await runOrFail(io.runner, deployCommand(sourceDirs, targetOrg));
        },
      },
    ],
    io.progress,
    io.clock,
  );
  const report: DeployReport = {
    command: 'deploy',
    status: run.failed ? 'failed' : 'ok',
    targetOrg,
    username: org.username,
    sourceDirs,
    steps: run.outcomes,
    ...(run.failed
      ? {
          failedStep: run.failed.id,
          message: `deploy failed at step "${run.failed.title}":\n${run.failed.message ?? ''}`,
        }
      : {}),
  };
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (run.failed) io.stderr(`deploy: ${report.message}\n`);
  else {
    io.stdout(
      `Deployed ${sourceDirs.join(' and ')} to ${targetOrg} (${org.username}).\n` +
        'Next: assign Close_Won_Rep / Close_Won_Admin to users and activate the record page ' +
        '(docs/admin-guide.md).\n',
    );
  }
  return run.failed ? 1 : 0;
}
