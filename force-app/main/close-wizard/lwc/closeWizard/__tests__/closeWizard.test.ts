import { createElement } from 'lwc';
import CloseWizard from 'c/closeWizard';
import { LABELS } from 'c/closeWonLabels';
import { OTHER_COMPETITOR, formatLabel } from 'c/closeWonUtils';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import closeOpportunity from '@salesforce/apex/CloseOpportunityController.closeOpportunity';
import reopenOpportunity from '@salesforce/apex/CloseOpportunityController.reopenOpportunity';
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
  '@salesforce/apex/CloseOpportunityController.discardContractUpload',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

const mockNavigate = jest.fn();
/** The URL Lightning Experience would generate: the page reference, readable in assertions. */
const mockGenerateUrl = jest.fn((pageReference: { attributes: Record<string, string> }) =>
  Promise.resolve(`/lightning/${Object.values(pageReference.attributes).join('/')}`),
);
jest.mock('lightning/navigation', () => {
  const Navigate = Symbol('Navigate');
  const GenerateUrl = Symbol('GenerateUrl');
  const NavigationMixin = (Base: new () => object) =>
    class extends Base {
      [Navigate](pageReference: unknown) {
        mockNavigate(pageReference);
      }
      [GenerateUrl](pageReference: { attributes: Record<string, string> }) {
        return mockGenerateUrl(pageReference);
      }
    };
  NavigationMixin.Navigate = Navigate;
  NavigationMixin.GenerateUrl = GenerateUrl;
  return { NavigationMixin };
});

const mockLoad = loadContext as unknown as jest.Mock;
const mockClose = closeOpportunity as unknown as jest.Mock;
const mockReopen = reopenOpportunity as unknown as jest.Mock;
const mockNotify = notifyRecordUpdateAvailable as unknown as jest.Mock;
const mockDiscard = discardContractUpload as unknown as jest.Mock;

type Wizard = HTMLElement & { recordId?: string; outcome: CloseOutcome };

interface Mounted {
  element: Wizard;
  toasts: CustomEvent[];
  closes: Event[];
  refreshes: Event[];
}

function find<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T {
  return deepQuery(element, selector) as T;
}

async function mount(outcome: CloseOutcome, context: CloseContext | Error): Promise<Mounted> {
  if (context instanceof Error) {
    mockLoad.mockRejectedValue(context);
  } else {
    mockLoad.mockResolvedValue(context);
  }
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

async function fillWonDetails(element: HTMLElement) {
  await change(element, '[data-field="decisionFactors"]', { value: ['Price', 'Product Fit'] });
  await change(element, '[data-field="explanation"]', {
    value: '  Their team chose us for the integration depth.  ',
  });
}

async function fillLostDetails(element: HTMLElement) {
  await change(element, '[data-field="lossReason"]', { value: 'Lost to Competitor' });
  await change(element, '[data-field="competitorChoice"]', { value: 'Globex' });
  await change(element, '[data-field="decisionFactors"]', { value: ['Price'] });
  await change(element, '[data-field="explanation"]', {
    value: 'Globex came in 30% cheaper on a three-year deal.',
  });
}

function success(stageName: string): CloseResult {
  return { success: true, opportunityId: OPPORTUNITY_ID, stageName, errors: [] };
}

interface Validatable extends HTMLElement {
  setCustomValidity(message: string): void;
}

/** Spies on the inline error and the focus of the input that carries a request field's errors. */
function watchField(element: HTMLElement, field: string) {
  const input = find<Validatable>(element, `[data-error="${field}"]`);
  expect(input).not.toBeNull();
  return {
    input,
    validity: jest.spyOn(input, 'setCustomValidity'),
    focus: jest.spyOn(input, 'focus'),
  };
}

/** True when the step's section is rendered and not hidden. */
function isShown(element: HTMLElement, step: string): boolean {
  const section = find(element, `[data-id="${step}"]`);
  return section !== null && !section.classList.contains('slds-hide');
}

function reviewText(element: HTMLElement, dataId: string): string {
  return (find(element, `[data-id="${dataId}"]`).textContent ?? '').trim();
}

/** The value a review date hands to lightning-formatted-date-time (which localizes it). */
function reviewDate(element: HTMLElement, dataId: string): string {
  const date = find<HTMLElement & { value: string; timeZone: string }>(
    element,
    `[data-id="${dataId}"] lightning-formatted-date-time`,
  );
  expect(date.timeZone).toBe('UTC');
  return date.value;
}

function texts(element: HTMLElement, selector: string): string[] {
  return Array.from(deepQueryAll(element, selector)).map((item) => (item.textContent ?? '').trim());
}

/** Issue 11, 3.6: what the error popover in the footer shows, or null when it is closed. */
function popover(element: HTMLElement) {
  const section = find(element, '[data-id="error-summary"]');
  if (!section) {
    return null;
  }
  return {
    section,
    heading: texts(element, '[data-id="error-heading"]')[0],
    fields: texts(element, '[data-id="error-fields"] button'),
    messages: texts(element, '[data-id="error-messages"] li'),
    admin: texts(element, '[data-id="error-admin"]')[0] ?? null,
  };
}

function announcement(element: HTMLElement): HTMLElement {
  return find(element, '[data-id="error-announcement"]');
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
  jest.restoreAllMocks();
});

describe('c-close-wizard loading', () => {
  it('shows a spinner until the context arrives, from exactly one loadContext call', async () => {
    let resolve: (value: CloseContext) => void = () => undefined;
    mockLoad.mockReturnValue(new Promise<CloseContext>((done) => (resolve = done)));
    const element = createElement('c-close-wizard', { is: CloseWizard }) as Wizard;
    element.outcome = 'Won';
    element.recordId = OPPORTUNITY_ID;
    document.body.appendChild(element);
    await flushPromises();

    expect(find(element, 'lightning-spinner')).not.toBeNull();
    expect(isShown(element, 'details')).toBe(false);

    resolve(closeContext());
    await flushPromises();

    expect(find(element, 'lightning-spinner')).toBeNull();
    expect(isShown(element, 'details')).toBe(true);
    expect(mockLoad).toHaveBeenCalledTimes(1);
    expect(mockLoad).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
  });

  it('shows the load error as an alert and offers no step', async () => {
    const { element } = await mount(
      'Won',
      Object.assign(new Error('denied'), {
        body: { message: 'The opportunity does not exist or you cannot see it.' },
      }),
    );

    const alert = find(element, '[data-id="load-error"]');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('The opportunity does not exist or you cannot see it.');
    expect(isShown(element, 'details')).toBe(false);
    expect(find(element, '[data-id="next"]')).toBeNull();
    expect(mockLoad).toHaveBeenCalledTimes(1);
    expect(mockClose).not.toHaveBeenCalled();
  });
});

