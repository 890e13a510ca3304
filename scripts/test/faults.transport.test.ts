/**
 * The CLI against real faults (issue 10, items 5–13), each driven through a real jsforce
 * Connection against the loopback fake org: the message, the exit code, that nothing is reported
 * as success and that nothing is duplicated. Time is virtual (polls and back-off cost nothing);
 * only the request-timeout test waits, for one real second.
 */
import { Connection } from 'jsforce';
import { VirtualClock } from '../src/clock.js';
import type { RestConnection } from '../src/api/salesforce-api.js';
import { toCliError } from '../src/errors.js';
import { FakeSalesforce, type Row } from './support/fake-salesforce.js';
import {
  installCloseAutomation,
  installOrg,
  installReopenAutomation,
  type AutomationFaults,
} from './support/org-fixture.js';
import { runCli } from './support/cli-run.js';

interface CheckJson {
  check: string;
  passed: boolean;
  detail: string;
}
interface VerifyJson {
  status: string;
  passed: boolean;
  apiCalls: number;
  polls: number;
  reclose: { ran: boolean; reason?: string };
  opportunities: {
    opportunityId: string;
    outcome: string;
    phase: string;
    passed: boolean;
    checks: CheckJson[];
  }[];
}
interface ErrorJson {
  status: string;
  code: string;
  message: string;
}

const CHILDREN = ['Opportunity', 'OpportunityLineItem', 'OpportunityContactRole', 'Order', 'Task'];
const counts = (server: FakeSalesforce): Record<string, number> =>
  Object.fromEntries(CHILDREN.map((o) => [o, server.all(o).length]));

async function org(
  faults: AutomationFaults = {},
  opportunities = 8,
  reopen: { permitted?: boolean } = {},
): Promise<FakeSalesforce> {
  const server = await new FakeSalesforce().start();
  installOrg(server);
  installCloseAutomation(server, faults);
  installReopenAutomation(server, reopen);
  const seed = await runCli(server, [
    'seed',
    '--accounts',
    '4',
    '--opportunities',
    String(opportunities),
  ]);
  expect(seed.code).toBe(0);
  server.resetCount();
  return server;
}

/** The seeded open opportunities in seed-key order (the order verify picks them in). */
const openSeeded = (server: FakeSalesforce): Row[] =>
  server
    .all('Opportunity')
    .filter((o) => !o.IsClosed)
    .sort((a, b) => String(a.Seed_Key__c).localeCompare(String(b.Seed_Key__c)));

describe('5: seed never touches a closed deal; verify picks open deals', () => {
  it('re-seeding after verify leaves the verified deals closed, with nothing reopened or duplicated', async () => {
    const server = await org();
    const first = await runCli(server, ['verify', '--count', '2', '--json']);
    expect(first.code).toBe(0);
    const verified = (JSON.parse(first.stdout) as VerifyJson).opportunities.map(
      (o) => o.opportunityId,
    );
    const stages = verified.map((id) => server.byId(id)?.StageName);
    const before = counts(server);
    const history = server.all('Close_History__c').length;

    const reseed = await runCli(server, [
      'seed',
      '--accounts',
      '4',
      '--opportunities',
      '8',
      '--json',
    ]);
    expect(reseed.code).toBe(0);
    const summary = JSON.parse(reseed.stdout) as {
      status: string;
      closedLeftAlone: number;
      steps: { sobject: string; created: number }[];
    };
    expect(summary.status).toBe('ok');
    expect(summary.closedLeftAlone).toBe(2);
    expect(summary.steps.every((s) => s.created === 0)).toBe(true);
    expect(verified.map((id) => server.byId(id)?.StageName)).toEqual(stages);
    expect(verified.every((id) => server.byId(id)?.IsClosed)).toBe(true);
    expect(server.all('Close_History__c')).toHaveLength(history);
    expect(counts(server)).toEqual(before);
    // No row of the re-seed wrote to a closed opportunity.
    const upserted = server.requests.filter((r) => r.path.endsWith('/Opportunity/Seed_Key__c'));
    expect(upserted).toHaveLength(1);

    const second = await runCli(server, ['verify', '--count', '2', '--json']);
    expect(second.code).toBe(0);
    const next = (JSON.parse(second.stdout) as VerifyJson).opportunities.map(
      (o) => o.opportunityId,
    );
    expect(next.filter((id) => verified.includes(id))).toEqual([]);
    await server.stop();
  });

  it('without the reopen permission the re-seed no longer hits the lock: exit 0', async () => {
    const server = await org({}, 6, { permitted: false });
    expect((await runCli(server, ['verify', '--count', '2', '--no-reopen'])).code).toBe(0);
    const reseed = await runCli(server, ['seed', '--accounts', '4', '--opportunities', '6']);
    expect(reseed.stderr).toBe('');
    expect(reseed.code).toBe(0);
    expect(reseed.stdout).toMatch(/2 seeded opportunities are closed and left as they are/);
    await server.stop();
  });
});

