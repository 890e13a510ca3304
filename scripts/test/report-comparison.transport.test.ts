/**
 * `metrics --compare-reports` over the loopback fake: the reports are looked up by DeveloperName
 * through SOQL on Report, each is run once through the Analytics REST API, and their grand totals
 * are compared with the metrics figures within the stated tolerances.
 */
import { FakeSalesforce } from './support/fake-salesforce.js';
import { runCli } from './support/cli-run.js';
import { AMOUNT_TOLERANCE } from '../src/metrics/report-comparison.js';

interface ComparisonJson {
  reportComparison: {
    disagreements: number;
    apiCalls: number;
    comparisons: {
      report: string;
      figure: string;
      metrics: number | null;
      reported: number | null;
      agrees: boolean;
      problem?: string;
    }[];
  };
}

const REPORT_IDS: Record<string, string> = {
  Won_Revenue_by_Month: '00O000000000001AAA',
  Average_Deal_Size: '00O000000000002AAA',
  Average_Sales_Cycle: '00O000000000003AAA',
  Loss_Reasons: '00O000000000004AAA',
  Competitor_Losses: '00O000000000005AAA',
};

/** A synchronous report run as the Analytics API answers it: only the grand totals are read. */
function run(developerName: string, totals: Record<string, number>): unknown {
  return {
    attributes: { reportId: REPORT_IDS[developerName], type: 'Report' },
    allData: true,
    hasDetailRows: false,
    reportMetadata: { developerName, aggregates: Object.keys(totals) },
    factMap: {
      'T!T': {
        aggregates: Object.values(totals).map((value) => ({ label: String(value), value })),
        rows: [],
      },
    },
  };
}

/** An org whose opportunities give: 2 won (20,000; cycles 14 and 16 days), 2 lost for Price. */
async function org(
  reports: Record<string, Record<string, number>>,
  present = Object.keys(reports),
): Promise<{ server: FakeSalesforce; queries: string[] }> {
  const server = await new FakeSalesforce().start();
  const queries: string[] = [];
  server.queryHook = (soql) => {
    queries.push(soql);
    if (soql.includes('FROM Report '))
      return present.map((name) => ({ Id: REPORT_IDS[name], DeveloperName: name }));
    if (soql.includes('GROUP BY OwnerId'))
      return [
        { OwnerId: '005A', Name: 'Ada', yr: 2026, IsWon: true, n: 2, amount: 20000 },
        { OwnerId: '005A', Name: 'Ada', yr: 2026, IsWon: false, n: 2, amount: 9000 },
      ];
    if (soql.includes('IsWon = true'))
      return [
        { OwnerId: '005A', CreatedDate: '2026-11-01T10:00:00.000+0000', CloseDate: '2026-11-15' },
        { OwnerId: '005A', CreatedDate: '2026-11-01T10:00:00.000+0000', CloseDate: '2026-11-17' },
      ];
    if (soql.includes('GROUP BY Loss_Status_Reason__c'))
      return [{ reason: 'Price', n: 2, amount: 9000 }];
    return [{ competitor: 'Globex', n: 1, amount: 4000 }];
  };
  for (const [name, totals] of Object.entries(reports))
    server.reportResults.set(REPORT_IDS[name], run(name, totals));
  return { server, queries };
}

const AGREEING: Record<string, Record<string, number>> = {
  Won_Revenue_by_Month: { 's!AMOUNT': 20000, RowCount: 2 },
  // Within the tolerance: the report rounds its average differently.
  Average_Deal_Size: { 'a!AMOUNT': 10000 + AMOUNT_TOLERANCE / 2, 's!AMOUNT': 20000, RowCount: 2 },
  Average_Sales_Cycle: { 'a!AGE': 15, 's!AMOUNT': 20000, RowCount: 2 },
  Loss_Reasons: { 's!AMOUNT': 9000, RowCount: 2 },
  Competitor_Losses: { 's!AMOUNT': 4000, RowCount: 1 },
};