describe('c-close-wizard readiness step', () => {
  const blocked = closeContext({
    blockingIssues: [
      { code: 'NO_AMOUNT', message: 'Enter an amount before closing.', fixField: 'Amount' },
      { code: 'NO_EDIT_ACCESS', message: 'You cannot edit this opportunity.', fixField: null },
    ],
  });

  it('lists blocking issues, links to fix those that can be fixed, and cannot go on', async () => {
    const { element } = await mount('Won', blocked);

    const items = deepQueryAll(element, '[data-id="blocking"] li');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('Enter an amount before closing.');
    expect(items[0].querySelector('a')).not.toBeNull();
    expect(items[1].querySelector('a')).toBeNull();
    const next = find<HTMLElement & { disabled: boolean }>(element, '[data-id="next"]');
    expect(next.disabled).toBe(true);

    next.dispatchEvent(new CustomEvent('click'));
    await flushPromises();
    expect(isShown(element, 'readiness')).toBe(true);
  });

  it('opens the record edit form in a new tab from a fix link; the wizard stays open (3.7)', async () => {
    const { element, closes } = await mount('Won', blocked);

    const link = deepQuery(element, '[data-id="blocking"] a') as HTMLAnchorElement;
    expect(mockGenerateUrl).toHaveBeenCalledWith({
      type: 'standard__recordPage',
      attributes: { recordId: OPPORTUNITY_ID, objectApiName: 'Opportunity', actionName: 'edit' },
    });
    expect(link.getAttribute('href')).toBe(`/lightning/${OPPORTUNITY_ID}/Opportunity/edit`);
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener');
    expect(
      (link.querySelector('lightning-icon') as HTMLElement & { alternativeText: string })
        .alternativeText,
    ).toBe(LABELS.opensInNewTab);
    link.addEventListener('click', (event) => event.preventDefault()); // jsdom cannot open tabs
    link.click();
    await flushPromises();

    expect(mockNavigate).not.toHaveBeenCalled();
    expect(closes).toHaveLength(0);
    expect(isShown(element, 'readiness')).toBe(true);
  });

  it('explains when the user may not close and no issue says why', async () => {
    const { element } = await mount('Lost', closeContext({ canClose: false }));

    expect(find(element, '[data-id="cannot-close"]').textContent).toBe(LABELS.cannotClose);
    expect(find<HTMLElement & { disabled: boolean }>(element, '[data-id="next"]').disabled).toBe(
      true,
    );
  });

  it('requires the warnings to be acknowledged before the details', async () => {
    const { element } = await mount(
      'Won',
      closeContext({
        warnings: [
          {
            code: 'NO_PRIMARY_CONTACT',
            message: 'No primary contact role: onboarding will have no main contact.',
            fixField: null,
          },
        ],
      }),
    );

    expect(deepQueryAll(element, '[data-id="warnings"] li')).toHaveLength(1);
    await click(element, 'next');
    expect(find(element, '[data-id="acknowledge-error"]').textContent).toBe(
      LABELS.errorAcknowledge,
    );
    expect(isShown(element, 'details')).toBe(false);

    await change(element, '[data-id="acknowledge"]', { checked: true });
    expect(find(element, '[data-id="acknowledge-error"]')).toBeNull();
    await click(element, 'next');
    expect(isShown(element, 'details')).toBe(true);
  });

  it('skips the readiness step when nothing blocks and nothing warns', async () => {
    const { element } = await mount('Won', closeContext());

    expect(isShown(element, 'readiness')).toBe(false);
    expect(isShown(element, 'details')).toBe(true);
    expect(find(element, '[data-id="back"]')).toBeNull();
  });
});

