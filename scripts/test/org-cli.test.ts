import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/org-cli.js';
import {
  assertNoBypass,
  MIGRATION_BYPASS_PERMISSION_SET,
  ORG_USER_PERMISSION_SETS,
} from '../src/org/permission-sets.js';
import {
  packageDirectory,
  RECORD_PAGE,
  RECORD_PAGE_ACTIVATION_DIR,
  SEED_FIELDS_DIR,
} from '../src/org/paths.js';
import type { OrgState } from '../src/org/org-state.js';
import { failureText } from '../src/org/runner.js';
import {
  DEV_HUB,
  FakeRunner,
  fakeState,
  keyOf,
  SCRATCH_URL,
  SCRATCH_USERNAME,
} from './support/fake-runner.js';

const PROJECT = path.resolve(__dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], runner: FakeRunner, state: OrgState): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    runner,
    state,
    projectDir: PROJECT,
    clock: { now: () => 0 },
  });
  return { code, stdout, stderr };
}

const withHub = (orgs: Parameters<typeof fakeState>[1] = {}) =>
  fakeState('devhub', { devhub: DEV_HUB, ...orgs });

/** The --name values of every `sf org assign permset` the runner saw. */
function assignedPermissionSets(runner: FakeRunner): string[] {
  return runner.calls
    .filter((c) => keyOf(c) === 'sf org assign permset')
    .flatMap((c) => c.args.flatMap((a, i) => (c.args[i - 1] === '--name' ? [a] : [])));
}

const ORG_UP_SEQUENCE = [
  'npm build:lwc',
  'sf org create scratch',
  'sf deploy force-app unpackaged/main',
  'sf deploy unpackaged/record-page',
  'sf org assign permset',
  'sf data query --query',
  'npm seed',
];

describe('org:up without a Dev Hub', () => {
  it('exits 2 with how to get and authorize one, and runs no command at all', async () => {
    const runner = new FakeRunner();
    const result = await run(['up'], runner, fakeState(undefined, {}));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No Dev Hub/);
    expect(result.stderr).toMatch(/Setup → Dev Hub → Enable Dev Hub/);
    expect(result.stderr).toMatch(/sf org login web --set-default-dev-hub --alias devhub/);
    expect(runner.calls).toEqual([]);
  });

  it('exits 2 when the named Dev Hub has no authorization, naming it, before any command', async () => {
    const runner = new FakeRunner();
    const result = await run(
      ['up', '--dev-hub', 'myhub', '--json'],
      runner,
      fakeState(undefined, {}),
    );
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout) as { code: string; message: string; howTo: string[] };
    expect(doc.code).toBe('DEV_HUB_NOT_AUTHORIZED');
    expect(doc.message).toMatch(/"myhub" \(from --dev-hub\) is not authorized/);
    expect(doc.howTo.join('\n')).toMatch(/sf org login web --set-default-dev-hub --alias myhub/);
    expect(runner.calls).toEqual([]);
  });
});

