/** Plain-text tables (cli-table3) for the human-readable output of each command. */
import Table from 'cli-table3';

export function renderTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const row of rows) table.push(row.map((c) => String(c)));
  return table.toString();
}
