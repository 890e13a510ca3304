/** The `seed` command: generate deterministic data and write it idempotently. */
import { SalesforceApi, type ApiOptions, type RestConnection } from '../api/salesforce-api.js';
import { UsageError } from '../errors.js';
import type { Progress } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { generateSeedData, MAX_OPPORTUNITIES } from './generator.js';
import { writeSeed, type SeedSummary } from './seed.js';

export interface SeedOptions {
  seed: string;
  accounts: number;
  opportunities: number;
  today: string;
  bulkThreshold?: number;
  bulkPollMs?: number;
}

export function validateSeedOptions(options: SeedOptions): void {
  if (!/^[A-Za-z0-9]{1,12}$/.test(options.seed))
    throw new UsageError('--seed must be 1 to 12 letters or digits.');
  if (!Number.isInteger(options.accounts) || options.accounts < 1 || options.accounts > 5000) {
    throw new UsageError('--accounts must be a whole number from 1 to 5000.');
  }
  if (
    !Number.isInteger(options.opportunities) ||
    options.opportunities < 1 ||
    options.opportunities > MAX_OPPORTUNITIES
  ) {
    throw new UsageError(`--opportunities must be a whole number from 1 to ${MAX_OPPORTUNITIES}.`);
  }
}

export async function runSeed(
  conn: RestConnection,
  options: SeedOptions,
  progress: Progress,
  apiOptions: ApiOptions = {},
): Promise<SeedSummary> {
  validateSeedOptions(options);
  const data = generateSeedData(
    options.seed,
    { accounts: options.accounts, opportunities: options.opportunities },
    options.today,
  );
  const api = new SalesforceApi(conn, {
    ...apiOptions,
    bulkThreshold: options.bulkThreshold,
    ...(options.bulkPollMs === undefined ? {} : { bulkPollMs: options.bulkPollMs }),
  });
  return writeSeed(api, data, progress);
}

export function formatSeedSummary(summary: SeedSummary): string {
  const table = renderTable(
    ['object', 'seeded', 'created now', 'already there'],
    summary.steps.map((s) => [s.sobject, s.desired, s.created, s.unchanged]),
  );
  const closed = summary.closedLeftAlone
    ? `\n${summary.closedLeftAlone} seeded opportunit${summary.closedLeftAlone === 1 ? 'y is' : 'ies are'} closed and left as they are (counted as already there).`
    : '';
  return `${table}${closed}\nSeed keys start with "${summary.prefix}". API calls: ${summary.apiCalls}.`;
}