describe('c-close-wizard details step', () => {
  it('defaults the close date and the contract from the context and shows the upload', async () => {
    const { element } = await mount('Won', closeContext());

    expect(find<HTMLInputElement>(element, '[data-field="closeDate"]').value).toBe('2026-11-23');
    expect(find<HTMLInputElement>(element, '[data-field="contractStartDate"]').value).toBe(
      '2026-12-01',
    );
    expect(find<HTMLInputElement>(element, '[data-field="contractTermMonths"]').value).toBe(12);
    const upload = find<HTMLElement & { recordId: string }>(element, '[data-id="contract-upload"]');
    expect(upload.recordId).toBe(OPPORTUNITY_ID);
    // Issue 11, 3.8: one tick per factor on desktop too, no dual listbox.
    expect(find(element, 'lightning-checkbox-group[data-field="decisionFactors"]')).not.toBeNull();
    expect(find(element, 'lightning-dual-listbox')).toBeNull();
  });

  it('shows the explanation minimum under the field with a counter that follows typing (3.4)', async () => {
    const { element } = await mount('Won', closeContext());
    const textarea = find<HTMLElement & { fieldLevelHelp?: string }>(
      element,
      '[data-field="explanation"]',
    );
    expect(textarea.fieldLevelHelp).toBeFalsy();
    const minimum = closeContext().defaults.minExplanationLength;
    const help = () => find(element, '[data-id="explanation-help"]').textContent ?? '';
    expect(help()).toContain(formatLabel(LABELS.explanationHelp, minimum));
    expect(find(element, '[data-id="explanation-count"]').textContent).toBe(
      formatLabel(LABELS.explanationCount, 0, minimum),
    );

    await change(element, '[data-field="explanation"]', { value: '  Twelve chars  ' });

    expect(find(element, '[data-id="explanation-count"]').textContent).toBe(
      formatLabel(LABELS.explanationCount, 12, minimum),
    );
  });

  it('marks the competitor required only for Lost to Competitor (3.5)', async () => {
    const { element } = await mount('Lost', closeContext());
    const competitor = () =>
      find<HTMLElement & { required: boolean }>(element, '[data-field="competitorChoice"]');
    expect(competitor().required).toBe(false);
    await change(element, '[data-field="lossReason"]', { value: 'Lost to Competitor' });
    expect(competitor().required).toBe(true);
  });

  it('asks the loss reason and a short competitor list as one-click radio groups (3.12)', async () => {
    const { element } = await mount('Lost', closeContext());

    const reason = find<HTMLElement & { label: string }>(element, '[data-field="lossReason"]');
    expect(reason.tagName).toBe('LIGHTNING-RADIO-GROUP');
    expect(reason.label).toBe(LABELS.lossReason);
    const competitor = find<HTMLElement & { label: string; options: unknown[] }>(
      element,
      '[data-field="competitorChoice"]',
    );
    expect(competitor.tagName).toBe('LIGHTNING-RADIO-GROUP');
    expect(competitor.label).toBe(LABELS.competitor);
    expect(competitor.options).toContainEqual({
      label: LABELS.competitorOther,
      value: OTHER_COMPETITOR,
    });
  });

  it('keeps a long competitor list in a combobox', async () => {
    const competitorOptions = ['A', 'B', 'C', 'D', 'E', 'F'].map((name) => ({
      label: name,
      value: name,
    }));
    const { element } = await mount('Lost', closeContext({ competitorOptions }));

    expect(find(element, '[data-field="competitorChoice"]').tagName).toBe('LIGHTNING-COMBOBOX');
    await change(element, '[data-field="competitorChoice"]', { value: 'F' });
    expect(
      find<HTMLElement & { value: string }>(element, '[data-field="competitorChoice"]').value,
    ).toBe('F');
  });

  it('hides the contract inputs when the contract step is off', async () => {
    const context = closeContext();
    const { element } = await mount('Won', {
      ...context,
      steps: { ...context.steps, contract: false },
    });

    expect(find(element, '[data-field="contractStartDate"]')).toBeNull();
    expect(find(element, '[data-id="contract-upload"]')).toBeNull();
  });

  it('shows the loss inputs, with the competitor options followed by Other', async () => {
    const { element } = await mount('Lost', closeContext());

    const competitor = find<HTMLElement & { options: Array<{ value: string }> }>(
      element,
      '[data-field="competitorChoice"]',
    );
    expect(competitor.options.map((option) => option.value)).toEqual([
      'Globex',
      'Initech',
      OTHER_COMPETITOR,
    ]);
    expect(find(element, '[data-field="competitorOther"]')).toBeNull();
    await change(element, '[data-field="competitorChoice"]', { value: OTHER_COMPETITOR });
    expect(find(element, '[data-field="competitorOther"]')).not.toBeNull();
    expect(find(element, '[data-field="contractStartDate"]')).toBeNull();
  });

  it.each([
    [
      'closeDate',
      'a close date is required',
      async (e: HTMLElement) => {
        await fillWonDetails(e);
        await change(e, '[data-field="closeDate"]', { value: '' });
      },
      LABELS.errorRequired,
    ],
    [
      'decisionFactors',
      'at least one decision factor',
      async (e: HTMLElement) => {
        await change(e, '[data-field="explanation"]', { value: 'A long enough explanation.' });
      },
      LABELS.errorDecisionFactors,
    ],
    [
      'explanation',
      'an explanation of the minimum length',
      async (e: HTMLElement) => {
        await change(e, '[data-field="decisionFactors"]', { value: ['Price'] });
        await change(e, '[data-field="explanation"]', { value: 'Too short.' });
      },
      'Explain the outcome in at least 20 characters.',
    ],
    [
      'contractTermMonths',
      'a contract term within range',
      async (e: HTMLElement) => {
        await fillWonDetails(e);
        await change(e, '[data-field="contractTermMonths"]', { value: '121' });
      },
      'Enter a whole number of months from 1 to 120.',
    ],
    [
      'contractStartDate',
      'a contract start date',
      async (e: HTMLElement) => {
        await fillWonDetails(e);
        await change(e, '[data-field="contractStartDate"]', { value: '' });
      },
      LABELS.errorRequired,
    ],
  ])(
    'won: marks %s inline when it breaks the rule (%s) and stays',
    async (field, _rule, fill, message) => {
      const { element } = await mount('Won', closeContext());
      await fill(element);
      const { validity, focus } = watchField(element, field);

      await click(element, 'next');

      expect(validity).toHaveBeenLastCalledWith(message);
      expect(focus).toHaveBeenCalledTimes(1);
      expect(isShown(element, 'details')).toBe(true);
      expect(isShown(element, 'review')).toBe(false);
      expect(mockClose).not.toHaveBeenCalled();
    },
  );

  it.each([
    [
      'lossReason',
      'a loss reason',
      async (e: HTMLElement) => {
        await change(e, '[data-field="decisionFactors"]', { value: ['Price'] });
        await change(e, '[data-field="explanation"]', { value: 'They never got the budget.' });
      },
      LABELS.errorLossReason,
    ],
    [
      'competitor',
      'a name for Other',
      async (e: HTMLElement) => {
        await fillLostDetails(e);
        await change(e, '[data-field="competitorChoice"]', { value: OTHER_COMPETITOR });
      },
      LABELS.errorCompetitorName,
    ],
    [
      'competitor',
      'Lost to Competitor names one, issue 11 3.5',
      async (e: HTMLElement) => {
        await fillLostDetails(e);
        await change(e, '[data-field="competitorChoice"]', { value: '' });
      },
      LABELS.errorCompetitorName,
    ],
  ])(
    'lost: marks %s inline when it breaks the rule (%s) and stays',
    async (field, _rule, fill, message) => {
      const { element } = await mount('Lost', closeContext());
      await fill(element);
      const { validity, focus } = watchField(element, field);

      await click(element, 'next');

      expect(validity).toHaveBeenLastCalledWith(message);
      expect(focus).toHaveBeenCalledTimes(1);
      expect(isShown(element, 'review')).toBe(false);
      expect(mockClose).not.toHaveBeenCalled();
    },
  );

  it('does not advance on Enter while the details are invalid', async () => {
    const { element } = await mount('Won', closeContext());

    find(element, '[data-field="closeDate"]').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
    );
    await flushPromises();

    expect(isShown(element, 'details')).toBe(true);
  });
});

