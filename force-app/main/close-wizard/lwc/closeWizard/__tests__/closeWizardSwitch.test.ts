/**
 * Issue 11, 3.10: the one-step outcome switch. Close as Lost on a Won deal (or Close as Won on a
 * Lost one) offers "Change to <outcome>" when the rep may reopen: Details of the new outcome plus
 * the required reason, Review, then one `changeOutcome` call (reopen + close on the server, all or
 * nothing). Without the reopen permission the wizard keeps explaining who can switch.
 */
import { createElement } from 'lwc';
import CloseWizard from 'c/closeWizard';
import { LABELS } from 'c/closeWonLabels';
import { formatLabel } from 'c/closeWonUtils';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import closeOpportunity from '@salesforce/apex/CloseOpportunityController.closeOpportunity';
import reopenOpportunity from '@salesforce/apex/CloseOpportunityController.reopenOpportunity';
import changeOutcome from '@salesforce/apex/CloseOpportunityController.changeOutcome';
import discardContractUpload from '@salesforce/apex/CloseOpportunityController.discardContractUpload';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { CloseContext, CloseOutcome, CloseResult } from '../../../../../../types/close-api';
import {
  OPPORTUNITY_ID,
  closeContext,
  flushPromises,
  historyEntry,
} from '../../closeWonUtils/__tests__/closeContextFixture';
import { activeIn, deepQuery, deepQueryAll } from './wizardDom';

jest.mock(
  '@salesforce/apex/CloseOpportunityController.loadContext',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/CloseOpportunityController.closeOpportunity',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/CloseOpportunityController.reopenOpportunity',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/CloseOpportunityController.changeOutcome',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/CloseOpportunityController.discardContractUpload',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

const mockLoad = loadContext as unknown as jest.Mock;
const mockClose = closeOpportunity as unknown as jest.Mock;
const mockReopen = reopenOpportunity as unknown as jest.Mock;
const mockChange = changeOutcome as unknown as jest.Mock;
const mockDiscard = discardContractUpload as unknown as jest.Mock;
const mockNotify = notifyRecordUpdateAvailable as unknown as jest.Mock;

const REASON = 'The customer signed with Globex after all.';

const closedWon = closeContext({
  isClosed: true,
  isWon: true,
  stageName: 'Closed Won',
  canClose: false,
  canReopen: true,
  blockingIssues: [
    { code: 'ALREADY_CLOSED', message: 'This opportunity is already closed.', fixField: null },
  ],
  lastClose: historyEntry(),
  history: [historyEntry()],
});

const closedLost = closeContext({
  ...closedWon,
  isWon: false,
  stageName: 'Closed Lost',
  lastClose: historyEntry({ outcome: 'Lost', stage: 'Closed Lost' }),
});

type Wizard = HTMLElement & { recordId?: string; outcome: CloseOutcome };

interface Mounted {
  element: Wizard;
  toasts: CustomEvent[];
  closes: Event[];
  refreshes: Event[];
}

interface Validatable extends HTMLElement {
  setCustomValidity(message: string): void;
}

function find<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T {
  return deepQuery(element, selector) as T;
}

async function mount(outcome: CloseOutcome, context: CloseContext): Promise<Mounted> {
  mockLoad.mockResolvedValue(context);
  const element = createElement('c-close-wizard', { is: CloseWizard }) as Wizard;
  element.outcome = outcome;
  element.recordId = OPPORTUNITY_ID;
  const mounted: Mounted = { element, toasts: [], closes: [], refreshes: [] };
  element.addEventListener('lightning__showtoast', (event) =>
    mounted.toasts.push(event as CustomEvent),
  );
  element.addEventListener('done', (event) => mounted.closes.push(event));
  element.addEventListener('lightning__refresh', (event) => mounted.refreshes.push(event));
  document.body.appendChild(element);
  await flushPromises();
  return mounted;
}

async function change(element: HTMLElement, selector: string, detail: Record<string, unknown>) {
  const input = find(element, selector);
  expect(input).not.toBeNull();
  input.dispatchEvent(new CustomEvent('change', { detail }));
  await flushPromises();
}

async function click(element: HTMLElement, dataId: string) {
  const button = find(element, `[data-id="${dataId}"]`);
  expect(button).not.toBeNull();
  button.click();
  await flushPromises();
}

async function fillLostDetails(element: HTMLElement) {
  await change(element, '[data-field="lossReason"]', { value: 'Lost to Competitor' });
  await change(element, '[data-field="competitorChoice"]', { value: 'Globex' });
  await change(element, '[data-field="decisionFactors"]', { value: ['Price'] });
  await change(element, '[data-field="explanation"]', {
    value: 'Globex came in 30% cheaper on a three-year deal.',
  });
}

async function typeReason(element: HTMLElement, value: string) {
  await change(element, 'lightning-textarea[data-error="reason"]', { value });
}

/** Starts the switch on a Won deal launched as Close as Lost, fills everything, reaches Review. */
async function switchToLostReview(): Promise<Mounted> {
  const mounted = await mount('Lost', closedWon);
  await click(mounted.element, 'change-outcome');
  await typeReason(mounted.element, `  ${REASON}  `);
  await fillLostDetails(mounted.element);
  await click(mounted.element, 'next');
  return mounted;
}

function watchField(element: HTMLElement, field: string) {
  const input = find<Validatable>(element, `[data-error="${field}"]`);
  expect(input).not.toBeNull();
  return {
    validity: jest.spyOn(input, 'setCustomValidity'),
    focus: jest.spyOn(input, 'focus'),
  };
}

function isShown(element: HTMLElement, step: string): boolean {
  const section = find(element, `[data-id="${step}"]`);
  return section !== null && !section.classList.contains('slds-hide');
}

/** Issue 11, 3.6: the error popover's field links, record-level messages and admin message. */
function errorsShown(element: HTMLElement): {
  fields: string[];
  messages: string[];
  admin: string;
} {
  const texts = (selector: string): string[] =>
    Array.from(deepQueryAll(element, selector)).map((item) => (item.textContent ?? '').trim());
  return {
    fields: texts('[data-id="error-summary"] [data-id="error-fields"] button'),
    messages: texts('[data-id="error-summary"] [data-id="error-messages"] li'),
    admin: texts('[data-id="error-summary"] [data-id="error-admin"]')[0] ?? '',
  };
}

function failed(errors: CloseResult['errors']): CloseResult {
  return { success: false, opportunityId: OPPORTUNITY_ID, stageName: null, errors };
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
  jest.restoreAllMocks();
});

