/**
 * Test data shared by the Close Won component tests: a CloseContext as the controller returns it
 * for an open opportunity with three products and every step on except revenue schedules and the
 * campaign. Tests override what they are about.
 */
import type { CloseContext, CloseHistoryEntry } from '../../../../../../types/close-api';

export const OPPORTUNITY_ID = '006000000000001AAA';

export function closeContext(overrides: Partial<CloseContext> = {}): CloseContext {
  return {
    opportunityId: OPPORTUNITY_ID,
    name: 'Acme renewal',
    accountName: 'Acme',
    amount: 120000,
    currencyIsoCode: 'USD',
    stageName: 'Negotiation/Review',
    closeDate: '2026-12-15',
    isClosed: false,
    isWon: false,
    lineItemCount: 3,
    canClose: true,
    canReopen: false,
    blockingIssues: [],
    warnings: [],
    wonStage: { name: 'Closed Won', probability: 100, forecastCategory: 'Closed' },
    lostStage: { name: 'Closed Lost', probability: 0, forecastCategory: 'Omitted' },
    decisionFactorOptions: [
      { label: 'Price', value: 'Price' },
      { label: 'Product fit', value: 'Product Fit' },
      { label: 'Relationship', value: 'Relationship' },
    ],
    lossReasonOptions: [
      { label: 'Lost to a competitor', value: 'Lost to Competitor' },
      { label: 'Budget', value: 'Budget' },
    ],
    competitorOptions: [
      { label: 'Globex', value: 'Globex' },
      { label: 'Initech', value: 'Initech' },
    ],
    defaults: {
      closeDate: '2026-11-23',
      contractStartDate: '2026-12-01',
      contractTermMonths: 12,
      minExplanationLength: 20,
    },
    steps: {
      order: true,
      contract: true,
      assets: true,
      revenueSchedules: false,
      campaign: false,
      lock: true,
      handoff: true,
      tasks: true,
      survey: true,
      event: true,
    },
    lastClose: null,
    history: [],
    ...overrides,
  };
}

export function historyEntry(overrides: Partial<CloseHistoryEntry> = {}): CloseHistoryEntry {
  return {
    id: 'a00000000000001AAA',
    action: 'Close',
    outcome: 'Won',
    stage: 'Closed Won',
    closeDate: '2026-11-20',
    amount: 120000,
    decisionFactors: ['Price', 'Product Fit'],
    explanation: 'Best integration story and a price the buyer could sign.',
    lossReason: null,
    competitor: null,
    actorName: 'Rita Rep',
    occurredOn: '2026-11-20T15:04:00.000Z',
    channel: 'Wizard',
    reopenReason: null,
    ...overrides,
  };
}

/** Lets pending promise callbacks and the re-render they cause run (a chain of microtasks). */
export function flushPromises(): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < 10; i += 1) {
    chain = chain.then(() => undefined);
  }
  return chain;
}
