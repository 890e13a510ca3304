/**
 * The REST calls the commands make, over any jsforce-compatible Connection: SOQL query with
 * paging, sObject Collections (200 rows per call), Bulk API 2.0 ingest above a threshold, and
 * invocable actions. Every request is counted (`calls`), retries included: jsforce's own retries are
 * switched off and this layer retries idempotent reads itself (a 5xx answer or a dropped
 * connection, twice, with back-off), so the count is what the org saw. Every request carries the
 * request timeout, and every error is mapped to a CliError.
 */
import { chunk, soqlInList } from './chunk.js';
import { parseCsv, toCsv, type CsvValue } from './csv.js';
import { systemClock, type Clock } from '../clock.js';
import {
  ApiError,
  ApiLimitError,
  CliError,
  ConnectionError,
  PackageNotInstalledError,
  PartialFailureError,
  SeedFieldError,
  isTimeout,
  networkErrorCode,
  toCliError,
  type RowFailure,
} from '../errors.js';

/** The part of a jsforce Connection this layer uses (jsforce and @salesforce/core both fit). */
export interface RestConnection {
  instanceUrl: string;
  version: string;
  request<T = unknown>(
    request: {
      method: string;
      url: string;
      body?: string;
      headers?: Record<string, string>;
    },
    options?: RequestOptions,
  ): Promise<T>;
}

/** jsforce's per-request options (passed through to its fetch wrapper). */
export interface RequestOptions {
  /** Milliseconds before the request is aborted (jsforce's default is 30 minutes). */
  timeout?: number;
  /** jsforce's retry policy; `methods: []` switches it off. */
  retry?: { maxRetries?: number; methods?: string[]; statusCodes?: number[] };
}

/** jsforce retries by itself without telling anyone; this layer retries (and counts) instead. */
const NO_JSFORCE_RETRY: RequestOptions['retry'] = { maxRetries: 0, methods: [], statusCodes: [] };

/** The default of --request-timeout, in seconds. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;

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
  /** Longest delay between Bulk API job status polls (polls start at 500 ms and double up to it). */
  bulkPollMs?: number;
  /** Give up on a Bulk API job after this long. */
  bulkTimeoutMs?: number;
  /** Per-request timeout in seconds (--request-timeout). */
  requestTimeoutSeconds?: number;
  /** Retries of an idempotent read after a 5xx answer or a dropped connection. */
  retries?: number;
  /** Delay before the first retry; doubles for each further one. */
  retryDelayMs?: number;
  clock?: Clock;
}

