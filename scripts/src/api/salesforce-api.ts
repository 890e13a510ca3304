/**
 * The REST calls the commands make, over any jsforce-compatible Connection: SOQL query with
 * paging, sObject Collections (200 rows per call), Bulk API 2.0 ingest above a threshold, and
 * invocable actions. Every call is counted (`calls`), and every error is mapped to a CliError.
 */
import { chunk, soqlInList } from './chunk.js';
import { parseCsv, toCsv, type CsvValue } from './csv.js';
import {
  PackageNotInstalledError,
  PartialFailureError,
  toCliError,
  type RowFailure,
} from '../errors.js';

/** The part of a jsforce Connection this layer uses (jsforce and @salesforce/core both fit). */
export interface RestConnection {
  instanceUrl: string;
  version: string;
  request<T = unknown>(request: {
    method: string;
    url: string;
    body?: string;
    headers?: Record<string, string>;
  }): Promise<T>;
}

export type SObjectRecord = Record<string, unknown> & { Id?: string };

interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  records: T[];
  nextRecordsUrl?: string;
}

interface SaveResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors?: { statusCode?: string; message: string; fields?: string[] }[];
}

interface ActionResult<O> {
  actionName: string;
  isSuccess: boolean;
  errors: { statusCode?: string; message: string }[] | null;
  outputValues: O | { output?: O } | null;
}

interface BulkJobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
}

export interface ApiOptions {
  /** Rows per sObject Collections call (the platform maximum is 200). */
  collectionSize?: number;
  /** Above this many rows, writes go through Bulk API 2.0 instead of collections. */
  bulkThreshold?: number;
  /** Longest delay between Bulk API job status polls (polls start at 100 ms and double up to it). */
  bulkPollMs?: number;
  /** Give up on a Bulk API job after this long. */
  bulkTimeoutMs?: number;
}

/** The outcome of a write: ids by the caller's row reference, and the rejected rows. */
export interface WriteResult {
  ids: Map<string, string>;
  created: number;
  failures: RowFailure[];
}

const MAX_IDS_PER_QUERY = 200;

export class SalesforceApi {
  /** API requests made so far. */
  calls = 0;
  readonly collectionSize: number;
  readonly bulkThreshold: number;
  private readonly bulkPollMs: number;
  private readonly bulkTimeoutMs: number;

  constructor(
    private readonly conn: RestConnection,
    options: ApiOptions = {},
  ) {
    this.collectionSize = Math.min(options.collectionSize ?? 200, 200);
    this.bulkThreshold = options.bulkThreshold ?? 2000;
    this.bulkPollMs = options.bulkPollMs ?? 2000;
    this.bulkTimeoutMs = options.bulkTimeoutMs ?? 10 * 60 * 1000;
  }

  private get base(): string {
    return `/services/data/v${this.conn.version}`;
  }

  private async call<T>(
    method: string,
    url: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    this.calls++;
    try {
      return await this.conn.request<T>({
        method,
        url,
        ...(body === undefined
          ? {}
          : {
              body: typeof body === 'string' ? body : JSON.stringify(body),
              headers: { 'Content-Type': contentType },
            }),
      });
    } catch (error) {
      throw toCliError(error);
    }
  }

