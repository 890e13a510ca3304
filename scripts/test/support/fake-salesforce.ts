/**
 * A loopback HTTP server that answers with the Salesforce REST shapes the scripts use: SOQL query
 * (with nextRecordsUrl paging and a small WHERE evaluator), sObject Collections insert / update /
 * upsert, Bulk API 2.0 ingest, invocable actions, Analytics API report runs (canned results), and
 * the platform's error bodies. It counts
 * requests so tests can assert call budgets, and can fail a chosen request to simulate faults.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from 'jsforce';
import { parseCsv } from '../../src/api/csv.js';
import type { RestConnection } from '../../src/api/salesforce-api.js';

export type Row = Record<string, unknown> & { Id: string };
export type ActionHandler = (
  inputs: Record<string, unknown>[],
  server: FakeSalesforce,
) => unknown[];
export interface Fault {
  status: number;
  body: unknown;
}

/** An action handler's output with this key makes that row fail at platform level (HTTP 400). */
export const PLATFORM_ERROR = '__platformError';

const PREFIXES: Record<string, string> = {
  Account: '001',
  Contact: '003',
  Product2: '01t',
  Pricebook2: '01s',
  PricebookEntry: '01u',
  Opportunity: '006',
  OpportunityLineItem: '00k',
  OpportunityContactRole: '00K',
  OpportunityCompetitor: '00J',
  Order: '801',
  OrderItem: '802',
  Contract: '800',
  Asset: '02i',
  Task: '00T',
  Campaign: '701',
  CampaignMember: '00v',
  OpportunityLineItemSchedule: '00o',
  OpportunityStage: '01J',
  Customer_Handoff__c: 'a01',
  Survey_Request__c: 'a02',
  Close_History__c: 'a03',
  Close_Won_Setting__mdt: 'm01',
  Close_Task_Template__mdt: 'm02',
  User: '005',
};

