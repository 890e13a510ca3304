/**
 * The Close wizard: Readiness → Details → Review, then one close request. Launched by the
 * `Close as Won` / `Close as Lost` quick actions through the closeAsWon / closeAsLost wrappers,
 * which set `outcome` and turn its `done` event into the CloseActionScreenEvent that closes the
 * action (dispatched by the component the action launched). One Apex call loads the context; one
 * closes (or reopens, or, launched for the other outcome of a closed deal, changes its outcome in
 * one step: Details + reason, Review, `changeOutcome`). Rules, request building and error mapping
 * live in closeWonUtils, the texts in closeWonLabels.
 *
 * The wizard owns the state, the Details inputs, the footer and the focus; its children show one
 * part each, through @api properties, events and @api focus methods: c-close-readiness (the
 * Readiness step), c-close-review (the Review step), c-close-contract-file (the signed contract)
 * and c-close-error-popover (issue 11, 3.6: the error button and popover of the docked form
 * footer). Each field shows its own error (setCustomValidity / reportValidity); after a failed
 * close the popover opens and takes the focus.
 */
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { RefreshEvent } from 'lightning/refresh';
import formFactor from '@salesforce/client/formFactor';
import loadContext from '@salesforce/apex/CloseOpportunityController.loadContext';
import closeOpportunity from '@salesforce/apex/CloseOpportunityController.closeOpportunity';
import reopenOpportunity from '@salesforce/apex/CloseOpportunityController.reopenOpportunity';
import changeOutcome from '@salesforce/apex/CloseOpportunityController.changeOutcome';
import type { CloseContext, CloseOutcome, CloseResult } from '../../../../../types/close-api';
import { LABELS } from 'c/closeWonLabels';
import type { FileChange } from 'c/closeContractFile';
import {
  discardUploads,
  apexErrorMessage,
  buildCloseRequest,
  inputErrors,
  competitorChoices,
  defaultDetails,
  formatLabel,
  isReady,
  issueCodes,
  nextBlockedReason,
  mapServerErrors,
  needsReadinessStep,
  resultErrorReport,
  thrownErrorReport,
  validateDetails,
  withoutField,
  OTHER_COMPETITOR,
  LOST_TO_COMPETITOR,
  MIN_CONTRACT_TERM,
  MAX_CONTRACT_TERM,
  type DetailsInput,
  type ErrorReport,
  type FieldError,
} from 'c/closeWonUtils';

type WizardState = 'loading' | 'loadError' | 'closed' | 'wizard';
type StepName = 'readiness' | 'details' | 'review';
const STEP_LABELS: Readonly<Record<StepName, string>> = {
  readiness: LABELS.stepReadiness,
  details: LABELS.stepDetails,
  review: LABELS.stepReview,
};
/**
 * What renderedCallback focuses once the DOM reflects the latest state: the step's first field,
 * the first input with an error (a failed Next or reopen without a reason), the error popover
 * after a failed close or reopen (`serverErrors`: the inputs are marked first), or the popover
 * the rep opened again (`popover`).
 */
type PendingFocus = 'firstField' | 'fieldErrors' | 'serverErrors' | 'popover' | null;

/** Inputs whose Enter key must keep its own meaning (new line, option choice, list moves). */
const ENTER_OWNERS = new Set([
  'LIGHTNING-TEXTAREA',
  'LIGHTNING-COMBOBOX',
  'LIGHTNING-CHECKBOX-GROUP',
  'LIGHTNING-RADIO-GROUP',
  'LIGHTNING-FILE-UPLOAD',
  'LIGHTNING-BUTTON',
  'A',
  // Its controls (upload, Replace, Remove, Keep) are buttons: Enter is theirs.
  'C-CLOSE-CONTRACT-FILE',
]);

/**
 * The most competitor choices (the org's competitors plus "Other") shown as a radio group: one
 * click each and still short enough for a modal. A longer list stays a combobox (open + choose).
 */
const COMPETITOR_RADIO_MAX = 6;

