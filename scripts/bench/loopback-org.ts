/**
 * Starts the loopback fake org (scripts/test/support) as a stand-alone server, so the CLI can be
 * run end to end through its real auth path (SF_ACCESS_TOKEN + SF_INSTANCE_URL → jsforce
 * Connection) without a Salesforce org. Used to produce the example output in docs/scripts.md.
 * Run: npx tsx scripts/bench/loopback-org.ts   (prints the two variables; Ctrl-C stops it)
 */
import { FakeSalesforce, type Row } from '../test/support/fake-salesforce.js';
import {
  installCloseAutomation,
  installOrg,
  installReopenAutomation,
} from '../test/support/org-fixture.js';

/** Aggregate answers for the metrics queries, computed from the stored opportunities. */
function metricsHook(
  server: FakeSalesforce,
): (soql: string) => Record<string, unknown>[] | undefined {
  const closed = (): Row[] => server.all('Opportunity').filter((o) => o.IsClosed);
  const group = (
    rows: Row[],
    key: (r: Row) => string,
    make: (rows: Row[]) => Record<string, unknown>,
  ): Record<string, unknown>[] => {
    const groups = new Map<string, Row[]>();
    for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    return [...groups.values()].map(make);
  };
  const sum = (rows: Row[]): number => rows.reduce((n, r) => n + Number(r.Amount ?? 0), 0);
  return (soql) => {
    if (soql.includes('GROUP BY OwnerId')) {
      const monthly = soql.includes('CALENDAR_MONTH');
      const part = (r: Row): number =>
        monthly
          ? Number(String(r.CloseDate).slice(5, 7))
          : Math.ceil(Number(String(r.CloseDate).slice(5, 7)) / 3);
      return group(
        closed(),
        (r) =>
          `${String(r.OwnerId)}|${String(r.CloseDate).slice(0, 4)}|${part(r)}|${String(r.IsWon)}`,
        (rows) => ({
          OwnerId: rows[0].OwnerId,
          Name: 'Ada Okafor',
          yr: Number(String(rows[0].CloseDate).slice(0, 4)),
          part: part(rows[0]),
          IsWon: rows[0].IsWon,
          n: rows.length,
          amount: sum(rows),
        }),
      );
    }
    if (soql.includes('GROUP BY Loss_Status_Reason__c')) {
      return group(
        closed().filter((o) => !o.IsWon),
        (r) => String(r.Loss_Status_Reason__c),
        (rows) => ({ reason: rows[0].Loss_Status_Reason__c, n: rows.length, amount: sum(rows) }),
      );
    }
    if (soql.includes('GROUP BY Winning_Competitor__c')) {
      return group(
        closed().filter((o) => !o.IsWon && o.Winning_Competitor__c),
        (r) => String(r.Winning_Competitor__c),
        (rows) => ({
          competitor: rows[0].Winning_Competitor__c,
          n: rows.length,
          amount: sum(rows),
        }),
      );
    }
    return undefined;
  };
}

async function run(): Promise<void> {
  const server = await new FakeSalesforce().start();
  installOrg(server);
  installCloseAutomation(server);
  installReopenAutomation(server);
  server.queryHook = metricsHook(server);
  process.stdout.write(
    `export SF_INSTANCE_URL=${server.url}\nexport SF_ACCESS_TOKEN='${server.accessToken}'\n`,
  );
}

void run();