export class FakeSalesforce {
  readonly records = new Map<string, Map<string, Row>>();
  private readonly rowsById = new Map<string, Row>();
  readonly requests: { method: string; path: string; at: number; soql?: string }[] = [];
  /** The time stamped on requests and used for Bulk API job durations (tests pass a virtual clock's). */
  now: () => number = () => Date.now();
  /** How long a Bulk API job stays InProgress after its upload is complete. */
  bulkJobMs = 0;
  /** Fields no permission set grants: an upsert on one answers 404, a query INVALID_FIELD. */
  readonly hiddenFields = new Set<string>();
  /** Accept requests but never answer them (an org or proxy that hangs). */
  silent = false;
  readonly actions = new Map<string, ActionHandler>();
  /** Objects the org knows; others answer INVALID_TYPE. */
  readonly knownObjects = new Set(Object.keys(PREFIXES));
  /** Analytics REST API: the body GET /analytics/reports/{id} answers (a run report), by id. */
  readonly reportResults = new Map<string, unknown>();
  /** Answers a query instead of the evaluator when it returns rows (aggregate queries). */
  queryHook: ((soql: string) => Record<string, unknown>[] | undefined) | undefined;
  /** Rejects a row of a write with this message. */
  rejectRow: ((sobject: string, row: Record<string, unknown>) => string | undefined) | undefined;
  /** Answers the n-th request (1-based) with this fault. */
  private faults = new Map<number, Fault>();
  pageSize = 2000;
  /** CreatedDate stamped on every inserted row. */
  createdDate = '2026-10-01T09:00:00.000+0000';
  readonly accessToken = '00D000000000001!fake.session.token';
  private server: http.Server | undefined;
  private sequence = 0;
  private readonly indexes = new Map<string, Map<unknown, Row>>();
  private cursors = new Map<string, Record<string, unknown>[]>();
  private jobs = new Map<
    string,
    {
      object: string;
      operation: string;
      externalIdFieldName?: string;
      csv: string;
      success: string;
      failed: string;
      state: string;
      completeAt?: number;
    }
  >();
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => this.handle(req, body, res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A real jsforce Connection to this server (as the CLI makes from an access token). */
  connection(accessToken = this.accessToken): RestConnection {
    return new Connection({
      instanceUrl: this.url,
      accessToken,
      version: '65.0',
    }) as unknown as RestConnection;
  }

  failRequest(n: number, fault: Fault): void {
    this.faults.set(n, fault);
  }

  /** Closes the connection of the n-th request (1-based) without an answer (ECONNRESET). */
  dropRequest(n: number): void {
    this.drops.add(n);
  }

  /** Closes every connection without an answer. */
  dropAll = false;
  private deferred: { at: number; run: () => void }[] = [];

  /** Runs `run` (asynchronous work of the org) on the first request at least `ms` from now. */
  later(ms: number, run: () => void): void {
    this.deferred.push({ at: this.now() + ms, run });
  }
  private readonly drops = new Set<number>();

  resetCount(): void {
    this.requests.length = 0;
  }

  all(sobject: string): Row[] {
    return [...(this.records.get(sobject)?.values() ?? [])];
  }

  insert(sobject: string, row: Record<string, unknown>): Row {
    const table = this.table(sobject);
    const id = `${PREFIXES[sobject] ?? 'a0Z'}${String(++this.sequence).padStart(12, '0')}AAA`;
    const defaults: Record<string, unknown> = { CreatedDate: this.createdDate };
    if (sobject === 'Opportunity') {
      Object.assign(defaults, { IsClosed: false, IsWon: false, OwnerId: '005000000000001AAA' });
    }
    // As on the platform, a line item takes its product from its price book entry.
    if (sobject === 'OpportunityLineItem')
      defaults.Product2Id = this.byId(String(row.PricebookEntryId))?.Product2Id;
    const stored = { ...defaults, ...row, Id: id } as Row;
    table.set(id, stored);
    this.rowsById.set(id, stored);
    if (sobject === 'OpportunityLineItem') {
      // As on the platform, the opportunity's amount is the total of its line items.
      const opp = this.byId(String(stored.OpportunityId));
      if (opp)
        opp.Amount = Number(opp.Amount ?? 0) + Number(stored.Quantity) * Number(stored.UnitPrice);
    }
    for (const [name, index] of this.indexes) {
      const [indexed, field] = name.split('.');
      if (indexed === sobject && stored[field] !== undefined) index.set(stored[field], stored);
    }
    return stored;
  }

  private table(sobject: string): Map<string, Row> {
    if (!this.records.has(sobject)) this.records.set(sobject, new Map());
    return this.records.get(sobject) as Map<string, Row>;
  }

  byId(id: string): Row | undefined {
    return this.rowsById.get(id);
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const soql = url.searchParams.get('q') ?? undefined;
    this.requests.push({ method, path: url.pathname, at: this.now(), ...(soql ? { soql } : {}) });
    if (this.silent) return;
    const due = this.deferred.filter((d) => d.at <= this.now());
    this.deferred = this.deferred.filter((d) => d.at > this.now());
    for (const d of due) d.run();
    if (this.drops.has(this.requests.length) || this.dropAll) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, payload: unknown, type = 'application/json'): void => {
      res.writeHead(status, { 'Content-Type': `${type};charset=UTF-8` });
      res.end(
        payload === undefined
          ? ''
          : typeof payload === 'string'
            ? payload
            : JSON.stringify(payload),
      );
    };
    const fault = this.faults.get(this.requests.length);
    if (fault) return send(fault.status, fault.body);
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      return send(401, [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
    try {
      const path = url.pathname.replace(/^\/services\/data\/v\d+\.\d+/, '');
      const json =
        body && (req.headers['content-type'] ?? '').includes('json')
          ? (JSON.parse(body) as Record<string, unknown>)
          : {};
      let m: RegExpMatchArray | null;
      if (path === '/query' && method === 'GET')
        return send(200, this.query(url.searchParams.get('q') ?? ''));
      if ((m = path.match(/^\/query\/(.+)$/))) return send(200, this.page(m[1]));
      if (path === '/composite/sobjects' && method === 'POST')
        return send(200, this.write('insert', json));
      if (path === '/composite/sobjects' && method === 'PATCH')
        return send(200, this.write('update', json));
      if ((m = path.match(/^\/composite\/sobjects\/(\w+)\/(\w+)$/)) && method === 'PATCH') {
        if (this.hiddenFields.has(m[2]))
          return send(404, [
            {
              errorCode: 'NOT_FOUND',
              message: `Provided external ID field does not exist or is not accessible: ${m[2]}`,
            },
          ]);
        return send(200, this.write('upsert', json, m[1], m[2]));
      }
      if ((m = path.match(/^\/sobjects\/(\w+)$/)) && method === 'POST') {
        this.assertKnown(m[1]);
        return send(201, this.save('insert', m[1], json));
      }
      if ((m = path.match(/^\/sobjects\/(\w+)\/(\w+)\/([^/]+)$/)) && method === 'PATCH') {
        this.assertKnown(m[1]);
        const saved = this.save(
          'upsert',
          m[1],
          { ...json, [m[2]]: decodeURIComponent(m[3]) },
          m[2],
        );
        return send(saved.created ? 201 : 200, saved);
      }
      if (path === '/jobs/ingest' && method === 'POST') return send(200, this.createJob(json));
      if ((m = path.match(/^\/jobs\/ingest\/(\w+)\/batches$/))) {
        (this.jobs.get(m[1]) as { csv: string }).csv = body;
        return send(201, undefined);
      }
      if ((m = path.match(/^\/jobs\/ingest\/(\w+)$/)) && method === 'PATCH')
        return send(200, this.closeJob(m[1]));
      if ((m = path.match(/^\/jobs\/ingest\/(\w+)$/)) && method === 'GET') {
        const job = this.jobs.get(m[1]);
        const done = job?.state === 'JobComplete' && this.now() >= (job.completeAt ?? 0);
        return send(200, { id: m[1], state: done ? 'JobComplete' : 'InProgress' });
      }
      if ((m = path.match(/^\/jobs\/ingest\/(\w+)\/(successfulResults|failedResults)$/))) {
        const job = this.jobs.get(m[1]);
        return send(200, m[2] === 'successfulResults' ? job?.success : job?.failed, 'text/csv');
      }
      if ((m = path.match(/^\/analytics\/reports\/(\w+)$/)) && method === 'GET') {
        const result = this.reportResults.get(m[1]);
        if (result === undefined)
          return send(404, [
            { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
          ]);
        return send(200, result);
      }
      if ((m = path.match(/^\/actions\/custom\/apex\/(\w+)$/)) && method === 'POST') {
        const handler = this.actions.get(m[1]);
        if (!handler)
          return send(404, [
            { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
          ]);
        const outputs = handler(json.inputs as Record<string, unknown>[], this);
        // One row failing at platform level fails the whole call with HTTP 400; the body still
        // has one result per input, and the other rows' work is done.
        const rows = outputs.map((o) => {
          const error = (o as Record<string, unknown> | null)?.[PLATFORM_ERROR];
          return error
            ? { actionName: m?.[1], errors: [error], isSuccess: false, outputValues: null }
            : { actionName: m?.[1], errors: null, isSuccess: true, outputValues: o };
        });
        return send(rows.some((r) => !r.isSuccess) ? 400 : 200, rows);
      }
      return send(404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]);
    } catch (error) {
      const e = error as { status?: number; errorCode?: string; message: string };
      return send(e.status ?? 400, [
        { errorCode: e.errorCode ?? 'MALFORMED_QUERY', message: e.message },
      ]);
    }
  }

  private assertKnown(sobject: string): void {
    if (!this.knownObjects.has(sobject)) {
      throw Object.assign(new Error(`sObject type '${sobject}' is not supported.`), {
        errorCode: 'INVALID_TYPE',
        status: 400,
      });
    }
  }

  private write(
    kind: 'insert' | 'update' | 'upsert',
    body: Record<string, unknown>,
    type?: string,
    extField?: string,
  ): unknown[] {
    const rows = body.records as Record<string, unknown>[];
    return rows.map((raw) => {
      const { attributes, ...row } = raw as { attributes: { type: string } } & Record<
        string,
        unknown
      >;
      const sobject = type ?? attributes.type;
      this.assertKnown(sobject);
      const reason = this.rejectRow?.(sobject, row);
      if (reason)
        return {
          id: null,
          success: false,
          errors: [
            { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: reason, fields: [] },
          ],
        };
      return this.save(kind, sobject, row, extField);
    });
  }

  private save(
    kind: 'insert' | 'update' | 'upsert',
    sobject: string,
    row: Record<string, unknown>,
    extField?: string,
  ): { id: string; success: true; errors: []; created: boolean } {
    if (kind === 'update') {
      const existing = this.table(sobject).get(String(row.Id));
      if (!existing)
        throw Object.assign(new Error('entity is deleted'), { errorCode: 'ENTITY_IS_DELETED' });
      Object.assign(existing, row);
      return { id: existing.Id, success: true, errors: [], created: false };
    }
    if (kind === 'upsert' && extField) {
      const index = this.keyIndex(sobject, extField);
      const existing = index.get(row[extField]);
      if (existing) {
        Object.assign(existing, row);
        return { id: existing.Id, success: true, errors: [], created: false };
      }
    }
    const inserted = this.insert(sobject, row);
    if (extField) this.keyIndex(sobject, extField).set(row[extField], inserted);
    return { id: inserted.Id, success: true, errors: [], created: true };
  }

  /** External id → row, built once per object and field and kept current by upserts. */
  private keyIndex(sobject: string, field: string): Map<unknown, Row> {
    const name = `${sobject}.${field}`;
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map(this.all(sobject).map((r) => [r[field], r]));
      this.indexes.set(name, index);
    }
    return index;
  }

  private createJob(body: Record<string, unknown>): unknown {
    this.assertKnown(String(body.object));
    const id = `750${String(++this.sequence).padStart(12, '0')}AAA`;
    this.jobs.set(id, {
      object: String(body.object),
      operation: String(body.operation),
      externalIdFieldName: body.externalIdFieldName as string | undefined,
      csv: '',
      success: '',
      failed: '',
      state: 'Open',
    });
    return { id, state: 'Open', object: body.object, operation: body.operation };
  }

  private closeJob(id: string): unknown {
    const job = this.jobs.get(id);
    if (!job)
      throw Object.assign(new Error('job not found'), { errorCode: 'NOT_FOUND', status: 404 });
    const rows = parseCsv(job.csv);
    const columns = rows.length ? Object.keys(rows[0]) : [];
    const quote = (v: unknown): string => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const success = [['sf__Id', 'sf__Created', ...columns].map(quote).join(',')];
    const failed = [['sf__Id', 'sf__Error', ...columns].map(quote).join(',')];
    for (const csvRow of rows) {
      const row = Object.fromEntries(
        Object.entries(csvRow)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, typed(v)]),
      );
      const reason = this.rejectRow?.(job.object, row);
      if (reason) {
        failed.push(
          ['', `FIELD_CUSTOM_VALIDATION_EXCEPTION:${reason}:--`, ...columns.map((c) => csvRow[c])]
            .map(quote)
            .join(','),
        );
        continue;
      }
      const saved = this.save(
        job.operation === 'upsert' ? 'upsert' : 'insert',
        job.object,
        row,
        job.externalIdFieldName,
      );
      success.push(
        [saved.id, String(saved.created), ...columns.map((c) => csvRow[c])].map(quote).join(','),
      );
    }
    job.success = `${success.join('\n')}\n`;
    job.failed = `${failed.join('\n')}\n`;
    job.state = 'JobComplete';
    job.completeAt = this.now() + this.bulkJobMs;
    return { id, state: 'UploadComplete' };
  }

