/**
 * The `verify` command: close seeded open opportunities through the package's invocable action
 * (half Won, half Lost), wait for asynchronous work with a bounded timeout, check every downstream
 * record, then reopen one won opportunity and close it again to prove nothing is duplicated.
 */
import type {
  CloseActionInput,
  CloseActionOutput,
  CloseOutcome,
} from '../../../types/close-api.js';
import { SalesforceApi, type RestConnection } from '../api/salesforce-api.js';
import { UsageError } from '../errors.js';
import { runChecks } from '../expectations/checks.js';
import type {
  Actual,
  CheckResult,
  CloseInput,
  Expected,
  OpportunityBefore,
} from '../expectations/model.js';
import { expectClose } from '../expectations/rules.js';
import { renderTable } from '../output/table.js';
import { loadAfter, loadBefore, selectOpenSeeded } from './loader.js';
import { loadOrgConfig } from './org-config.js';

export const CLOSE_ACTION = 'CloseOpportunityAction';

export interface VerifyOptions {
  count: number;
  seed: string;
  timeout: number;
  poll: number;
  reopen: boolean;
  today: string;
}

export interface OpportunityReport {
  opportunityId: string;
  outcome: CloseOutcome;
  phase: 'close' | 're-close';
  passed: boolean;
  checks: CheckResult[];
}

export interface VerifyReport {
  status: 'passed' | 'failed';
  passed: boolean;
  opportunities: OpportunityReport[];
  apiCalls: number;
  waitedSeconds: number;
}

/**
 * The close inputs: even positions Won, odd positions Lost, all closing today, with values of the
 * Decision_Factors global value set and explanations longer than Min_Explanation_Length__c (20).
 */
export function planCloses(ids: string[], today: string, termMonths: number): CloseActionInput[] {
  return ids.map((opportunityId, i) =>
    i % 2 === 0
      ? {
          opportunityId,
          outcome: 'Won',
          closeDate: today,
          decisionFactorsText: 'Product Fit;Relationship',
          explanation: 'Closed by close-won verify: the customer signed after the pilot.',
          contractStartDate: today,
          contractTermMonths: termMonths,
        }
      : {
          opportunityId,
          outcome: 'Lost',
          closeDate: today,
          decisionFactorsText: 'Price',
          explanation: 'Closed by close-won verify: the customer chose a competitor on price.',
          lossReason: 'Lost to Competitor',
          competitor: 'Globex',
        },
  );
}

function toCloseInput(i: CloseActionInput): CloseInput {
  return {
    outcome: i.outcome,
    closeDate: i.closeDate as string,
    contractStartDate: i.contractStartDate ?? null,
    contractTermMonths: i.contractTermMonths ?? null,
  };
}

