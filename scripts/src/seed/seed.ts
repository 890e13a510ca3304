/**
 * Writes the generated seed data to an org, idempotently:
 * accounts, contacts, products and opportunities are upserted on Seed_Key__c; price book entries,
 * line items, contact roles and competitors have no upsert key, so the existing children of the
 * seeded records are read first (one paged query each) and only the missing ones are inserted.
 * An interrupted run is completed by running it again.
 *
 * A seeded opportunity that is closed (by `verify`, or by a person) is never written again, nor
 * are its children: upserting its open stage would reopen it (or fail on the reopen lock).
 */
import { soqlInList, soqlString } from '../api/chunk.js';
import { SalesforceApi, type SObjectRecord, type WriteResult } from '../api/salesforce-api.js';
import { ApiError, PartialFailureError, type RowFailure } from '../errors.js';
import type { Progress } from '../output/progress.js';
import type { SeedData, SeedOpportunity } from './generator.js';

export const SEED_KEY = 'Seed_Key__c';

export interface SeedStepSummary {
  sobject: string;
  desired: number;
  created: number;
  unchanged: number;
}

export interface SeedSummary {
  prefix: string;
  steps: SeedStepSummary[];
  /** Seeded opportunities already closed, left exactly as they are. */
  closedLeftAlone: number;
  apiCalls: number;
}

interface Step {
  sobject: string;
  desired: number;
  result: WriteResult;
}

/** Runs the seed and returns a per-object summary; throws PartialFailureError on rejected rows. */
export async function writeSeed(
  api: SalesforceApi,
  data: SeedData,
  progress: Progress,
): Promise<SeedSummary> {
  const steps: Step[] = [];
  const total =
    data.accounts.length +
    data.contacts.length +
    2 * data.products.length +
    data.opportunities.reduce(
      (n, o) => n + 1 + o.lines.length + o.contactRoles.length + o.competitors.length,
      0,
    );
  progress.start(total, 'seed');
  let closedLeftAlone = 0;
  const record = (sobject: string, desired: number, result: WriteResult): Map<string, string> => {
    steps.push({ sobject, desired, result });
    progress.advance(desired);
    if (result.failures.length > 0) {
      progress.stop();
      throw new PartialFailureError(result.failures);
    }
    return result.ids;
  };

  try {
    const standard = await api.query<{ Id: string }>(
      'SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1',
    );
    if (standard.length === 0)
      throw new ApiError('NO_STANDARD_PRICEBOOK', 'The org has no standard price book.');
    const pricebookId = standard[0].Id;

    const accountIds = record(
      'Account',
      data.accounts.length,
      await api.upsert(
        'Account',
        SEED_KEY,
        data.accounts.map((a) => ({
          [SEED_KEY]: a.key,
          Name: a.name,
          Industry: a.industry,
          Lifecycle_Stage__c: a.lifecycleStage,
          Lead_Score__c: a.leadScore,
        })),
      ),
    );
    const contactIds = record(
      'Contact',
      data.contacts.length,
      await api.upsert(
        'Contact',
        SEED_KEY,
        data.contacts.map((c) => ({
          [SEED_KEY]: c.key,
          AccountId: accountIds.get(c.accountKey),
          FirstName: c.firstName,
          LastName: c.lastName,
          Email: c.email,
        })),
      ),
    );
    const productIds = record(
      'Product2',
      data.products.length,
      await api.upsert(
        'Product2',
        SEED_KEY,
        data.products.map((p) => ({
          [SEED_KEY]: p.key,
          Name: p.name,
          ProductCode: p.productCode,
          Family: p.family,
          IsActive: true,
          CanUseRevenueSchedule: p.revenueSchedule,
          ...(p.revenueSchedule
            ? {
                RevenueScheduleType: 'Divide',
                RevenueInstallmentPeriod: 'Monthly',
                NumberOfRevenueInstallments: 12,
              }
            : {}),
        })),
      ),
    );

    const entryIds = await ensurePricebookEntries(api, data, pricebookId, productIds, record);

    const closed = await api.query<{ Id: string; Seed_Key__c: string }>(
      `SELECT Id, ${SEED_KEY} FROM Opportunity WHERE ${SEED_KEY} LIKE ${soqlString(`${data.prefix}%`)} AND IsClosed = true`,
    );
    const closedKeys = new Set(closed.map((o) => o.Seed_Key__c));
    closedLeftAlone = closedKeys.size;
    const opportunityIds = record(
      'Opportunity',
      data.opportunities.length,
      await api.upsert(
        'Opportunity',
        SEED_KEY,
        data.opportunities
          .filter((o) => !closedKeys.has(o.key))
          .map((o) => ({
            [SEED_KEY]: o.key,
            Name: o.name,
            AccountId: accountIds.get(o.accountKey),
            StageName: o.stageName,
            CloseDate: o.closeDate,
            Type: o.type,
            LeadSource: o.leadSource,
            Pricebook2Id: pricebookId,
          })),
      ),
    );

    // Line items, contact roles and competitors have no external id: read the seeded
    // opportunities' existing children once per object and insert only the missing ones.
    const children: ChildSpec[] = [
      {
        sobject: 'OpportunityLineItem',
        existingField: 'Product2Id',
        refField: 'PricebookEntryId',
        field: 'lines',
        rows: (o, opportunityId) =>
          o.lines.map((l) => {
            const productId = productIds.get(l.productKey) as string;
            return {
              key: productId,
              row: {
                OpportunityId: opportunityId,
                PricebookEntryId: entryIds.get(productId),
                Quantity: l.quantity,
                UnitPrice: l.unitPrice,
              },
            };
          }),
      },
      {
        sobject: 'OpportunityContactRole',
        existingField: 'ContactId',
        refField: 'ContactId',
        field: 'contactRoles',
        rows: (o, opportunityId) =>
          o.contactRoles.map((r) => {
            const contactId = contactIds.get(r.contactKey) as string;
            return {
              key: contactId,
              row: {
                OpportunityId: opportunityId,
                ContactId: contactId,
                Role: r.role,
                IsPrimary: r.isPrimary,
              },
            };
          }),
      },
      {
        sobject: 'OpportunityCompetitor',
        existingField: 'CompetitorName',
        refField: 'CompetitorName',
        field: 'competitors',
        rows: (o, opportunityId) =>
          o.competitors.map((name) => ({
            key: name,
            row: { OpportunityId: opportunityId, CompetitorName: name },
          })),
      },
    ];
    for (const spec of children) {
      record(
        spec.sobject,
        countOf(data, spec.field),
        await seedChildren(api, data, opportunityIds, spec),
      );
    }
  } finally {
    progress.stop();
  }

  return {
    prefix: data.prefix,
    closedLeftAlone,
    apiCalls: api.calls,
    steps: steps.map((s) => ({
      sobject: s.sobject,
      desired: s.desired,
      created: s.result.created,
      unchanged: s.desired - s.result.created,
    })),
  };
}