  private query(soql: string): unknown {
    for (const field of this.hiddenFields) {
      const m = new RegExp(`\\b${field}\\b.*\\bFROM\\s+(\\w+)`, 'i').exec(soql);
      if (m)
        throw Object.assign(
          new Error(
            `No such column '${field}' on entity '${m[1]}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
          ),
          { errorCode: 'INVALID_FIELD' },
        );
    }
    const hooked = this.queryHook?.(soql);
    const records = hooked ?? this.evaluate(soql);
    return this.firstPage(records);
  }

  private firstPage(records: Record<string, unknown>[]): unknown {
    if (records.length <= this.pageSize) return { totalSize: records.length, done: true, records };
    const cursor = `01g${String(++this.sequence).padStart(12, '0')}AAA`;
    this.cursors.set(cursor, records);
    return {
      totalSize: records.length,
      done: false,
      records: records.slice(0, this.pageSize),
      nextRecordsUrl: `/services/data/v65.0/query/${cursor}-${this.pageSize}`,
    };
  }

  private page(ref: string): unknown {
    const [cursor, offsetText] = ref.split('-');
    const records = this.cursors.get(cursor) ?? [];
    const offset = Number(offsetText);
    const next = offset + this.pageSize;
    return {
      totalSize: records.length,
      done: next >= records.length,
      records: records.slice(offset, next),
      ...(next < records.length
        ? { nextRecordsUrl: `/services/data/v65.0/query/${cursor}-${next}` }
        : {}),
    };
  }

  /** SELECT a, b.c FROM X [WHERE p AND q] [ORDER BY f] [LIMIT n]. */
  evaluate(soql: string): Record<string, unknown>[] {
    const m = soql.match(
      /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER BY\s+([\w.]+))?(?:\s+LIMIT\s+(\d+))?$/is,
    );
    if (!m) throw new Error(`unsupported SOQL: ${soql}`);
    const [, fieldList, sobject, where, orderBy, limit] = m;
    this.assertKnown(sobject);
    const predicate = where ? this.compile(where) : () => true;
    let rows = this.all(sobject).filter(predicate);
    if (orderBy)
      rows = [...rows].sort((a, b) =>
        String(this.resolve(a, orderBy)).localeCompare(String(this.resolve(b, orderBy))),
      );
    if (limit) rows = rows.slice(0, Number(limit));
    const fields = fieldList.split(',').map((f) => f.trim());
    return rows.map((r) => {
      const out: Record<string, unknown> = { attributes: { type: sobject } };
      for (const f of fields) setPath(out, f, this.resolve(r, f));
      return out;
    });
  }

  private resolve(row: Record<string, unknown>, path: string): unknown {
    const [head, ...rest] = path.split('.');
    if (rest.length === 0) return row[head] ?? null;
    const idField = head.endsWith('__r') ? head.replace(/__r$/, '__c') : `${head}Id`;
    const parent = row[idField] ? this.byId(String(row[idField])) : undefined;
    return parent ? this.resolve(parent, rest.join('.')) : null;
  }

  /** Compiles a WHERE clause once per query into a predicate (a row-by-row parse is quadratic). */
  private compile(where: string): (row: Row) => boolean {
    const predicates = splitTopLevel(where).map((cond) => this.condition(cond.trim()));
    return (row) => predicates.every((p) => p(row));
  }

  private condition(cond: string): (row: Row) => boolean {
    let m: RegExpMatchArray | null;
    if ((m = cond.match(/^([\w.]+)\s+(NOT\s+)?IN\s+\((SELECT .+)\)$/is))) {
      const [, field, not, sub] = m;
      const ids = new Set(this.evaluate(sub).map((r) => Object.values(r)[1]));
      return (row) => ids.has(this.resolve(row, field)) !== Boolean(not);
    }
    if ((m = cond.match(/^([\w.]+)\s+(NOT\s+)?IN\s+\((.*)\)$/is))) {
      const [, field, not, list] = m;
      const values = new Set(list.split(',').map((v) => literal(v.trim())));
      return (row) => values.has(this.resolve(row, field)) !== Boolean(not);
    }
    if ((m = cond.match(/^([\w.]+)\s+LIKE\s+'(.*)'$/i))) {
      const field = m[1];
      const pattern = new RegExp(
        `^${m[2].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`,
      );
      return (row) => pattern.test(String(this.resolve(row, field) ?? ''));
    }
    if ((m = cond.match(/^([\w.]+)\s*(=|!=|>=|<=|>|<)\s*(.+)$/))) {
      const [, field, op] = m;
      const expected = literal(m[3].trim());
      return (row) => {
        const actual = this.resolve(row, field);
        switch (op) {
          case '=':
            return actual === expected;
          case '!=':
            return actual !== expected;
          case '>=':
            return String(actual) >= String(expected);
          case '<=':
            return String(actual) <= String(expected);
          case '>':
            return String(actual) > String(expected);
          default:
            return String(actual) < String(expected);
        }
      };
    }
    throw new Error(`unsupported condition: ${cond}`);
  }
}

function splitTopLevel(where: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < where.length; i++) {
    const ch = where[i];
    if (ch === "'" && where[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && /^\sAND\s/i.test(where.slice(i, i + 5))) {
      parts.push(where.slice(start, i));
      start = i + 5;
    }
  }
  parts.push(where.slice(start));
  return parts;
}

function literal(text: string): unknown {
  if (text === 'null') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/\\'/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function typed(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(value) && value.length < 15) return Number(value);
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] as Record<string, unknown> | null | undefined) ?? {};
  target[head] = child;
  setPath(child, rest.join('.'), value);
}
