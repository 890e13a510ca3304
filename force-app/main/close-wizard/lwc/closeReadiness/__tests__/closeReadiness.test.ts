import { createElement } from 'lwc';
import CloseReadiness from 'c/closeReadiness';
import { LABELS } from 'c/closeWonLabels';
import { formatLabel } from 'c/closeWonUtils';
import type { CloseContext } from '../../../../../../types/close-api';
import {
  OPPORTUNITY_ID,
  closeContext,
  flushPromises,
} from '../../closeWonUtils/__tests__/closeContextFixture';

/** The URL Lightning Experience would generate: the page reference, readable in assertions. */
const mockGenerateUrl = jest.fn((pageReference: { attributes: Record<string, string> }) =>
  Promise.resolve(`/lightning/${Object.values(pageReference.attributes).join('/')}`),
);
jest.mock('lightning/navigation', () => {
  const Navigate = Symbol('Navigate');
  const GenerateUrl = Symbol('GenerateUrl');
  const NavigationMixin = (Base: new () => object) =>
    class extends Base {
      [GenerateUrl](pageReference: { attributes: Record<string, string> }) {
        return mockGenerateUrl(pageReference);
      }
    };
  NavigationMixin.Navigate = Navigate;
  NavigationMixin.GenerateUrl = GenerateUrl;
  return { NavigationMixin };
});

type Readiness = HTMLElement & {
  recordId?: string;
  context: CloseContext | null;
  acknowledged: boolean;
  checking: boolean;
  status: string;
  reportValidity(): boolean;
};

type Icon = HTMLElement & { alternativeText: string };

const NO_AMOUNT = { code: 'NO_AMOUNT', message: 'Enter an amount.', fixField: 'Amount' };
const OLD_DATE = { code: 'PAST_CLOSE_DATE', message: 'The close date is past.', fixField: null };

async function mount(context: CloseContext) {
  const element = createElement('c-close-readiness', { is: CloseReadiness }) as Readiness;
  element.recordId = OPPORTUNITY_ID;
  element.context = context;
  const events: CustomEvent[] = [];
  element.addEventListener('acknowledge', (event) => events.push(event as CustomEvent));
  element.addEventListener('checkagain', (event) => events.push(event as CustomEvent));
  document.body.appendChild(element);
  await flushPromises();
  const root = element.shadowRoot as ShadowRoot;
  const find = (selector: string) => root.querySelector(selector) as HTMLElement | null;
  return { element, events, find, root };
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  mockGenerateUrl.mockClear();
});

describe('c-close-readiness', () => {
  it('lists blockers with a Fix it link to the field, in a new tab; Enter on the link stays with it', async () => {
    const { element, find, root } = await mount(closeContext({ blockingIssues: [NO_AMOUNT] }));
    expect(find('[data-id="ready"]')).toBeNull();
    expect(find('[data-id="blocking"] h2')?.textContent).toBe(
      formatLabel(LABELS.blockingHeading, 1),
    );
    expect(
      (root.querySelector('[data-id="blocking"] li > lightning-icon') as Icon).alternativeText,
    ).toBe(LABELS.blockerIcon);
    const link = root.querySelector('[data-id="blocking"] a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(`/lightning/${OPPORTUNITY_ID}/Opportunity/edit`);
    expect(link.target).toBe('_blank');
    const outside = jest.fn();
    element.addEventListener('keydown', outside);
    link.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
    );
    expect(outside).not.toHaveBeenCalled();
    expect(find('[data-id="acknowledge"]')).toBeNull(); // blockers keep Next disabled anyway
    expect(element.reportValidity()).toBe(false);
    expect(find('[data-id="acknowledge-error"]')).toBeNull();
  });

  it('says when nothing blocks, and why not when the rep may not close', async () => {
    const ready = await mount(closeContext());
    expect(ready.find('[data-id="ready"]')?.textContent).toBe(LABELS.readyToClose);
    expect(ready.find('[data-id="cannot-close"]')).toBeNull();
    expect(ready.element.reportValidity()).toBe(true);

    const refused = await mount(closeContext({ canClose: false }));
    expect(refused.find('[data-id="cannot-close"]')?.textContent).toBe(LABELS.cannotClose);
    expect(refused.element.reportValidity()).toBe(false);
  });

  it('asks for the acknowledgement on reportValidity, focused, until the parent says it is given', async () => {
    const { element, events, find, root } = await mount(closeContext({ warnings: [OLD_DATE] }));
    expect(find('[data-id="warnings"] h2')?.textContent).toBe(
      formatLabel(LABELS.warningsHeading, 1),
    );
    expect(root.querySelector('[data-id="warnings"] a')).toBeNull(); // nothing to fix on a page

    const checkbox = find('[data-id="acknowledge"]') as HTMLElement;
    checkbox.focus = jest.fn(); // the jsdom stub of lightning-input cannot take the focus
    expect(element.reportValidity()).toBe(false);
    await flushPromises();
    expect(find('[data-id="acknowledge-error"]')?.textContent?.trim()).toBe(
      LABELS.errorAcknowledge,
    );
    expect(checkbox.focus).toHaveBeenCalledTimes(1);

    find('[data-id="acknowledge"]')?.dispatchEvent(
      new CustomEvent('change', { detail: { checked: true } }),
    );
    await flushPromises();
    expect(events.map((event) => [event.type, event.detail])).toEqual([
      ['acknowledge', { checked: true }],
    ]);
    expect(find('[data-id="acknowledge-error"]')).toBeNull();
    element.acknowledged = true;
    expect(element.reportValidity()).toBe(true);
  });

  it('asks the parent to check again, shows the re-check, and takes the new context with new links', async () => {
    const { element, events, find, root } = await mount(closeContext({ warnings: [OLD_DATE] }));
    element.reportValidity();
    (find('[data-id="check-again"]') as HTMLElement).click();
    expect(events.map((event) => event.type)).toEqual(['checkagain']);

    element.checking = true;
    element.status = LABELS.checking;
    await flushPromises();
    expect((find('[data-id="check-again"]') as HTMLElement & { disabled: boolean }).disabled).toBe(
      true,
    );
    expect(find('[data-id="readiness-status"]')?.textContent).toBe(LABELS.checking);

    element.context = closeContext({ blockingIssues: [NO_AMOUNT] });
    await flushPromises();
    expect(find('[data-id="acknowledge-error"]')).toBeNull(); // a new list: nothing to answer yet
    expect(find('[data-id="warnings"]')).toBeNull();
    expect(
      (root.querySelector('[data-id="blocking"] a') as HTMLAnchorElement).getAttribute('href'),
    ).toBe(`/lightning/${OPPORTUNITY_ID}/Opportunity/edit`);
  });

  it('focuses the step itself through focus()', async () => {
    const { element, find, root } = await mount(closeContext({ warnings: [OLD_DATE] }));
    element.focus();
    expect(root.activeElement).toBe(find('[data-id="readiness"]'));
  });
});