describe('org:up with a Dev Hub (injected runner)', () => {
  it('runs build, create, deploy, record page, permission sets, bypass check and seed in this order', async () => {
    const runner = new FakeRunner();
    const result = await run(['up'], runner, withHub());
    expect(result.code).toBe(0);
    expect(runner.keys).toEqual(ORG_UP_SEQUENCE);
    const create = runner.calls[1].args;
    expect(create).toEqual(
      expect.arrayContaining(['--definition-file', 'config/project-scratch-def.json']),
    );
    expect(create.join(' ')).toMatch(
      /--alias close-won --duration-days 7 --target-dev-hub devhub --set-default/,
    );
    expect(runner.calls.every((c) => c.command === 'npm' || c.args.includes('--json'))).toBe(true);
    expect(runner.calls[6].args).toEqual([
      'run',
      '--silent',
      'seed',
      '--',
      '--target-org',
      'close-won',
      '--json',
    ]);
    expect(result.stdout).toContain(SCRATCH_URL);
    expect(result.stdout).toContain(SCRATCH_USERNAME);
    expect(result.stdout).toMatch(/Opportunity_Close_Won_Record_Page is the org default/);
    expect(result.stderr).toMatch(/\[1\/7\] Build the LWC JavaScript/);
    expect(result.stderr).toMatch(/\[7\/7\] Seed .*: ok/);
  });

  it('passes --alias, --duration-days and --dev-hub on, and --json prints one document', async () => {
    const runner = new FakeRunner();
    const state = fakeState(undefined, { otherhub: DEV_HUB });
    const result = await run(
      ['up', '--alias', 'demo', '--duration-days', '3', '--dev-hub', 'otherhub', '--json'],
      runner,
      state,
    );
    expect(result.code).toBe(0);
    expect(runner.calls[1].args.join(' ')).toMatch(
      /--alias demo --duration-days 3 --target-dev-hub otherhub/,
    );
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      command: 'org:up',
      status: 'ok',
      alias: 'demo',
      devHub: 'otherhub',
      username: SCRATCH_USERNAME,
      orgUrl: SCRATCH_URL,
      permissionSets: ['Close_Won_Admin', 'Close_Won_Seed'],
      recordPage: { name: RECORD_PAGE, activated: true },
      scratchOrg: { created: true, kept: true, deleteCommand: 'npm run org:down -- --alias demo' },
    });
    expect((doc.steps as { id: string; status: string }[]).map((s) => [s.id, s.status])).toEqual([
      ['build', 'ok'],
      ['create', 'ok'],
      ['deploy', 'ok'],
      ['record-page', 'ok'],
      ['permission-sets', 'ok'],
      ['no-bypass', 'ok'],
      ['seed', 'ok'],
    ]);
  });

  it('assigns Close_Won_Admin and Close_Won_Seed and never the migration bypass', async () => {
    const runner = new FakeRunner();
    await run(['up'], runner, withHub());
    expect(assignedPermissionSets(runner)).toEqual(['Close_Won_Admin', 'Close_Won_Seed']);
    const everyArgument = runner.calls.flatMap((c) => c.args);
    expect(everyArgument.filter((a) => a === MIGRATION_BYPASS_PERMISSION_SET)).toEqual([]);
    const query = runner.calls.find((c) => keyOf(c) === 'sf data query --query')?.args[3] ?? '';
    expect(query).toContain(`Assignee.Username = '${SCRATCH_USERNAME}'`);
    expect(query).toContain(`PermissionSet.Name = '${MIGRATION_BYPASS_PERMISSION_SET}'`);
  });

  it('stops at a failing deploy, names the step, keeps the org and says how to delete it (exit 1)', async () => {
    const runner = new FakeRunner().answer('sf deploy force-app unpackaged/main', {
      code: 1,
      stdout: JSON.stringify({
        status: 1,
        result: {
          status: 'Failed',
          details: {
            componentFailures: [
              {
                componentType: 'ApexClass',
                fullName: 'CloseOpportunityService',
                lineNumber: 12,
                problem: 'Variable does not exist: x',
              },
            ],
          },
        },
      }),
      stderr: '',
    });
    const result = await run(['up'], runner, withHub());
    expect(result.code).toBe(1);
    expect(runner.keys).toEqual(ORG_UP_SEQUENCE.slice(0, 3));
    expect(result.stderr).toMatch(/org:up failed at step "Deploy force-app and the seed fields/);
    expect(result.stderr).toMatch(
      /ApexClass CloseOpportunityService \(line 12\): Variable does not exist: x/,
    );
    expect(result.stderr).toMatch(/The scratch org close-won is kept/);
    expect(result.stderr).toMatch(/Delete it: npm run org:down$/m);
  });

  it('with --delete-on-failure deletes the scratch org after a failing step', async () => {
    const runner = new FakeRunner().answer('npm seed', {
      code: 1,
      stdout: JSON.stringify({
        status: 'error',
        code: 'PARTIAL_FAILURE',
        message: '2 row(s) were rejected',
      }),
      stderr: '',
    });
    const result = await run(['up', '--delete-on-failure', '--json'], runner, withHub());
    expect(result.code).toBe(1);
    expect(runner.keys).toEqual([...ORG_UP_SEQUENCE, 'sf org delete scratch']);
    expect(runner.calls.at(-1)?.args).toEqual(
      expect.arrayContaining(['--target-org', 'close-won', '--no-prompt']),
    );
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      status: 'failed',
      failedStep: 'seed',
      scratchOrg: { created: true, kept: false },
    });
    expect(String(doc.message)).toMatch(/2 row\(s\) were rejected/);
  });

  it('a failing build creates no scratch org', async () => {
    const runner = new FakeRunner().answer('npm build:lwc', {
      code: 2,
      stdout: '',
      stderr:
        "closeWizard.ts(10,5): error TS2322: Type 'string' is not assignable to type 'number'.\n",
    });
    const result = await run(['up'], runner, withHub());
    expect(result.code).toBe(1);
    expect(runner.keys).toEqual(['npm build:lwc']);
    expect(result.stderr).toMatch(/error TS2322/);
    expect(result.stderr).toMatch(/No scratch org was created/);
  });

  it('names the permission set sf could not assign and stops before seeding (exit 1)', async () => {
    const runner = new FakeRunner().answer('sf org assign permset', {
      code: 1,
      stdout: JSON.stringify({
        status: 1,
        result: {
          successes: [],
          failures: [
            { name: SCRATCH_USERNAME, message: 'Permission set "Close_Won_Seed" not found.' },
          ],
        },
      }),
      stderr: '',
    });
    const result = await run(['up'], runner, withHub());
    expect(result.code).toBe(1);
    expect(runner.keys).not.toContain('npm seed');
    expect(result.stderr).toContain(
      `${SCRATCH_USERNAME}: Permission set "Close_Won_Seed" not found.`,
    );
  });

  it('stops before seeding when the scratch org user holds the bypass', async () => {
    const runner = new FakeRunner().answer('sf data query --query', {
      code: 0,
      stdout: JSON.stringify({ status: 0, result: { totalSize: 1 } }),
      stderr: '',
    });
    const result = await run(['up'], runner, withHub());
    expect(result.code).toBe(1);
    expect(runner.keys).not.toContain('npm seed');
    expect(result.stderr).toMatch(new RegExp(`holds ${MIGRATION_BYPASS_PERMISSION_SET}`));
  });

  it('cannot check the bypass without the username from the create result, so it stops (exit 1)', async () => {
    const runner = new FakeRunner().answer('sf org create scratch', {
      code: 0,
      stdout: JSON.stringify({ status: 0, result: { orgId: '00D000000000001' } }),
      stderr: '',
    });
    const result = await run(['up', '--json'], runner, withHub());
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ failedStep: 'no-bypass' });
    expect(runner.keys).not.toContain('npm seed');
  });

  it('a failing record-page deploy says how to activate the page by hand', async () => {
    const runner = new FakeRunner().answer('sf deploy unpackaged/record-page', {
      code: 1,
      stdout: JSON.stringify({
        status: 1,
        name: 'DeployFailed',
        message: 'Invalid action override',
      }),
      stderr: '',
    });
    const result = await run(['up', '--json'], runner, withHub());
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as {
      recordPage: { activated: boolean; howTo: string[] };
    };
    expect(doc.recordPage.activated).toBe(false);
    expect(doc.recordPage.howTo.join(' ')).toMatch(
      /Lightning App Builder → Opportunity Close Won Record Page → Edit → Activation… → Org Default/,
    );
  });

  it('refuses an alias that already names an org (exit 2, nothing run)', async () => {
    const runner = new FakeRunner();
    const result = await run(
      ['up'],
      runner,
      withHub({ 'close-won': { username: 'old@example.com', isScratch: true } }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already known as "close-won" \(old@example.com\)/);
    expect(runner.calls).toEqual([]);
  });

  it.each([
    [['up', '--duration-days', '31']],
    [['up', '--alias', 'has space']],
    [['up', '--bogus']],
  ])('refuses bad flags %j with exit 2 and runs nothing', async (args) => {
    const runner = new FakeRunner();
    const result = await run([...args, '--json'], runner, withHub());
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'error', code: 'INVALID_FLAG' });
    expect(runner.calls).toEqual([]);
  });
});

