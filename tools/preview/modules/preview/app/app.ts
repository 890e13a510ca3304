/**
 * The preview page: an Opportunity record page as Lightning Experience lays it out (highlights
 * panel with the Close as Won / Close as Lost quick actions, details, the Win/Loss Summary in the
 * sidebar) around the project's real components, with a banner that says it is a preview with
 * sample data and lets the reader switch scenarios (each a canned set of Apex answers).
 * With `previewPage=<page reference>` in the URL (what a Fix it link of the wizard opens in a new
 * tab) the page is instead a stand-in of that Salesforce page, whose Save marks the issues fixed
 * there as fixed for the wizard's Check again.
 */
import { LightningElement } from 'lwc';
import {
  OPPORTUNITY_ID,
  SCENARIOS,
  currentFiles,
  currentRecord,
  currentScenario,
  forgetFixes,
  isScenarioId,
  issuesFixedAt,
  saveFixes,
  useScenario,
  type PageReference,
  type PreviewFile,
  type ScenarioId,
} from '../data/data';
import type { CloseContext, CloseOutcome, ReadinessIssue } from '../../../../../types/close-api';

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

/** The page reference of a fix link's tab (`previewPage`), or null on the record page. */
function readPreviewPage(): PageReference | null {
  const raw = new URLSearchParams(window.location.search).get('previewPage');
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as PageReference;
    return typeof parsed?.type === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** What the stand-in page says it stands for. */
function describePage(pageReference: PageReference): string {
  const attributes = pageReference.attributes ?? {};
  if (pageReference.type === 'standard__recordRelationshipPage') {
    return `the opportunity's ${String(attributes.relationshipApiName)} related list`;
  }
  return attributes.actionName === 'edit' ? "the opportunity's edit form" : pageReference.type;
}

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
  files: PreviewFile[] = [];
  /** Set in a fix link's tab: the stand-in of the Salesforce page it opened. */
  previewPage: PageReference | null = readPreviewPage();
  fixableIssues: ReadinessIssue[] = [];
  fixSaved = false;

  private toastCount = 0;
  private returnFocusTo: string | null = null;
  private readonly onWindowEvent = (event: Event): void => this.handleWindowEvent(event);

  constructor() {
    super();
    useScenario(this.scenarioId);
    this.record = currentRecord();
    if (this.previewPage) {
      this.fixableIssues = issuesFixedAt(this.previewPage);
    } else {
      forgetFixes();
    }
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

  // ---- a fix link's tab ----

  get isFixPage(): boolean {
    return this.previewPage !== null;
  }
  get fixPageName(): string {
    return this.previewPage ? describePage(this.previewPage) : '';
  }
  get hasFixableIssues(): boolean {
    return this.fixableIssues.length > 0;
  }

  handleSaveFix(): void {
    saveFixes(this.fixableIssues);
    this.fixSaved = true;
  }

  // ---- the record's Files ----

  get hasFiles(): boolean {
    return this.files.length > 0;
  }
  get filesTitle(): string {
    return `Files (${this.files.length})`;
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
    this.files = [...currentFiles()];
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