describe('c-close-wizard review and submission', () => {
  it('reviews only the steps switched on and sends the exact won request once', async () => {
    const context = closeContext();
    const { element, toasts, closes, refreshes } = await mount('Won', {
      ...context,
      steps: { ...context.steps, survey: false },
    });
    mockClose.mockResolvedValue(success('Closed Won'));
    await fillWonDetails(element);
    find(element, '[data-id="contract-upload"]').dispatchEvent(
      new CustomEvent('uploadfinished', {
        detail: { files: [{ documentId: '069000000000001AAA', name: 'signed.pdf' }] },
      }),
    );
    await flushPromises();
    expect(find(element, '[data-id="contract-attached"]')).not.toBeNull();
    await click(element, 'next');

    const lines = Array.from(deepQueryAll(element, '[data-id="review"] li')).map(
      (item) => item.textContent,
    );
    expect(lines).toEqual([
      'Its stage becomes Closed Won and its forecast category Closed.',
      'A draft order is created with 3 items, one per product.',
      LABELS.reviewContract,
      LABELS.reviewContractFile,
      LABELS.reviewAssets,
      LABELS.reviewHandoff,
      LABELS.reviewTasks,
      LABELS.reviewLock,
      LABELS.reviewEvent,
    ]);
    // Issue 11, 3.3: the opportunity and what the rep entered, dates and amount formatted.
    expect(reviewText(element, 'review-name')).toBe('Acme renewal');
    const amount = find<HTMLElement & { value: number; currencyCode: string; formatStyle: string }>(
      element,
      '[data-id="review-amount"] lightning-formatted-number',
    );
    expect([amount.value, amount.currencyCode, amount.formatStyle]).toEqual([
      120000,
      'USD',
      'currency',
    ]);
    expect(reviewDate(element, 'review-close-date')).toBe('2026-11-23');
    expect(reviewDate(element, 'review-contract-start')).toBe('2026-12-01');
    expect(reviewText(element, 'review-term')).toBe('12 months');
    expect(reviewText(element, 'review-contract-file')).toBe('signed.pdf');
    expect(reviewText(element, 'review-factors')).toBe('Price, Product fit');
    expect(reviewText(element, 'review-explanation')).toBe(
      'Their team chose us for the integration depth.',
    );
    expect(find(element, '[data-id="review-loss-reason"]')).toBeNull();

    await click(element, 'submit');

    expect(mockClose).toHaveBeenCalledTimes(1);
    expect(mockClose).toHaveBeenCalledWith({
      request: {
        opportunityId: OPPORTUNITY_ID,
        outcome: 'Won',
        closeDate: '2026-11-23',
        decisionFactors: ['Price', 'Product Fit'],
        explanation: 'Their team chose us for the integration depth.',
        contractStartDate: '2026-12-01',
        contractTermMonths: 12,
        contractDocumentId: '069000000000001AAA',
      },
    });
    expect(mockLoad).toHaveBeenCalledTimes(1);
    expect(toasts).toHaveLength(1);
    expect(toasts[0].detail).toEqual({
      title: LABELS.successWon,
      message: 'Acme renewal is now at stage Closed Won.',
      variant: 'success',
    });
    expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);
    expect(refreshes).toHaveLength(1);
    expect(closes).toHaveLength(1);
  });

  it('reviews a contract without a file, a one-month term and a deal without an amount', async () => {
    const { element } = await mount('Won', closeContext({ amount: null, lineItemCount: 1 }));
    await fillWonDetails(element);
    await change(element, '[data-field="contractTermMonths"]', { value: '1' });
    await click(element, 'next');

    expect(find(element, '[data-id="review-amount"]')).toBeNull();
    expect(reviewText(element, 'review-term')).toBe(LABELS.reviewTermOne);
    expect(reviewText(element, 'review-contract-file')).toBe(LABELS.reviewNoContractFile);
    const lines = Array.from(deepQueryAll(element, '[data-id="review"] li')).map(
      (item) => item.textContent,
    );
    expect(lines).toContain(LABELS.reviewOrderOne);
    expect(lines).not.toContain(LABELS.reviewContractFile);
  });

  it('sends the exact lost request with a typed competitor; Enter on Review does not submit', async () => {
    const { element, toasts, closes } = await mount('Lost', closeContext());
    mockClose.mockResolvedValue(success('Closed Lost'));
    await fillLostDetails(element);
    await change(element, '[data-field="competitorChoice"]', { value: OTHER_COMPETITOR });
    await change(element, '[data-field="competitorOther"]', { value: ' Umbrella Corp ' });
    await change(element, '[data-field="closeDate"]', { value: '2026-11-20' });
    await click(element, 'next');

    const lines = Array.from(deepQueryAll(element, '[data-id="review"] li')).map(
      (item) => item.textContent,
    );
    expect(lines).toEqual([
      'Its stage becomes Closed Lost and its forecast category Omitted.',
      LABELS.reviewTasks,
      LABELS.reviewLock,
      LABELS.reviewEvent,
    ]);
    expect(reviewDate(element, 'review-close-date')).toBe('2026-11-20');
    expect(reviewText(element, 'review-loss-reason')).toBe('Lost to a competitor');
    expect(reviewText(element, 'review-competitor')).toBe('Umbrella Corp');
    expect(reviewText(element, 'review-factors')).toBe('Price');
    expect(find(element, '[data-id="review-contract-file"]')).toBeNull();

    find(element, '[data-id="review"]').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
    );
    await flushPromises();
    expect(mockClose).not.toHaveBeenCalled();

    await click(element, 'submit');
    expect(mockClose).toHaveBeenCalledTimes(1);
    expect(mockClose).toHaveBeenCalledWith({
      request: {
        opportunityId: OPPORTUNITY_ID,
        outcome: 'Lost',
        closeDate: '2026-11-20',
        decisionFactors: ['Price'],
        explanation: 'Globex came in 30% cheaper on a three-year deal.',
        lossReason: 'Lost to Competitor',
        competitor: 'Umbrella Corp',
      },
    });
    expect(toasts[0].detail.title).toBe(LABELS.successLost);
    expect(closes).toHaveLength(1);
  });

  it('still refreshes the page and closes the action when LDS cannot be notified', async () => {
    const { element, toasts, closes, refreshes } = await mount('Won', closeContext());
    mockClose.mockResolvedValue(success('Closed Won'));
    mockNotify.mockRejectedValueOnce(new Error('LDS unavailable'));
    await fillWonDetails(element);
    await click(element, 'next');

    await click(element, 'submit');

    expect(toasts).toHaveLength(1);
    expect(refreshes).toHaveLength(1);
    expect(closes).toHaveLength(1);
    expect(find(element, '[data-id="error-button"]')).toBeNull();
    expect(mockClose).toHaveBeenCalledTimes(1);
  });

  it('marks field errors on their inputs, lists them by label in the popover and focuses it (3.6)', async () => {
    const { element, toasts, closes, refreshes } = await mount('Won', closeContext());
    mockClose.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [
        { field: 'explanation', message: 'Explain the outcome in at least 20 characters.' },
        { field: null, message: 'A validation rule stopped the save.' },
      ],
    } satisfies CloseResult);
    await fillWonDetails(element);
    await click(element, 'next');
    const explanation = watchField(element, 'explanation');
    const closeDate = watchField(element, 'closeDate');

    await click(element, 'submit');

    expect(isShown(element, 'details')).toBe(true);
    expect(explanation.validity).toHaveBeenLastCalledWith(
      'Explain the outcome in at least 20 characters.',
    );
    expect(closeDate.validity).toHaveBeenLastCalledWith('');
    // The focus goes to the record-level message by the buttons, not to a field off screen.
    expect(explanation.focus).not.toHaveBeenCalled();
    const shown = popover(element);
    expect(activeIn(element)).toBe(shown?.section);
    expect(shown?.section.getAttribute('role')).toBe('dialog');
    expect(shown?.heading).toBe(LABELS.errorSnagHeading);
    expect(shown?.fields).toEqual([LABELS.explanation]);
    expect(shown?.messages).toEqual(['A validation rule stopped the save.']);
    expect(shown?.admin).toBeNull();
    expect(find(element, '[data-id="error-button"]').getAttribute('aria-expanded')).toBe('true');
    expect(announcement(element).getAttribute('role')).toBe('alert');
    expect(announcement(element).textContent).toContain(LABELS.errorReviewFields);
    expect(announcement(element).textContent).toContain('A validation rule stopped the save.');
    expect(mockClose).toHaveBeenCalledTimes(1);
    expect(toasts).toHaveLength(0);
    expect(refreshes).toHaveLength(0);
    expect(closes).toHaveLength(0);
    expect(mockNotify).not.toHaveBeenCalled();
  });

  it('sets the server message on the matching input and names it in the popover', async () => {
    const { element } = await mount('Won', closeContext());
    mockClose.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [
        {
          field: 'contractTermMonths',
          message: 'The contract term must be between 1 and 120 months.',
        },
        { field: 'contractDocumentId', message: 'The signed contract is not on this record.' },
      ],
    } satisfies CloseResult);
    await fillWonDetails(element);
    await click(element, 'next');
    const term = watchField(element, 'contractTermMonths');
    await click(element, 'submit');

    expect(term.validity).toHaveBeenLastCalledWith(
      'The contract term must be between 1 and 120 months.',
    );
    expect(isShown(element, 'details')).toBe(true);
    // The upload cannot show a message itself: its error is listed as a message instead.
    expect(popover(element)?.fields).toEqual([LABELS.contractTerm]);
    expect(popover(element)?.messages).toEqual(['The signed contract is not on this record.']);
  });

  it('keeps the review and opens the popover when only the record is refused', async () => {
    const { element, toasts, closes } = await mount('Won', closeContext());
    mockClose.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [{ field: null, message: 'This opportunity is locked.' }],
    } satisfies CloseResult);
    await fillWonDetails(element);
    await click(element, 'next');

    await click(element, 'submit');

    expect(isShown(element, 'review')).toBe(true);
    expect(popover(element)?.heading).toBe(LABELS.errorSnagHeading);
    expect(popover(element)?.fields).toEqual([]);
    expect(popover(element)?.messages).toEqual(['This opportunity is locked.']);
    expect(activeIn(element)).toBe(popover(element)?.section);
    expect(toasts).toHaveLength(0);
    expect(closes).toHaveLength(0);
  });

  it('words a failed close call as unexpected and gives the admin the exception, never the stack trace', async () => {
    const { element, toasts, closes } = await mount('Lost', closeContext());
    mockClose.mockRejectedValue({
      status: 500,
      body: {
        message: 'Attempt to de-reference a null object',
        exceptionType: 'System.NullPointerException',
        stackTrace: 'Class.CloseOpportunityService.close: line 1, column 1',
      },
    });
    await fillLostDetails(element);
    await click(element, 'next');

    await click(element, 'submit');

    expect(isShown(element, 'review')).toBe(true);
    const shown = popover(element);
    expect(shown?.heading).toBe(LABELS.errorCloseFailed);
    expect(shown?.admin).toBe(
      'Try again, or give your admin this message: System.NullPointerException: Attempt to de-reference a null object',
    );
    expect(shown?.fields).toEqual([]);
    expect(shown?.section.textContent).not.toContain('Class.CloseOpportunityService');
    expect(shown?.section.textContent).not.toContain(LABELS.errorReviewFields);
    expect(announcement(element).textContent).toContain(LABELS.errorCloseFailed);
    expect(activeIn(element)).toBe(shown?.section);
    expect(mockClose).toHaveBeenCalledTimes(1);
    expect(toasts).toHaveLength(0);
    expect(closes).toHaveLength(0);
  });

  it('words a result with an error id as unexpected and shows the id for the admin', async () => {
    const { element } = await mount('Won', closeContext());
    mockClose.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [{ field: null, message: 'System.LimitException: Too many SOQL queries: 101' }],
      errorId: 'TID:4xYzq',
    } satisfies CloseResult);
    await fillWonDetails(element);
    await click(element, 'next');

    await click(element, 'submit');

    expect(popover(element)?.heading).toBe(LABELS.errorCloseFailed);
    expect(popover(element)?.admin).toBe(
      'Try again, or give your admin this message: System.LimitException: Too many SOQL queries: 101 (Error ID: TID:4xYzq)',
    );
    expect(isShown(element, 'review')).toBe(true);
  });

  it('toggles the popover from the error button; Escape and the close button return the focus', async () => {
    const { element } = await mount('Won', closeContext());
    mockClose.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [{ field: null, message: 'This opportunity is locked.' }],
    } satisfies CloseResult);
    await fillWonDetails(element);
    await click(element, 'next');
    await click(element, 'submit');
    const errorButton = find(element, '[data-id="error-button"]');

    await click(element, 'error-close');
    expect(popover(element)).toBeNull();
    expect(errorButton.getAttribute('aria-expanded')).toBe('false');
    expect(activeIn(element)).toBe(errorButton);

    await click(element, 'error-button');
    expect(activeIn(element)).toBe(popover(element)?.section);

    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true });
    const outside = jest.fn();
    element.addEventListener('keydown', outside);
    popover(element)?.section.dispatchEvent(escape);
    await flushPromises();
    expect(popover(element)).toBeNull();
    expect(outside).not.toHaveBeenCalled();
    expect(activeIn(element)).toBe(errorButton);
  });

  it('a field named in the popover closes it and takes the focus; fixing it drops it from the list', async () => {
    const { element } = await mount('Lost', closeContext());
    mockClose.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [
        { field: 'competitor', message: 'Name the competitor that won.' },
        { field: 'explanation', message: 'Explain the outcome in at least 20 characters.' },
      ],
    } satisfies CloseResult);
    await fillLostDetails(element);
    await click(element, 'next');
    await click(element, 'submit');
    expect(popover(element)?.fields).toEqual([LABELS.competitor, LABELS.explanation]);
    const competitor = watchField(element, 'competitor');

    const link = find(element, '[data-id="error-fields"] button[data-field="competitor"]');
    link.click();
    await flushPromises();
    expect(popover(element)).toBeNull();
    expect(competitor.focus).toHaveBeenCalledTimes(1);

    await change(element, '[data-field="competitorChoice"]', { value: 'Initech' });
    await click(element, 'error-button');
    expect(popover(element)?.fields).toEqual([LABELS.explanation]);

    await change(element, '[data-field="explanation"]', {
      value: 'Initech bundled the service desk for free.',
    });
    expect(find(element, '[data-id="error-button"]')).toBeNull();
    expect(popover(element)).toBeNull();
  });

  it('gives single-line inputs one column, keeps room for the date hint, draws legends as labels (3.11)', async () => {
    const { element } = await mount('Lost', closeContext());

    const items = Array.from(
      deepQueryAll<HTMLElement & { mediumDeviceSize?: number }>(
        element,
        '[data-id="details"] lightning-layout-item',
      ),
    );
    const around = (selector: string) =>
      items.find((item) => item.querySelector(selector) !== null)?.mediumDeviceSize;
    expect(around('[data-field="closeDate"]')).toBe(6);
    expect(around('[data-field="lossReason"]')).toBe(6);
    expect(around('[data-field="decisionFactors"]')).toBeUndefined();
    expect(find(element, '[data-field="closeDate"]').classList).toContain('wizard__date');
    for (const field of ['lossReason', 'competitorChoice', 'decisionFactors']) {
      const group = find<HTMLElement & { variant: string; label: string }>(
        element,
        `[data-field="${field}"]`,
      );
      expect(group.variant).toBe('label-hidden');
      const legend = group.previousElementSibling as HTMLElement;
      expect(legend.classList).toContain('wizard__legend');
      expect(legend.getAttribute('aria-hidden')).toBe('true');
      expect(legend.textContent).toContain(group.label);
    }
  });

  it('goes back a step without losing what was entered', async () => {
    const { element } = await mount('Won', closeContext());
    await fillWonDetails(element);
    await click(element, 'next');
    await click(element, 'back');

    expect(find<HTMLInputElement>(element, '[data-field="explanation"]').value).toBe(
      '  Their team chose us for the integration depth.  ',
    );
  });

  it('closes the action on Cancel without calling Apex again', async () => {
    const { element, closes } = await mount('Won', closeContext());
    await click(element, 'cancel');

    expect(closes).toHaveLength(1);
    expect(mockLoad).toHaveBeenCalledTimes(1);
    expect(mockClose).not.toHaveBeenCalled();
  });
});

