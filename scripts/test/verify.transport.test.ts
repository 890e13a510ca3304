import { FakeSalesforce } from './support/fake-salesforce.js';
import {
  installCloseAutomation,
  installOrg,
  installReopenAutomation,
  type AutomationFaults,
} from './support/org-fixture.js';
import { runCli } from './support/cli-run.js';

interface VerifyJson {
  status: string;
  passed: boolean;
  apiCalls: number;
  opportunities: {
    opportunityId: string;
    outcome: string;
    phase: string;
    passed: boolean;
    checks: { check: string; passed: boolean; detail: string }[];
  }[];
}

async function seededOrg(
  opportunities: number,
  faults: AutomationFaults = {},
): Promise<FakeSalesforce> {
  const server = await new FakeSalesforce().start();
  installOrg(server);
  installCloseAutomation(server, faults);
  installReopenAutomation(server);
  const seed = await runCli(server, [
    'seed',
    '--accounts',
    '10',
    '--opportunities',
    String(opportunities),
  ]);
  expect(seed.code).toBe(0);
  server.resetCount();
  return server;
}

describe('verify over the REST API', () => {
  it('closes Won and Lost through the invocable action, passes every check, and re-closes without duplicates', async () => {
    const server = await seededOrg(12);
    const run = await runCli(server, ['verify', '--count', '6', '--poll', '0', '--json']);
    await server.stop();
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.opportunities.filter((o) => !o.passed)).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.status).toBe('passed');
    expect(report.opportunities.map((o) => o.outcome)).toEqual([
      'Won',
      'Lost',
      'Won',
      'Lost',
      'Won',
      'Lost',
      'Won',
    ]);
    expect(report.opportunities[6].phase).toBe('re-close');
    expect(report.opportunities[0].checks.map((c) => c.check)).toEqual([
      'stage, probability, forecast, close date',
      'order and items',
      'revenue schedules',
      'contract',
      'assets and units sold',
      'account lifecycle, customer since, lead score',
      'contact flags and campaign',
      'handoff',
      'tasks per template',
      'survey',
      'close history',
    ]);
  });

  it('exits 1 and names the check when the automation left a won deal without a contract', async () => {
    const server = await seededOrg(4, { skipContract: true });
    const run = await runCli(server, [
      'verify',
      '--count',
      '2',
      '--poll',
      '0',
      '--timeout',
      '0',
      '--no-reopen',
    ]);
    await server.stop();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/contract\s*│\s*FAIL\s*│\s*0 contracts, expected 1/);
    expect(run.stdout).toMatch(/FAILED: 1\/2/);
  });

  it('exits 1 when a re-close duplicates tasks', async () => {
    const server = await seededOrg(4, { duplicateTasksOnReclose: true });
    const run = await runCli(server, [
      'verify',
      '--count',
      '2',
      '--poll',
      '0',
      '--timeout',
      '0',
      '--json',
    ]);
    await server.stop();
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(run.code).toBe(1);
    const reclose = report.opportunities.find((o) => o.phase === 're-close');
    expect(reclose?.checks.find((c) => c.check === 'tasks per template')?.detail).toMatch(
      /task duplicated for .*:Kickoff_Call/,
    );
  });

  it('verifies 400 opportunities in O(N/200) queries and 2 action calls', async () => {
    const server = await seededOrg(400);
    const run = await runCli(server, [
      'verify',
      '--count',
      '400',
      '--poll',
      '0',
      '--no-reopen',
      '--json',
    ]);
    await server.stop();
    expect(run.code).toBe(0);
    const actionCalls = server.requests.filter((r) =>
      r.path.includes('/actions/custom/apex/'),
    ).length;
    const queries = server.requests.filter((r) => r.path.endsWith('/query')).length;
    expect(actionCalls).toBe(2);
    // config (3) + selection (1) + before (6 objects) + after (15 objects), each per 200 ids; line ids are ~2.5x.
    expect(queries).toBeLessThanOrEqual(4 + 6 * 2 + 15 * 5);
    expect(queries).toBeLessThan(400);
  }, 20000);
});
