/**
 * When waiting cannot change a verdict. The close action sets the stage, probability, forecast
 * category and close date in its own transaction, and the asynchronous work after it only ever
 * adds records (orders, contracts, assets, tasks, …), never removes them. So an opportunity whose
 * stage check fails, or that already has more of some record than expected (a duplicate), has
 * failed for good: `verify` stops re-reading it. Only missing records may still appear.
 */
import type { Actual, CheckResult, Expected } from '../expectations/model.js';

function surplus(expected: readonly string[], actual: readonly (string | null)[]): boolean {
  const seen = new Set<string>();
  for (const key of actual) {
    if (!key) continue;
    if (seen.has(key) || !expected.includes(key)) return true;
    seen.add(key);
  }
  return false;
}

/** Why this opportunity's failure is final, or null while it may still pass. */
export function finalFailure(e: Expected, a: Actual, results: CheckResult[]): string | null {
  if (results.every((r) => r.passed)) return null;
  const stage = results.find((r) => r.check === 'stage, probability, forecast, close date');
  if (stage && !stage.passed) return 'the close itself is wrong (set synchronously by the action)';
  const more: string[] = [];
  if (a.orders.length > (e.order ? 1 : 0)) more.push('orders');
  if (
    e.order &&
    surplus(
      e.order.lineIds,
      a.orderItems.map((i) => i.Close_Key__c),
    )
  )
    more.push('order items');
  if (a.contracts.length > (e.contract ? 1 : 0)) more.push('contracts');
  if (
    surplus(
      e.assetLineIds,
      a.assets.map((x) => x.Close_Key__c),
    )
  )
    more.push('assets');
  if (a.handoffs.length > (e.handoff ? 1 : 0)) more.push('handoffs');
  if (
    surplus(
      e.taskKeys,
      a.tasks.map((t) => t.Close_Key__c),
    )
  )
    more.push('tasks');
  if (a.surveys.length > (e.surveyDueDate ? 1 : 0)) more.push('survey requests');
  if (a.histories.length > e.historyCount) more.push('close history rows');
  return more.length
    ? `more ${more.join(', ')} than expected (records are never removed by waiting)`
    : null;
}
