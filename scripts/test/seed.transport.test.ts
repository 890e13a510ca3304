import { FakeSalesforce } from './support/fake-salesforce.js';
import { installOrg } from './support/org-fixture.js';
import { runCli } from './support/cli-run.js';

const SEEDED = [
  'Account',
  'Contact',
  'Product2',
  'PricebookEntry',
  'Opportunity',
  'OpportunityLineItem',
  'OpportunityContactRole',
  'OpportunityCompetitor',
];
const counts = (server: FakeSalesforce): Record<string, number> =>
  Object.fromEntries(SEEDED.map((o) => [o, server.all(o).length]));
const rowsWritten = (server: FakeSalesforce): Record<string, number> => counts(server);

describe('seed over the REST API', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    server = await new FakeSalesforce().start();
    installOrg(server);
  });
  afterEach(() => server.stop());

  it('writes every object through sObject collections within ceil(rows/200) calls per object plus a constant', async () => {
    const run = await runCli(server, [
      'seed',
      '--accounts',
      '30',
      '--opportunities',
      '250',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const written = rowsWritten(server);
    expect(written.Opportunity).toBe(250);
    const writeBudget = Object.values(written).reduce((n, rows) => n + Math.ceil(rows / 200), 0);
    const totalRows = Object.values(written).reduce((n, rows) => n + rows, 0);
    const queries = 6; // price book, price book entries, closed opportunities, existing lines, roles, competitors
    expect(server.requests.length).toBeLessThanOrEqual(writeBudget + queries);
    expect(server.requests.length).toBeLessThanOrEqual(
      Math.ceil(totalRows / 200) + SEEDED.length + queries,
    );
    const json = JSON.parse(run.stdout) as {
      status: string;
      steps: { sobject: string; created: number }[];
      apiCalls: number;
    };
    expect(json.status).toBe('ok');
    expect(json.apiCalls).toBe(server.requests.length);
    expect(json.steps.find((s) => s.sobject === 'Opportunity')?.created).toBe(250);
  });

  it('creates nothing on a second run with the same seed', async () => {
    await runCli(server, ['seed', '--accounts', '5', '--opportunities', '20']);
    const first = counts(server);
    const second = await runCli(server, [
      'seed',
      '--accounts',
      '5',
      '--opportunities',
      '20',
      '--json',
    ]);
    expect(second.code).toBe(0);
    expect(counts(server)).toEqual(first);
    const json = JSON.parse(second.stdout) as { steps: { created: number }[] };
    expect(json.steps.every((s) => s.created === 0)).toBe(true);
  });

  it('completes an interrupted seed on re-run without duplicates', async () => {
    const reference = await new FakeSalesforce().start();
    installOrg(reference);
    await runCli(reference, ['seed', '--accounts', '10', '--opportunities', '300']);
    const expected = counts(reference);
    await reference.stop();

    server.failRequest(9, {
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    const interrupted = await runCli(server, [
      'seed',
      '--accounts',
      '10',
      '--opportunities',
      '300',
    ]);
    expect(interrupted.code).toBe(2);
    expect(interrupted.stderr).toMatch(/API request limit is reached/);
    expect(server.all('Opportunity').length).toBeGreaterThan(0);
    expect(counts(server)).not.toEqual(expected);

    const rerun = await runCli(server, ['seed', '--accounts', '10', '--opportunities', '300']);
    expect(rerun.code).toBe(0);
    expect(counts(server)).toEqual(expected);
    const pairs = server
      .all('OpportunityLineItem')
      .map((l) => `${String(l.OpportunityId)}:${String(l.PricebookEntryId)}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('uses Bulk API 2.0 above the threshold: 10,000 opportunities in a constant number of calls', async () => {
    const run = await runCli(server, [
      'seed',
      '--accounts',
      '1000',
      '--opportunities',
      '10000',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(server.all('Opportunity')).toHaveLength(10000);
    const bulkJobs = server.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/jobs/ingest'),
    ).length;
    expect(bulkJobs).toBeGreaterThanOrEqual(4);
    expect(server.requests.length).toBeLessThan(80);
    expect(server.requests.length).toBeLessThan(
      Math.ceil(server.all('OpportunityLineItem').length / 200),
    );
  }, 20000);

  it('reports rejected rows with their keys and reasons and exits 1', async () => {
    server.rejectRow = (sobject, row) =>
      sobject === 'Opportunity' && row.Seed_Key__c === 'cw1-opp-00003'
        ? 'Close date must be in the future'
        : undefined;
    const run = await runCli(server, ['seed', '--accounts', '3', '--opportunities', '5', '--json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as {
      status: string;
      code: string;
      failures: { sobject: string; ref: string; reason: string }[];
    };
    expect(json.status).toBe('error');
    expect(json.code).toBe('PARTIAL_FAILURE');
    expect(json.failures).toEqual([
      {
        sobject: 'Opportunity',
        ref: 'cw1-opp-00003',
        reason: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Close date must be in the future',
      },
    ]);
  });
});