describe('c-close-wizard on a closed opportunity', () => {
  const closedWon = closeContext({
    isClosed: true,
    isWon: true,
    stageName: 'Closed Won',
    lastClose: historyEntry(),
    history: [historyEntry()],
  });

  it('shows a read-only summary and no reopen without the permission', async () => {
    const { element } = await mount('Lost', closedWon);

    expect(find(element, '[data-id="closed"] h2').textContent).toBe(LABELS.closedWon);
    expect(find(element, 'c-close-summary')).not.toBeNull();
    expect(find(element, '[data-id="reopen"]')).toBeNull();
    expect(isShown(element, 'details')).toBe(false);
    expect(find(element, 'lightning-input')).toBeNull();
    expect(find(element, '[data-id="submit"]')).toBeNull();
    expect(mockLoad).toHaveBeenCalledTimes(1);
  });

  it('says how to close a Won deal as Lost and gives the focus to Done, not Reopen (3.10)', async () => {
    const { element } = await mount('Lost', { ...closedWon, canReopen: true });

    expect(find(element, '[data-id="closed"] h2').textContent).toBe(LABELS.closedWon);
    expect(find(element, '[data-id="switch-outcome"]').textContent).toBe(
      formatLabel(LABELS.switchOutcome, LABELS.outcomeLost),
    );
    expect(find(element, '[data-id="reopen"]')).not.toBeNull();
    expect(find(element, '[data-autofocus="closed"]').dataset.id).toBe('cancel');
    expect(find(element, '[data-id="reopen"]').dataset.autofocus).toBeUndefined();
  });

  it('says who can switch the outcome when the rep cannot reopen', async () => {
    const { element } = await mount('Lost', closedWon);

    expect(find(element, '[data-id="switch-outcome"]').textContent).toBe(
      formatLabel(LABELS.switchOutcomeNoReopen, LABELS.outcomeLost),
    );
  });

  it('adds no switch message when the deal already has the outcome asked for', async () => {
    const { element } = await mount('Won', { ...closedWon, canReopen: true });

    expect(find(element, '[data-id="switch-outcome"]')).toBeNull();
  });

  it('reopens with a required reason, then refreshes the record and closes the action', async () => {
    const { element, toasts, closes, refreshes } = await mount('Won', {
      ...closedWon,
      canReopen: true,
    });
    mockReopen.mockResolvedValue(success('Negotiation/Review'));

    await click(element, 'reopen');
    const reason = watchField(element, 'reason');
    await click(element, 'confirm-reopen');
    expect(reason.validity).toHaveBeenCalledWith(LABELS.errorRequired);
    expect(reason.focus).toHaveBeenCalled();
    expect(mockReopen).not.toHaveBeenCalled();

    await change(element, 'lightning-textarea[data-error="reason"]', {
      value: ' Customer asked for a bigger scope. ',
    });
    await click(element, 'confirm-reopen');

    expect(mockReopen).toHaveBeenCalledTimes(1);
    expect(mockReopen).toHaveBeenCalledWith({
      opportunityId: OPPORTUNITY_ID,
      reason: 'Customer asked for a bigger scope.',
    });
    expect(mockClose).not.toHaveBeenCalled();
    expect(toasts[0].detail).toEqual({
      title: LABELS.reopenSuccess,
      message: 'Acme renewal is open again at stage Negotiation/Review.',
      variant: 'success',
    });
    expect(mockNotify).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);
    expect(refreshes).toHaveLength(1);
    expect(closes).toHaveLength(1);
  });

  it('cancels a reopen without calling Apex', async () => {
    const { element } = await mount('Won', { ...closedWon, canReopen: true });

    await click(element, 'reopen');
    expect(find(element, '[data-error="reason"]')).not.toBeNull();
    await click(element, 'cancel-reopen');

    expect(find(element, '[data-error="reason"]')).toBeNull();
    expect(find(element, '[data-id="reopen"]')).not.toBeNull();
    expect(mockReopen).not.toHaveBeenCalled();
  });

  it('words a failed reopen call as unexpected, for the admin, and stays open', async () => {
    const { element, closes } = await mount('Won', { ...closedWon, canReopen: true });
    mockReopen.mockRejectedValue({ body: { message: 'Insufficient privileges.' } });

    await click(element, 'reopen');
    await change(element, 'lightning-textarea[data-error="reason"]', { value: 'Wrong deal.' });
    await click(element, 'confirm-reopen');

    expect(popover(element)?.heading).toBe(LABELS.errorReopenFailed);
    expect(popover(element)?.admin).toBe(
      'Try again, or give your admin this message: Insufficient privileges.',
    );
    expect(activeIn(element)).toBe(popover(element)?.section);
    expect(mockReopen).toHaveBeenCalledTimes(1);
    expect(closes).toHaveLength(0);
  });

  it('shows a refused reopen on the reason and in the popover, and stays open', async () => {
    const { element, toasts, closes } = await mount('Won', { ...closedWon, canReopen: true });
    mockReopen.mockResolvedValue({
      success: false,
      opportunityId: OPPORTUNITY_ID,
      stageName: null,
      errors: [{ field: 'reason', message: 'Use at most 255 characters for the reason.' }],
    } satisfies CloseResult);

    await click(element, 'reopen');
    await change(element, 'lightning-textarea[data-error="reason"]', { value: 'x'.repeat(300) });
    const reason = watchField(element, 'reason');
    await click(element, 'confirm-reopen');

    expect(reason.validity).toHaveBeenLastCalledWith('Use at most 255 characters for the reason.');
    expect(reason.focus).not.toHaveBeenCalled();
    expect(popover(element)?.heading).toBe(LABELS.errorSnagHeading);
    expect(popover(element)?.fields).toEqual([LABELS.reopenReason]);
    expect(activeIn(element)).toBe(popover(element)?.section);
    expect(mockReopen).toHaveBeenCalledTimes(1);
    expect(toasts).toHaveLength(0);
    expect(closes).toHaveLength(0);
  });
});

