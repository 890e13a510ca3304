import { createElement } from 'lwc';
import CloseReview from 'c/closeReview';
import { LABELS } from 'c/closeWonLabels';
import { OTHER_COMPETITOR, defaultDetails, type DetailsInput } from 'c/closeWonUtils';
import type { CloseContext, CloseOutcome } from '../../../../../../types/close-api';
import { closeContext, flushPromises } from '../../closeWonUtils/__tests__/closeContextFixture';

type Review = HTMLElement & {
  outcome: CloseOutcome;
  context: CloseContext | null;
  details: DetailsInput | null;
};

async function mount(outcome: CloseOutcome, context: CloseContext, details: DetailsInput) {
  const element = createElement('c-close-review', { is: CloseReview }) as Review;
  element.outcome = outcome;
  element.context = context;
  element.details = details;
  document.body.appendChild(element);
  await flushPromises();
  const root = element.shadowRoot as ShadowRoot;
  const text = (dataId: string) =>
    root.querySelector(`[data-id="${dataId}"]`)?.textContent?.trim() ?? null;
  return { element, root, text };
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
});

describe('c-close-review', () => {
  it('shows a Won close: the opportunity, the contract, what the rep entered, what will happen', async () => {
    const context = closeContext();
    const details: DetailsInput = {
      ...defaultDetails(context),
      decisionFactors: ['Price'],
      explanation: '  Integration depth.  ',
    };
    const { root, text } = await mount('Won', context, details);
    expect(text('review-name')).toBe('Acme renewal');
    expect(
      (
        root.querySelector(
          '[data-id="review-amount"] lightning-formatted-number',
        ) as HTMLElement & {
          value: number;
          currencyCode: string;
        }
      ).currencyCode,
    ).toBe('USD');
    expect(text('review-contract-file')).toBe(LABELS.reviewNoContractFile);
    expect(text('review-factors')).toBe('Price');
    expect(text('review-explanation')).toBe('Integration depth.');
    expect(text('review-loss-reason')).toBeNull();
    expect(root.querySelectorAll('[data-id="review"] ul li').length).toBeGreaterThan(0);
  });

  it('shows a Lost close with the reason and a typed competitor, and no contract', async () => {
    const context = closeContext();
    const details: DetailsInput = {
      ...defaultDetails(context),
      lossReason: 'Lost to Competitor',
      competitorChoice: OTHER_COMPETITOR,
      competitorOther: 'Umbrella',
    };
    const { text } = await mount('Lost', context, details);
    expect(text('review-loss-reason')).toBe('Lost to a competitor');
    expect(text('review-competitor')).toBe('Umbrella');
    expect(text('review-contract-file')).toBeNull();
  });

  it('takes the focus on the step through focus()', async () => {
    const context = closeContext();
    const { element, root } = await mount('Won', context, defaultDetails(context));
    element.focus();
    expect(root.activeElement).toBe(root.querySelector('[data-id="review"]'));
  });
});