const ARGS = [
  'metrics',
  '--since',
  '2026-01-01',
  '--period',
  'year',
  '--compare-reports',
  '--json',
];

describe('metrics --compare-reports', () => {
  it('looks the reports up by DeveloperName, runs each once and passes when the totals agree', async () => {
    const { server, queries } = await org(AGREEING);
    const result = await runCli(server, ARGS);
    await server.stop();
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ComparisonJson;
    expect(json.reportComparison.disagreements).toBe(0);
    expect(json.reportComparison.comparisons).toHaveLength(8);
    expect(json.reportComparison.comparisons).toContainEqual(
      expect.objectContaining({
        report: 'Average_Deal_Size',
        figure: 'average deal size',
        metrics: 10000,
        reported: 10000.5,
        agrees: true,
      }),
    );
    expect(json.reportComparison.comparisons).toContainEqual(
      expect.objectContaining({ figure: 'average sales cycle (days)', metrics: 15, reported: 15 }),
    );
    expect(queries).toContain(
      "SELECT Id, DeveloperName FROM Report WHERE DeveloperName IN ('Won_Revenue_by_Month', 'Average_Deal_Size', 'Average_Sales_Cycle', 'Loss_Reasons', 'Competitor_Losses')",
    );
    const runs = server.requests.filter((r) => r.path.includes('/analytics/reports/'));
    expect(runs.map((r) => r.path)).toEqual(
      Object.values(REPORT_IDS).map((id) => `/services/data/v65.0/analytics/reports/${id}`),
    );
    expect(runs.every((r) => r.method === 'GET')).toBe(true);
    // 4 metrics queries + 1 Report lookup + 5 report runs.
    expect(server.requests).toHaveLength(10);
    expect(json.reportComparison.apiCalls).toBe(6);
  });

  it('fails and names the figure when a report total is outside the tolerance', async () => {
    const { server } = await org({
      ...AGREEING,
      Won_Revenue_by_Month: { 's!AMOUNT': 20000 + AMOUNT_TOLERANCE + 4, RowCount: 2 },
      Loss_Reasons: { 's!AMOUNT': 9000, RowCount: 3 },
    });
    const result = await runCli(server, ARGS);
    await server.stop();
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as ComparisonJson;
    expect(json.reportComparison.disagreements).toBe(2);
    expect(json.reportComparison.comparisons.filter((c) => !c.agrees)).toEqual([
      expect.objectContaining({
        report: 'Won_Revenue_by_Month',
        figure: 'won revenue',
        metrics: 20000,
        reported: 20005,
      }),
      expect.objectContaining({
        report: 'Loss_Reasons',
        figure: 'lost deals with a loss reason',
        metrics: 2,
        reported: 3,
      }),
    ]);
  });

  it('fails when a report is not in the org or lacks the total it is compared on', async () => {
    const deployed = Object.fromEntries(
      Object.entries(AGREEING).filter(([name]) => name !== 'Competitor_Losses'),
    );
    const { server } = await org(
      { ...deployed, Average_Sales_Cycle: { 's!AMOUNT': 20000, RowCount: 2 } },
      Object.keys(deployed),
    );
    const result = await runCli(server, ARGS);
    await server.stop();
    expect(result.code).toBe(1);
    const problems = (JSON.parse(result.stdout) as ComparisonJson).reportComparison.comparisons
      .filter((c) => c.problem)
      .map((c) => [c.report, c.problem]);
    expect(problems).toEqual([
      ['Average_Sales_Cycle', 'the report has no grand total a!AGE'],
      ['Competitor_Losses', 'no report with this DeveloperName in the org'],
      ['Competitor_Losses', 'no report with this DeveloperName in the org'],
    ]);
  });

  it('prints a table of the comparison without --json', async () => {
    const { server } = await org(AGREEING);
    const result = await runCli(server, ARGS.slice(0, -1));
    await server.stop();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('report total');
    expect(result.stdout).toMatch(/Average_Deal_Size.*average deal size.*10000.*10000\.5/);
  });
});
