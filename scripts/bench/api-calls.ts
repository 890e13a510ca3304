/**
 * API calls of the script layer's batching against a naive one-call-per-record approach, measured
 * (not estimated) by counting requests on the loopback fake org with a real jsforce Connection,
 * and the calls of a `verify` against an org whose asynchronous fulfilment never completes
 * (virtual time: 30 minutes of waiting run in well under a second).
 * Run: npm run bench:api  (optionally: npm run bench:api -- 10 200 1000)
 */
import type { RestConnection } from '../src/api/salesforce-api.js';
import { SalesforceApi } from '../src/api/salesforce-api.js';
import { renderTable } from '../src/output/table.js';
import { silentProgress } from '../src/output/progress.js';
import { generateSeedData, type SeedData } from '../src/seed/generator.js';
import { writeSeed } from '../src/seed/seed.js';
import { loadAfter, loadBefore } from '../src/verify/loader.js';
import { planCloses, runVerify, CLOSE_ACTION } from '../src/verify/command.js';
import { VirtualClock } from '../src/clock.js';
import { FakeSalesforce } from '../test/support/fake-salesforce.js';
import {
  installCloseAutomation,
  installOrg,
  installReopenAutomation,
  type AutomationFaults,
} from '../test/support/org-fixture.js';

const TODAY = '2026-11-23';
/** Naive verification costs the same 21 calls per opportunity at every N; measured up to here. */
const NAIVE_VERIFY_LIMIT = 200;
/** Naive seeding costs one call per record at every N; measured up to here. */
const NAIVE_SEED_LIMIT = 1000;

async function freshOrg(
  faults: AutomationFaults = {},
): Promise<{ server: FakeSalesforce; conn: RestConnection }> {
  const server = await new FakeSalesforce().start();
  installOrg(server);
  installCloseAutomation(server, faults);
  return { server, conn: server.connection() };
}

function dataFor(n: number): SeedData {
  return generateSeedData(
    '1',
    { accounts: Math.max(1, Math.ceil(n / 10)), opportunities: n },
    TODAY,
  );
}

/** One request per record: single-record upserts and inserts, parents resolved from each response. */
async function naiveSeed(conn: RestConnection, data: SeedData): Promise<void> {
  const base = `/services/data/v${conn.version}`;
  const upsert = async (
    sobject: string,
    key: string,
    body: Record<string, unknown>,
  ): Promise<string> =>
    (
      await conn.request<{ id: string }>({
        method: 'PATCH',
        url: `${base}/sobjects/${sobject}/Seed_Key__c/${key}`,
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      })
    ).id;
  const insert = async (sobject: string, body: Record<string, unknown>): Promise<string> =>
    (
      await conn.request<{ id: string }>({
        method: 'POST',
        url: `${base}/sobjects/${sobject}`,
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      })
    ).id;
  const ids = new Map<string, string>();
  for (const a of data.accounts) ids.set(a.key, await upsert('Account', a.key, { Name: a.name }));
  for (const c of data.contacts)
    ids.set(
      c.key,
      await upsert('Contact', c.key, { AccountId: ids.get(c.accountKey), LastName: c.lastName }),
    );
  for (const p of data.products) {
    ids.set(p.key, await upsert('Product2', p.key, { Name: p.name }));
    ids.set(
      `pbe:${p.key}`,
      await insert('PricebookEntry', { Product2Id: ids.get(p.key), UnitPrice: p.listPrice }),
    );
  }
  for (const o of data.opportunities) {
    const oppId = await upsert('Opportunity', o.key, {
      Name: o.name,
      AccountId: ids.get(o.accountKey),
      StageName: o.stageName,
    });
    for (const l of o.lines)
      await insert('OpportunityLineItem', {
        OpportunityId: oppId,
        PricebookEntryId: ids.get(`pbe:${l.productKey}`),
        Quantity: l.quantity,
      });
    for (const r of o.contactRoles)
      await insert('OpportunityContactRole', {
        OpportunityId: oppId,
        ContactId: ids.get(r.contactKey),
      });
    for (const name of o.competitors)
      await insert('OpportunityCompetitor', { OpportunityId: oppId, CompetitorName: name });
  }
}

