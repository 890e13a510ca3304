/**
 * The Review step of the close wizard (issue 11, 3.3): the opportunity's name and amount, what the
 * rep entered (dates localized by lightning-formatted-date-time, the term and the order count with
 * proper plurals, the decision factors, the explanation, the signed contract or its absence), then
 * what the close will do. Read-only: it shows `context` and `details` for the `outcome` and owns no
 * state. `focus()` focuses the step (the wizard moves the focus here on Next; only the close
 * button submits, so an Enter that moved here from Details cannot close the deal).
 */
import { LightningElement, api } from 'lwc';
import type { CloseContext, CloseOutcome } from '../../../../../types/close-api';
import { LABELS } from 'c/closeWonLabels';
import {
  optionLabel,
  resolveCompetitor,
  reviewFactors,
  reviewLines,
  reviewTerm,
  type DetailsInput,
} from 'c/closeWonUtils';

export default class CloseReview extends LightningElement {
  @api outcome: CloseOutcome = 'Won';
  @api context: CloseContext | null = null;
  @api details: DetailsInput | null = null;

  labels = LABELS;

  @api
  focus(): void {
    this.template?.querySelector<HTMLElement>('[data-id="review"]')?.focus();
  }

  get isWon(): boolean {
    return this.outcome === 'Won';
  }
  get name(): string {
    return this.context?.name ?? '';
  }
  get showContract(): boolean {
    return this.isWon && Boolean(this.context?.steps.contract);
  }
  get hasAmount(): boolean {
    return this.context?.amount !== null && this.context?.amount !== undefined;
  }
  get amount(): number | null {
    return this.context?.amount ?? null;
  }
  get currencyCode(): string | undefined {
    return this.context?.currencyIsoCode ?? undefined;
  }
  get closeDate(): string {
    return this.details?.closeDate ?? '';
  }
  get contractStartDate(): string {
    return this.details?.contractStartDate ?? '';
  }
  get lossReason(): string {
    return optionLabel(this.context?.lossReasonOptions ?? [], this.details?.lossReason ?? '');
  }
  get competitor(): string {
    const competitor = this.details ? resolveCompetitor(this.details) : null;
    return competitor ? optionLabel(this.context?.competitorOptions ?? [], competitor) : '';
  }
  get factors(): string {
    return this.context && this.details ? reviewFactors(this.details, this.context) : '';
  }
  get explanation(): string {
    return this.details?.explanation.trim() ?? '';
  }
  get term(): string {
    return reviewTerm(this.details?.contractTermMonths ?? null);
  }
  get contractFile(): string {
    return this.details?.contractFileName ?? LABELS.reviewNoContractFile;
  }
  get items(): Array<{ key: string; text: string }> {
    if (!this.context || !this.details) {
      return [];
    }
    return reviewLines(this.outcome, this.details, this.context).map((text, index) => ({
      key: `line-${index}`,
      text,
    }));
  }
}
