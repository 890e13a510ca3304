/**
 * API calls of the script layer's batching against a naive one-call-per-record approach, measured
 * (not estimated) by counting requests on the loopback fake org with a real jsforce Connection.
 * Run: npm run bench:api  (optionally: npm run bench:api -- 10 200 1000)
 */
import type { RestConnection } from '../src/api/salesforce-api.js';
import { SalesforceApi } from '../src/api/salesforce-api.js';
import { renderTable } from '../src/output/table.js';
import { silentProgress } from '../src/output/progress.js';
import { generateSeedData, type SeedData } from '../src/seed/generator.js';
import { writeSeed } from '../src/seed/seed.js';
import { loadAfter, loadBefore } from '../src/verify/loader.js';
import { planCloses, CLOSE_ACTION } from '../src/verify/command.js';
import { FakeSalesforce } from '../test/support/fake-salesforce.js';
import { installCloseAutomation, installOrg } from '../test/support/org-fixture.js';

const TODAY = '2026-11-23';

async function freshOrg(): Promise<{ server: FakeSalesforce; conn: RestConnection }> {
  const server = await new FakeSalesforce().start();
  installOrg(server);
  installCloseAutomation(server);
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

async function measure(n: number, naiveVerifyLimit: number): Promise<(string | number)[]> {
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

  let verifyNaive: number | string = `not run above ${naiveVerifyLimit}`;
  if (n <= naiveVerifyLimit) {
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

  const naive = await freshOrg();
  await naiveSeed(naive.conn, data);
  const seedNaive = naive.server.requests.length;
  await naive.server.stop();
  return [n, records, seedBatched, seedNaive, verifyBatched, verifyNaive];
}

async function run(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const rows: (string | number)[][] = [];
  for (const n of sizes.length ? sizes : [10, 200, 1000, 10000]) {
    rows.push(await measure(n, 1000));
    process.stderr.write(`measured N=${n}\n`);
  }
  process.stdout.write(
    `${renderTable(['opportunities', 'records seeded', 'seed: batched', 'seed: naive', 'close + verify: batched', 'close + verify: naive'], rows)}\n` +
      'Requests counted on the loopback fake org (scripts/test/support/fake-salesforce.ts) through a jsforce Connection.\n' +
      'Batched: sObject Collections (200 rows/call), Bulk API 2.0 above 2,000 rows, IN-lists of 200 ids, 200 inputs per action call.\n' +
      'Naive: one REST call per record written, one action call and one query per object per opportunity verified.\n',
  );
}

void run();