describe('6: verify waits with back-off and stops when the answer cannot change', () => {
  it('against an org whose fulfilment never runs: floor, doubling to a cap, only pending records re-read, ≤ 10 calls a minute after the first', async () => {
    const server = await org({ fulfilmentNeverRuns: true });
    const [won, lost] = openSeeded(server);
    const clock = new VirtualClock(0);
    const run = await runCli(
      server,
      ['verify', '--count', '2', '--poll', '0', '--timeout', '1800', '--no-reopen', '--json'],
      { clock },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.status).toBe('failed');
    const wonReport = report.opportunities.find((o) => o.opportunityId === won.Id);
    expect(wonReport?.passed).toBe(false);
    expect(wonReport?.checks.find((c) => c.check === 'order and items')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^0 orders, expected 1; order item missing for /) as unknown,
    });
    expect(report.opportunities.find((o) => o.opportunityId === lost.Id)?.passed).toBe(true);

    // --poll 0 is not a busy loop: 2 s floor, doubling, capped at 60 s, ending at the timeout.
    expect(clock.sleeps.slice(0, 7)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(Math.max(...clock.sleeps)).toBe(60000);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(1800 * 1000);
    expect(report.polls).toBe(clock.sleeps.length);

    // Re-reads: only the pending (won) opportunity, and only the objects of its failing checks.
    const reReads = server.requests.filter((r) => r.at > 0 && r.soql);
    expect(reReads.length).toBeGreaterThan(0);
    expect(reReads.some((r) => r.soql?.includes(lost.Id))).toBe(false);
    expect(reReads.some((r) => /FROM (Account|Close_History__c) /.test(r.soql ?? ''))).toBe(false);
    const late = server.requests.filter((r) => r.at >= 60_000);
    const minutes = (1800_000 - 60_000) / 60_000;
    expect(late.length / minutes).toBeLessThanOrEqual(10);
    expect(report.apiCalls).toBe(server.requests.length);
    // Nothing duplicated by waiting: one close per opportunity.
    expect(server.all('Close_History__c')).toHaveLength(2);
    await server.stop();
  });

  it('fulfilment landing 3 minutes late passes: probes read one object, then everything once', async () => {
    const server = await org({ fulfilmentDelayMs: 180_000 });
    const clock = new VirtualClock(0);
    const run = await runCli(
      server,
      ['verify', '--count', '2', '--timeout', '600', '--no-reopen', '--json'],
      { clock },
    );
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.opportunities.filter((o) => !o.passed)).toEqual([]);
    expect(run.code).toBe(0);
    // Polls at 5, 15, 35, 75, 135 s (probes), 195 s (probe sees the order, then a full re-read).
    expect(clock.sleeps).toEqual([5000, 10000, 20000, 40000, 60000, 60000]);
    const probes = server.requests.filter((r) => r.at > 0 && r.at < 195_000 && r.soql);
    expect(probes.every((r) => /FROM (Order|OrderItem) /.test(r.soql ?? ''))).toBe(true);
    expect(server.all('Order')).toHaveLength(1);
    expect(report.apiCalls).toBe(server.requests.length);
    await server.stop();
  });

  it('stops at once when a re-close duplicated tasks (more records never go away)', async () => {
    const server = await org({ duplicateTasksOnReclose: true }, 4);
    const clock = new VirtualClock(0);
    const run = await runCli(server, ['verify', '--count', '2', '--timeout', '600', '--json'], {
      clock,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(
      report.opportunities
        .find((o) => o.phase === 're-close')
        ?.checks.find((c) => c.check === 'tasks per template')?.detail,
    ).toMatch(/task duplicated for/);
    expect(clock.sleeps).toEqual([]);
    expect(report.polls).toBe(0);
    await server.stop();
  });

  it('stops at once when the action rejected the rows (the stage cannot change by waiting)', async () => {
    const server = await org({}, 4);
    const handler = server.actions.get('CloseOpportunityAction');
    server.actions.set('CloseOpportunityAction', (inputs, s) =>
      (
        handler?.(
          inputs.map((i) => ({ ...i, explanation: 'short' })),
          s,
        ) ?? []
      ).map((o) => o),
    );
    const clock = new VirtualClock(0);
    const run = await runCli(server, ['verify', '--count', '2', '--timeout', '600', '--json'], {
      clock,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.opportunities.every((o) => !o.passed)).toBe(true);
    expect(report.opportunities[0].checks[0]).toEqual({
      check: 'close action',
      passed: false,
      detail: 'Explain the outcome in at least 20 characters.',
    });
    expect(clock.sleeps).toEqual([]);
    await server.stop();
  });
});

describe('7: Bulk API 2.0 job polls back off', () => {
  it('a 20-second job is polled at most 7 times, and the data is complete and not duplicated', async () => {
    const server = await new FakeSalesforce().start();
    installOrg(server);
    server.bulkJobMs = 20_000;
    const clock = new VirtualClock(0);
    const run = await runCli(
      server,
      ['seed', '--accounts', '12', '--opportunities', '20', '--bulk-threshold', '10', '--json'],
      { clock },
    );
    expect(run.code).toBe(0);
    const jobs = server.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/jobs/ingest'),
    );
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    const polls = server.requests.filter(
      (r) => r.method === 'GET' && /\/jobs\/ingest\/\w+$/.test(r.path),
    );
    expect(polls.length).toBeLessThanOrEqual(7 * jobs.length);
    expect(clock.sleeps.slice(0, 6)).toEqual([500, 1000, 2000, 4000, 8000, 15000]);
    expect(server.all('Opportunity')).toHaveLength(20);
    const keys = server.all('Opportunity').map((o) => o.Seed_Key__c);
    expect(new Set(keys).size).toBe(20);
    expect((JSON.parse(run.stdout) as { apiCalls: number }).apiCalls).toBe(server.requests.length);
    await server.stop();
  });
});