interface ValidatableElement extends HTMLElement {
  setCustomValidity?: (message: string) => void;
  reportValidity?: () => boolean;
}

/** The public method of c-close-readiness that Next uses. */
interface ReadinessElement extends HTMLElement {
  reportValidity(): boolean;
}

/** The public methods of c-close-error-popover. */
interface ErrorPopoverElement extends HTMLElement {
  reposition(): void;
}

export default class CloseWizard extends LightningElement {
  /** `Won` or `Lost`: set by the wrapper component of the quick action. */
  @api outcome: CloseOutcome = 'Won';

  labels = LABELS;
  minTerm = MIN_CONTRACT_TERM;
  maxTerm = MAX_CONTRACT_TERM;
  state: WizardState = 'loading';
  context: CloseContext | null = null;
  loadErrorMessage = '';
  stepIndex = 0;
  details: DetailsInput | null = null;
  warningsAcknowledged = false;
  saving = false;
  /** The errors of the last failed close or reopen; null when there are none to show. */
  errorReport: ErrorReport | null = null;
  errorsOpen = false;
  fieldErrors: FieldError[] = [];
  reopening = false;
  reopenReason = '';
  /** Issue 11, 3.10: changing a closed deal's outcome in one step (reopen + close on the server). */
  switching = false;
  // Issue 11, 3.7: fix in a new tab, then Check again re-runs the readiness check in this launch.
  checkingAgain = false;
  readinessStatus = '';

  private currentRecordId: string | undefined;
  private loadStarted = false;
  private connected = false;
  private pendingFocus: PendingFocus = null;
  /**
   * Files uploaded in this launch and not yet deleted or used by a completed close (issue 11,
   * 3.9): c-close-contract-file reports them; Cancel and closing the action delete them.
   */
  uploadedIds: string[] = [];
  /** Once shown, the Readiness step stays for this launch (Check again may clear every issue). */
  private readinessShown = false;

  /** Screen quick actions may set the record id after connectedCallback: load on whichever is last. */
  @api
  get recordId(): string | undefined {
    return this.currentRecordId;
  }
  set recordId(value: string | undefined) {
    this.currentRecordId = value;
    this.loadOnce();
  }

  connectedCallback(): void {
    this.connected = true;
    this.loadOnce();
  }

  /** Closing the action (its X, Escape) deletes what this launch uploaded and did not use. */
  disconnectedCallback(): void {
    if (this.uploadedIds.length > 0) {
      this.discardUploads().catch(() => undefined); // nothing left to tell
    }
  }

  renderedCallback(): void {
    this.errorPopover()?.reposition(); // the footer's buttons may have changed under it
    const pending = this.pendingFocus;
    if (pending === null) {
      return;
    }
    this.pendingFocus = null;
    if (pending === 'firstField') {
      const scope = this.isClosed ? 'closed' : this.currentStep;
      this.query<HTMLElement>(`[data-autofocus="${scope}"]`)?.focus();
    } else if (pending === 'fieldErrors') {
      this.applyFieldErrors(true);
    } else {
      if (pending === 'serverErrors') {
        this.applyFieldErrors(false);
      }
      this.errorPopover()?.focus();
    }
  }

  // ---- state for the template ----

  get isLoading(): boolean {
    return this.state === 'loading';
  }
  get isLoadError(): boolean {
    return this.state === 'loadError';
  }
  get isClosed(): boolean {
    return this.state === 'closed';
  }
  get isWizard(): boolean {
    return this.state === 'wizard';
  }
  get isWon(): boolean {
    return this.outcome === 'Won';
  }
  get isSmall(): boolean {
    return formFactor === 'Small';
  }
  get containerClass(): string {
    return this.isSmall ? 'wizard wizard_stacked' : 'wizard';
  }
  get layoutItemSize(): number {
    return this.isSmall ? 12 : 6;
  }
  get title(): string {
    if (this.switching) {
      return this.changeOutcomeLabel;
    }
    return this.isWon ? LABELS.titleWon : LABELS.titleLost;
  }

