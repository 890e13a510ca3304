/**
 * Loads the records `verify` compares, in bulk: one query per object per 200 ids, never one per
 * record, so verifying N opportunities costs O(N/200) queries.
 */
import type { SalesforceApi, SObjectRecord } from '../api/salesforce-api.js';
import { soqlString } from '../api/chunk.js';
import type { Actual, OpportunityBefore } from '../expectations/model.js';

type Row = SObjectRecord;

function groupBy<T extends Row>(
  rows: T[],
  key: (r: T) => string | null | undefined,
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (!k) continue;
    const group = map.get(k);
    if (group) group.push(r);
    else map.set(k, [r]);
  }
  return map;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Seeded open opportunities of a seed run, in seed-key order. */
export async function selectOpenSeeded(
  api: SalesforceApi,
  prefix: string,
  count: number,
): Promise<string[]> {
  const rows = await api.query<{ Id: string }>(
    `SELECT Id FROM Opportunity WHERE Seed_Key__c LIKE ${soqlString(`${prefix}%`)} AND IsClosed = false ORDER BY Seed_Key__c LIMIT ${count}`,
  );
  return rows.map((r) => r.Id);
}

/** The opportunities as they are before the close, with lines, contact roles and accounts. */
export async function loadBefore(
  api: SalesforceApi,
  ids: string[],
  wonIds: ReadonlySet<string> = new Set(),
): Promise<{
  before: OpportunityBefore[];
  units: Map<string, number>;
  stages: Map<string, string>;
}> {
  const opps = await api.queryByIds<Row>(
    ids,
    (ins) => `SELECT Id, AccountId, Amount, StageName FROM Opportunity WHERE Id IN ${ins}`,
  );
  const lines = await api.queryByIds<Row>(
    ids,
    (ins) =>
      `SELECT Id, OpportunityId, Product2Id, Product2.Family, Product2.CanUseRevenueSchedule, Quantity, UnitPrice FROM OpportunityLineItem WHERE OpportunityId IN ${ins}`,
  );
  const roles = await api.queryByIds<Row>(
    ids,
    (ins) =>
      `SELECT OpportunityId, ContactId FROM OpportunityContactRole WHERE OpportunityId IN ${ins}`,
  );
  const accountIds = opps.map((o) => String(o.AccountId));
  const accounts = await api.queryByIds<Row>(
    accountIds,
    (ins) =>
      `SELECT Id, Lifecycle_Stage__c, Customer_Since__c, Lead_Score__c FROM Account WHERE Id IN ${ins}`,
  );
  const open = await api.queryByIds<Row>(
    accountIds,
    (ins) => `SELECT Id, AccountId FROM Opportunity WHERE IsClosed = false AND AccountId IN ${ins}`,
  );
  const productIds = lines.map((l) => String(l.Product2Id));
  const products = await api.queryByIds<Row>(
    productIds,
    (ins) => `SELECT Id, Units_Sold__c FROM Product2 WHERE Id IN ${ins}`,
  );

  const closing = new Set(ids);
  const winningAccounts = new Map<string, Set<string>>();
  for (const o of opps) {
    if (!wonIds.has(String(o.Id))) continue;
    const key = String(o.AccountId);
    winningAccounts.set(key, (winningAccounts.get(key) ?? new Set()).add(String(o.Id)));
  }
  const linesByOpp = groupBy(lines, (l) => str(l.OpportunityId));
  const rolesByOpp = groupBy(roles, (r) => str(r.OpportunityId));
  const accountById = new Map(accounts.map((a) => [String(a.Id), a]));
  const otherOpen = groupBy(
    open.filter((o) => !closing.has(String(o.Id))),
    (o) => str(o.AccountId),
  );
  const before = opps.map((o): OpportunityBefore => {
    const account = accountById.get(String(o.AccountId));
    return {
      id: String(o.Id),
      accountId: String(o.AccountId),
      amount: (o.Amount as number | null) ?? null,
      lines: (linesByOpp.get(String(o.Id)) ?? []).map((l) => {
        const product = (l.Product2 ?? {}) as {
          Family?: string | null;
          CanUseRevenueSchedule?: boolean;
        };
        return {
          id: String(l.Id),
          product2Id: String(l.Product2Id),
          productFamily: product.Family ?? null,
          quantity: Number(l.Quantity),
          unitPrice: Number(l.UnitPrice),
          revenueSchedule: Boolean(product.CanUseRevenueSchedule),
        };
      }),
      contactIds: (rolesByOpp.get(String(o.Id)) ?? []).map((r) => String(r.ContactId)),
      account: {
        lifecycleStage: str(account?.Lifecycle_Stage__c),
        customerSince: str(account?.Customer_Since__c),
        leadScore: (account?.Lead_Score__c as number | null | undefined) ?? null,
      },
      otherOpenOpportunities: otherOpen.get(String(o.AccountId))?.length ?? 0,
      accountWinsInRun: [...(winningAccounts.get(String(o.AccountId)) ?? [])].some(
        (id) => id !== String(o.Id),
      ),
    };
  });
  return {
    before,
    units: new Map(products.map((p) => [String(p.Id), Number(p.Units_Sold__c ?? 0)])),
    stages: new Map(opps.map((o) => [String(o.Id), String(o.StageName)])),
  };
}