describe('c-close-wizard readiness: blockers, warnings and Check again (issue 11, 3.7)', () => {
  const amountIssue = {
    code: 'NO_AMOUNT',
    message: 'Enter an amount before closing.',
    fixField: 'Amount',
  };
  const productsIssue = {
    code: 'NO_PRODUCTS',
    message: 'Add at least one product before closing.',
    fixField: null,
  };
  const contactWarning = {
    code: 'NO_PRIMARY_CONTACT',
    message: 'No primary contact role: onboarding will have no main contact.',
    fixField: null,
  };
  const blockedWithWarning = closeContext({
    amount: null,
    blockingIssues: [amountIssue, productsIssue],
    warnings: [contactWarning],
  });

  type Icon = HTMLElement & { iconName: string; variant: string; alternativeText: string };
  type Button = HTMLElement & { disabled: boolean; ariaDescribedBy?: string };

  function group(element: HTMLElement, id: string) {
    const container = find(element, `[data-id="${id}"]`);
    expect(container).not.toBeNull();
    const heading = container.querySelector('h2') as HTMLElement;
    const icons = Array.from(container.querySelectorAll('li > lightning-icon')) as Icon[];
    return { container, heading, icons, items: container.querySelectorAll('li') };
  }

  it('separates blockers and warnings by heading, count, icon and alternative text', async () => {
    const { element } = await mount('Won', blockedWithWarning);

    const blocking = group(element, 'blocking');
    expect(blocking.heading.textContent).toBe(formatLabel(LABELS.blockingHeading, 2));
    expect(blocking.items).toHaveLength(2);
    expect(
      blocking.icons.map((icon) => [icon.iconName, icon.variant, icon.alternativeText]),
    ).toEqual([
      ['utility:error', 'error', LABELS.blockerIcon],
      ['utility:error', 'error', LABELS.blockerIcon],
    ]);
    const warnings = group(element, 'warnings');
    expect(warnings.heading.textContent).toBe(formatLabel(LABELS.warningsHeading, 1));
    expect(
      warnings.icons.map((icon) => [icon.iconName, icon.variant, icon.alternativeText]),
    ).toEqual([['utility:warning', 'warning', LABELS.warningIcon]]);
    expect(LABELS.blockerIcon).not.toBe(LABELS.warningIcon);
  });

  it('offers no acknowledgement while blockers remain and says beside Next why it is unavailable', async () => {
    const { element } = await mount('Won', blockedWithWarning);

    expect(find(element, '[data-id="acknowledge"]')).toBeNull();
    const next = find<Button>(element, '[data-id="next"]');
    expect(next.disabled).toBe(true);
    const reason = find(element, '[data-id="next-reason"]');
    expect(reason.textContent?.trim()).toBe(formatLabel(LABELS.nextBlockedMany, 2));
    expect(next.getAttribute('aria-describedby') ?? next.ariaDescribedBy).toBeTruthy();
    expect(reason.id).toBeTruthy();
  });

  it('says one blocker in the singular, and that the user may not close when nothing else says why', async () => {
    const { element } = await mount('Won', closeContext({ blockingIssues: [amountIssue] }));
    expect(find(element, '[data-id="next-reason"]').textContent?.trim()).toBe(
      LABELS.nextBlockedOne,
    );
    document.body.removeChild(element);

    const { element: other } = await mount('Lost', closeContext({ canClose: false }));
    expect(find(other, '[data-id="next-reason"]').textContent?.trim()).toBe(LABELS.cannotClose);
  });

  it('shows the acknowledgement with warnings only, and no reason beside an enabled Next', async () => {
    const { element } = await mount('Won', closeContext({ warnings: [contactWarning] }));

    expect(find(element, '[data-id="acknowledge"]')).not.toBeNull();
    expect(find<Button>(element, '[data-id="next"]').disabled).toBe(false);
    expect(find(element, '[data-id="next-reason"]')).toBeNull();
  });

  it('checks again in the same launch: the lists, links and Next follow the new answer', async () => {
    const { element, closes } = await mount('Won', blockedWithWarning);
    mockLoad.mockResolvedValueOnce(
      closeContext({ blockingIssues: [productsIssue], warnings: [contactWarning] }),
    );

    await click(element, 'check-again');

    expect(mockLoad).toHaveBeenCalledTimes(2);
    expect(mockLoad).toHaveBeenLastCalledWith({ opportunityId: OPPORTUNITY_ID });
    expect(group(element, 'blocking').heading.textContent).toBe(
      formatLabel(LABELS.blockingHeading, 1),
    );
    expect(group(element, 'blocking').items[0].textContent).toContain(productsIssue.message);
    expect(find(element, '[data-id="readiness-status"]').textContent?.trim()).toBe(
      formatLabel(LABELS.checkedAgain, 1, 1),
    );
    const productsLink = deepQuery(element, '[data-id="blocking"] a') as HTMLAnchorElement;
    expect(productsLink.getAttribute('href')).toBe(
      `/lightning/${OPPORTUNITY_ID}/Opportunity/OpportunityLineItems/view`,
    );
    expect(find(element, '[data-id="next-reason"]').textContent?.trim()).toBe(
      LABELS.nextBlockedOne,
    );

    mockLoad.mockResolvedValueOnce(closeContext({ warnings: [contactWarning] }));
    await click(element, 'check-again');

    expect(find(element, '[data-id="blocking"]')).toBeNull();
    expect(find(element, '[data-id="ready"]')).not.toBeNull();
    expect(isShown(element, 'readiness')).toBe(true); // the step stays until the rep goes on
    expect(find(element, '[data-id="next-reason"]')).toBeNull();
    await change(element, '[data-id="acknowledge"]', { checked: true });
    await click(element, 'next');
    expect(isShown(element, 'details')).toBe(true);
    expect(closes).toHaveLength(0);
  });

  it('asks for the acknowledgement again when Check again finds other warnings', async () => {
    const { element } = await mount('Won', closeContext({ warnings: [contactWarning] }));
    await change(element, '[data-id="acknowledge"]', { checked: true });
    mockLoad.mockResolvedValueOnce(
      closeContext({
        warnings: [
          contactWarning,
          {
            code: 'CLOSE_DATE_IN_FUTURE',
            message: 'The close date is in the future.',
            fixField: 'CloseDate',
          },
        ],
      }),
    );

    await click(element, 'check-again');
    await click(element, 'next');

    expect(find(element, '[data-id="acknowledge-error"]').textContent).toBe(
      LABELS.errorAcknowledge,
    );
    expect(isShown(element, 'details')).toBe(false);
  });

  it('shows a failed Check again in the error popover and keeps the lists', async () => {
    const { element } = await mount('Won', blockedWithWarning);
    mockLoad.mockRejectedValueOnce({ body: { message: 'Server unavailable.' } });

    await click(element, 'check-again');

    expect(popover(element)?.admin).toBe(
      'Try again, or give your admin this message: Server unavailable.',
    );
    expect(group(element, 'blocking').items).toHaveLength(2);
    expect(find<Button>(element, '[data-id="check-again"]').disabled).toBe(false);
  });

  it('shows the closed summary when the deal was closed meanwhile', async () => {
    const { element } = await mount('Won', blockedWithWarning);
    mockLoad.mockResolvedValueOnce(
      closeContext({ isClosed: true, isWon: true, stageName: 'Closed Won', canClose: false }),
    );

    await click(element, 'check-again');

    expect(find(element, '[data-id="closed"]')).not.toBeNull();
  });
});

