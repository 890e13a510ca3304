/**
 * The preview page: an Opportunity record page as Lightning Experience lays it out (highlights
 * panel with the Close as Won / Close as Lost quick actions, details, the Win/Loss Summary in the
 * sidebar) around the project's real components, with a banner that says it is a preview with
 * sample data and lets the reader switch scenarios (each a canned set of Apex answers).
 */
import { LightningElement } from 'lwc';
import {
  OPPORTUNITY_ID,
  SCENARIOS,
  currentRecord,
  currentScenario,
  isScenarioId,
  useScenario,
  type ScenarioId,
} from '../data/data';
import type { CloseContext, CloseOutcome } from '../../../../../types/close-api';

interface ToastView {
  key: string;
  title: string;
  message: string;
  className: string;
  iconName: string;
  variant: string;
}

interface ToastDetail {
  title?: string;
  message?: string;
  variant?: string;
}

const TOAST_MS = 8000;
const TOAST_ICONS: Record<string, string> = {
  success: 'utility:success',
  error: 'utility:error',
  warning: 'utility:warning',
  info: 'utility:info',
};

function readScenario(): ScenarioId {
  const asked = new URLSearchParams(window.location.search).get('scenario');
  return isScenarioId(asked) ? asked : 'ready';
}

export default class App extends LightningElement {
  recordId = OPPORTUNITY_ID;
  scenarioId: ScenarioId = readScenario();
  record: CloseContext;
  action: CloseOutcome | null = null;
  toasts: ToastView[] = [];
  navigationNotice = '';
  summaryKey = 0;

  private toastCount = 0;
  private returnFocusTo: string | null = null;
  private readonly onWindowEvent = (event: Event): void => this.handleWindowEvent(event);

  constructor() {
    super();
    useScenario(this.scenarioId);
    this.record = currentRecord();
    const action = new URLSearchParams(window.location.search).get('action');
    if (action === 'won' || action === 'lost') this.action = action === 'won' ? 'Won' : 'Lost';
  }

  connectedCallback(): void {
    for (const name of ['preview:navigate', 'preview:recordupdated', 'lightning__refreshevent']) {
      window.addEventListener(name, this.onWindowEvent);
    }
    this.template?.addEventListener('lightning__actionsclosescreen', () => this.closeAction());
    this.template?.addEventListener('lightning__showtoast', (event) =>
      this.showToast((event as CustomEvent<ToastDetail>).detail),
    );
  }

  disconnectedCallback(): void {
    for (const name of ['preview:navigate', 'preview:recordupdated', 'lightning__refreshevent']) {
      window.removeEventListener(name, this.onWindowEvent);
    }
  }

  renderedCallback(): void {
    if (this.returnFocusTo && !this.action) {
      const selector = `[data-id="${this.returnFocusTo}"]`;
      this.returnFocusTo = null;
      this.template?.querySelector<HTMLElement>(selector)?.focus();
    }
  }

  // ---- banner ----

  get scenarioOptions(): Array<{ value: string; label: string; selected: boolean }> {
    return SCENARIOS.map((scenario) => ({
      value: scenario.id,
      label: scenario.label,
      selected: scenario.id === this.scenarioId,
    }));
  }

  get scenarioDescription(): string {
    return currentScenario().description;
  }

  handleScenarioChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const url = new URL(window.location.href);
    url.searchParams.set('scenario', value);
    url.searchParams.delete('action');
    window.location.assign(url.toString());
  }

  // ---- record header ----

  get accountName(): string {
    return this.record.accountName ?? '';
  }
  get stageName(): string {
    return this.record.stageName;
  }
  get amount(): number | null {
    return this.record.amount;
  }
  get currencyCode(): string {
    return this.record.currencyIsoCode ?? 'USD';
  }
  get hasAmount(): boolean {
    return this.record.amount !== null;
  }
  get closeDate(): string | null {
    return this.record.closeDate;
  }

  // ---- quick actions ----

  get isActionOpen(): boolean {
    return this.action !== null;
  }
  get isWonAction(): boolean {
    return this.action === 'Won';
  }
  get actionTitle(): string {
    return this.action === 'Lost' ? 'Close as Lost' : 'Close as Won';
  }

  handleCloseAsWon(): void {
    this.openAction('Won');
  }
  handleCloseAsLost(): void {
    this.openAction('Lost');
  }

  handleModalClose(): void {
    this.closeAction();
  }

  handleModalKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.closeAction();
    }
  }

  private openAction(outcome: CloseOutcome): void {
    this.navigationNotice = '';
    this.returnFocusTo = outcome === 'Won' ? 'action-won' : 'action-lost';
    this.action = outcome;
  }

  private closeAction(): void {
    this.action = null;
    this.returnFocusTo ??= 'action-won';
  }

  // ---- platform events ----

  private handleWindowEvent(event: Event): void {
    if (event.type === 'preview:navigate') {
      const detail = (
        event as CustomEvent<{
          pageReference: { type: string; attributes?: Record<string, unknown> };
        }>
      ).detail;
      const attributes = detail.pageReference.attributes ?? {};
      const where = [attributes.actionName, attributes.relationshipApiName]
        .filter((part) => typeof part === 'string')
        .join(' ');
      this.navigationNotice = `In Salesforce this opens ${detail.pageReference.type}${where ? ` (${where})` : ''}. The preview has no other pages.`;
      return;
    }
    this.record = currentRecord();
  }

  private showToast(detail: ToastDetail): void {
    this.toastCount += 1;
    const variant = detail.variant ?? 'info';
    const toast: ToastView = {
      key: `toast-${this.toastCount}`,
      title: detail.title ?? '',
      message: detail.message ?? '',
      variant,
      iconName: TOAST_ICONS[variant] ?? TOAST_ICONS.info,
      className: `slds-notify slds-notify_toast slds-theme_${variant}`,
    };
    this.toasts = [...this.toasts, toast];
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- toasts dismiss themselves, as in Lightning Experience
    setTimeout(() => {
      this.toasts = this.toasts.filter((candidate) => candidate.key !== toast.key);
    }, TOAST_MS);
  }

  handleToastClose(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    this.toasts = this.toasts.filter((toast) => toast.key !== key);
  }
}