  get stepNames(): StepName[] {
    const steps: StepName[] = ['details', 'review'];
    // A switch has no readiness step: the deal is closed by definition, and the server checks
    // the rest (amount, edit access) when it closes again.
    if (this.switching) {
      return steps;
    }
    return this.readinessShown ? ['readiness', ...steps] : steps;
  }
  get currentStep(): StepName {
    return this.stepNames[this.stepIndex];
  }
  get isReadinessStep(): boolean {
    return this.currentStep === 'readiness';
  }
  get isDetailsStep(): boolean {
    return this.currentStep === 'details';
  }
  get isReviewStep(): boolean {
    return this.currentStep === 'review';
  }
  get detailsClass(): string {
    return this.isDetailsStep ? 'wizard__details' : 'wizard__details slds-hide';
  }
  get detailsHidden(): string {
    return String(!this.isDetailsStep);
  }
  get showBack(): boolean {
    return this.stepIndex > 0;
  }
  get stepProgress(): string {
    return formatLabel(
      LABELS.stepProgress,
      this.stepIndex + 1,
      this.stepNames.length,
      STEP_LABELS[this.currentStep],
    );
  }
  get progressSteps(): Array<{ value: string; label: string }> {
    return this.stepNames.map((step) => ({ value: step, label: STEP_LABELS[step] }));
  }

  /** Said beside Next while it is unavailable (and linked to it with aria-describedby). */
  get nextUnavailableReason(): string {
    return this.nextDisabled ? nextBlockedReason(this.context?.blockingIssues.length ?? 0) : '';
  }
  get nextDescribedBy(): string | undefined {
    return this.nextUnavailableReason ? 'next-reason' : undefined;
  }
  get nextDisabled(): boolean {
    return this.isReadinessStep && this.context !== null && !this.canLeaveReadiness;
  }
  /** Nothing blocks; warnings still need the acknowledgement (checked in goNext). */
  private get canLeaveReadiness(): boolean {
    return this.context !== null && isReady(this.context, true);
  }

  get decisionFactorOptions() {
    return this.context?.decisionFactorOptions ?? [];
  }
  get lossReasonOptions() {
    return this.context?.lossReasonOptions ?? [];
  }
  get competitorOptions() {
    return competitorChoices(this.context?.competitorOptions ?? []);
  }
  get competitorAsRadio(): boolean {
    return this.competitorOptions.length <= COMPETITOR_RADIO_MAX;
  }
  get isOtherCompetitor(): boolean {
    return this.details?.competitorChoice === OTHER_COMPETITOR;
  }
  /** The combobox carries the competitor error unless the typed name does. */
  get competitorChoiceErrorKey(): string {
    return this.isOtherCompetitor ? 'competitorChoice' : 'competitor';
  }
  /** Issue 11, 3.5: "Lost to Competitor" needs the competitor before Next, as the server does. */
  get competitorRequired(): boolean {
    return this.details?.lossReason === LOST_TO_COMPETITOR;
  }
  get showContract(): boolean {
    return this.isWon && Boolean(this.context?.steps.contract);
  }
  get explanationHelp(): string {
    return formatLabel(LABELS.explanationHelp, this.context?.defaults.minExplanationLength ?? 0);
  }
  /** Issue 11, 3.4: the characters that count (trimmed) against the minimum, updated per keystroke. */
  get explanationCount(): string {
    return formatLabel(
      LABELS.explanationCount,
      (this.details?.explanation ?? '').trim().length,
      this.context?.defaults.minExplanationLength ?? 0,
    );
  }
  get recordName(): string {
    return this.context?.name ?? '';
  }
  /** The heading of an unexpected failure in the error popover: what failed. */
  get failureHeading(): string {
    return this.isClosed ? LABELS.errorReopenFailed : LABELS.errorCloseFailed;
  }
  get closedHeading(): string {
    return this.context?.isWon ? LABELS.closedWon : LABELS.closedLost;
  }
  /** Asked for the outcome the deal does not have (Close as Lost on a Won deal): how to switch. */
  get switchOutcomeMessage(): string {
    if (!this.context || this.context.isWon === this.isWon) {
      return '';
    }
    const outcome = this.isWon ? LABELS.outcomeWon : LABELS.outcomeLost;
    return formatLabel(
      this.canReopen ? LABELS.switchOutcome : LABELS.switchOutcomeNoReopen,
      outcome,
    );
  }
  get canReopen(): boolean {
    return Boolean(this.context?.canReopen);
  }
  /** Closed with the other outcome and the rep may reopen: offer the one-step switch. */
  get canSwitchOutcome(): boolean {
    return this.canReopen && this.context !== null && this.context.isWon !== this.isWon;
  }
  get changeOutcomeLabel(): string {
    return formatLabel(LABELS.changeOutcome, this.isWon ? LABELS.outcomeWon : LABELS.outcomeLost);
  }
  get switchNote(): string {
    return formatLabel(
      LABELS.changeOutcomeNote,
      this.isWon ? LABELS.outcomeWon : LABELS.outcomeLost,
    );
  }
  /** Won to Lost leaves the win's fulfilment in place (see CloseOpportunityController.changeOutcome). */
  get switchKeepsFulfilment(): boolean {
    return !this.isWon;
  }
  /** On Details the block lines up with the padded inputs; on Review with the review list. */
  get switchBlockClass(): string {
    return this.isDetailsStep ? 'slds-m-bottom_small slds-p-horizontal_small' : 'slds-m-top_small';
  }
  get switchReasonClass(): string {
    return this.isDetailsStep ? '' : 'slds-hide';
  }
  get reviewSwitchReason(): string {
    return this.reopenReason.trim();
  }