/** The queries `loadAfter` can run, one object each. */
export type AfterPart =
  | 'opportunity'
  | 'orders'
  | 'orderItems'
  | 'schedules'
  | 'contracts'
  | 'assets'
  | 'products'
  | 'accounts'
  | 'contacts'
  | 'members'
  | 'handoffs'
  | 'tasks'
  | 'surveys'
  | 'histories';

export const ALL_PARTS: ReadonlySet<AfterPart> = new Set<AfterPart>([
  'opportunity',
  'orders',
  'orderItems',
  'schedules',
  'contracts',
  'assets',
  'products',
  'accounts',
  'contacts',
  'members',
  'handoffs',
  'tasks',
  'surveys',
  'histories',
]);

/** The records each check of checks.ts reads: a poll re-reads only what a failing check needs. */
export const PARTS_OF_CHECK: Record<string, AfterPart[]> = {
  'stage, probability, forecast, close date': ['opportunity'],
  'order and items': ['orders', 'orderItems'],
  'revenue schedules': ['schedules'],
  contract: ['contracts', 'opportunity'],
  'assets and units sold': ['assets', 'products'],
  'account lifecycle, customer since, lead score': ['accounts'],
  'contact flags and campaign': ['contacts', 'members'],
  handoff: ['handoffs'],
  'tasks per template': ['tasks'],
  survey: ['opportunity', 'surveys'],
  'close history': ['histories'],
};

/**
 * Everything downstream of the given opportunities, grouped per opportunity. With `parts`, only
 * those objects are queried and the rest is taken from `previous` (an earlier load).
 */