  /** Runs a SOQL query and follows nextRecordsUrl until every page is read. */
  async query<T extends object = SObjectRecord>(soql: string): Promise<T[]> {
    let page = await this.call<QueryPage<T>>(
      'GET',
      `${this.base}/query?q=${encodeURIComponent(soql)}`,
    );
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = await this.call<QueryPage<T>>('GET', page.nextRecordsUrl);
      records.push(...page.records);
    }
    return records.map((r) => stripAttributes(r as SObjectRecord)) as unknown as T[];
  }

  /**
   * Runs one query per chunk of at most 200 ids; `build` receives the quoted SOQL IN-list literal
   * (e.g. `('006…','006…')`).
   */
  async queryByIds<T extends object = SObjectRecord>(
    ids: readonly string[],
    build: (inList: string) => string,
  ): Promise<T[]> {
    const unique = [...new Set(ids)];
    const results: T[] = [];
    for (const part of chunk(unique, MAX_IDS_PER_QUERY)) {
      results.push(...(await this.query<T>(build(soqlInList(part)))));
    }
    return results;
  }

  /**
   * Upserts rows on an external id field. `refOf` names each row for failures (usually its key).
   * Uses Bulk API 2.0 above the bulk threshold.
   */
  async upsert(
    sobject: string,
    externalIdField: string,
    rows: SObjectRecord[],
  ): Promise<WriteResult> {
    const refOf = (row: SObjectRecord): string => String(row[externalIdField]);
    if (rows.length > this.bulkThreshold) {
      return this.bulkIngest(sobject, 'upsert', rows, refOf, externalIdField);
    }
    return this.collections(
      'PATCH',
      `${this.base}/composite/sobjects/${sobject}/${externalIdField}`,
      sobject,
      rows,
      refOf,
    );
  }

  /** Inserts rows; `refOf` names each row for failures and keys the returned ids. */
  async insert(
    sobject: string,
    rows: SObjectRecord[],
    refOf: (row: SObjectRecord) => string,
  ): Promise<WriteResult> {
    if (rows.length > this.bulkThreshold) return this.bulkIngest(sobject, 'insert', rows, refOf);
    return this.collections('POST', `${this.base}/composite/sobjects`, sobject, rows, refOf);
  }

  /** Updates rows by Id through sObject Collections. */
  async update(sobject: string, rows: SObjectRecord[]): Promise<WriteResult> {
    return this.collections('PATCH', `${this.base}/composite/sobjects`, sobject, rows, (row) =>
      String(row.Id),
    );
  }

  private async collections(
    method: string,
    url: string,
    sobject: string,
    rows: SObjectRecord[],
    refOf: (row: SObjectRecord) => string,
  ): Promise<WriteResult> {
    const result: WriteResult = { ids: new Map(), created: 0, failures: [] };
    for (const part of chunk(rows, this.collectionSize)) {
      const body = {
        allOrNone: false,
        records: part.map((row) => ({ attributes: { type: sobject }, ...row })),
      };
      const saved = await this.call<SaveResult[]>(method, url, body);
      saved.forEach((res, i) => {
        const ref = refOf(part[i]);
        if (res.success && res.id) {
          result.ids.set(ref, res.id);
          if (res.created ?? method === 'POST') result.created++;
        } else {
          result.failures.push({ sobject, ref, reason: describeErrors(res.errors) });
        }
      });
    }
    return result;
  }

  private async bulkIngest(
    sobject: string,
    operation: 'insert' | 'upsert',
    rows: SObjectRecord[],
    refOf: (row: SObjectRecord) => string,
    externalIdFieldName?: string,
  ): Promise<WriteResult> {
    const jobsUrl = `${this.base}/jobs/ingest`;
    const job = await this.call<BulkJobInfo>('POST', jobsUrl, {
      object: sobject,
      operation,
      contentType: 'CSV',
      lineEnding: 'LF',
      ...(externalIdFieldName ? { externalIdFieldName } : {}),
    });
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const csvRows = rows.map((r) => r as Record<string, CsvValue>);
    await this.call('PUT', `${jobsUrl}/${job.id}/batches`, toCsv(columns, csvRows), 'text/csv');
    await this.call('PATCH', `${jobsUrl}/${job.id}`, { state: 'UploadComplete' });
    const deadline = Date.now() + this.bulkTimeoutMs;
    let info = job;
    let polls = 0;
    do {
      await sleep(Math.min(this.bulkPollMs, 100 * 2 ** polls++));
      info = await this.call<BulkJobInfo>('GET', `${jobsUrl}/${job.id}`);
    } while (
      (info.state === 'UploadComplete' || info.state === 'InProgress') &&
      Date.now() < deadline
    );
    if (info.state !== 'JobComplete') {
      throw new PartialFailureError([
        {
          sobject,
          ref: `bulk job ${job.id}`,
          reason: `job ended ${info.state}${info.errorMessage ? `: ${info.errorMessage}` : ''}`,
        },
      ]);
    }
    // Result rows repeat the uploaded columns as text; row references are built from id and key columns.
    const refOfCsv = (r: Record<string, string>): string =>
      externalIdFieldName
        ? r[externalIdFieldName]
        : refOf(Object.fromEntries(columns.map((c) => [c, r[c]])));
    const result: WriteResult = { ids: new Map(), created: 0, failures: [] };
    for (const r of await this.csv(`${jobsUrl}/${job.id}/successfulResults`)) {
      result.ids.set(refOfCsv(r), r.sf__Id);
      if (r.sf__Created === 'true') result.created++;
    }
    for (const r of await this.csv(`${jobsUrl}/${job.id}/failedResults`)) {
      result.failures.push({ sobject, ref: refOfCsv(r), reason: r.sf__Error });
    }
    return result;
  }

  private async csv(url: string): Promise<Record<string, string>[]> {
    const body = await this.call<unknown>('GET', url);
    if (Array.isArray(body)) return body as Record<string, string>[];
    return typeof body === 'string' ? parseCsv(body) : [];
  }

  /**
   * Invokes an Apex invocable action with up to `batchSize` inputs per request; returns one
   * output per input, in order. Rows the platform rejects come back with success false.
   */
  async invokeAction<I extends object, O extends object>(
    action: string,
    inputs: I[],
    batchSize = 200,
  ): Promise<{ input: I; output: O | null; errors: string[] }[]> {
    const results: { input: I; output: O | null; errors: string[] }[] = [];
    for (const part of chunk(inputs, Math.min(batchSize, 200))) {
      let response: ActionResult<O>[];
      try {
        response = await this.call<ActionResult<O>[]>(
          'POST',
          `${this.base}/actions/custom/apex/${action}`,
          {
            inputs: part,
          },
        );
      } catch (error) {
        if ((error as { code?: string }).code === 'NOT_FOUND') {
          throw new PackageNotInstalledError(`the invocable action ${action}`);
        }
        throw error;
      }
      part.forEach((input, i) => {
        const res = response[i];
        const values = res?.outputValues ?? null;
        const output =
          values && 'output' in values && typeof values.output === 'object'
            ? (values.output ?? null)
            : (values as O | null);
        results.push({
          input,
          output: res?.isSuccess ? output : null,
          errors: res?.isSuccess
            ? []
            : (res?.errors ?? [{ message: 'no result returned' }]).map((e) => e.message),
        });
      });
    }
    return results;
  }
}

function stripAttributes(record: SObjectRecord): SObjectRecord {
  const out: SObjectRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value)
        ? stripAttributes(value as SObjectRecord)
        : value;
  }
  return out;
}

function describeErrors(errors: SaveResult['errors']): string {
  if (!errors || errors.length === 0) return 'rejected without a reason';
  return errors
    .map(
      (e) =>
        `${e.statusCode ?? 'ERROR'}: ${e.message}${e.fields && e.fields.length ? ` [${e.fields.join(', ')}]` : ''}`,
    )
    .join('; ');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
