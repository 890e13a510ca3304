import { createElement } from 'lwc';
import CloseAsWon from 'c/closeAsWon';
import CloseAsLost from 'c/closeAsLost';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import {
  OPPORTUNITY_ID,
  closeContext,
  flushPromises,
} from '../../closeWonUtils/__tests__/closeContextFixture';

jest.mock(
  '@salesforce/apex/CloseOpportunityController.loadContext',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

const mockLoad = loadContext as unknown as jest.Mock;

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
});

describe.each([
  ['c-close-as-won', CloseAsWon, 'Won'],
  ['c-close-as-lost', CloseAsLost, 'Lost'],
])('%s quick action wrapper', (tag, component, outcome) => {
  async function mount() {
    mockLoad.mockResolvedValue(closeContext());
    const element = createElement(tag, { is: component }) as HTMLElement & { recordId: string };
    element.recordId = OPPORTUNITY_ID;
    const closes: Event[] = [];
    element.addEventListener('close', (event) => closes.push(event));
    document.body.appendChild(element);
    await flushPromises();
    const wizard = (element.shadowRoot as ShadowRoot).querySelector(
      'c-close-wizard',
    ) as HTMLElement & {
      recordId: string;
      outcome: string;
    };
    return { wizard, closes };
  }

  it(`opens the wizard for the record with the outcome ${outcome}, loading once`, async () => {
    const { wizard } = await mount();

    expect(wizard.outcome).toBe(outcome);
    expect(wizard.recordId).toBe(OPPORTUNITY_ID);
    expect(mockLoad).toHaveBeenCalledTimes(1);
  });

  it('closes the action (CloseActionScreenEvent) when the wizard is done', async () => {
    const { wizard, closes } = await mount();
    expect(closes).toHaveLength(0);

    wizard.dispatchEvent(new CustomEvent('done'));

    expect(closes).toHaveLength(1);
  });
});
