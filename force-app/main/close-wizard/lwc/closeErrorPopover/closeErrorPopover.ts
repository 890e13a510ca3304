/**
 * The error pattern of Lightning record edit modals (SLDS docked form footer "with error
 * popover", issue 11, 3.6), for the close wizard's footer: an error icon button that toggles a
 * popover listing the fields to review (each a button that takes the rep to the field) and the
 * record-level messages ("We hit a snag."), or, for an unexpected failure, what to give the admin;
 * and an assertive live region that announces the same when a report arrives.
 *
 * Contract: the parent owns the report and whether the popover is open (`report`, `open`), and
 * hears `openchange` ({ open }) when the rep toggles or closes it (close button, Escape) and
 * `fieldselect` ({ field }) when the rep picks a field; it focuses the field itself. `focus()`
 * moves the focus onto the open popover; `reposition()` places it again after the footer changed.
 * Render it always (the live region must exist before it speaks); with no report it shows nothing.
 */
import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/closeWonLabels';
import { formatLabel, type ErrorReport } from 'c/closeWonUtils';

/** Where SLDS draws the bottom-left nubbin of a popover: 1.5rem from its left edge. */
const NUBBIN_INSET_REM = 1.5;

export default class CloseErrorPopover extends LightningElement {
  /** The errors of the last failed action; null when there are none to show. */
  @api report: ErrorReport | null = null;
  /** Whether the popover is open (the error button shows whenever there is a report). */
  @api open = false;
  /** The record's name, in the popover's accessible name. */
  @api recordName = '';
  /** The heading of an unexpected failure (what failed: the close, the reopen). */
  @api failureHeading = '';

  labels = LABELS;

  renderedCallback(): void {
    this.reposition();
  }

  /** Moves the focus onto the open popover (after a failed action, or when the rep opened it). */
  @api
  focus(): void {
    this.query<HTMLElement>('[data-id="error-summary"]')?.focus();
  }

  /**
   * SLDS leaves the popover's position to JavaScript: above the footer, its nubbin on the error
   * button, kept inside the footer's width (the phone layout included).
   */
  @api
  reposition(): void {
    const popover = this.query<HTMLElement>('[data-id="error-summary"]');
    const trigger = this.query<HTMLElement>('[data-id="error-button"]');
    const footer = popover?.offsetParent as HTMLElement | null | undefined;
    if (!popover || !trigger || !footer) {
      return;
    }
    const rem = parseFloat(getComputedStyle(popover).fontSize) || 16;
    const anchor = trigger.offsetLeft + trigger.offsetWidth / 2;
    const room = Math.max(0, footer.clientWidth - popover.offsetWidth);
    const left = Math.min(Math.max(0, anchor - NUBBIN_INSET_REM * rem), room);
    popover.style.left = `${left}px`;
    popover.style.setProperty('--wizard-nubbin-left', `${anchor - left}px`);
  }

  get hasErrors(): boolean {
    return this.report !== null && this.report !== undefined;
  }
  get isOpen(): boolean {
    return this.hasErrors && this.open;
  }
  get expanded(): string {
    return String(this.isOpen);
  }
  get isUnexpected(): boolean {
    return this.report?.kind === 'unexpected';
  }
  get heading(): string {
    return this.isUnexpected ? this.failureHeading : LABELS.errorSnagHeading;
  }
  get popoverName(): string {
    return formatLabel(LABELS.errorPopoverName, this.recordName ?? '');
  }
  get adminText(): string {
    return formatLabel(LABELS.errorAdminMessage, this.report?.messages.join(' ') ?? '');
  }
  get fields(): Array<{ field: string; label: string }> {
    return this.report?.fields ?? [];
  }
  get hasFields(): boolean {
    return this.fields.length > 0;
  }
  get messages(): Array<{ key: string; text: string }> {
    return (this.report?.messages ?? []).map((text, index) => ({ key: `error-${index}`, text }));
  }
  get hasMessages(): boolean {
    return this.messages.length > 0;
  }
  /** What the live region says when errors appear (the popover has the same, with links). */
  get announcement(): string {
    if (!this.report) {
      return '';
    }
    if (this.isUnexpected) {
      return `${this.heading} ${this.adminText}`;
    }
    const fields = this.fields.map((entry) => entry.label).join(', ');
    const review = fields ? `${LABELS.errorReviewFields}: ${fields}.` : '';
    return [this.heading, review, ...this.report.messages].filter(Boolean).join(' ');
  }

  handleToggle(): void {
    this.dispatchEvent(new CustomEvent('openchange', { detail: { open: !this.isOpen } }));
  }

  /** Closes the popover and gives the focus back to the error button. */
  handleClose(): void {
    this.dispatchEvent(new CustomEvent('openchange', { detail: { open: false } }));
    this.query<HTMLElement>('[data-id="error-button"]')?.focus();
  }

  /** Escape closes the popover (and only the popover, not the quick action around it). */
  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.handleClose();
    }
  }

  /** A field named in the popover: the parent closes the popover (it may cover the field) and focuses it. */
  handleField(event: Event): void {
    const field = (event.currentTarget as HTMLElement).dataset.field;
    this.dispatchEvent(new CustomEvent('fieldselect', { detail: { field } }));
  }

  private query<T extends Element>(selector: string): T | null {
    return this.template?.querySelector<T>(selector) ?? null;
  }
}