describe('failures outside the steps', () => {
  it('an unreadable CLI state exits 2 with one JSON document and runs nothing', async () => {
    const runner = new FakeRunner();
    const broken: OrgState = {
      defaultDevHub: async () => {
        throw new Error('Unexpected token } in JSON at position 12 (~/.sf/config.json)');
      },
      findOrg: async () => undefined,
    };
    const result = await run(['up', '--json'], runner, broken);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'error',
      code: 'ENVIRONMENT',
      message: expect.stringMatching(/config\.json/),
    });
    expect(runner.calls).toEqual([]);
  });

  it('failure text from sf or npm never carries an access token', () => {
    const token = '00D5g000004ABCD!AQ0AQHdP4xYzExampleTokenValue';
    expect(
      failureText({ code: 1, stdout: '', stderr: `Bad session ${token} for user\n` }),
    ).not.toContain(token);
    expect(
      failureText({
        code: 1,
        stdout: JSON.stringify({ status: 1, name: 'AuthError', message: `token ${token}` }),
        stderr: '',
      }),
    ).toBe('AuthError: token <redacted>');
  });
});

describe('the permission sets org:up assigns', () => {
  it('never include the migration bypass', () => {
    expect(ORG_USER_PERMISSION_SETS).not.toContain(MIGRATION_BYPASS_PERMISSION_SET);
    expect(() => assertNoBypass(ORG_USER_PERMISSION_SETS)).not.toThrow();
    expect(() => assertNoBypass(['Close_Won_Admin', 'close_won_migration_bypass'])).toThrow(
      /must never be assigned/,
    );
  });

  it('are the ones the org gate assigns, and the gate never assigns the bypass either', () => {
    const gate = readFileSync(path.join(PROJECT, 'scripts/org-gate.sh'), 'utf8');
    const list = /^GATE_PERMISSION_SETS=\(([^)]*)\)/m.exec(gate)?.[1].trim().split(/\s+/);
    expect(list).toEqual([...ORG_USER_PERMISSION_SETS]);
    expect(list).not.toContain(MIGRATION_BYPASS_PERMISSION_SET);
  });
});