describe('c-close-wizard: changing the outcome of a closed deal in one step', () => {
  it('offers Change to Lost beside Reopen, and Done keeps the default focus', async () => {
    const { element } = await mount('Lost', closedWon);

    const changeButton = find<HTMLElement & { label: string }>(
      element,
      '[data-id="change-outcome"]',
    );
    expect(changeButton.label).toBe(formatLabel(LABELS.changeOutcome, LABELS.outcomeLost));
    expect(changeButton.getAttribute('variant')).toBeNull();
    expect(find(element, '[data-id="switch-outcome"]').textContent).toBe(
      formatLabel(LABELS.switchOutcome, LABELS.outcomeLost),
    );
    expect(find(element, '[data-autofocus="closed"]').dataset.id).toBe('cancel');
    expect(changeButton.dataset.autofocus).toBeUndefined();
  });

  it('keeps the explanation and offers no switch without the reopen permission', async () => {
    const { element } = await mount('Lost', { ...closedWon, canReopen: false });

    expect(find(element, '[data-id="change-outcome"]')).toBeNull();
    expect(find(element, '[data-id="switch-outcome"]').textContent).toBe(
      formatLabel(LABELS.switchOutcomeNoReopen, LABELS.outcomeLost),
    );
  });

  it('offers no switch when the deal already has the outcome asked for', async () => {
    const { element } = await mount('Won', closedWon);

    expect(find(element, '[data-id="change-outcome"]')).toBeNull();
    expect(find(element, '[data-id="reopen"]')).not.toBeNull();
  });

  it('shows the Lost details with the reason first, and says what stays of the win', async () => {
    const { element } = await mount('Lost', closedWon);
    const focused = jest.spyOn(HTMLElement.prototype, 'focus');

    await click(element, 'change-outcome');

    expect(find(element, '[data-id="closed"]')).toBeNull();
    expect(isShown(element, 'details')).toBe(true);
    expect(find(element, '[data-id="readiness"]')).toBeNull();
    expect(find(element, '[data-field="lossReason"]')).not.toBeNull();
    expect(find(element, '[data-field="contractTermMonths"]')).toBeNull();
    expect(
      find<HTMLElement & { header: string }>(element, 'lightning-quick-action-panel').header,
    ).toBe(formatLabel(LABELS.changeOutcome, LABELS.outcomeLost));
    expect(find(element, '[data-id="switch-note"]').textContent).toBe(
      formatLabel(LABELS.changeOutcomeNote, LABELS.outcomeLost),
    );
    expect(find(element, '[data-id="switch-keeps"]').textContent?.trim()).toBe(
      LABELS.changeOutcomeKeeps,
    );
    const reason = find(element, 'lightning-textarea[data-error="reason"]');
    expect(reason.dataset.autofocus).toBe('details');
    expect(focused.mock.contexts).toEqual([reason]);
  });

  it('requires the reason before Review, like the details', async () => {
    const { element } = await mount('Lost', closedWon);
    await click(element, 'change-outcome');
    await fillLostDetails(element);
    const reason = watchField(element, 'reason');

    await click(element, 'next');

    expect(reason.validity).toHaveBeenCalledWith(LABELS.errorRequired);
    expect(reason.focus).toHaveBeenCalled();
    expect(find(element, '[data-id="review"]')).toBeNull();

    await typeReason(element, REASON);
    await click(element, 'next');
    expect(find(element, '[data-id="review"]')).not.toBeNull();
  });

  it('reviews the reason, then changes the outcome with one call and refreshes the page', async () => {
    const { element, toasts, closes, refreshes } = await switchToLostReview();

    expect(find(element, '[data-id="review-switch-reason"]').textContent?.trim()).toBe(REASON);
    expect(find(element, '[data-id="review-loss-reason"]')).not.toBeNull();
    const submit = find<HTMLElement & { label: string }>(element, '[data-id="submit"]');
    expect(submit.label).toBe(formatLabel(LABELS.changeOutcome, LABELS.outcomeLost));
    mockChange.mockResolvedValue({
      success: true,
      opportunityId: OPPORTUNITY_ID,
      stageName: 'Closed Lost',
      errors: [],
    } satisfies CloseResult);

    await click(element, 'submit');

    expect(mockChange).toHaveBeenCalledTimes(1);
    const { request, reason } = mockChange.mock.calls[0][0];
    expect(reason).toBe(REASON);
    expect(request).toEqual(
      expect.objectContaining({
        opportunityId: OPPORTUNITY_ID,
        outcome: 'Lost',
        lossReason: 'Lost to Competitor',
        competitor: 'Globex',
        decisionFactors: ['Price'],
      }),
    );
    expect(mockClose).not.toHaveBeenCalled();
    expect(mockReopen).not.toHaveBeenCalled();
    expect(toasts[0].detail).toEqual({
      title: formatLabel(LABELS.changeOutcomeSuccess, LABELS.outcomeLost),
      message: formatLabel(LABELS.successMessage, closedWon.name, 'Closed Lost'),
      variant: 'success',
    });
    expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);
    expect(refreshes).toHaveLength(1);
    expect(closes).toHaveLength(1);
  });

  it('keeps the signed contract a Lost-to-Won switch used when the action closes afterwards', async () => {
    const signed = { documentId: '069000000000001AAA', name: 'signed.pdf' };
    const { element, closes } = await mount('Won', closedLost);
    await click(element, 'change-outcome');
    await typeReason(element, REASON);
    find(element, '[data-id="contract-upload"]').dispatchEvent(
      new CustomEvent('uploadfinished', { detail: { files: [signed] } }),
    );
    await flushPromises();
    await change(element, '[data-field="decisionFactors"]', { value: ['Price'] });
    await change(element, '[data-field="explanation"]', {
      value: 'They came back after the pilot and signed for three years.',
    });
    await click(element, 'next');
    mockChange.mockResolvedValue({
      success: true,
      opportunityId: OPPORTUNITY_ID,
      stageName: 'Closed Won',
      errors: [],
    });

    await click(element, 'submit');
    document.body.removeChild(element);
    await flushPromises();

    expect(mockChange).toHaveBeenCalledWith(
      expect.objectContaining({
        request: expect.objectContaining({ contractDocumentId: signed.documentId }),
      }),
    );
    expect(closes).toHaveLength(1);
    expect(mockDiscard).not.toHaveBeenCalled();
  });

  it('switches a Lost deal to Won with the Won details and without the note about the win', async () => {
    const { element } = await mount('Won', closedLost);

    await click(element, 'change-outcome');

    expect(find(element, '[data-field="contractTermMonths"]')).not.toBeNull();
    expect(find(element, '[data-field="lossReason"]')).toBeNull();
    expect(find(element, '[data-id="switch-keeps"]')).toBeNull();
    expect(find(element, '[data-id="switch-note"]').textContent).toBe(
      formatLabel(LABELS.changeOutcomeNote, LABELS.outcomeWon),
    );
  });

  it('shows the refusal when the permission went missing, and stays open', async () => {
    const { element, toasts, closes } = await switchToLostReview();
    const refusal =
      'You need the Close Won Reopen permission to change the outcome of a closed opportunity.';
    mockChange.mockResolvedValue(failed([{ field: null, message: refusal }]));

    await click(element, 'submit');

    expect(errorsShown(element).messages).toEqual([refusal]);
    expect(activeIn(element)).toBe(find(element, '[data-id="error-summary"]'));
    expect(toasts).toHaveLength(0);
    expect(closes).toHaveLength(0);
  });

  it('takes a server validation error back to its field on Details', async () => {
    const { element, closes } = await switchToLostReview();
    const competitor = watchField(element, 'competitor');
    mockChange.mockResolvedValue(
      failed([{ field: 'competitor', message: 'Name the competitor that won.' }]),
    );

    await click(element, 'submit');

    expect(isShown(element, 'details')).toBe(true);
    expect(competitor.validity).toHaveBeenLastCalledWith('Name the competitor that won.');
    expect(errorsShown(element)).toEqual({ fields: [LABELS.competitor], messages: [], admin: '' });
    expect(closes).toHaveLength(0);
  });

  it('marks a reason the server refuses inline, on Details, and lists it in the error popover', async () => {
    const { element, closes } = await switchToLostReview();
    const message = 'Use at most 255 characters for the reason.';
    mockChange.mockResolvedValue(failed([{ field: 'reason', message }]));
    const reason = watchField(element, 'reason');

    await click(element, 'submit');

    expect(isShown(element, 'details')).toBe(true);
    expect(reason.validity).toHaveBeenLastCalledWith(message);
    expect(errorsShown(element).fields).toEqual([LABELS.reopenReason]);
    expect(activeIn(element)).toBe(find(element, '[data-id="error-summary"]'));
    expect(closes).toHaveLength(0);
  });

  it('shows an unexpected error in the error popover, for the admin, and lets the rep try again', async () => {
    const { element, closes } = await switchToLostReview();
    mockChange.mockRejectedValueOnce({ body: { message: 'Insufficient privileges.' } });

    await click(element, 'submit');

    expect(errorsShown(element).admin).toBe(
      'Try again, or give your admin this message: Insufficient privileges.',
    );
    expect(activeIn(element)).toBe(find(element, '[data-id="error-summary"]'));
    expect(closes).toHaveLength(0);
    const submit = find<HTMLElement & { disabled: boolean }>(element, '[data-id="submit"]');
    expect(submit.disabled).toBe(false);

    mockChange.mockResolvedValueOnce({
      success: true,
      opportunityId: OPPORTUNITY_ID,
      stageName: 'Closed Lost',
      errors: [],
    } satisfies CloseResult);
    await click(element, 'submit');
    expect(mockChange).toHaveBeenCalledTimes(2);
    expect(closes).toHaveLength(1);
  });
});