  // ---- loading ----

  private loadOnce(): void {
    if (!this.connected || !this.currentRecordId || this.loadStarted) {
      return;
    }
    this.loadStarted = true;
    this.load(this.currentRecordId);
  }

  private async load(opportunityId: string): Promise<void> {
    try {
      const context = (await loadContext({ opportunityId })) as CloseContext;
      this.context = context;
      this.details = defaultDetails(context);
      this.readinessShown = needsReadinessStep(context);
      this.state = context.isClosed ? 'closed' : 'wizard';
      this.pendingFocus = 'firstField';
    } catch (error) {
      this.loadErrorMessage = apexErrorMessage(error);
      this.state = 'loadError';
    }
  }

  // ---- input ----

  handleInput(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const target = event.target as ValidatableElement;
    const key = target.dataset.field as keyof DetailsInput | undefined;
    if (!key || !this.details) {
      return;
    }
    const raw = event.detail.value;
    let value: unknown = raw;
    if (key === 'contractTermMonths') {
      value = raw === '' || raw === null || raw === undefined ? null : Number(raw);
    } else if (key === 'decisionFactors') {
      value = Array.isArray(raw) ? [...(raw as string[])] : [];
    } else {
      value = typeof raw === 'string' ? raw : '';
    }
    this.details = { ...this.details, [key]: value };
    this.clearError(target);
  }

  handleAcknowledge(event: CustomEvent<{ checked: boolean }>): void {
    this.warningsAcknowledged = event.detail.checked;
  }

  // ---- signed contract (issue 11, 3.9; c-close-contract-file) ----

  /** The child attached, replaced or removed the file; its uploads not yet deleted come along. */
  handleFileChange(event: CustomEvent<FileChange>): void {
    const { documentId, fileName, uploadedIds } = event.detail;
    this.uploadedIds = [...uploadedIds];
    if (this.details) {
      this.details = {
        ...this.details,
        contractDocumentId: documentId,
        contractFileName: fileName,
      };
    }
  }