describe('org:down', () => {
  it('deletes the scratch org close-won without a prompt', async () => {
    const runner = new FakeRunner();
    const result = await run(
      ['down'],
      runner,
      fakeState(undefined, { 'close-won': { username: SCRATCH_USERNAME, isScratch: true } }),
    );
    expect(result.code).toBe(0);
    expect(runner.calls).toEqual([
      {
        command: 'sf',
        args: ['org', 'delete', 'scratch', '--target-org', 'close-won', '--no-prompt', '--json'],
      },
    ]);
    expect(result.stdout).toMatch(/Deleted the scratch org close-won/);
  });

  it('exits 2 with a clear message when no org has the alias', async () => {
    const runner = new FakeRunner();
    const result = await run(['down', '--alias', 'nope'], runner, fakeState(undefined, {}));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No org is known as "nope".*nothing was deleted/);
    expect(runner.calls).toEqual([]);
  });

  it('refuses to delete an org that is not a scratch org', async () => {
    const runner = new FakeRunner();
    const result = await run(
      ['down', '--alias', 'prod', '--json'],
      runner,
      fakeState(undefined, { prod: { username: 'admin@acme.com', isScratch: false } }),
    );
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'NOT_A_SCRATCH_ORG' });
    expect(runner.calls).toEqual([]);
  });

  it('exits 1 with sf’s message when the delete fails', async () => {
    const runner = new FakeRunner().answer('sf org delete scratch', {
      code: 1,
      stdout: JSON.stringify({
        status: 1,
        name: 'NoDevHubError',
        message: 'The Dev Hub is not reachable',
      }),
      stderr: '',
    });
    const result = await run(
      ['down'],
      runner,
      fakeState(undefined, { 'close-won': { username: SCRATCH_USERNAME, isScratch: true } }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NoDevHubError: The Dev Hub is not reachable/);
  });
});

describe('deploy', () => {
  const sandbox = fakeState(undefined, { uat: { username: 'me@acme.com.uat', isScratch: false } });

  it('without --target-org prints the usage and exits 2, running nothing', async () => {
    const runner = new FakeRunner();
    const result = await run(['deploy'], runner, sandbox);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--target-org is required/);
    expect(result.stderr).toMatch(/Usage: npm run deploy -- --target-org <alias\|username>/);
    expect(runner.calls).toEqual([]);
  });

  it('exits 2 for an org the CLI does not know', async () => {
    const runner = new FakeRunner();
    const result = await run(['deploy', '--target-org', 'ghost'], runner, sandbox);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No org is known as "ghost".*sf org login web --alias ghost/);
    expect(runner.calls).toEqual([]);
  });

  it('builds, then deploys the package directory only (never the record-page activation)', async () => {
    const runner = new FakeRunner();
    const result = await run(['deploy', '--target-org', 'uat'], runner, sandbox);
    expect(result.code).toBe(0);
    expect(runner.keys).toEqual(['npm build:lwc', 'sf deploy force-app']);
    expect(runner.calls[1].args).toEqual(expect.arrayContaining(['--target-org', 'uat']));
  });

  it('adds the seed fields with --include-seed-fields', async () => {
    const runner = new FakeRunner();
    const result = await run(
      ['deploy', '--target-org', 'uat', '--include-seed-fields', '--json'],
      runner,
      sandbox,
    );
    expect(result.code).toBe(0);
    expect(runner.keys).toEqual(['npm build:lwc', 'sf deploy force-app unpackaged/main']);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'ok',
      sourceDirs: ['force-app', 'unpackaged/main'],
    });
  });

  it('a failing build stops before the deploy (exit 1)', async () => {
    const runner = new FakeRunner().answer('npm build:lwc', {
      code: 1,
      stdout: '',
      stderr: 'tsc failed\n',
    });
    const result = await run(['deploy', '--target-org', 'uat'], runner, sandbox);
    expect(result.code).toBe(1);
    expect(runner.keys).toEqual(['npm build:lwc']);
    expect(result.stderr).toMatch(/deploy failed at step "Build the LWC JavaScript/);
  });
});

