import { createElement } from 'lwc';
import CloseErrorPopover from 'c/closeErrorPopover';
import { LABELS } from 'c/closeWonLabels';
import type { ErrorReport } from 'c/closeWonUtils';
import { flushPromises } from '../../closeWonUtils/__tests__/closeContextFixture';

type Popover = HTMLElement & {
  report: ErrorReport | null;
  open: boolean;
  recordName: string;
  failureHeading: string;
  reposition(): void;
};

const VALIDATION: ErrorReport = {
  kind: 'validation',
  fields: [{ field: 'explanation', label: 'Explanation' }],
  messages: ['The amount must be positive.'],
};
const UNEXPECTED: ErrorReport = {
  kind: 'unexpected',
  fields: [],
  messages: ['System.NullPointerException: boom (error id 42)'],
};

async function mount(report: ErrorReport | null, open: boolean) {
  const element = createElement('c-close-error-popover', { is: CloseErrorPopover }) as Popover;
  element.report = report;
  element.open = open;
  element.recordName = 'Acme renewal';
  element.failureHeading = 'We could not close this opportunity.';
  const events: CustomEvent[] = [];
  element.addEventListener('openchange', (event) => events.push(event as CustomEvent));
  element.addEventListener('fieldselect', (event) => events.push(event as CustomEvent));
  document.body.appendChild(element);
  await flushPromises();
  const find = (selector: string) =>
    (element.shadowRoot as ShadowRoot).querySelector(selector) as HTMLElement | null;
  return { element, events, find };
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
});

describe('c-close-error-popover', () => {
  it('shows nothing but an empty live region without a report', async () => {
    const { find } = await mount(null, false);
    expect(find('[data-id="error-announcement"]')?.textContent).toBe('');
    expect(find('[data-id="error-button"]')).toBeNull();
    expect(find('[data-id="error-summary"]')).toBeNull();
  });

  it('lists the fields as buttons and the record messages, and announces both', async () => {
    const { element, events, find } = await mount(VALIDATION, true);
    expect(find('[data-id="error-button"]')?.getAttribute('aria-expanded')).toBe('true');
    const popover = find('[data-id="error-summary"]');
    expect(popover?.getAttribute('aria-label')).toBe('Errors closing Acme renewal');
    expect(find('[data-id="error-heading"]')?.textContent).toBe(LABELS.errorSnagHeading);
    expect(find('[data-id="error-messages"]')?.textContent).toContain(
      'The amount must be positive.',
    );
    expect(find('[data-id="error-announcement"]')?.textContent).toBe(
      `${LABELS.errorSnagHeading} ${LABELS.errorReviewFields}: Explanation. The amount must be positive.`,
    );

    (find('[data-field="explanation"]') as HTMLElement).click();
    expect(events.map((event) => [event.type, event.detail])).toEqual([
      ['fieldselect', { field: 'explanation' }],
    ]);
    element.focus();
    expect((element.shadowRoot as ShadowRoot).activeElement).toBe(popover);
  });

  it('says what failed and what to give the admin for an unexpected error', async () => {
    const { find } = await mount(UNEXPECTED, true);
    expect(find('[data-id="error-heading"]')?.textContent).toBe(
      'We could not close this opportunity.',
    );
    expect(find('[data-id="error-admin"]')?.textContent).toBe(
      'Try again, or give your admin this message: System.NullPointerException: boom (error id 42)',
    );
    expect(find('[data-id="error-fields"]')).toBeNull();
  });

  it('asks the parent to toggle, and on close or Escape gives the focus back to the error button', async () => {
    const { element, events, find } = await mount(VALIDATION, true);
    const button = find('[data-id="error-button"]') as HTMLElement;
    button.click();
    (find('[data-id="error-close"]') as HTMLElement).click();
    expect((element.shadowRoot as ShadowRoot).activeElement).toBe(button);
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true });
    const outside = jest.fn();
    element.addEventListener('keydown', outside);
    find('[data-id="error-summary"]')?.dispatchEvent(escape);
    expect(outside).not.toHaveBeenCalled(); // the quick action around it stays open
    expect(events.map((event) => event.detail)).toEqual([
      { open: false },
      { open: false },
      { open: false },
    ]);

    element.open = false;
    await flushPromises();
    expect(find('[data-id="error-summary"]')).toBeNull();
    button.click();
    expect(events[3].detail).toEqual({ open: true });
  });

  it('places the popover over the error button, inside the footer', async () => {
    const { element, find } = await mount(VALIDATION, true);
    const popover = find('[data-id="error-summary"]') as HTMLElement;
    const button = find('[data-id="error-button"]') as HTMLElement;
    const footer = document.createElement('div');
    Object.defineProperty(popover, 'offsetParent', { value: footer });
    Object.defineProperty(popover, 'offsetWidth', { value: 320 });
    Object.defineProperty(footer, 'clientWidth', { value: 600 });
    Object.defineProperty(button, 'offsetLeft', { value: 400 });
    Object.defineProperty(button, 'offsetWidth', { value: 32 });
    element.reposition();
    // The nubbin (1.5rem = 24px in) would sit at 416 px, but the popover must end inside 600 px.
    expect(popover.style.left).toBe('280px');
    expect(popover.style.getPropertyValue('--wizard-nubbin-left')).toBe('136px');
  });
});