describe('8: connection faults', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    server = await new FakeSalesforce().start();
    installOrg(server);
  });
  afterEach(() => server.stop());

  it('a refused connection exits 2 with what to check, never "fetch failed"', async () => {
    const dead = await new FakeSalesforce().start();
    const url = dead.url;
    await dead.stop();
    const connection = (): RestConnection =>
      new Connection({
        instanceUrl: url,
        accessToken: server.accessToken,
        version: '65.0',
      }) as unknown as RestConnection;
    const run = await runCli(server, ['audit', '--json'], { connection });
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as ErrorJson;
    expect(json.status).toBe('error');
    expect(json.code).toBe('CONNECTION_REFUSED');
    expect(json.message).toContain(`Cannot connect to ${new URL(url).host}`);
    expect(json.message).toMatch(/Check the instance URL \(SF_INSTANCE_URL/);
    expect(run.stdout).not.toMatch(/fetch failed/);
  });

  it('an org that never answers times out after --request-timeout seconds, exit 2, no retry', async () => {
    server.silent = true;
    const started = Date.now();
    const run = await runCli(server, ['metrics', '--request-timeout', '1']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^close-won: 127\.0\.0\.1:\d+ did not answer within 1 seconds \(--request-timeout\)\./,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('a connection closed on every attempt exits 2 after two retries, all counted', async () => {
    server.dropAll = true;
    const run = await runCli(server, ['audit', '--json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as ErrorJson;
    expect(json.code).toBe('CONNECTION_RESET');
    expect(json.message).toMatch(
      /was closed before the answer arrived \((ECONNRESET|UND_ERR_SOCKET)\)/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('DNS and certificate failures name the cause and what to do', () => {
    const fetchFailed = (cause: object): Error =>
      Object.assign(new TypeError('fetch failed'), { cause });
    const dns = toCliError(
      fetchFailed(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })),
      { instanceUrl: 'https://gone.my.salesforce.com' },
    );
    expect(dns).toMatchObject({ code: 'HOST_NOT_FOUND', exitCode: 2 });
    expect(dns.message).toMatch(
      /^The host gone\.my\.salesforce\.com cannot be resolved \(ENOTFOUND\)\. Check the instance URL/,
    );
    const cert = toCliError(
      fetchFailed(Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })),
      { instanceUrl: 'https://acme.my.salesforce.com' },
    );
    expect(cert).toMatchObject({ code: 'CERTIFICATE_REJECTED', exitCode: 2 });
    expect(cert.message).toMatch(/NODE_EXTRA_CA_CERTS/);
    const timedOut = toCliError(
      fetchFailed(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })),
      { instanceUrl: 'https://acme.my.salesforce.com' },
    );
    expect(timedOut).toMatchObject({ code: 'CONNECTION_TIMEOUT', exitCode: 2 });
  });

  it.each(['seed', 'verify', 'audit', 'metrics'])(
    '%s --help shows the global flags',
    async (command) => {
      const run = await runCli(server, [command, '--help']);
      expect(run.code).toBe(0);
      for (const flag of ['--target-org', '--json', '--api-version', '--request-timeout'])
        expect(run.stdout).toContain(flag);
      expect(run.stdout).toMatch(/Global Options:/);
    },
  );
});

describe('9: an action call answered HTTP 400 for one row', () => {
  it('reports which deals were closed and in what state, never just MULTIPLE_API_ERRORS', async () => {
    let failing = '';
    const server = await org({
      platformErrorFor: (id) =>
        id === failing
          ? { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' }
          : undefined,
    });
    const [first, second, third] = openSeeded(server);
    failing = second.Id;
    const run = await runCli(server, ['verify', '--count', '3', '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.status).toBe('failed');
    const close = report.opportunities.filter((o) => o.phase === 'close');
    expect(close.map((o) => [o.opportunityId, o.outcome, o.passed])).toEqual([
      [first.Id, 'Won', true],
      [second.Id, 'Lost', false],
      [third.Id, 'Won', true],
    ]);
    expect(close[0].checks[0]).toEqual({
      check: 'close action',
      passed: true,
      detail: 'Closed Won: closed although the action call failed (MULTIPLE_API_ERRORS)',
    });
    expect(close[1].checks[0]).toEqual({
      check: 'close action',
      passed: false,
      detail: expect.stringMatching(
        /^UNABLE_TO_LOCK_ROW: unable to obtain exclusive access — now still open \(/,
      ),
    });
    // The state is re-read, and the closed deals are fully checked: one order each, no duplicates.
    expect(server.byId(second.Id)?.IsClosed).toBe(false);
    expect(server.all('Order').filter((o) => o.OpportunityId === first.Id)).toHaveLength(1);
    expect(report.opportunities.find((o) => o.phase === 're-close')?.passed).toBe(true);
    await server.stop();
  });

  it('with one input (jsforce keeps the raw body) the row message is still reported', async () => {
    const server = await org({
      platformErrorFor: () => ({ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'row locked' }),
    });
    const run = await runCli(server, ['verify', '--count', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /close action\s*│\s*FAIL\s*│\s*UNABLE_TO_LOCK_ROW: row locked — now still open/,
    );
    expect(run.stdout).toMatch(/FAILED: 0\/1/);
    await server.stop();
  });
});

describe('10: first seed without the seed permission set', () => {
  it('says which permission set to assign, exit 2, nothing written', async () => {
    const server = await new FakeSalesforce().start();
    installOrg(server);
    server.hiddenFields.add('Seed_Key__c');
    const run = await runCli(server, ['seed', '--json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as ErrorJson;
    expect(json.code).toBe('SEED_FIELD_NOT_ACCESSIBLE');
    expect(json.message).toMatch(
      /^The running user cannot see the seed field Account\.Seed_Key__c\. Assign the seed permission set: sf org assign permset --name Close_Won_Seed/,
    );
    expect(json.message).not.toMatch(/Provided external ID field/);
    expect(server.all('Account')).toHaveLength(0);
    await server.stop();
  });
});

describe('11: --json errors, real dates', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    server = await new FakeSalesforce().start();
    installOrg(server);
  });
  afterEach(() => server.stop());

  it.each([
    [['--json', 'seed', '--accounts', 'many'], /must be a whole number/],
    [['seed', '--accounts', 'many', '--json'], /must be a whole number/],
    [['--json', 'frobnicate'], /unknown command 'frobnicate'/],
    [['audit', '--json', '--bogus'], /unknown option '--bogus'/],
    [['audit', '--since', '2026-02-30', '--json'], /2026-02-30 is not a date in the calendar/],
    [['metrics', '--since', '2026-13-01', '--json'], /2026-13-01 is not a date in the calendar/],
    [['--json', '--request-timeout', '0', 'audit'], /must be from 1 to 3600 seconds/],
  ])('%j is a JSON error on stdout, exit 2', async (args, message) => {
    const run = await runCli(server, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as ErrorJson;
    expect(json).toMatchObject({ status: 'error', code: 'INVALID_FLAG' });
    expect(json.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('accepts a real leap day', async () => {
    const run = await runCli(server, ['audit', '--since', '2028-02-29', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'clean', since: '2028-02-29' });
  });
});

describe('12: audit finds missing order items and unmoved lifecycles; verify says when re-close was skipped', () => {
  it('audit is clean after verify, then finds each planted drift', async () => {
    const server = await org({}, 4);
    const verify = await runCli(server, ['verify', '--count', '2', '--no-reopen', '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      reclose: { ran: false, reason: 'turned off with --no-reopen' },
    });
    const clean = await runCli(server, ['audit', '--json']);
    expect(JSON.parse(clean.stdout)).toMatchObject({ status: 'clean', problemCount: 0 });
    expect(clean.code).toBe(0);

    const won = server.all('Opportunity').find((o) => o.IsWon) as Row;
    const item = server.all('OrderItem')[0];
    server.records.get('OrderItem')?.delete(item.Id);
    (server.byId(String(won.AccountId)) as Row).Lifecycle_Stage__c = 'Pipeline';
    server.resetCount();
    const drifted = await runCli(server, ['audit', '--json']);
    expect(drifted.code).toBe(1);
    const report = JSON.parse(drifted.stdout) as {
      problems: { problem: string; recordIds: string[] }[];
      apiCalls: number;
    };
    expect(report.problems).toEqual([
      { problem: 'won with missing order items', recordIds: [won.Id] },
      { problem: 'won account lifecycle did not move', recordIds: [won.AccountId] },
    ]);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(report.apiCalls).toBe(server.requests.length);
    await server.stop();
  });

  it('verify says the re-close check was skipped when no won deal passed', async () => {
    const server = await org({ skipContract: true }, 4);
    const run = await runCli(server, ['verify', '--count', '2', '--timeout', '0']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /Re-close check skipped: no won deal passed its checks, so none was reopened and closed again\.\nFAILED: 1\/2/,
    );
    expect(run.stdout).not.toMatch(/\(re-close\)/);
    await server.stop();
  });
});

describe('13: counted API calls include retries', () => {
  it('a 503 on a read is retried, and apiCalls is what the org saw', async () => {
    const server = await org({}, 4);
    server.failRequest(2, { status: 503, body: 'Service Unavailable' });
    server.dropRequest(5);
    const run = await runCli(server, ['verify', '--count', '2', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyJson;
    expect(report.passed).toBe(true);
    expect(report.apiCalls).toBe(server.requests.length);
    // The failed attempts were repeated once each, not more.
    expect(server.requests[1].path).toBe(server.requests[2].path);
    expect(server.requests[1].soql).toBe(server.requests[2].soql);
    expect(server.requests[4].soql).toBe(server.requests[5].soql);
    await server.stop();
  });
});