export async function loadAfter(
  api: SalesforceApi,
  before: OpportunityBefore[],
  unitsBefore: Map<string, number>,
  campaignName: string | null,
  parts: ReadonlySet<AfterPart> = ALL_PARTS,
  previous?: Map<string, Actual>,
): Promise<Map<string, Actual>> {
  const ids = before.map((o) => o.id);
  const lineIds = before.flatMap((o) => o.lines.map((l) => l.id));
  const contactIds = before.flatMap((o) => o.contactIds);
  const accountIds = before.map((o) => o.accountId);
  const loads = (part: AfterPart): boolean => parts.has(part) || !previous;
  const byIds = async (
    part: AfterPart,
    keys: string[],
    build: (ins: string) => string,
  ): Promise<Row[]> => (loads(part) ? api.queryByIds<Row>(keys, build) : []);
  const opps = await byIds(
    'opportunity',
    ids,
    (ins) =>
      `SELECT Id, StageName, Probability, ForecastCategoryName, CloseDate, ContractId, Survey_Due_Date__c FROM Opportunity WHERE Id IN ${ins}`,
  );
  const orders = await byIds(
    'orders',
    ids,
    (ins) =>
      `SELECT Id, Status, Close_Key__c, OpportunityId FROM Order WHERE OpportunityId IN ${ins}`,
  );
  const orderItems = await byIds(
    'orderItems',
    lineIds,
    (ins) => `SELECT Close_Key__c, Quantity, UnitPrice FROM OrderItem WHERE Close_Key__c IN ${ins}`,
  );
  const schedules = await byIds(
    'schedules',
    lineIds,
    (ins) =>
      `SELECT OpportunityLineItemId FROM OpportunityLineItemSchedule WHERE OpportunityLineItemId IN ${ins}`,
  );
  const contracts = await byIds(
    'contracts',
    ids,
    (ins) =>
      `SELECT Id, Status, AccountId, StartDate, ContractTerm, Close_Key__c FROM Contract WHERE Close_Key__c IN ${ins}`,
  );
  const assets = await byIds(
    'assets',
    lineIds,
    (ins) => `SELECT Close_Key__c, Status FROM Asset WHERE Close_Key__c IN ${ins}`,
  );
  const products = await byIds(
    'products',
    [...unitsBefore.keys()],
    (ins) => `SELECT Id, Units_Sold__c FROM Product2 WHERE Id IN ${ins}`,
  );
  const accounts = await byIds(
    'accounts',
    accountIds,
    (ins) =>
      `SELECT Id, Lifecycle_Stage__c, Customer_Since__c, Lead_Score__c FROM Account WHERE Id IN ${ins}`,
  );
  const contacts = await byIds(
    'contacts',
    contactIds,
    (ins) => `SELECT Id, Customer_Contact__c FROM Contact WHERE Id IN ${ins}`,
  );
  const members = campaignName
    ? await byIds(
        'members',
        contactIds,
        (ins) =>
          `SELECT ContactId FROM CampaignMember WHERE Campaign.Name = ${soqlString(campaignName)} AND ContactId IN ${ins}`,
      )
    : [];
  const handoffs = await byIds(
    'handoffs',
    ids,
    (ins) =>
      `SELECT Id, Handoff_Key__c, Opportunity__c FROM Customer_Handoff__c WHERE Opportunity__c IN ${ins}`,
  );
  const tasks = await byIds(
    'tasks',
    ids,
    (ins) => `SELECT Close_Key__c, WhatId FROM Task WHERE WhatId IN ${ins}`,
  );
  const surveys = await byIds(
    'surveys',
    ids,
    (ins) =>
      `SELECT Due_Date__c, Opportunity__c FROM Survey_Request__c WHERE Opportunity__c IN ${ins}`,
  );
  const histories = await byIds(
    'histories',
    ids,
    (ins) =>
      `SELECT Action__c, Outcome__c, Opportunity__c, Occurred_On__c FROM Close_History__c WHERE Opportunity__c IN ${ins} ORDER BY Occurred_On__c`,
  );

  const oppById = new Map(opps.map((o) => [String(o.Id), o]));
  const ordersByOpp = groupBy(orders, (o) => str(o.OpportunityId));
  const itemsByLine = groupBy(orderItems, (i) => str(i.Close_Key__c));
  const scheduled = new Set(schedules.map((s) => String(s.OpportunityLineItemId)));
  const contractsByOpp = groupBy(contracts, (c) => str(c.Close_Key__c));
  const assetsByLine = groupBy(assets, (a) => str(a.Close_Key__c));
  const unitsAfter = new Map(products.map((p) => [String(p.Id), Number(p.Units_Sold__c ?? 0)]));
  const accountById = new Map(accounts.map((a) => [String(a.Id), a]));
  const contactById = new Map(contacts.map((c) => [String(c.Id), c]));
  const memberIds = new Set(members.map((m) => String(m.ContactId)));
  const handoffsByOpp = groupBy(handoffs, (h) => str(h.Opportunity__c));
  const tasksByOpp = groupBy(tasks, (t) => str(t.WhatId));
  const surveysByOpp = groupBy(surveys, (s) => str(s.Opportunity__c));
  const historiesByOpp = groupBy(histories, (h) => str(h.Opportunity__c));

  const result = new Map<string, Actual>();
  for (const b of before) {
    const o = oppById.get(b.id);
    const account = accountById.get(b.accountId);
    const lineIdsOf = b.lines.map((l) => l.id);
    const fresh: Actual = {
      opportunity: o
        ? {
            StageName: String(o.StageName),
            Probability: (o.Probability as number | null) ?? null,
            ForecastCategoryName: String(o.ForecastCategoryName),
            CloseDate: String(o.CloseDate),
            ContractId: str(o.ContractId),
            Survey_Due_Date__c: str(o.Survey_Due_Date__c),
          }
        : null,
      orders: (ordersByOpp.get(b.id) ?? []).map((x) => ({
        Id: String(x.Id),
        Status: String(x.Status),
        Close_Key__c: str(x.Close_Key__c),
      })),
      orderItems: lineIdsOf
        .flatMap((l) => itemsByLine.get(l) ?? [])
        .map((x) => ({
          Close_Key__c: str(x.Close_Key__c),
          Quantity: Number(x.Quantity),
          UnitPrice: Number(x.UnitPrice),
        })),
      scheduleLineIds: lineIdsOf.filter((l) => scheduled.has(l)),
      contracts: (contractsByOpp.get(b.id) ?? []).map((c) => ({
        Id: String(c.Id),
        Status: String(c.Status),
        AccountId: String(c.AccountId),
        StartDate: str(c.StartDate),
        ContractTerm: (c.ContractTerm as number | null) ?? null,
      })),
      assets: lineIdsOf
        .flatMap((l) => assetsByLine.get(l) ?? [])
        .map((x) => ({ Close_Key__c: str(x.Close_Key__c), Status: str(x.Status) })),
      unitsSold: Object.fromEntries(
        [...new Set(b.lines.map((l) => l.product2Id))].map((p) => [
          p,
          { before: unitsBefore.get(p) ?? 0, after: unitsAfter.get(p) ?? 0 },
        ]),
      ),
      account: account
        ? {
            Lifecycle_Stage__c: str(account.Lifecycle_Stage__c),
            Customer_Since__c: str(account.Customer_Since__c),
            Lead_Score__c: (account.Lead_Score__c as number | null) ?? null,
          }
        : null,
      contacts: b.contactIds.map((id) => ({
        Id: id,
        Customer_Contact__c: Boolean(contactById.get(id)?.Customer_Contact__c),
      })),
      campaignContactIds: b.contactIds.filter((id) => memberIds.has(id)),
      handoffs: (handoffsByOpp.get(b.id) ?? []).map((h) => ({
        Id: String(h.Id),
        Handoff_Key__c: str(h.Handoff_Key__c),
      })),
      tasks: (tasksByOpp.get(b.id) ?? []).map((t) => ({ Close_Key__c: str(t.Close_Key__c) })),
      surveys: (surveysByOpp.get(b.id) ?? []).map((s) => ({ Due_Date__c: str(s.Due_Date__c) })),
      histories: (historiesByOpp.get(b.id) ?? []).map((h) => ({
        Action__c: String(h.Action__c),
        Outcome__c: String(h.Outcome__c),
      })),
    };
    const old = previous?.get(b.id);
    result.set(b.id, old ? mergeParts(fresh, old, loads) : fresh);
  }
  return result;
}

/** Takes each field from the fresh load when its object was queried, else from the old one. */
function mergeParts(fresh: Actual, old: Actual, loaded: (part: AfterPart) => boolean): Actual {
  const pick = <K extends keyof Actual>(key: K, part: AfterPart): Actual[K] =>
    loaded(part) ? fresh[key] : old[key];
  return {
    opportunity: pick('opportunity', 'opportunity'),
    orders: pick('orders', 'orders'),
    orderItems: pick('orderItems', 'orderItems'),
    scheduleLineIds: pick('scheduleLineIds', 'schedules'),
    contracts: pick('contracts', 'contracts'),
    assets: pick('assets', 'assets'),
    unitsSold: pick('unitsSold', 'products'),
    account: pick('account', 'accounts'),
    contacts: pick('contacts', 'contacts'),
    campaignContactIds: pick('campaignContactIds', 'members'),
    handoffs: pick('handoffs', 'handoffs'),
    tasks: pick('tasks', 'tasks'),
    surveys: pick('surveys', 'surveys'),
    histories: pick('histories', 'histories'),
  };
}