describe('c-close-wizard signed contract: remove, replace, clean-up (issue 11, 3.9)', () => {
  const FIRST = { documentId: '069000000000001AAA', name: 'signed.pdf' };
  const SECOND = { documentId: '069000000000002AAA', name: 'signed-v2.pdf' };
  const deleted: CloseResult = {
    success: true,
    opportunityId: OPPORTUNITY_ID,
    stageName: null,
    errors: [],
  };
  const refused: CloseResult = {
    success: false,
    opportunityId: OPPORTUNITY_ID,
    stageName: null,
    errors: [{ field: 'contractDocumentId', message: 'File is not a file you uploaded.' }],
  };

  async function upload(element: HTMLElement, file: { documentId: string; name: string }) {
    find(element, '[data-id="contract-upload"]').dispatchEvent(
      new CustomEvent('uploadfinished', { detail: { files: [file] } }),
    );
    await flushPromises();
  }

  function text(element: HTMLElement, dataId: string): string {
    return (find(element, `[data-id="${dataId}"]`)?.textContent ?? '').trim();
  }

  it('replaces the upload with the attached file and its Remove and Replace buttons', async () => {
    const { element } = await mount('Won', closeContext());
    await upload(element, FIRST);

    expect(text(element, 'contract-attached')).toBe(
      formatLabel(LABELS.contractAttached, 'signed.pdf'),
    );
    expect(find(element, '[data-id="contract-upload"]')).toBeNull();
    expect(find(element, '[data-id="remove-file"]')).not.toBeNull();
    expect(find(element, '[data-id="replace-file"]')).not.toBeNull();
  });

  it('Remove deletes the upload on the server and shows the upload again', async () => {
    const { element } = await mount('Won', closeContext());
    mockDiscard.mockResolvedValue(deleted);
    await upload(element, FIRST);

    await click(element, 'remove-file');

    expect(mockDiscard).toHaveBeenCalledTimes(1);
    expect(mockDiscard).toHaveBeenCalledWith({
      opportunityId: OPPORTUNITY_ID,
      documentIds: [FIRST.documentId],
    });
    expect(find(element, '[data-id="contract-attached"]')).toBeNull();
    expect(find(element, '[data-id="contract-upload"]')).not.toBeNull();
    expect(text(element, 'file-status')).toBe(formatLabel(LABELS.fileRemoved, 'signed.pdf'));
    await fillWonDetails(element);
    await click(element, 'next');
    expect(text(element, 'review-contract-file')).toBe(LABELS.reviewNoContractFile);
  });

  it("says the file stays in the opportunity's Files when Remove cannot delete it", async () => {
    const { element } = await mount('Won', closeContext());
    mockDiscard.mockResolvedValue(refused);
    await upload(element, FIRST);

    await click(element, 'remove-file');

    expect(text(element, 'file-status')).toBe(formatLabel(LABELS.fileKept, 'signed.pdf'));
    expect(find(element, '[data-id="contract-attached"]')).toBeNull();
  });

  it('Replace keeps the file until the new one is in, then deletes the old one', async () => {
    const { element } = await mount('Won', closeContext());
    mockDiscard.mockResolvedValue(deleted);
    await upload(element, FIRST);

    await click(element, 'replace-file');
    expect(mockDiscard).not.toHaveBeenCalled();
    expect(text(element, 'contract-attached')).toBe(
      formatLabel(LABELS.contractAttached, 'signed.pdf'),
    );
    expect(text(element, 'replace-help')).toBe(formatLabel(LABELS.replaceHelp, 'signed.pdf'));
    expect(
      find<HTMLElement & { label: string }>(element, '[data-id="contract-upload"]').label,
    ).toBe(LABELS.replacementFile);

    await upload(element, SECOND);

    expect(mockDiscard).toHaveBeenCalledWith({
      opportunityId: OPPORTUNITY_ID,
      documentIds: [FIRST.documentId],
    });
    expect(text(element, 'contract-attached')).toBe(
      formatLabel(LABELS.contractAttached, 'signed-v2.pdf'),
    );
    expect(text(element, 'file-status')).toBe(
      formatLabel(LABELS.fileReplaced, 'signed.pdf', 'signed-v2.pdf'),
    );
    mockClose.mockResolvedValue(success('Closed Won'));
    await fillWonDetails(element);
    await click(element, 'next');
    await click(element, 'submit');
    expect(mockClose.mock.calls[0][0].request.contractDocumentId).toBe(SECOND.documentId);
  });

  it('Keep ends a replacement without deleting anything', async () => {
    const { element } = await mount('Won', closeContext());
    await upload(element, FIRST);
    await click(element, 'replace-file');

    await click(element, 'keep-file');

    expect(find(element, '[data-id="contract-upload"]')).toBeNull();
    expect(text(element, 'contract-attached')).toBe(
      formatLabel(LABELS.contractAttached, 'signed.pdf'),
    );
    expect(mockDiscard).not.toHaveBeenCalled();
  });

  it('Cancel deletes the upload of this launch, then closes the action', async () => {
    const { element, closes, toasts } = await mount('Won', closeContext());
    mockDiscard.mockResolvedValue(deleted);
    await upload(element, FIRST);

    await click(element, 'cancel');

    expect(mockDiscard).toHaveBeenCalledWith({
      opportunityId: OPPORTUNITY_ID,
      documentIds: [FIRST.documentId],
    });
    expect(closes).toHaveLength(1);
    expect(toasts).toHaveLength(0);
    document.body.removeChild(element);
    expect(mockDiscard).toHaveBeenCalledTimes(1); // not again when the action closes
  });

  it("Cancel says in a toast that the file stays in the opportunity's Files when deletion fails", async () => {
    const { element, closes, toasts } = await mount('Won', closeContext());
    mockDiscard.mockRejectedValue({ body: { message: 'Server unavailable.' } });
    await upload(element, FIRST);

    await click(element, 'cancel');

    expect(toasts).toHaveLength(1);
    expect(toasts[0].detail).toEqual({
      title: LABELS.fileKeptTitle,
      message: formatLabel(LABELS.fileKept, 'signed.pdf'),
      variant: 'warning',
    });
    expect(closes).toHaveLength(1);
  });

  it('closing the action deletes an unused upload; a completed close keeps its file', async () => {
    const first = await mount('Won', closeContext());
    mockDiscard.mockResolvedValue(deleted);
    await upload(first.element, FIRST);
    document.body.removeChild(first.element);
    await flushPromises();
    expect(mockDiscard).toHaveBeenCalledWith({
      opportunityId: OPPORTUNITY_ID,
      documentIds: [FIRST.documentId],
    });

    mockDiscard.mockClear();
    const second = await mount('Won', closeContext());
    mockClose.mockResolvedValue(success('Closed Won'));
    await upload(second.element, SECOND);
    await fillWonDetails(second.element);
    await click(second.element, 'next');
    await click(second.element, 'submit');
    document.body.removeChild(second.element);
    await flushPromises();
    expect(mockDiscard).not.toHaveBeenCalled();
  });

  it('Cancel without an upload calls no Apex', async () => {
    const { element, closes } = await mount('Won', closeContext());
    await click(element, 'cancel');
    expect(closes).toHaveLength(1);
    expect(mockDiscard).not.toHaveBeenCalled();
  });
});