async function ensurePricebookEntries(
  api: SalesforceApi,
  data: SeedData,
  pricebookId: string,
  productIds: Map<string, string>,
  record: (sobject: string, desired: number, result: WriteResult) => Map<string, string>,
): Promise<Map<string, string>> {
  const ids = [...productIds.values()];
  const existing = await api.query<{ Id: string; Product2Id: string }>(
    `SELECT Id, Product2Id FROM PricebookEntry WHERE Pricebook2Id = ${soqlString(pricebookId)} AND Product2Id IN ${soqlInList(ids)}`,
  );
  const entryIds = new Map(existing.map((e) => [e.Product2Id, e.Id]));
  const missing = data.products
    .map((p) => ({ productId: productIds.get(p.key) as string, listPrice: p.listPrice }))
    .filter((p) => !entryIds.has(p.productId))
    .map((p) => ({
      Pricebook2Id: pricebookId,
      Product2Id: p.productId,
      UnitPrice: p.listPrice,
      IsActive: true,
    }));
  const inserted = record(
    'PricebookEntry',
    data.products.length,
    await insertOrSkip(api, 'PricebookEntry', missing, (r) => String(r.Product2Id)),
  );
  for (const [productId, id] of inserted) entryIds.set(productId, id);
  return entryIds;
}

async function insertOrSkip(
  api: SalesforceApi,
  sobject: string,
  rows: SObjectRecord[],
  refOf: (row: SObjectRecord) => string,
): Promise<WriteResult> {
  if (rows.length === 0) return { ids: new Map(), created: 0, failures: [] as RowFailure[] };
  return api.insert(sobject, rows, refOf);
}

/** A child object of the seeded opportunities, identified by OpportunityId + one field. */
interface ChildSpec {
  sobject: 'OpportunityLineItem' | 'OpportunityContactRole' | 'OpportunityCompetitor';
  /** The field that, with OpportunityId, identifies an existing child. */
  existingField: string;
  /** The field of an inserted row that, with OpportunityId, names it in results and failures. */
  refField: string;
  field: 'lines' | 'contactRoles' | 'competitors';
  rows(o: SeedOpportunity, opportunityId: string): Array<{ key: string; row: SObjectRecord }>;
}

/** One query for the existing children of every seeded opportunity, one insert of the rest. */
async function seedChildren(
  api: SalesforceApi,
  data: SeedData,
  opportunityIds: Map<string, string>,
  spec: ChildSpec,
): Promise<WriteResult> {
  const seededOpps = `SELECT Id FROM Opportunity WHERE ${SEED_KEY} LIKE ${soqlString(`${data.prefix}%`)}`;
  const existing = await api.query(
    `SELECT OpportunityId, ${spec.existingField} FROM ${spec.sobject} WHERE OpportunityId IN (${seededOpps})`,
  );
  const have = new Set(
    existing.map((r) => `${String(r.OpportunityId)}:${String(r[spec.existingField])}`),
  );
  const missing: SObjectRecord[] = [];
  for (const o of data.opportunities) {
    const opportunityId = opportunityIds.get(o.key);
    if (!opportunityId) continue; // closed: left alone
    for (const { key, row } of spec.rows(o, opportunityId)) {
      if (!have.has(`${opportunityId}:${key}`)) missing.push(row);
    }
  }
  return insertOrSkip(
    api,
    spec.sobject,
    missing,
    (r) => `${String(r.OpportunityId)}:${String(r[spec.refField])}`,
  );
}

function countOf(data: SeedData, field: 'lines' | 'contactRoles' | 'competitors'): number {
  return data.opportunities.reduce((n, o) => n + o[field].length, 0);
}
