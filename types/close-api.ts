/**
 * The JSON shapes of the close API: what `CloseOpportunityController` (Apex) returns to the
 * wizard and what the invocable action `CloseOpportunityAction` accepts over REST.
 * Shared, type-only, by the LWC wizard and the jsforce scripts. Keep in step with the Apex DTOs
 * (`CloseRequest`, `CloseResult`, `CloseContext`) and docs/data-model.md: each interface names the
 * Apex class it mirrors with `@apex`, and the `lwc-contract` check compares their properties.
 */

export type CloseOutcome = 'Won' | 'Lost';

/**
 * Input of one close, from the wizard or any other caller.
 * @apex CloseRequest
 */
export interface CloseRequest {
  opportunityId: string;
  outcome: CloseOutcome;
  /** ISO date `YYYY-MM-DD`; defaults to today in the user's time zone when omitted. */
  closeDate?: string | null;
  decisionFactors?: string[];
  explanation?: string | null;
  /** Lost only: a value of Opportunity.Loss_Status_Reason__c. */
  lossReason?: string | null;
  /** Lost only: the competitor that won. */
  competitor?: string | null;
  /** Won only. ISO date. Defaults to the close date. */
  contractStartDate?: string | null;
  /** Won only. Defaults to the setting Default_Contract_Term_Months__c. */
  contractTermMonths?: number | null;
  /** Won only: ContentDocument id of an uploaded signed contract. */
  contractDocumentId?: string | null;
}

/**
 * A validation or processing error; `field` names the request field, or is null for the record.
 * @apex CloseError
 */
export interface CloseError {
  field: string | null;
  message: string;
}

/** @apex CloseResult */
export interface CloseResult {
  success: boolean;
  opportunityId: string;
  stageName: string | null;
  errors: CloseError[];
  /**
   * Set only when the controller caught an unexpected exception: the request id of the
   * transaction (`Request.getCurrent().getRequestId()`), which the admin finds in the debug log
   * and in Event Monitoring. Absent or null for a validation failure.
   */
  errorId?: string | null;
}

/** @apex CloseContext.PicklistOption */
export interface PicklistOption {
  label: string;
  value: string;
}

/** @apex CloseContext.StageInfo */
export interface StageInfo {
  name: string;
  probability: number;
  forecastCategory: string;
}

/**
 * A problem found by the readiness check; `fixField` names the Opportunity field to fix.
 * @apex CloseContext.ReadinessIssue
 */
export interface ReadinessIssue {
  code: string;
  message: string;
  fixField: string | null;
}

/**
 * Which post-close steps the settings switch on.
 * @apex CloseContext.CloseSteps
 */
export interface CloseSteps {
  order: boolean;
  contract: boolean;
  assets: boolean;
  revenueSchedules: boolean;
  campaign: boolean;
  lock: boolean;
  handoff: boolean;
  tasks: boolean;
  survey: boolean;
  event: boolean;
}

/** @apex CloseContext.HistoryEntry */
export interface CloseHistoryEntry {
  id: string;
  action: 'Close' | 'Reopen';
  outcome: 'Won' | 'Lost' | 'Reopened';
  stage: string | null;
  closeDate: string | null;
  amount: number | null;
  decisionFactors: string[];
  explanation: string | null;
  lossReason: string | null;
  competitor: string | null;
  actorName: string | null;
  occurredOn: string;
  channel: string | null;
  reopenReason: string | null;
}

/**
 * Everything the wizard needs, from one call.
 * @apex CloseContext
 */
export interface CloseContext {
  opportunityId: string;
  name: string;
  accountName: string | null;
  amount: number | null;
  currencyIsoCode: string | null;
  stageName: string;
  closeDate: string | null;
  isClosed: boolean;
  isWon: boolean;
  lineItemCount: number;
  canClose: boolean;
  canReopen: boolean;
  blockingIssues: ReadinessIssue[];
  warnings: ReadinessIssue[];
  wonStage: StageInfo | null;
  lostStage: StageInfo | null;
  decisionFactorOptions: PicklistOption[];
  lossReasonOptions: PicklistOption[];
  competitorOptions: PicklistOption[];
  defaults: {
    closeDate: string;
    contractStartDate: string;
    contractTermMonths: number;
    minExplanationLength: number;
  };
  steps: CloseSteps;
  /** The last close (when closed): outcome, reasons, who and when. */
  lastClose: CloseHistoryEntry | null;
  history: CloseHistoryEntry[];
}

/**
 * One input row of the invocable action over REST (`/actions/custom/apex/CloseOpportunityAction`).
 * @apex CloseOpportunityAction.Request
 */
export interface CloseActionInput {
  opportunityId: string;
  outcome: CloseOutcome;
  closeDate?: string;
  /** For flows; the actions API documents only single primitive inputs over REST. */
  decisionFactors?: string[];
  /** The same values separated by `;`: what REST callers (the scripts) send. */
  decisionFactorsText?: string;
  explanation?: string;
  lossReason?: string;
  competitor?: string;
  contractStartDate?: string;
  contractTermMonths?: number;
  contractDocumentId?: string;
}

/**
 * One output row of the invocable action.
 * @apex CloseOpportunityAction.Response
 */
export interface CloseActionOutput {
  success: boolean;
  opportunityId: string;
  stageName: string | null;
  errorMessages: string[];
  errorFields: string[];
}
