/**
 * Win/loss summary for the Opportunity record page: the last close (outcome, reasons, competitor,
 * explanation, who and when) and the close history. On the record page it loads the same context
 * as the wizard (one Apex call) and reloads when the page refreshes (RefreshEvent after a close).
 * Inside the wizard it is given that context and calls nothing.
 */
import { LightningElement, api } from 'lwc';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import type { CloseContext, CloseHistoryEntry } from '../../../../../types/close-api';
import { LABELS } from 'c/closeWonLabels';
import { apexErrorMessage, formatLabel, optionLabel, outcomeLabel } from 'c/closeWonUtils';

interface HistoryRow {
  id: string;
  heading: string;
  occurredOn: string;
  stage: string | null;
  reason: string | null;
  explanation: string | null;
}

export default class CloseSummary extends LightningElement {
  /** Hide the close history list (the wizard shows only the last close). */
  @api hideHistory = false;

  labels = LABELS;
  loading = false;
  errorMessage = '';
  data: CloseContext | null = null;

  private currentRecordId: string | undefined;
  private connected = false;
  private given = false;
  private refreshHandlerId: number | null = null;

  /** The opportunity on the record page. */
  @api
  get recordId(): string | undefined {
    return this.currentRecordId;
  }
  set recordId(value: string | undefined) {
    const changed = value !== this.currentRecordId;
    this.currentRecordId = value;
    if (changed && this.connected && !this.given) {
      this.load();
    }
  }

  /** A context already loaded by the caller (the wizard): shown as is, nothing is loaded. */
  @api
  get context(): CloseContext | null {
    return this.data;
  }
  set context(value: CloseContext | null) {
    this.given = value !== null && value !== undefined;
    this.data = value ?? null;
  }

  connectedCallback(): void {
    this.connected = true;
    if (this.given) {
      return;
    }
    this.refreshHandlerId = registerRefreshHandler(this, () => this.refresh());
    this.load();
  }

  disconnectedCallback(): void {
    this.connected = false;
    if (this.refreshHandlerId !== null) {
      unregisterRefreshHandler(this.refreshHandlerId);
      this.refreshHandlerId = null;
    }
  }

  /** On the record page (not inside the wizard): titled, card-styled. */
  get standalone(): boolean {
    return !this.given;
  }
  get articleClass(): string {
    return this.given ? 'summary' : 'summary slds-card slds-p-around_medium';
  }
  get isLoading(): boolean {
    return this.loading && this.data === null;
  }
  get hasError(): boolean {
    return this.errorMessage !== '';
  }
  get isClosed(): boolean {
    return Boolean(this.data?.isClosed && this.data.lastClose);
  }
  get isOpen(): boolean {
    return this.data !== null && !this.data.isClosed;
  }
  /** Closed before the package recorded closes (no history entry): the outcome only. */
  get closedWithoutHistory(): string {
    if (!this.data?.isClosed || this.data.lastClose) {
      return '';
    }
    return this.data.isWon ? LABELS.closedWon : LABELS.closedLost;
  }
  get last(): CloseHistoryEntry | null {
    return this.data?.lastClose ?? null;
  }
  get outcomeText(): string {
    return this.last ? outcomeLabel(this.last.outcome) : '';
  }
  get outcomeClass(): string {
    return this.last?.outcome === 'Won'
      ? 'slds-badge slds-theme_success'
      : 'slds-badge slds-theme_error';
  }
  get isLost(): boolean {
    return this.last?.outcome === 'Lost';
  }
  get decisionFactors(): string {
    const options = this.data?.decisionFactorOptions ?? [];
    return (this.last?.decisionFactors ?? [])
      .map((value) => optionLabel(options, value))
      .join(', ');
  }
  get lossReason(): string {
    const value = this.last?.lossReason;
    return value ? optionLabel(this.data?.lossReasonOptions ?? [], value) : '';
  }
  get currencyCode(): string | undefined {
    return this.data?.currencyIsoCode ?? undefined;
  }
  get showHistory(): boolean {
    return !this.hideHistory && this.data !== null;
  }
  get hasHistory(): boolean {
    return this.historyRows.length > 0;
  }
  get historyRows(): HistoryRow[] {
    return (this.data?.history ?? []).map((entry) => ({
      id: entry.id,
      heading: entry.actorName
        ? formatLabel(LABELS.historyBy, outcomeLabel(entry.outcome), entry.actorName)
        : outcomeLabel(entry.outcome),
      occurredOn: entry.occurredOn,
      stage: entry.stage,
      reason: entry.action === 'Reopen' ? entry.reopenReason : entry.lossReason,
      explanation: entry.explanation,
    }));
  }

  private async refresh(): Promise<boolean> {
    await this.load();
    return !this.hasError;
  }

  private async load(): Promise<void> {
    if (!this.currentRecordId) {
      return;
    }
    this.loading = true;
    try {
      this.data = (await loadContext({ opportunityId: this.currentRecordId })) as CloseContext;
      this.errorMessage = '';
    } catch (error) {
      this.errorMessage = apexErrorMessage(error);
    } finally {
      this.loading = false;
    }
  }
}
