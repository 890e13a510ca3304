/**
 * The `metrics` command: win rate, won revenue, average deal size, average sales cycle, loss
 * reasons and competitor losses, by owner and period, from aggregate SOQL. The sales cycle needs
 * CreatedDate and CloseDate per won deal (SOQL cannot aggregate a date difference), read 2,000
 * rows per call.
 */
import { SalesforceApi, type ApiOptions, type RestConnection } from '../api/salesforce-api.js';
import { UsageError } from '../errors.js';
import { renderTable } from '../output/table.js';
import { computeLines, type CycleRow, type MetricsReport, type OutcomeRow } from './compute.js';

const roundMoney = (n: number): number => Math.round(n * 100) / 100;

const PERIOD_FUNCTION: Record<string, string | null> = {
  month: 'CALENDAR_MONTH',
  quarter: 'CALENDAR_QUARTER',
  year: null,
};

function periodKey(year: unknown, part: unknown, period: string): string {
  if (period === 'year') return String(year);
  return `${String(year)}-${period === 'quarter' ? 'Q' : 'M'}${String(part).padStart(period === 'month' ? 2 : 1, '0')}`;
}

function periodOfDate(date: string, period: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return periodKey(year, period === 'quarter' ? Math.ceil(month / 3) : month, period);
}

export async function runMetrics(
  conn: RestConnection,
  options: { since?: string; period: string },
  apiOptions: ApiOptions = {},
): Promise<MetricsReport> {
  if (!(options.period in PERIOD_FUNCTION))
    throw new UsageError('--period must be month, quarter or year.');
  const api = new SalesforceApi(conn, apiOptions);
  const since = options.since ? ` AND CloseDate >= ${options.since}` : '';
  const fn = PERIOD_FUNCTION[options.period];
  const partSelect = fn ? `, ${fn}(CloseDate) part` : '';
  const partGroup = fn ? `, ${fn}(CloseDate)` : '';
  const outcomeRows = await api.query<Record<string, unknown>>(
    `SELECT OwnerId, Owner.Name, CALENDAR_YEAR(CloseDate) yr${partSelect}, IsWon, COUNT(Id) n, SUM(Amount) amount ` +
      `FROM Opportunity WHERE IsClosed = true${since} GROUP BY OwnerId, Owner.Name, CALENDAR_YEAR(CloseDate)${partGroup}, IsWon`,
  );
  const cycleRows = await api.query<Record<string, unknown>>(
    `SELECT OwnerId, CreatedDate, CloseDate FROM Opportunity WHERE IsWon = true${since}`,
  );
  const lossRows = await api.query<Record<string, unknown>>(
    `SELECT Loss_Status_Reason__c reason, COUNT(Id) n, SUM(Amount) amount FROM Opportunity ` +
      `WHERE IsClosed = true AND IsWon = false${since} GROUP BY Loss_Status_Reason__c`,
  );
  const competitorRows = await api.query<Record<string, unknown>>(
    `SELECT Winning_Competitor__c competitor, COUNT(Id) n, SUM(Amount) amount FROM Opportunity ` +
      `WHERE IsClosed = true AND IsWon = false AND Winning_Competitor__c != null${since} GROUP BY Winning_Competitor__c`,
  );
  const outcomes: OutcomeRow[] = outcomeRows.map((r) => ({
    ownerId: String(r.OwnerId),
    ownerName: String(r.Name ?? r.OwnerId),
    period: periodKey(r.yr, r.part, options.period),
    isWon: Boolean(r.IsWon),
    count: Number(r.n),
    amount: Number(r.amount ?? 0),
  }));
  const cycles: CycleRow[] = cycleRows.map((r) => ({
    ownerId: String(r.OwnerId),
    period: periodOfDate(String(r.CloseDate), options.period),
    createdDate: String(r.CreatedDate),
    closeDate: String(r.CloseDate),
  }));
  const { lines, total } = computeLines(outcomes, cycles);
  return {
    period: options.period,
    since: options.since ?? null,
    lines,
    total,
    lossReasons: lossRows.map((r) => ({
      reason: String(r.reason ?? '(none)'),
      count: Number(r.n),
      amount: roundMoney(Number(r.amount ?? 0)),
    })),
    competitorLosses: competitorRows.map((r) => ({
      competitor: String(r.competitor),
      count: Number(r.n),
      amount: roundMoney(Number(r.amount ?? 0)),
    })),
    apiCalls: api.calls,
  };
}

const pct = (n: number | null): string => (n === null ? '-' : `${n}%`);
const num = (n: number | null): string => (n === null ? '-' : n.toLocaleString('en-US'));

export function formatMetrics(report: MetricsReport): string {
  const lines = [...report.lines, report.total].map((l) => [
    l.ownerName,
    l.period,
    l.won,
    l.lost,
    pct(l.winRate),
    num(l.wonRevenue),
    num(l.averageDealSize),
    l.averageSalesCycleDays === null ? '-' : `${l.averageSalesCycleDays} d`,
  ]);
  return [
    renderTable(
      ['owner', 'period', 'won', 'lost', 'win rate', 'won revenue', 'avg deal', 'avg cycle'],
      lines,
    ),
    renderTable(
      ['loss reason', 'deals', 'amount'],
      report.lossReasons.map((r) => [r.reason, r.count, num(r.amount)]),
    ),
    renderTable(
      ['winning competitor', 'deals', 'amount'],
      report.competitorLosses.map((r) => [r.competitor, r.count, num(r.amount)]),
    ),
  ].join('\n');
}
