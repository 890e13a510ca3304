/**
 * The Readiness step of the close wizard (issue 11, 3.7): blockers and warnings as separate
 * groups, each with its heading, count and icon (with alternative text); a Fix it link per issue
 * that opens the record or the field in a new tab, so the wizard stays open; Check again; and the
 * acknowledgement of warnings, offered only when nothing blocks anyway.
 *
 * Contract: the parent owns the readiness context (`context`, from loadContext), whether the
 * warnings are acknowledged (`acknowledged`; it survives Back) and the re-check (`checking`,
 * `status` for the live region). It hears `acknowledge` ({ checked }) and `checkagain`, and it
 * calls `reportValidity()` on Next (false, with the message shown and focused, while warnings are
 * not acknowledged) and `focus()` to focus the step. Enter on the step's own links and buttons
 * stays with them (it does not reach the parent's Enter-moves-to-Next handler).
 */
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { CloseContext } from '../../../../../types/close-api';
import { LABELS } from 'c/closeWonLabels';
import { fixTarget, isReady, readinessGroups, type IssueGroup } from 'c/closeWonUtils';

export default class CloseReadiness extends NavigationMixin(LightningElement) {
  /** The opportunity: the Fix it links point at it. */
  @api recordId: string | undefined;
  @api acknowledged = false;
  /** A re-check is running: Check again is disabled. */
  @api checking = false;
  /** What the polite live region says about the re-check. */
  @api status = '';

  labels = LABELS;
  acknowledgeError = '';
  fixUrls: Record<string, string> = {};

  private currentContext: CloseContext | null = null;
  private connected = false;

  @api
  get context(): CloseContext | null {
    return this.currentContext;
  }
  set context(value: CloseContext | null) {
    this.currentContext = value;
    this.acknowledgeError = '';
    if (this.connected) {
      this.generateFixUrls();
    }
  }

  connectedCallback(): void {
    this.connected = true;
    this.generateFixUrls();
  }

  disconnectedCallback(): void {
    this.connected = false;
  }

  /** Focuses the step itself (its first element is text, not a field). */
  @api
  focus(): void {
    this.template?.querySelector<HTMLElement>('[data-id="readiness"]')?.focus();
  }

  /** On Next: true when the step may be left; else shows why at the acknowledgement and focuses it. */
  @api
  reportValidity(): boolean {
    const context = this.currentContext;
    if (context && isReady(context, this.acknowledged)) {
      return true;
    }
    if (this.showAcknowledge) {
      this.acknowledgeError = LABELS.errorAcknowledge;
      this.template?.querySelector<HTMLElement>('[data-id="acknowledge"]')?.focus();
    }
    return false;
  }

  get hasBlockingIssues(): boolean {
    return (this.currentContext?.blockingIssues.length ?? 0) > 0;
  }
  get showReadyMessage(): boolean {
    return !this.hasBlockingIssues;
  }
  get cannotClose(): boolean {
    return this.currentContext !== null && !this.currentContext.canClose && !this.hasBlockingIssues;
  }
  get issueGroups(): IssueGroup[] {
    return this.currentContext ? readinessGroups(this.currentContext, this.fixUrls) : [];
  }
  /** The acknowledgement only when it can matter: warnings, and nothing that blocks anyway. */
  get showAcknowledge(): boolean {
    const warnings = this.currentContext?.warnings.length ?? 0;
    return warnings > 0 && !this.hasBlockingIssues && Boolean(this.currentContext?.canClose);
  }

  handleAcknowledge(event: CustomEvent<{ checked: boolean }>): void {
    this.acknowledgeError = '';
    this.dispatchEvent(
      new CustomEvent('acknowledge', { detail: { checked: event.detail.checked } }),
    );
  }

  handleCheckAgain(): void {
    this.dispatchEvent(new CustomEvent('checkagain'));
  }

  /** Enter on a Fix it link or Check again is theirs: it must not also move the wizard on. */
  handleOwnEnter(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.stopPropagation();
    }
  }

  /** Fix links open in a new tab, so the wizard stays open: the URLs come from the platform. */
  private generateFixUrls(): void {
    const context = this.currentContext;
    const recordId = this.recordId;
    if (!context) {
      this.fixUrls = {};
      return;
    }
    const issues = [...context.blockingIssues, ...context.warnings];
    Promise.all(
      issues.map(async (issue): Promise<[string, string]> => {
        const target = recordId ? fixTarget(issue, recordId) : null;
        const url = target ? await this[NavigationMixin.GenerateUrl](target) : '';
        return [issue.code, url];
      }),
    )
      .then((entries) => {
        this.fixUrls = Object.fromEntries(entries.filter(([, url]) => url));
      })
      .catch(() => {
        this.fixUrls = {}; // no link rather than a broken one; the message still says what to fix
      });
  }
}
