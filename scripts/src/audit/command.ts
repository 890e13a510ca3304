/**
 * The `audit` command: a read-only scan of closed opportunities (optionally since a date) for
 * post-close records that drifted. Loads in bulk (≤ 200 ids per query) and applies the pure drift
 * rules. Never writes.
 */
import {
  SalesforceApi,
  type ApiOptions,
  type RestConnection,
  type SObjectRecord,
} from '../api/salesforce-api.js';
import { findDrift, type DriftGroup } from '../expectations/drift.js';
import { renderTable } from '../output/table.js';
import { loadOrgConfig } from '../verify/org-config.js';

export interface AuditReport {
  status: 'clean' | 'drift';
  since: string | null;
  scanned: number;
  problemCount: number;
  problems: DriftGroup[];
  apiCalls: number;
}

function countBy(rows: SObjectRecord[], field: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const key = r[field];
    if (key) counts[String(key)] = (counts[String(key)] ?? 0) + 1;
  }
  return counts;
}

export async function runAudit(
  conn: RestConnection,
  options: { since?: string },
  apiOptions: ApiOptions = {},
): Promise<AuditReport> {
  const api = new SalesforceApi(conn, apiOptions);
  const config = await loadOrgConfig(api);
  const stages = await api.query<{ ApiName: string; ForecastCategoryName: string }>(
    'SELECT ApiName, ForecastCategoryName FROM OpportunityStage WHERE IsActive = true AND IsClosed = true',
  );
  const opps = await api.query<SObjectRecord>(
    `SELECT Id, AccountId, IsWon, StageName, ForecastCategoryName FROM Opportunity WHERE IsClosed = true${
      options.since ? ` AND CloseDate >= ${options.since}` : ''
    }`,
  );
  const ids = opps.map((o) => String(o.Id));
  const accountIds = [
    ...new Set(
      opps
        .map((o) => o.AccountId)
        .filter(Boolean)
        .map(String),
    ),
  ];
  const orders = await api.queryByIds(
    ids,
    (ins) => `SELECT OpportunityId FROM Order WHERE OpportunityId IN ${ins}`,
  );
  const contracts = await api.queryByIds(
    ids,
    (ins) => `SELECT Close_Key__c FROM Contract WHERE Close_Key__c IN ${ins}`,
  );
  const handoffs = await api.queryByIds(
    ids,
    (ins) => `SELECT Opportunity__c FROM Customer_Handoff__c WHERE Opportunity__c IN ${ins}`,
  );
  const tasks = await api.queryByIds(
    ids,
    (ins) => `SELECT Close_Key__c FROM Task WHERE Close_Key__c != null AND WhatId IN ${ins}`,
  );
  const wonIds = opps.filter((o) => o.IsWon).map((o) => String(o.Id));
  const lines = await api.queryByIds(
    wonIds,
    (ins) => `SELECT Id, OpportunityId FROM OpportunityLineItem WHERE OpportunityId IN ${ins}`,
  );
  const orderItems = await api.queryByIds(
    lines.map((l) => String(l.Id)),
    (ins) => `SELECT Close_Key__c FROM OrderItem WHERE Close_Key__c IN ${ins}`,
  );
  const lineIdsByOpp: Record<string, string[]> = {};
  for (const l of lines) (lineIdsByOpp[String(l.OpportunityId)] ??= []).push(String(l.Id));
  const accounts = await api.queryByIds(
    accountIds,
    (ins) => `SELECT Id, Lifecycle_Stage__c FROM Account WHERE Id IN ${ins}`,
  );
  const accountOpps = await api.queryByIds(
    accountIds,
    (ins) => `SELECT AccountId, IsClosed, IsWon FROM Opportunity WHERE AccountId IN ${ins}`,
  );

  const taskCounts = countBy(tasks, 'Close_Key__c');
  const oppsByAccount = new Map<string, SObjectRecord[]>();
  for (const o of accountOpps) {
    const key = String(o.AccountId);
    const own = oppsByAccount.get(key);
    if (own) own.push(o);
    else oppsByAccount.set(key, [o]);
  }
  const problems = findDrift({
    opportunities: opps.map((o) => ({
      id: String(o.Id),
      accountId: o.AccountId ? String(o.AccountId) : null,
      isWon: Boolean(o.IsWon),
      stageName: String(o.StageName),
      forecastCategory: String(o.ForecastCategoryName),
    })),
    settings: config.settings,
    stageForecast: Object.fromEntries(stages.map((s) => [s.ApiName, s.ForecastCategoryName])),
    ordersByOpp: countBy(orders, 'OpportunityId'),
    contractsByOpp: countBy(contracts, 'Close_Key__c'),
    handoffsByOpp: countBy(handoffs, 'Opportunity__c'),
    duplicateTaskKeys: Object.keys(taskCounts).filter((k) => taskCounts[k] > 1),
    lineIdsByOpp,
    orderItemLineIds: orderItems.map((i) => String(i.Close_Key__c)),
    accounts: accounts.map((a) => {
      const own = oppsByAccount.get(String(a.Id)) ?? [];
      return {
        id: String(a.Id),
        lifecycleStage: (a.Lifecycle_Stage__c as string | null) ?? null,
        openOpportunities: own.filter((o) => !o.IsClosed).length,
        wonOpportunities: own.filter((o) => o.IsWon).length,
      };
    }),
  });
  const problemCount = problems.reduce((n, g) => n + g.recordIds.length, 0);
  return {
    status: problemCount ? 'drift' : 'clean',
    since: options.since ?? null,
    scanned: opps.length,
    problemCount,
    problems,
    apiCalls: api.calls,
  };
}

export function formatAuditReport(report: AuditReport): string {
  const head = `Scanned ${report.scanned} closed opportunities${report.since ? ` closed since ${report.since}` : ''}.`;
  if (report.problemCount === 0) return `${head}\nNo drift found.`;
  const table = renderTable(
    ['problem', 'records', 'ids'],
    report.problems.map((g) => [
      g.problem,
      g.recordIds.length,
      g.recordIds.slice(0, 10).join('\n') + (g.recordIds.length > 10 ? '\n…' : ''),
    ]),
  );
  return `${head}\n${table}\n${report.problemCount} problem(s) found.`;
}