async function measure(n: number): Promise<(string | number)[]> {
  const batched = await freshOrg();
  const data = dataFor(n);
  const records =
    data.accounts.length +
    data.contacts.length +
    2 * data.products.length +
    data.opportunities.reduce(
      (k, o) => k + 1 + o.lines.length + o.contactRoles.length + o.competitors.length,
      0,
    );
  await writeSeed(new SalesforceApi(batched.conn, { bulkPollMs: 100 }), data, silentProgress);
  const seedBatched = batched.server.requests.length;

  batched.server.resetCount();
  const api = new SalesforceApi(batched.conn);
  const ids = batched.server.all('Opportunity').map((o) => o.Id);
  const { before, units } = await loadBefore(api, ids);
  await api.invokeAction(CLOSE_ACTION, planCloses(ids, TODAY, 12));
  await loadAfter(api, before, units, 'Onboarding');
  const verifyBatched = batched.server.requests.length;

  let verifyNaive: number | string = `not run above ${NAIVE_VERIFY_LIMIT}`;
  if (n <= NAIVE_VERIFY_LIMIT) {
    batched.server.resetCount();
    const inputs = planCloses(ids, TODAY, 12);
    for (const [i, b] of before.entries()) {
      const one = await loadBefore(api, [b.id]);
      await api.invokeAction(CLOSE_ACTION, [inputs[i]], 1);
      await loadAfter(api, one.before, one.units, 'Onboarding');
    }
    verifyNaive = batched.server.requests.length;
  }
  await batched.server.stop();

  let seedNaive: number | string = `not run above ${NAIVE_SEED_LIMIT}`;
  if (n <= NAIVE_SEED_LIMIT) {
    const naive = await freshOrg();
    await naiveSeed(naive.conn, data);
    seedNaive = naive.server.requests.length;
    await naive.server.stop();
  }
  return [n, records, seedBatched, seedNaive, verifyBatched, verifyNaive];
}

/**
 * `verify` (default --count 6, --poll 5, with the re-close step) against an org whose
 * asynchronous fulfilment never runs, for `minutes` of virtual time: what it costs to wait for an
 * answer that never comes.
 */
async function neverCompletes(minutes: number): Promise<(string | number)[]> {
  const { server, conn } = await freshOrg({ fulfilmentNeverRuns: true });
  installReopenAutomation(server);
  await writeSeed(new SalesforceApi(conn), dataFor(12), silentProgress);
  const clock = new VirtualClock(0);
  server.now = () => clock.now();
  server.resetCount();
  const report = await runVerify(
    conn,
    { count: 6, seed: '1', timeout: minutes * 60, poll: 5, reopen: true, today: TODAY },
    { clock },
  );
  const perMinute = new Array<number>(minutes).fill(0);
  for (const r of server.requests) perMinute[Math.min(minutes - 1, Math.floor(r.at / 60_000))]++;
  const after = perMinute.slice(1);
  await server.stop();
  if (report.passed || report.apiCalls !== server.requests.length)
    throw new Error('the never-completing org passed, or calls were miscounted');
  return [
    `${minutes} min`,
    report.polls,
    perMinute[0],
    Math.max(...after),
    (after.reduce((a, b) => a + b, 0) / after.length).toFixed(1),
    report.apiCalls,
  ];
}

async function run(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const started = Date.now();
  const rows: (string | number)[][] = [];
  for (const n of sizes.length ? sizes : [10, 200, 1000, 10000]) {
    rows.push(await measure(n));
    process.stderr.write(`measured N=${n} (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  const waiting = [await neverCompletes(2), await neverCompletes(30)];
  process.stdout.write(
    `${renderTable(['opportunities', 'records seeded', 'seed: batched', 'seed: naive', 'close + verify: batched', 'close + verify: naive'], rows)}\n` +
      'Requests counted on the loopback fake org (scripts/test/support/fake-salesforce.ts) through a jsforce Connection.\n' +
      'Batched: sObject Collections (200 rows/call), Bulk API 2.0 above 2,000 rows, IN-lists of 200 ids, 200 inputs per action call.\n' +
      'Naive: one REST call per record written, one action call and one query per object per opportunity verified.\n' +
      `${renderTable(['verify that never completes: --timeout', 're-reads', 'calls in minute 1', 'calls/min after: max', 'calls/min after: mean', 'calls in all'], waiting)}\n` +
      'verify --count 6 --poll 5 against an org whose asynchronous fulfilment never runs (virtual time).\n' +
      `Whole run: ${Math.round((Date.now() - started) / 1000)} s.\n`,
  );
}

void run();
