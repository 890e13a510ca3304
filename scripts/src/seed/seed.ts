/**
 * Writes the generated seed data to an org, idempotently:
 * accounts, contacts, products and opportunities are upserted on Seed_Key__c; price book entries,
 * line items, contact roles and competitors have no upsert key, so the existing children of the
 * seeded records are read first (one paged query each) and only the missing ones are inserted.
 * An interrupted run is completed by running it again.
 */
import { soqlInList, soqlString } from '../api/chunk.js';
import { SalesforceApi, type SObjectRecord, type WriteResult } from '../api/salesforce-api.js';
import { ApiError, PartialFailureError, type RowFailure } from '../errors.js';
import type { Progress } from '../output/progress.js';
import type { SeedData } from './generator.js';

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

    const opportunityIds = record(
      'Opportunity',
      data.opportunities.length,
      await api.upsert(
        'Opportunity',
        SEED_KEY,
        data.opportunities.map((o) => ({
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

    const seededOpps = `SELECT Id FROM Opportunity WHERE ${SEED_KEY} LIKE ${soqlString(`${data.prefix}%`)}`;
    const existingLines = pairs(
      await api.query(
        `SELECT OpportunityId, Product2Id FROM OpportunityLineItem WHERE OpportunityId IN (${seededOpps})`,
      ),
      'OpportunityId',
      'Product2Id',
    );
    const lines: SObjectRecord[] = [];
    for (const o of data.opportunities) {
      const oppId = opportunityIds.get(o.key) as string;
      for (const l of o.lines) {
        const productId = productIds.get(l.productKey) as string;
        if (existingLines.has(`${oppId}:${productId}`)) continue;
        lines.push({
          OpportunityId: oppId,
          PricebookEntryId: entryIds.get(productId),
          Quantity: l.quantity,
          UnitPrice: l.unitPrice,
        });
      }
    }
    const lineRef = (r: SObjectRecord): string =>
      `${String(r.OpportunityId)}:${String(r.PricebookEntryId)}`;
    record(
      'OpportunityLineItem',
      countOf(data, 'lines'),
      await insertOrSkip(api, 'OpportunityLineItem', lines, lineRef),
    );

    const existingRoles = pairs(
      await api.query(
        `SELECT OpportunityId, ContactId FROM OpportunityContactRole WHERE OpportunityId IN (${seededOpps})`,
      ),
      'OpportunityId',
      'ContactId',
    );
    const roles: SObjectRecord[] = [];
    for (const o of data.opportunities) {
      const oppId = opportunityIds.get(o.key) as string;
      for (const r of o.contactRoles) {
        const contactId = contactIds.get(r.contactKey) as string;
        if (existingRoles.has(`${oppId}:${contactId}`)) continue;
        roles.push({
          OpportunityId: oppId,
          ContactId: contactId,
          Role: r.role,
          IsPrimary: r.isPrimary,
        });
      }
    }
    const roleRef = (r: SObjectRecord): string =>
      `${String(r.OpportunityId)}:${String(r.ContactId)}`;
    record(
      'OpportunityContactRole',
      countOf(data, 'contactRoles'),
      await insertOrSkip(api, 'OpportunityContactRole', roles, roleRef),
    );

    const existingCompetitors = pairs(
      await api.query(
        `SELECT OpportunityId, CompetitorName FROM OpportunityCompetitor WHERE OpportunityId IN (${seededOpps})`,
      ),
      'OpportunityId',
      'CompetitorName',
    );
    const competitors: SObjectRecord[] = [];
    for (const o of data.opportunities) {
      const oppId = opportunityIds.get(o.key) as string;
      for (const name of o.competitors) {
        if (existingCompetitors.has(`${oppId}:${name}`)) continue;
        competitors.push({ OpportunityId: oppId, CompetitorName: name });
      }
    }
    const competitorRef = (r: SObjectRecord): string =>
      `${String(r.OpportunityId)}:${String(r.CompetitorName)}`;
    record(
      'OpportunityCompetitor',
      countOf(data, 'competitors'),
      await insertOrSkip(api, 'OpportunityCompetitor', competitors, competitorRef),
    );
  } finally {
    progress.stop();
  }

  return {
    prefix: data.prefix,
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

function pairs(records: SObjectRecord[], left: string, right: string): Set<string> {
  return new Set(records.map((r) => `${String(r[left])}:${String(r[right])}`));
}

function countOf(data: SeedData, field: 'lines' | 'contactRoles' | 'competitors'): number {
  return data.opportunities.reduce((n, o) => n + o[field].length, 0);
}
