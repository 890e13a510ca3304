/**
 * Compares the `metrics` figures with the package's reports, run in the org through the Analytics
 * REST API (`GET /analytics/reports/{id}` runs a report synchronously and answers its grand totals
 * in `factMap["T!T"]`). The org gate runs it after seeding: both read the same opportunities, so
 * they must agree, or one of them counts the wrong deals.
 *
 * The reports filter on the current fiscal year (docs/reports.md); run `metrics` with `--since`
 * the first day of that fiscal year, or the figures differ by design. Tolerances: counts must be
 * equal; amounts may differ by AMOUNT_TOLERANCE (both sides round to cents, averages once more);
 * the average sales cycle by DAYS_TOLERANCE (the report's AGE is whole days per deal, `metrics`
 * rounds its average to a tenth of a day).
 */
import { SalesforceApi, type ApiOptions, type RestConnection } from '../api/salesforce-api.js';
import { renderTable } from '../output/table.js';
import type { MetricsReport } from './compute.js';

/** Largest accepted difference of an amount (sum or average), in the org's currency. */
export const AMOUNT_TOLERANCE = 1;
/** Largest accepted difference of the average sales cycle, in days. */
export const DAYS_TOLERANCE = 1;

/** The part of an Analytics API report run this module reads. */
interface ReportRun {
  reportMetadata?: { aggregates?: string[] };
  factMap?: Record<string, { aggregates?: { value?: number | null }[] } | undefined>;
}

interface FigureCheck {
  report: string;
  figure: string;
  /** The report's aggregate key: `RowCount`, `s!AMOUNT` (sum), `a!AMOUNT` (average), … */
  aggregate: string;
  tolerance: number;
  metric: (metrics: MetricsReport) => number | null;
}

const withReason = (m: MetricsReport): MetricsReport['lossReasons'] =>
  m.lossReasons.filter((r) => r.reason !== '(none)');
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Which report total matches which `metrics` figure. */
export const FIGURE_CHECKS: FigureCheck[] = [
  {
    report: 'Won_Revenue_by_Month',
    figure: 'won deals',
    aggregate: 'RowCount',
    tolerance: 0,
    metric: (m) => m.total.won,
  },
  {
    report: 'Won_Revenue_by_Month',
    figure: 'won revenue',
    aggregate: 's!AMOUNT',
    tolerance: AMOUNT_TOLERANCE,
    metric: (m) => m.total.wonRevenue,
  },
  {
    report: 'Average_Deal_Size',
    figure: 'average deal size',
    aggregate: 'a!AMOUNT',
    tolerance: AMOUNT_TOLERANCE,
    metric: (m) => m.total.averageDealSize,
  },
  {
    report: 'Average_Sales_Cycle',
    figure: 'average sales cycle (days)',
    aggregate: 'a!AGE',
    tolerance: DAYS_TOLERANCE,
    metric: (m) => m.total.averageSalesCycleDays,
  },
  {
    report: 'Loss_Reasons',
    figure: 'lost deals with a loss reason',
    aggregate: 'RowCount',
    tolerance: 0,
    metric: (m) => sum(withReason(m).map((r) => r.count)),
  },
  {
    report: 'Loss_Reasons',
    figure: 'lost amount with a loss reason',
    aggregate: 's!AMOUNT',
    tolerance: AMOUNT_TOLERANCE,
    metric: (m) => sum(withReason(m).map((r) => r.amount)),
  },
  {
    report: 'Competitor_Losses',
    figure: 'deals lost to a competitor',
    aggregate: 'RowCount',
    tolerance: 0,
    metric: (m) => sum(m.competitorLosses.map((r) => r.count)),
  },
  {
    report: 'Competitor_Losses',
    figure: 'amount lost to competitors',
    aggregate: 's!AMOUNT',
    tolerance: AMOUNT_TOLERANCE,
    metric: (m) => sum(m.competitorLosses.map((r) => r.amount)),
  },
];

export interface FigureComparison {
  report: string;
  figure: string;
  metrics: number | null;
  reported: number | null;
  tolerance: number;
  agrees: boolean;
  /** Why no figure could be read from the report, when none could. */
  problem?: string;
}

export interface ReportComparison {
  comparisons: FigureComparison[];
  disagreements: number;
  apiCalls: number;
}

/** The grand total of `aggregate` in a report run, or undefined when the run does not have it. */
export function grandTotal(run: ReportRun, aggregate: string): number | null | undefined {
  const index = run.reportMetadata?.aggregates?.indexOf(aggregate) ?? -1;
  if (index < 0) return undefined;
  const cell = run.factMap?.['T!T']?.aggregates?.[index];
  if (cell === undefined) return undefined;
  return cell.value ?? null;
}

function agrees(a: number | null, b: number | null, tolerance: number): boolean {
  // An average over no deals is null on both sides (metrics) or empty in the report.
  if (a === null || b === null) return (a ?? 0) === (b ?? 0);
  return Math.abs(a - b) <= tolerance;
}

/** Looks the reports up by DeveloperName, runs each once and compares its totals with `metrics`. */
export async function compareWithReports(
  conn: RestConnection,
  metrics: MetricsReport,
  apiOptions: ApiOptions = {},
  checks: FigureCheck[] = FIGURE_CHECKS,
): Promise<ReportComparison> {
  const api = new SalesforceApi(conn, apiOptions);
  const names = [...new Set(checks.map((c) => c.report))];
  const rows = await api.query<{ Id: string; DeveloperName: string }>(
    `SELECT Id, DeveloperName FROM Report WHERE DeveloperName IN (${names
      .map((n) => `'${n}'`)
      .join(', ')})`,
  );
  const ids = new Map(rows.map((r) => [r.DeveloperName, r.Id]));
  const runs = new Map<string, ReportRun>();
  for (const name of names) {
    const id = ids.get(name);
    if (id) runs.set(name, await api.get<ReportRun>(`/analytics/reports/${id}`));
  }
  const comparisons = checks.map((check): FigureComparison => {
    const metric = check.metric(metrics);
    const base = { report: check.report, figure: check.figure, tolerance: check.tolerance };
    const run = runs.get(check.report);
    const reported = run ? grandTotal(run, check.aggregate) : undefined;
    if (reported === undefined) {
      const problem = run
        ? `the report has no grand total ${check.aggregate}`
        : 'no report with this DeveloperName in the org';
      return { ...base, metrics: metric, reported: null, agrees: false, problem };
    }
    return {
      ...base,
      metrics: metric,
      reported,
      agrees: agrees(metric, reported, check.tolerance),
    };
  });
  return {
    comparisons,
    disagreements: comparisons.filter((c) => !c.agrees).length,
    apiCalls: api.calls,
  };
}

export function formatReportComparison(result: ReportComparison): string {
  const show = (n: number | null): string => (n === null ? '-' : String(n));
  return renderTable(
    ['report', 'figure', 'metrics', 'report total', 'tolerance', 'agrees'],
    result.comparisons.map((c) => [
      c.report,
      c.figure,
      show(c.metrics),
      c.problem ?? show(c.reported),
      String(c.tolerance),
      c.agrees ? 'yes' : 'NO',
    ]),
  );
}