function actionFailure(output: CloseActionOutput | null, errors: string[]): CheckResult | null {
  if (output?.success) return null;
  const messages = [...errors, ...(output?.errorMessages ?? [])];
  return {
    check: 'close action',
    passed: false,
    detail: messages.join('; ') || 'the action reported failure',
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runVerify(
  conn: RestConnection,
  options: VerifyOptions,
): Promise<VerifyReport> {
  if (options.count < 1 || options.count > 2000)
    throw new UsageError('--count must be from 1 to 2000.');
  if (options.timeout > 3600) throw new UsageError('--timeout must be at most 3600 seconds.');
  const api = new SalesforceApi(conn);
  const config = await loadOrgConfig(api);
  const ids = await selectOpenSeeded(api, `cw${options.seed}-`, options.count);
  if (ids.length === 0) {
    throw new UsageError(
      `No open seeded opportunities for seed "${options.seed}". Run: npm run seed -- --seed ${options.seed}`,
      'NOTHING_TO_VERIFY',
    );
  }
  const inputs = planCloses(ids, options.today, config.settings.defaultContractTermMonths);
  const wonIds = new Set(inputs.filter((i) => i.outcome === 'Won').map((i) => i.opportunityId));
  const { before, units, stages } = await loadBefore(api, ids, wonIds);
  const beforeById = new Map(before.map((b) => [b.id, b]));
  const started = Date.now();

  const closeAll = async (rows: CloseActionInput[], closesSoFar: number) => {
    const outcomes = await api.invokeAction<CloseActionInput, CloseActionOutput>(
      CLOSE_ACTION,
      rows,
    );
    const expected = new Map<string, Expected>();
    const failed = new Map<string, CheckResult>();
    for (const { input, output, errors } of outcomes) {
      const failure = actionFailure(output, errors);
      if (failure) failed.set(input.opportunityId, failure);
      const b = beforeById.get(input.opportunityId) as OpportunityBefore;
      expected.set(
        input.opportunityId,
        expectClose(
          b,
          toCloseInput(input),
          config.settings,
          config.templates,
          config.stages,
          closesSoFar,
        ),
      );
    }
    return { expected, failed };
  };

  const waitAndCheck = async (
    expected: Map<string, Expected>,
    failed: Map<string, CheckResult>,
    subset: OpportunityBefore[],
  ) => {
    const deadline = Date.now() + options.timeout * 1000;
    for (;;) {
      const actual = await loadAfter(api, subset, units, config.settings.onboardingCampaignName);
      const results = new Map(
        subset.map((b) => [
          b.id,
          runChecks(expected.get(b.id) as Expected, actual.get(b.id) as Actual),
        ]),
      );
      const allPassed = [...results.values()].every((r) => r.every((c) => c.passed));
      if (allPassed || failed.size > 0 || Date.now() + options.poll * 1000 > deadline)
        return results;
      await sleep(options.poll * 1000);
    }
  };

  const first = await closeAll(inputs, 1);
  const firstResults = await waitAndCheck(first.expected, first.failed, before);
  const reports: OpportunityReport[] = inputs.map((input) =>
    report(input, 'close', first.failed, firstResults),
  );

  const reopenTarget = inputs.find((i, idx) => i.outcome === 'Won' && reports[idx].passed);
  if (options.reopen && reopenTarget) {
    const id = reopenTarget.opportunityId;
    const reopen = await api.update('Opportunity', [{ Id: id, StageName: stages.get(id) }]);
    if (reopen.failures.length > 0) {
      reports.push({
        opportunityId: id,
        outcome: 'Won',
        phase: 're-close',
        passed: false,
        checks: [
          {
            check: 'reopen',
            passed: false,
            detail: `${reopen.failures[0].reason} (the running user needs the Close_Won_Reopen permission)`,
          },
        ],
      });
    } else {
      const second = await closeAll([reopenTarget], 3);
      const target = [beforeById.get(id) as OpportunityBefore];
      const secondResults = await waitAndCheck(second.expected, second.failed, target);
      reports.push(report(reopenTarget, 're-close', second.failed, secondResults));
    }
  }
  const passed = reports.every((r) => r.passed);
  return {
    status: passed ? 'passed' : 'failed',
    passed,
    opportunities: reports,
    apiCalls: api.calls,
    waitedSeconds: Math.round((Date.now() - started) / 1000),
  };
}

function report(
  input: CloseActionInput,
  phase: 'close' | 're-close',
  failed: Map<string, CheckResult>,
  results: Map<string, CheckResult[]>,
): OpportunityReport {
  const failure = failed.get(input.opportunityId);
  const checks = failure
    ? [failure, ...(results.get(input.opportunityId) ?? [])]
    : (results.get(input.opportunityId) ?? []);
  return {
    opportunityId: input.opportunityId,
    outcome: input.outcome,
    phase,
    passed: checks.every((c) => c.passed),
    checks,
  };
}

export function formatVerifyReport(report: VerifyReport): string {
  const rows = report.opportunities.flatMap((o) =>
    o.checks.map((c) => [
      `${o.opportunityId} ${o.outcome}${o.phase === 're-close' ? ' (re-close)' : ''}`,
      c.check,
      c.passed ? 'ok' : 'FAIL',
      c.detail,
    ]),
  );
  const failedCount = report.opportunities.filter((o) => !o.passed).length;
  return (
    `${renderTable(['opportunity', 'check', 'result', 'detail'], rows)}\n` +
    `${report.passed ? 'PASSED' : 'FAILED'}: ${report.opportunities.length - failedCount}/${report.opportunities.length} ` +
    `opportunity closes verified; ${report.apiCalls} API calls; waited ${report.waitedSeconds}s.`
  );
}