describe('what the org commands deploy', () => {
  const project = JSON.parse(readFileSync(path.join(PROJECT, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { path: string }[];
  };

  it('deploys folders that lie inside the package directories of sfdx-project.json', () => {
    const roots = project.packageDirectories.map((d) => d.path);
    expect(packageDirectory(PROJECT)).toBe('force-app');
    for (const dir of [SEED_FIELDS_DIR, RECORD_PAGE_ACTIVATION_DIR]) {
      expect(roots.some((root) => dir === root || dir.startsWith(`${root}/`))).toBe(true);
    }
  });

  it('activates a desktop Opportunity record page that exists in the package', () => {
    const override = readFileSync(
      path.join(
        PROJECT,
        RECORD_PAGE_ACTIVATION_DIR,
        'objects/Opportunity/Opportunity.object-meta.xml',
      ),
      'utf8',
    );
    expect(override).toMatch(new RegExp(`<content>${RECORD_PAGE}</content>`));
    expect(override).toMatch(/<actionName>View<\/actionName>/);
    expect(override).toMatch(/<formFactor>Large<\/formFactor>/);
    expect(override).toMatch(/<type>Flexipage<\/type>/);
    const page = readFileSync(
      path.join(
        PROJECT,
        'force-app/main/close-wizard/flexipages',
        `${RECORD_PAGE}.flexipage-meta.xml`,
      ),
      'utf8',
    );
    expect(page).toMatch(/<sobjectType>Opportunity<\/sobjectType>/);
    expect(page).toMatch(/<name>flexipage:recordHomeTemplateDesktop<\/name>/);
  });

  it('npm scripts org:up, org:down and deploy run this CLI', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['org:up']).toBe('tsx scripts/src/org-cli.ts up');
    expect(scripts['org:down']).toBe('tsx scripts/src/org-cli.ts down');
    expect(scripts.deploy).toBe('tsx scripts/src/org-cli.ts deploy');
  });
});

/**
 * The real command, as a newcomer runs it: `npm run org:up` in a process whose Salesforce CLI
 * state is empty (HOME in a temporary directory, no SF_/SFDX_ variables).
 */
describe('npm run org:up on a machine with no Salesforce CLI state', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'close-won-no-devhub-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  function npmRun(args: string[]) {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!/^(SF_|SFDX_)/i.test(key)) env[key] = value;
    }
    Object.assign(env, {
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
    });
    return spawnSync('npm', ['run', '--silent', 'org:up', '--', ...args], {
      cwd: PROJECT,
      env,
      encoding: 'utf8',
      timeout: 90_000,
    });
  }

  // A local .sf/config.json in the project may still name a Dev Hub: then the answer is
  // DEV_HUB_NOT_AUTHORIZED (no login in the empty HOME), with the same how-to and exit code.
  it('exits 2 with the how-to and starts no step', () => {
    const result = npmRun([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Dev Hub/);
    expect(result.stderr).toMatch(/Setup → Dev Hub → Enable Dev Hub/);
    expect(result.stderr).toMatch(/npx sf org login web --set-default-dev-hub --alias/);
    expect(result.stderr).not.toMatch(/\[1\/\d\]/);
    expect(result.stdout).toBe('');
  }, 90_000);

  it('with --json prints one JSON document with the code and the how-to, exit 2', () => {
    const result = npmRun(['--json']);
    expect(result.status).toBe(2);
    const doc = JSON.parse(result.stdout) as {
      status: string;
      exitCode: number;
      code: string;
      howTo: string[];
    };
    expect(doc.status).toBe('error');
    expect(doc.exitCode).toBe(2);
    expect(doc.code).toMatch(/^(NO_DEV_HUB|DEV_HUB_NOT_AUTHORIZED)$/);
    expect(doc.howTo.join('\n')).toMatch(/Setup → Dev Hub → Enable Dev Hub/);
    expect(result.stderr).not.toMatch(/\[1\/\d\]/);
  }, 90_000);
});
