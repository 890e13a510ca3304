/**
 * The checks `verify` runs on one closed opportunity: each compares one aspect of the loaded
 * records with the expectation and says what differs. Pure functions.
 */
import type { Actual, CheckResult, Expected } from './model.js';

type Check = (e: Expected, a: Actual) => CheckResult;

const result = (check: string, problems: string[], ok: string): CheckResult => ({
  check,
  passed: problems.length === 0,
  detail: problems.length === 0 ? ok : problems.join('; '),
});

function countBy(values: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function missingAndDuplicated(
  label: string,
  expected: string[],
  actual: (string | null)[],
): string[] {
  const counts = countBy(actual);
  const problems: string[] = [];
  const missing = expected.filter((k) => !counts.has(k));
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
  const unexpected = [...counts.keys()].filter((k) => !expected.includes(k));
  if (missing.length) problems.push(`${label} missing for ${missing.join(', ')}`);
  if (duplicated.length) problems.push(`${label} duplicated for ${duplicated.join(', ')}`);
  if (unexpected.length) problems.push(`unexpected ${label} for ${unexpected.join(', ')}`);
  return problems;
}

export const checkStage: Check = (e, a) => {
  const o = a.opportunity;
  const problems: string[] = [];
  if (!o) problems.push('opportunity not found');
  else {
    if (o.StageName !== e.stageName)
      problems.push(`stage is ${o.StageName}, expected ${e.stageName}`);
    if (o.Probability !== e.probability)
      problems.push(`probability is ${String(o.Probability)}, expected ${e.probability}`);
    if (o.ForecastCategoryName !== e.forecastCategory) {
      problems.push(
        `forecast category is ${o.ForecastCategoryName}, expected ${e.forecastCategory}`,
      );
    }
    if (o.CloseDate !== e.closeDate)
      problems.push(`close date is ${o.CloseDate}, expected ${e.closeDate}`);
  }
  return result(
    'stage, probability, forecast, close date',
    problems,
    `${e.stageName}, ${e.probability}%, ${e.forecastCategory}`,
  );
};

export const checkOrder: Check = (e, a) => {
  if (!e.order)
    return result(
      'order and items',
      a.orders.length ? [`${a.orders.length} order(s) where none is expected`] : [],
      'none, as expected',
    );
  const problems: string[] = [];
  if (a.orders.length !== 1) problems.push(`${a.orders.length} orders, expected 1`);
  if (a.orders.some((o) => o.Close_Key__c !== e.opportunityId))
    problems.push('order Close_Key__c is not the opportunity id');
  if (a.orders.some((o) => o.Status !== 'Draft'))
    problems.push(`order status ${a.orders.map((o) => o.Status).join(', ')}, expected Draft`);
  problems.push(
    ...missingAndDuplicated(
      'order item',
      e.order.lineIds,
      a.orderItems.map((i) => i.Close_Key__c),
    ),
  );
  return result('order and items', problems, `1 order, ${e.order.lineIds.length} item(s)`);
};

export const checkRevenueSchedules: Check = (e, a) => {
  const have = new Set(a.scheduleLineIds);
  const missing = e.revenueScheduleLineIds.filter((id) => !have.has(id));
  return result(
    'revenue schedules',
    missing.length ? [`no schedule for line(s) ${missing.join(', ')}`] : [],
    `${e.revenueScheduleLineIds.length} scheduled line(s)`,
  );
};

export const checkContract: Check = (e, a) => {
  if (!e.contract) {
    return result(
      'contract',
      a.contracts.length ? [`${a.contracts.length} contract(s) where none is expected`] : [],
      'none, as expected',
    );
  }
  const problems: string[] = [];
  if (a.contracts.length !== 1) problems.push(`${a.contracts.length} contracts, expected 1`);
  const c = a.contracts[0];
  if (c) {
    if (c.Status !== 'Draft') problems.push(`status ${c.Status}, expected Draft`);
    if (c.AccountId !== e.contract.accountId)
      problems.push('account differs from the opportunity account');
    if (c.StartDate !== e.contract.startDate)
      problems.push(`start ${String(c.StartDate)}, expected ${e.contract.startDate}`);
    if (c.ContractTerm !== e.contract.termMonths)
      problems.push(`term ${String(c.ContractTerm)}, expected ${e.contract.termMonths}`);
    if (a.opportunity?.ContractId !== c.Id)
      problems.push('Opportunity.ContractId does not link the contract');
  }
  return result('contract', problems, `Draft, ${e.contract.termMonths} months, linked`);
};

export const checkAssets: Check = (e, a) => {
  const problems = missingAndDuplicated(
    'asset',
    e.assetLineIds,
    a.assets.map((x) => x.Close_Key__c),
  );
  if (a.assets.some((x) => x.Status !== 'Purchased'))
    problems.push('asset status is not Purchased');
  for (const [product, qty] of Object.entries(e.unitsByProduct)) {
    const units = a.unitsSold[product];
    if (!units || units.after < units.before + qty) {
      problems.push(
        `units sold of ${product} rose by ${units ? units.after - units.before : 0}, expected at least ${qty}`,
      );
    }
  }
  return result('assets and units sold', problems, `${e.assetLineIds.length} asset(s)`);
};

export const checkAccount: Check = (e, a) => {
  const problems: string[] = [];
  if (!a.account) problems.push('account not found');
  else {
    if (!e.account.lifecycleStages.includes(a.account.Lifecycle_Stage__c ?? '')) {
      problems.push(
        `lifecycle ${String(a.account.Lifecycle_Stage__c)}, expected ${e.account.lifecycleStages.join(' or ')}`,
      );
    }
    if (e.account.customerSince === 'set' && !a.account.Customer_Since__c)
      problems.push('customer-since is blank');
    if (e.account.leadScore !== null && a.account.Lead_Score__c !== e.account.leadScore) {
      problems.push(
        `lead score ${String(a.account.Lead_Score__c)}, expected ${e.account.leadScore}`,
      );
    }
  }
  return result(
    'account lifecycle, customer since, lead score',
    problems,
    e.account.lifecycleStages.join(' or '),
  );
};

export const checkContacts: Check = (e, a) => {
  const flagged = new Set(a.contacts.filter((c) => c.Customer_Contact__c).map((c) => c.Id));
  const problems: string[] = [];
  const unflagged = e.customerContactIds.filter((id) => !flagged.has(id));
  if (unflagged.length) problems.push(`not marked customer contact: ${unflagged.join(', ')}`);
  if (e.campaignName) {
    const members = new Set(a.campaignContactIds);
    const outside = e.customerContactIds.filter((id) => !members.has(id));
    if (outside.length) problems.push(`not in campaign ${e.campaignName}: ${outside.join(', ')}`);
  }
  return result(
    'contact flags and campaign',
    problems,
    `${e.customerContactIds.length} contact(s)`,
  );
};

export const checkHandoff: Check = (e, a) => {
  const expected = e.handoff ? 1 : 0;
  const problems =
    a.handoffs.length === expected ? [] : [`${a.handoffs.length} handoff(s), expected ${expected}`];
  if (e.handoff && a.handoffs.some((h) => h.Handoff_Key__c !== e.opportunityId))
    problems.push('Handoff_Key__c is not the opportunity id');
  return result('handoff', problems, expected ? '1 handoff' : 'none, as expected');
};

export const checkTasks: Check = (e, a) =>
  result(
    'tasks per template',
    missingAndDuplicated(
      'task',
      e.taskKeys,
      a.tasks.map((t) => t.Close_Key__c),
    ),
    `${e.taskKeys.length} task(s)`,
  );

export const checkSurvey: Check = (e, a) => {
  const problems: string[] = [];
  const stamped = a.opportunity?.Survey_Due_Date__c ?? null;
  if (stamped !== e.surveyDueDate) {
    problems.push(`survey due date is ${String(stamped)}, expected ${String(e.surveyDueDate)}`);
  }
  if (!e.surveyDueDate && a.surveys.length > 0) {
    problems.push(`${a.surveys.length} survey request(s) where none is expected`);
  }
  if (a.surveys.length > 1)
    problems.push(`${a.surveys.length} survey requests, expected at most 1`);
  const wrongDue = a.surveys.filter((r) => e.surveyDueDate && r.Due_Date__c !== e.surveyDueDate);
  if (wrongDue.length) {
    problems.push(
      `request due ${String(wrongDue[0].Due_Date__c)}, expected ${String(e.surveyDueDate)}`,
    );
  }
  return result(
    'survey',
    problems,
    e.surveyDueDate ? `due ${e.surveyDueDate}` : 'none, as expected',
  );
};

export const checkHistory: Check = (e, a) => {
  const problems: string[] = [];
  if (a.histories.length !== e.historyCount)
    problems.push(`${a.histories.length} close history row(s), expected ${e.historyCount}`);
  const last = a.histories[a.histories.length - 1];
  if (last && (last.Action__c !== 'Close' || last.Outcome__c !== e.outcome)) {
    problems.push(
      `last history is ${last.Action__c}/${last.Outcome__c}, expected Close/${e.outcome}`,
    );
  }
  return result('close history', problems, `${e.historyCount} row(s)`);
};

export const ALL_CHECKS: Check[] = [
  checkStage,
  checkOrder,
  checkRevenueSchedules,
  checkContract,
  checkAssets,
  checkAccount,
  checkContacts,
  checkHandoff,
  checkTasks,
  checkSurvey,
  checkHistory,
];

export function runChecks(e: Expected, a: Actual): CheckResult[] {
  return ALL_CHECKS.map((check) => check(e, a));
}
