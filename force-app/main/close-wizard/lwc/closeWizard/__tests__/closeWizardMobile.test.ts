import { createElement } from 'lwc';
import CloseWizard from 'c/closeWizard';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import closeOpportunity from '@salesforce/apex/CloseOpportunityController.closeOpportunity';
import {
  OPPORTUNITY_ID,
  closeContext,
  flushPromises,
} from '../../closeWonUtils/__tests__/closeContextFixture';

jest.mock('@salesforce/client/formFactor', () => ({ default: 'Small' }), { virtual: true });
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

const mockLoad = loadContext as unknown as jest.Mock;
const mockClose = closeOpportunity as unknown as jest.Mock;

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
});

describe('c-close-wizard on a phone (form factor Small)', () => {
  async function mount(): Promise<HTMLElement> {
    mockLoad.mockResolvedValue(closeContext());
    const element = createElement('c-close-wizard', { is: CloseWizard }) as HTMLElement & {
      recordId: string;
      outcome: string;
    };
    element.outcome = 'Won';
    element.recordId = OPPORTUNITY_ID;
    document.body.appendChild(element);
    await flushPromises();
    return element;
  }

  it('stacks the layout and offers decision factors as a checkbox group, not a dual listbox', async () => {
    const element = await mount();
    const root = element.shadowRoot as ShadowRoot;

    expect(root.querySelector('.wizard_stacked')).not.toBeNull();
    expect(root.querySelector('lightning-dual-listbox')).toBeNull();
    const group = root.querySelector('lightning-checkbox-group') as HTMLElement & {
      options: Array<{ value: string }>;
    };
    expect(group.options.map((option) => option.value)).toEqual([
      'Price',
      'Product Fit',
      'Relationship',
    ]);
    const halfWidth = root.querySelector('[data-field="contractStartDate"]')
      ?.parentElement as HTMLElement & { mediumDeviceSize: number };
    expect(halfWidth.mediumDeviceSize).toBe(12);
  });

  it('sends the factors chosen in the checkbox group in the one close request', async () => {
    const element = await mount();
    const root = element.shadowRoot as ShadowRoot;
    mockClose.mockResolvedValue({
      success: true,
      opportunityId: OPPORTUNITY_ID,
      stageName: 'Closed Won',
      errors: [],
    });

    root
      .querySelector('lightning-checkbox-group')
      ?.dispatchEvent(new CustomEvent('change', { detail: { value: ['Relationship'] } }));
    root
      .querySelector('[data-field="explanation"]')
      ?.dispatchEvent(
        new CustomEvent('change', { detail: { value: 'Years of trust with their CFO.' } }),
      );
    await flushPromises();
    (root.querySelector('[data-id="next"]') as HTMLElement).click();
    await flushPromises();
    (root.querySelector('[data-id="submit"]') as HTMLElement).click();
    await flushPromises();

    expect(mockLoad).toHaveBeenCalledTimes(1);
    expect(mockClose).toHaveBeenCalledTimes(1);
    expect(mockClose.mock.calls[0][0].request.decisionFactors).toEqual(['Relationship']);
  });
});