/** One input of an action call whose whole call failed (e.g. HTTP 400 for one bad row). */
export interface ActionCallFailure {
  /** The call's error code (MULTIPLE_API_ERRORS, CONNECTION_RESET, …). */
  code: string;
  /** What the org said about this row, or about the whole call. */
  message: string;
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
  /** Status polls of Bulk API jobs so far (also counted in `calls`). */
  bulkPolls = 0;
  readonly clock: Clock;
  private readonly bulkPollMs: number;
  private readonly bulkTimeoutMs: number;
  private readonly requestTimeoutSeconds: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly conn: RestConnection,
    options: ApiOptions = {},
  ) {
    this.collectionSize = Math.min(options.collectionSize ?? 200, 200);
    this.bulkThreshold = options.bulkThreshold ?? 2000;
    this.bulkPollMs = options.bulkPollMs ?? 15_000;
    this.bulkTimeoutMs = options.bulkTimeoutMs ?? 30 * 60 * 1000;
    this.requestTimeoutSeconds = options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.clock = options.clock ?? systemClock;
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
    const request = {
      method,
      url,
      ...(body === undefined
        ? {}
        : {
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'Content-Type': contentType },
          }),
    };
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      try {
        return await this.conn.request<T>(request, {
          timeout: this.requestTimeoutSeconds * 1000,
          retry: NO_JSFORCE_RETRY,
        });
      } catch (error) {
        if (attempt < this.retries && method === 'GET' && isTransient(error)) {
          await this.clock.sleep(this.retryDelayMs * 2 ** attempt);
          continue;
        }
        throw toCliError(error, {
          instanceUrl: this.conn.instanceUrl,
          requestTimeoutSeconds: this.requestTimeoutSeconds,
        });
      }
    }
  }

  /** GET on a REST resource under /services/data/vXX.X (e.g. `/analytics/reports/00O…`). */
  async get<T>(resource: string): Promise<T> {
    return this.call<T>('GET', `${this.base}${resource}`);
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
    try {
      if (rows.length > this.bulkThreshold) {
        return await this.bulkIngest(sobject, 'upsert', rows, refOf, externalIdField);
      }
      return await this.collections(
        'PATCH',
        `${this.base}/composite/sobjects/${sobject}/${externalIdField}`,
        sobject,
        rows,
        refOf,
      );
    } catch (error) {
      // The 404 names only the field; the object is known here.
      if (error instanceof SeedFieldError && !error.field.includes('.'))
        throw new SeedFieldError(`${sobject}.${error.field}`);
      throw error;
    }
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
    // Poll with exponential back-off (0.5 s, 1 s, 2 s, … up to bulkPollMs): a job of t seconds
    // costs about log2(t) polls plus t / bulkPollMs, not t / constant.
    const deadline = this.clock.now() + this.bulkTimeoutMs;
    let info = job;
    let polls = 0;
    do {
      await this.clock.sleep(Math.min(this.bulkPollMs, 500 * 2 ** polls++));
      this.bulkPolls++;
      info = await this.call<BulkJobInfo>('GET', `${jobsUrl}/${job.id}`);
    } while (
      (info.state === 'Open' || info.state === 'UploadComplete' || info.state === 'InProgress') &&
      this.clock.now() < deadline
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
   *
   * When the whole call fails although the org may have done part of it — HTTP 400 because one
   * row failed at platform level (jsforce: MULTIPLE_API_ERRORS), a 5xx, a dropped connection or a
   * timeout on this POST — each input of that call comes back with `callFailure` (and the row's
   * own message where the body has one), so the caller can re-read what actually happened.
   * An expired session, the API limit or a missing action still stop the run.
   */
  async invokeAction<I extends object, O extends object>(
    action: string,
    inputs: I[],
    batchSize = 200,
  ): Promise<{ input: I; output: O | null; errors: string[]; callFailure?: ActionCallFailure }[]> {
    const results: {
      input: I;
      output: O | null;
      errors: string[];
      callFailure?: ActionCallFailure;
    }[] = [];
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
        if (!outcomeUnknown(error)) throw error;
        const cliError = error as CliError;
        const rows = actionRowsOf(error);
        part.forEach((input, i) => {
          const row = rows?.[i];
          const rowMessage =
            row && !row.isSuccess && row.errors?.length
              ? row.errors
                  .map((e) => `${e.statusCode ? `${e.statusCode}: ` : ''}${e.message}`)
                  .join('; ')
              : null;
          results.push({
            input,
            output: null,
            errors: [],
            callFailure: {
              code: cliError.code,
              message:
                rowMessage ??
                (row?.isSuccess
                  ? `the call failed (${cliError.code}) although this row succeeded`
                  : cliError.message),
            },
          });
        });
        continue;
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

/** A failed read that is worth one more try: a 5xx / 429 answer or a dropped connection. */
function isTransient(error: unknown): boolean {
  if (isTimeout(error)) return false;
  const code = networkErrorCode(error);
  if (code && ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code))
    return true;
  const errorCode = String((error as { errorCode?: unknown })?.errorCode ?? '');
  return /^ERROR_HTTP_(5\d\d|429)$/.test(errorCode) || errorCode === 'SERVER_UNAVAILABLE';
}

/**
 * Whether a failed POST may have been applied in part: the org answered with an error for the
 * whole call (not a session, limit or missing-resource error), or the connection broke.
 */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ApiLimitError || error instanceof PackageNotInstalledError) return false;
  if (error instanceof ConnectionError)
    return ['CONNECTION_RESET', 'REQUEST_TIMEOUT'].includes(error.code);
  return error instanceof ApiError;
}

/** The per-input results in the body of a failed action call, when the body has them. */
function actionRowsOf(error: unknown): ActionResult<unknown>[] | undefined {
  let data = error instanceof ApiError ? error.data : undefined;
  // With one input, jsforce keeps the raw body as the message of a synthetic error.
  if (data && !Array.isArray(data) && typeof (data as { message?: unknown }).message === 'string') {
    try {
      data = JSON.parse((data as { message: string }).message) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(data)) return undefined;
  return data.every((r) => r && typeof r === 'object' && 'isSuccess' in r)
    ? (data as ActionResult<unknown>[])
    : undefined;
}