  /**
   * Deletes this launch's uploads not used by a completed close (Cancel, closing the action; the
   * server also checks that the rep uploaded them to this opportunity and that no closed deal
   * uses them). Resolves false when a file stays; either way they are forgotten, so nothing is
   * tried twice.
   */
  private async discardUploads(): Promise<boolean> {
    const ids = this.uploadedIds;
    this.uploadedIds = [];
    if (ids.length === 0 || !this.currentRecordId) {
      return true;
    }
    return discardUploads(this.currentRecordId, ids);
  }

  // ---- readiness (issue 11, 3.7) ----

  /** Runs the readiness check again (the rep fixed something in another tab) and updates the lists. */
  async handleCheckAgain(): Promise<void> {
    if (!this.currentRecordId || this.checkingAgain) {
      return;
    }
    this.checkingAgain = true;
    this.readinessStatus = LABELS.checking;
    this.clearErrorReport();
    try {
      const context = (await loadContext({ opportunityId: this.currentRecordId })) as CloseContext;
      if (issueCodes(context.warnings) !== issueCodes(this.context?.warnings ?? [])) {
        this.warningsAcknowledged = false; // other warnings: acknowledge what is listed now
      }
      this.context = context; // c-close-readiness lists it, with new Fix it links
      if (context.isClosed) {
        this.state = 'closed';
        this.pendingFocus = 'firstField';
        return;
      }
      this.readinessStatus = formatLabel(
        LABELS.checkedAgain,
        context.blockingIssues.length,
        context.warnings.length,
      );
    } catch (error) {
      this.readinessStatus = '';
      this.showErrorReport(thrownErrorReport(error));
    } finally {
      this.checkingAgain = false;
    }
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || this.saving) {
      return;
    }
    const tag = (event.target as HTMLElement | null)?.tagName ?? '';
    if (ENTER_OWNERS.has(tag)) {
      return;
    }
    // On Review only the close button submits (Enter on it is its own click): an Enter that
    // moved here from a Details field must not close the deal when pressed again.
    if (this.isReviewStep) {
      return;
    }
    event.preventDefault();
    this.goNext();
  }

  // ---- navigation between steps ----

  handleNext(): void {
    this.goNext();
  }

  handleBack(): void {
    if (this.stepIndex > 0) {
      this.stepIndex -= 1;
      this.clearErrorReport();
      this.pendingFocus = 'firstField';
    }
  }

  /** Cancel deletes what this launch uploaded; if a file stays, the toast says where it is. */
  async handleCancel(): Promise<void> {
    if (this.uploadedIds.length > 0) {
      const name = this.details?.contractFileName ?? '';
      if (!(await this.discardUploads())) {
        this.dispatchEvent(
          new ShowToastEvent({
            title: LABELS.fileKeptTitle,
            message: formatLabel(LABELS.fileKept, name),
            variant: 'warning',
          }),
        );
      }
    }
    this.requestClose();
  }

  handleSubmit(): void {
    this.submit();
  }

  private goNext(): void {
    if (!this.context || !this.details) {
      return;
    }
    if (this.isReadinessStep) {
      if (!this.canLeaveReadiness) {
        return;
      }
      // The step shows why (the acknowledgement) and focuses it while warnings are not acknowledged.
      const readiness = this.query<ReadinessElement>('c-close-readiness');
      if (!readiness || !readiness.reportValidity()) {
        return;
      }
    } else if (this.isDetailsStep) {
      const errors = [
        ...validateDetails(this.outcome, this.details, this.context),
        ...this.switchReasonErrors(),
      ];
      if (errors.length > 0) {
        this.fieldErrors = errors;
        this.applyFieldErrors(true);
        return;
      }
    }
    this.clearErrorReport();
    this.stepIndex += 1;
    this.pendingFocus = 'firstField';
  }

  // ---- close ----

  /** Sends the close, or in a switch the outcome change (reopen + close in one server call). */
  private async submit(): Promise<void> {
    if (!this.context || !this.details || !this.currentRecordId || this.saving) {
      return;
    }
    const errors = [
      ...this.switchReasonErrors(),
      ...validateDetails(this.outcome, this.details, this.context),
    ];
    if (errors.length > 0) {
      this.showFieldErrors(errors);
      return;
    }
    const request = buildCloseRequest(
      this.currentRecordId,
      this.outcome,
      this.details,
      this.context,
    );
    const switching = this.switching;
    this.saving = true;
    this.clearErrorReport();
    try {
      const result = (
        switching
          ? await changeOutcome({ request, reason: this.reopenReason.trim() })
          : await closeOpportunity({ request })
      ) as CloseResult;
      if (result.success) {
        this.uploadedIds = []; // the close used the attached file; earlier ones were deleted
        const outcomeLabel = this.isWon ? LABELS.outcomeWon : LABELS.outcomeLost;
        const closedTitle = this.isWon ? LABELS.successWon : LABELS.successLost;
        await this.finish(
          switching ? formatLabel(LABELS.changeOutcomeSuccess, outcomeLabel) : closedTitle,
          formatLabel(LABELS.successMessage, this.context.name, result.stageName ?? ''),
        );
        return;
      }
      this.showServerErrors(result);
      if (switching) {
        this.markSwitchReason(result);
      }
    } catch (error) {
      this.showErrorReport(thrownErrorReport(error));
    } finally {
      this.saving = false;
    }
  }

  /**
   * A refused close: the inputs on Details show their messages (the wizard goes back there when
   * one does), and the error popover opens with the focus, listing those fields by label and the
   * record-level messages.
   */
  private showServerErrors(result: CloseResult): void {
    const onDetails = inputErrors(mapServerErrors(result.errors).fieldErrors).filter(
      (error) => error.field !== 'reason',
    );
    this.fieldErrors = onDetails;
    if (onDetails.length > 0) {
      this.stepIndex = this.stepNames.indexOf('details');
    }
    this.showErrorReport(resultErrorReport(result));
  }

  /** Opens the error popover with the report; renderedCallback marks the inputs and focuses it. */
  private showErrorReport(report: ErrorReport): void {
    this.errorReport = report;
    this.errorsOpen = true;
    this.pendingFocus = 'serverErrors';
  }

  private clearErrorReport(): void {
    this.errorReport = null;
    this.errorsOpen = false;
  }

  // ---- the error popover (c-close-error-popover) ----

  handleErrorsOpenChange(event: CustomEvent<{ open: boolean }>): void {
    this.errorsOpen = event.detail.open;
    if (this.errorsOpen) {
      this.pendingFocus = 'popover';
    }
  }

  /** A field named in the popover: close the popover (it may cover the field) and focus it. */
  handleErrorField(event: CustomEvent<{ field: string }>): void {
    this.errorsOpen = false;
    this.query<HTMLElement>(`[data-error="${event.detail.field}"]`)?.focus();
  }

  /** Goes back to the Details step and, once rendered, marks the inputs and focuses the first. */
  private showFieldErrors(errors: FieldError[]): void {
    this.fieldErrors = errors;
    this.stepIndex = this.stepNames.indexOf('details');
    this.pendingFocus = 'fieldErrors';
  }

  /** Refreshes the record page and closes the action: the shared ending of close and reopen. */
  private async finish(title: string, message: string): Promise<void> {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'success' }));
    await notifyRecordUpdateAvailable([{ recordId: this.currentRecordId as string }]).catch(
      () => undefined, // the save is done; the RefreshEvent below reloads the page regardless
    );
    this.dispatchEvent(new RefreshEvent());
    this.requestClose();
  }

  /** Asks the quick-action wrapper to close the action (see closeAsWon / closeAsLost). */
  private requestClose(): void {
    this.dispatchEvent(new CustomEvent('done'));
  }

  // ---- reopen ----

  handleStartReopen(): void {
    this.reopening = true;
    this.clearErrorReport();
    this.pendingFocus = 'firstField';
  }

  handleCancelReopen(): void {
    this.reopening = false;
    this.reopenReason = '';
    this.fieldErrors = [];
    this.clearErrorReport();
  }

  handleReopenReason(event: CustomEvent<{ value: string }>): void {
    this.reopenReason = event.detail.value ?? '';
    this.clearError(event.target as ValidatableElement);
  }

  async handleConfirmReopen(): Promise<void> {
    if (!this.context || !this.currentRecordId || this.saving) {
      return;
    }
    if (this.reopenReason.trim() === '') {
      this.fieldErrors = [{ field: 'reason', message: LABELS.errorRequired }];
      this.applyFieldErrors(true);
      return;
    }
    this.saving = true;
    this.clearErrorReport();
    try {
      const result = (await reopenOpportunity({
        opportunityId: this.currentRecordId,
        reason: this.reopenReason.trim(),
      })) as CloseResult;
      if (result.success) {
        await this.finish(
          LABELS.reopenSuccess,
          formatLabel(LABELS.reopenMessage, this.context.name, result.stageName ?? ''),
        );
        return;
      }
      this.fieldErrors = mapServerErrors(result.errors).fieldErrors.filter(
        (error) => error.field === 'reason',
      );
      this.showErrorReport(resultErrorReport(result));
    } catch (error) {
      this.showErrorReport(thrownErrorReport(error));
    } finally {
      this.saving = false;
    }
  }

  // ---- one-step outcome switch (issue 11, 3.10) ----

  handleStartSwitch(): void {
    if (!this.context || !this.canSwitchOutcome) {
      return;
    }
    this.switching = true;
    this.reopening = false;
    this.details = defaultDetails(this.context);
    this.fieldErrors = [];
    this.clearErrorReport();
    this.stepIndex = 0;
    this.state = 'wizard';
    this.pendingFocus = 'firstField';
  }

  /** The reason is its own required field: it becomes the reopen reason of the history. */
  private switchReasonErrors(): FieldError[] {
    return this.switching && this.reopenReason.trim() === ''
      ? [{ field: 'reason', message: LABELS.errorRequired }]
      : [];
  }

  /**
   * In a switch the reason sits on Details (showServerErrors leaves a `reason` error to the reopen
   * screen): mark it there too; the popover keeps the focus.
   */
  private markSwitchReason(result: CloseResult): void {
    const reasonErrors = mapServerErrors(result.errors).fieldErrors.filter(
      (error) => error.field === 'reason',
    );
    if (reasonErrors.length > 0) {
      this.fieldErrors = [...this.fieldErrors, ...reasonErrors];
      this.stepIndex = this.stepNames.indexOf('details');
    }
  }

  // ---- helpers ----

  /** Marks every input that has an error (and clears the others); may focus the first. */
  private applyFieldErrors(focusFirst: boolean): void {
    const messages = new Map<string, string>();
    for (const error of this.fieldErrors) {
      if (!messages.has(error.field)) {
        messages.set(error.field, error.message);
      }
    }
    let first: ValidatableElement | null = null;
    for (const element of this.queryAll<ValidatableElement>('[data-error]')) {
      const message = messages.get(element.dataset.error ?? '') ?? '';
      element.setCustomValidity?.(message);
      element.reportValidity?.();
      if (message && first === null) {
        first = element;
      }
    }
    if (focusFirst) {
      first?.focus();
    }
  }

  private clearError(target: ValidatableElement): void {
    const field = target.dataset.error;
    if (!field) {
      return;
    }
    this.fieldErrors = this.fieldErrors.filter((error) => error.field !== field);
    this.errorReport = withoutField(this.errorReport, field);
    this.errorsOpen = this.errorsOpen && this.errorReport !== null;
    target.setCustomValidity?.('');
    target.reportValidity?.();
  }

  private errorPopover(): ErrorPopoverElement | null {
    return this.query<ErrorPopoverElement>('c-close-error-popover');
  }

  private query<T extends Element>(selector: string): T | null {
    return this.template?.querySelector<T>(selector) ?? null;
  }

  private queryAll<T extends Element>(selector: string): T[] {
    return Array.from(this.template?.querySelectorAll<T>(selector) ?? []);
  }
}
