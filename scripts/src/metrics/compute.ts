/** Pure arithmetic of the metrics command over aggregate SOQL rows. */

export interface OutcomeRow {
  ownerId: string;
  ownerName: string;
  period: string;
  isWon: boolean;
  count: number;
  amount: number;
}

export interface CycleRow {
  ownerId: string;
  period: string;
  createdDate: string;
  closeDate: string;
}

export interface MetricsLine {
  ownerName: string;
  period: string;
  won: number;
  lost: number;
  winRate: number | null;
  wonRevenue: number;
  averageDealSize: number | null;
  averageSalesCycleDays: number | null;
}

export interface MetricsReport {
  period: string;
  since: string | null;
  lines: MetricsLine[];
  total: MetricsLine;
  lossReasons: { reason: string; count: number; amount: number }[];
  competitorLosses: { competitor: string; count: number; amount: number }[];
  apiCalls: number;
}

const DAY_MS = 86_400_000;

export function cycleDays(createdDate: string, closeDate: string): number {
  const created = Date.parse(createdDate.slice(0, 10));
  const closed = Date.parse(closeDate.slice(0, 10));
  return Math.max(0, Math.round((closed - created) / DAY_MS));
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

function line(
  ownerName: string,
  period: string,
  rows: OutcomeRow[],
  cycles: CycleRow[],
): MetricsLine {
  const won = rows.filter((r) => r.isWon).reduce((n, r) => n + r.count, 0);
  const lost = rows.filter((r) => !r.isWon).reduce((n, r) => n + r.count, 0);
  const wonRevenue = rows.filter((r) => r.isWon).reduce((n, r) => n + r.amount, 0);
  const days = cycles
    .map((c) => cycleDays(c.createdDate, c.closeDate))
    .filter((d) => Number.isFinite(d));
  return {
    ownerName,
    period,
    won,
    lost,
    winRate: won + lost ? round((100 * won) / (won + lost)) : null,
    wonRevenue: round(wonRevenue, 2),
    averageDealSize: won ? round(wonRevenue / won, 2) : null,
    averageSalesCycleDays: days.length
      ? round(days.reduce((a, b) => a + b, 0) / days.length)
      : null,
  };
}

/** Win rate, revenue, deal size and cycle per owner and period, plus a total line. */
export function computeLines(
  outcomes: OutcomeRow[],
  cycles: CycleRow[],
): { lines: MetricsLine[]; total: MetricsLine } {
  const keys = [...new Set(outcomes.map((r) => `${r.ownerId}|${r.period}`))].sort();
  const lines = keys.map((key) => {
    const [ownerId, period] = key.split('|');
    const rows = outcomes.filter((r) => r.ownerId === ownerId && r.period === period);
    return line(
      rows[0].ownerName,
      period,
      rows,
      cycles.filter((c) => c.ownerId === ownerId && c.period === period),
    );
  });
  return { lines, total: line('All owners', 'all', outcomes, cycles) };
}
