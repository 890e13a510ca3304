import { createElement } from 'lwc';
import CloseSummary from 'c/closeSummary';
import { LABELS } from 'c/closeWonLabels';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import type { CloseContext } from '../../../../../../types/close-api';
import {
  OPPORTUNITY_ID,
  closeContext,
  flushPromises,
  historyEntry,
} from '../../closeWonUtils/__tests__/closeContextFixture';

jest.mock(
  '@salesforce/apex/CloseOpportunityController.loadContext',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

const mockLoad = loadContext as unknown as jest.Mock;
const mockRegister = registerRefreshHandler as unknown as jest.Mock;
const mockUnregister = unregisterRefreshHandler as unknown as jest.Mock;

type Summary = HTMLElement & { recordId?: string; context?: CloseContext; hideHistory?: boolean };

async function mountOnPage(result: CloseContext | Error): Promise<Summary> {
  if (result instanceof Error) {
    mockLoad.mockRejectedValue(result);
  } else {
    mockLoad.mockResolvedValue(result);
  }
  const element = createElement('c-close-summary', { is: CloseSummary }) as Summary;
  element.recordId = OPPORTUNITY_ID;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function text(element: HTMLElement, dataId: string): string | null {
  return (
    (element.shadowRoot as ShadowRoot).querySelector(`[data-id="${dataId}"]`)?.textContent ?? null
  );
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
});

const won = closeContext({
  isClosed: true,
  isWon: true,
  lastClose: historyEntry(),
  history: [historyEntry()],
});

const lost = closeContext({
  isClosed: true,
  isWon: false,
  lastClose: historyEntry({
    id: 'a00000000000002AAA',
    outcome: 'Lost',
    stage: 'Closed Lost',
    decisionFactors: ['Price'],
    lossReason: 'Lost to Competitor',
    competitor: 'Globex',
    explanation: 'Globex undercut us by a third.',
  }),
  history: [
    historyEntry({ id: 'a00000000000002AAA', outcome: 'Lost', lossReason: 'Lost to Competitor' }),
    historyEntry({
      id: 'a00000000000003AAA',
      action: 'Reopen',
      outcome: 'Reopened',
      reopenReason: 'Signed by mistake.',
      explanation: null,
    }),
    historyEntry({ id: 'a00000000000004AAA' }),
  ],
});

describe('c-close-summary on the record page', () => {
  it('shows a won close: outcome, factor labels, explanation, who, and the history', async () => {
    const element = await mountOnPage(won);

    expect(mockLoad).toHaveBeenCalledTimes(1);
    expect(mockLoad).toHaveBeenCalledWith({ opportunityId: OPPORTUNITY_ID });
    expect(text(element, 'outcome')).toBe(LABELS.outcomeWon);
    expect(text(element, 'decision-factors')).toBe('Price, Product fit');
    expect(text(element, 'explanation')).toBe(
      'Best integration story and a price the buyer could sign.',
    );
    expect(text(element, 'closed-by')).toBe('Rita Rep');
    expect(text(element, 'loss-reason')).toBeNull();
    expect(
      (element.shadowRoot as ShadowRoot).querySelectorAll('[data-id="history"] li'),
    ).toHaveLength(1);
  });

  it('shows a lost close with the loss reason label and the competitor, and every history entry', async () => {
    const element = await mountOnPage(lost);

    expect(text(element, 'outcome')).toBe(LABELS.outcomeLost);
    expect(text(element, 'loss-reason')).toBe('Lost to a competitor');
    expect(text(element, 'competitor')).toBe('Globex');
    const rows = (element.shadowRoot as ShadowRoot).querySelectorAll('[data-id="history"] li');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain('Signed by mistake.');
  });

  it('says an open opportunity with no history has nothing to show yet', async () => {
    const element = await mountOnPage(closeContext());

    expect(text(element, 'open')).toBe(LABELS.summaryOpen);
    expect(text(element, 'history-empty')).toBe(LABELS.historyEmpty);
    expect(text(element, 'last-close')).toBeNull();
  });

  it('shows only the outcome of a deal closed before closes were recorded', async () => {
    const element = await mountOnPage(closeContext({ isClosed: true, isWon: false }));

    expect(text(element, 'closed-without-history')).toBe(LABELS.closedLost);
    expect(text(element, 'open')).toBeNull();
    expect(text(element, 'history-empty')).toBe(LABELS.historyEmpty);
  });

  it('shows the load error as an alert', async () => {
    const element = await mountOnPage(
      Object.assign(new Error('denied'), { body: { message: 'Insufficient access.' } }),
    );

    const error = (element.shadowRoot as ShadowRoot).querySelector('[data-id="error"]');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toContain('Insufficient access.');
  });

  it('loads again when the page shows another opportunity', async () => {
    const element = await mountOnPage(closeContext());
    mockLoad.mockResolvedValue(lost);

    element.recordId = '006000000000002AAA';
    await flushPromises();

    expect(mockLoad).toHaveBeenCalledTimes(2);
    expect(mockLoad).toHaveBeenLastCalledWith({ opportunityId: '006000000000002AAA' });
    expect(text(element, 'outcome')).toBe(LABELS.outcomeLost);
  });

  it('reloads when the record page refreshes, and stops listening when removed', async () => {
    const element = await mountOnPage(closeContext());
    expect(mockRegister).toHaveBeenCalledTimes(1);
    const refresh = mockRegister.mock.calls[0][1] as () => Promise<boolean>;
    mockLoad.mockResolvedValue(won);

    await expect(refresh()).resolves.toBe(true);
    await flushPromises();

    expect(mockLoad).toHaveBeenCalledTimes(2);
    expect(text(element, 'outcome')).toBe(LABELS.outcomeWon);
    document.body.removeChild(element);
    expect(mockUnregister).toHaveBeenCalledWith(mockRegister.mock.results[0].value);
  });
});

describe('c-close-summary inside the wizard', () => {
  it('renders the given context without calling Apex and can hide the history', async () => {
    const element = createElement('c-close-summary', { is: CloseSummary }) as Summary;
    element.context = lost;
    element.hideHistory = true;
    document.body.appendChild(element);
    await flushPromises();

    expect(mockLoad).not.toHaveBeenCalled();
    expect(mockRegister).not.toHaveBeenCalled();
    expect(text(element, 'competitor')).toBe('Globex');
    expect((element.shadowRoot as ShadowRoot).querySelector('[data-id="history"]')).toBeNull();
  });
});
