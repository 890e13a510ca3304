/**
 * The close rules as a pure function: an opportunity before its close, the close input, the
 * settings, task templates and stages → what every downstream record must look like.
 * `verify`, `audit` and their tests share these rules.
 */
import type { CloseOutcome } from '../../../types/close-api.js';
import type {
  CloseInput,
  CloseSettings,
  CloseStages,
  Expected,
  OpportunityBefore,
  TaskTemplate,
} from './model.js';

/**
 * Lifecycle stages before the account became a customer (blank, Detected, Pipeline): only these
 * move on a close. A customer (Implement and later) never moves backwards.
 */
export const BEFORE_CUSTOMER_STAGES: (string | null)[] = [null, 'Detected', 'Pipeline'];

const beforeCustomer = (stage: string | null): boolean =>
  BEFORE_CUSTOMER_STAGES.includes(stage || null);

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Task templates that apply to a close, as TaskTemplateMatcher (Apex) decides: active, same
 * outcome, amount in range (an opportunity without an amount matches only unbounded templates),
 * product family present among the lines (trimmed, case-insensitive).
 */
export function matchingTemplates(
  templates: TaskTemplate[],
  outcome: CloseOutcome,
  opp: OpportunityBefore,
): TaskTemplate[] {
  const amount = opp.amount;
  const families = new Set(
    opp.lines.map((l) => (l.productFamily ?? '').trim().toLowerCase()).filter((f) => f !== ''),
  );
  const amountMatches = (t: TaskTemplate): boolean =>
    (t.minAmount === null && t.maxAmount === null) ||
    (amount !== null &&
      (t.minAmount === null || amount >= t.minAmount) &&
      (t.maxAmount === null || amount <= t.maxAmount));
  return templates.filter(
    (t) =>
      t.active &&
      t.outcome === outcome &&
      amountMatches(t) &&
      (!t.productFamily?.trim() || families.has(t.productFamily.trim().toLowerCase())),
  );
}

/**
 * What a close must produce. `closesSoFar` counts Close_History__c rows expected after this close
 * (1 for a first close; 3 after close, reopen and re-close).
 */
export function expectClose(
  opp: OpportunityBefore,
  input: CloseInput,
  settings: CloseSettings,
  templates: TaskTemplate[],
  stages: CloseStages,
  closesSoFar = 1,
): Expected {
  const won = input.outcome === 'Won';
  const closedStage = won ? stages.won : stages.lost;
  const lineIds = opp.lines.map((l) => l.id);
  const units: Record<string, number> = {};
  if (won && settings.createAssets) {
    for (const l of opp.lines) units[l.product2Id] = (units[l.product2Id] ?? 0) + l.quantity;
  }
  // A win anywhere in the run beats a loss of the same account (the engine applies the win).
  const accountWins = won || opp.accountWinsInRun;
  const stage = opp.account.lifecycleStage;
  let account: Expected['account'];
  if (accountWins) {
    account = {
      lifecycleStages: [beforeCustomer(stage) ? 'Implement' : (stage ?? '')],
      customerSince: 'set',
      leadScore: opp.account.leadScore,
    };
  } else if (opp.otherOpenOpportunities === 0 && beforeCustomer(stage)) {
    account = { lifecycleStages: ['Detected'], customerSince: 'any', leadScore: 0 };
  } else {
    account = {
      lifecycleStages: [stage ?? ''],
      customerSince: 'any',
      leadScore: opp.account.leadScore,
    };
  }
  const campaign =
    won && settings.addToCampaign && settings.onboardingCampaignName
      ? settings.onboardingCampaignName
      : null;
  return {
    opportunityId: opp.id,
    outcome: input.outcome,
    stageName: closedStage.name,
    probability: closedStage.probability,
    forecastCategory: closedStage.forecastCategory,
    closeDate: input.closeDate,
    order: won && settings.createOrder ? { lineIds } : null,
    revenueScheduleLineIds:
      won && settings.createRevenueSchedules
        ? opp.lines.filter((l) => l.revenueSchedule).map((l) => l.id)
        : [],
    contract:
      won && settings.createContract
        ? {
            accountId: opp.accountId,
            startDate: input.contractStartDate ?? input.closeDate,
            termMonths: input.contractTermMonths ?? settings.defaultContractTermMonths,
          }
        : null,
    assetLineIds: won && settings.createAssets ? lineIds : [],
    unitsByProduct: units,
    account,
    customerContactIds: won ? [...opp.contactIds] : [],
    campaignName: campaign,
    handoff: won && settings.createHandoff,
    taskKeys:
      settings.createTasks &&
      (won || (opp.amount !== null && opp.amount >= settings.lostReviewAmountThreshold))
        ? matchingTemplates(templates, input.outcome, opp).map(
            (t) => `${opp.id}:${t.developerName}`,
          )
        : [],
    surveyDueDate:
      won && settings.sendSurvey ? addDays(input.closeDate, settings.surveyDelayDays) : null,
    historyCount: closesSoFar,
  };
}
