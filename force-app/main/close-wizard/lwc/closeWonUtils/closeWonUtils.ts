/**
 * Pure helpers shared by the Close Won components: dates, the wizard's validation rules, the close
 * request, the review text, readiness fix targets and the mapping of server errors. No DOM, no
 * Apex: everything here is unit-tested on its own (__tests__/closeWonUtils.test.ts).
 */
import type {
  CloseContext,
  CloseError,
  CloseHistoryEntry,
  CloseOutcome,
  CloseRequest,
  CloseResult,
  PicklistOption,
  ReadinessIssue,
} from '../../../../../types/close-api';
import discardContractUpload from '@salesforce/apex/CloseOpportunityController.discardContractUpload';
import { LABELS } from 'c/closeWonLabels';

/** The value of the competitor choice that reveals a free-text competitor name. */
export const OTHER_COMPETITOR = '__other__';

/** The loss reason that needs the winning competitor (CloseRequestValidator.LOST_TO_COMPETITOR). */
export const LOST_TO_COMPETITOR = 'Lost to Competitor';

/** The contract term range the close engine accepts (CloseRequestValidator.MIN_TERM / MAX_TERM). */
export const MIN_CONTRACT_TERM = 1;
export const MAX_CONTRACT_TERM = 120;

/** The request fields the Details step edits; `reason` is the reopen reason. */
export type FieldName =
  | 'closeDate'
  | 'decisionFactors'
  | 'explanation'
  | 'lossReason'
  | 'competitor'
  | 'contractStartDate'
  | 'contractTermMonths'
  | 'contractDocumentId'
  | 'reason';

/** What the rep entered on the Details step. */
export interface DetailsInput {
  closeDate: string;
  decisionFactors: string[];
  explanation: string;
  lossReason: string;
  /** A competitor option value, OTHER_COMPETITOR, or '' for none. */
  competitorChoice: string;
  /** The typed name when competitorChoice is OTHER_COMPETITOR. */
  competitorOther: string;
  contractStartDate: string;
  contractTermMonths: number | null;
  contractDocumentId: string | null;
  contractFileName: string | null;
}

export interface FieldError {
  field: FieldName;
  message: string;
}

/** Server errors split into those shown on an input and those shown only in the summary. */
export interface MappedErrors {
  fieldErrors: FieldError[];
  recordErrors: string[];
}

/** Where a readiness issue is fixed. */
export interface FixTarget {
  type: string;
  attributes: Record<string, string>;
}

/** Replaces {0}, {1}, … in a label with the given values. */
export function formatLabel(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

/** Today as an ISO date (`YYYY-MM-DD`) in the browser's time zone. */
export function todayIso(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(value: string | null | undefined): boolean {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The Details step's starting values: the server's defaults (today, settings), nothing chosen. */
export function defaultDetails(context: CloseContext): DetailsInput {
  return {
    closeDate: context.defaults.closeDate || todayIso(),
    decisionFactors: [],
    explanation: '',
    lossReason: '',
    competitorChoice: '',
    competitorOther: '',
    contractStartDate: context.defaults.contractStartDate || context.defaults.closeDate,
    contractTermMonths: context.defaults.contractTermMonths,
    contractDocumentId: null,
    contractFileName: null,
  };
}

/** The competitor options followed by the "Other…" choice. */
export function competitorChoices(options: PicklistOption[]): PicklistOption[] {
  return [...options, { label: LABELS.competitorOther, value: OTHER_COMPETITOR }];
}

/** The competitor the request carries: the chosen option, the typed name, or null. */
export function resolveCompetitor(input: DetailsInput): string | null {
  if (input.competitorChoice === OTHER_COMPETITOR) {
    const typed = input.competitorOther.trim();
    return typed === '' ? null : typed;
  }
  return input.competitorChoice === '' ? null : input.competitorChoice;
}

/** True when the Readiness step lets the rep go on: nothing blocks, warnings acknowledged. */
export function isReady(context: CloseContext, warningsAcknowledged: boolean): boolean {
  return (
    context.canClose &&
    context.blockingIssues.length === 0 &&
    (context.warnings.length === 0 || warningsAcknowledged)
  );
}

/** The wizard shows the Readiness step only when there is something to fix or acknowledge. */
export function needsReadinessStep(context: CloseContext): boolean {
  return !context.canClose || context.blockingIssues.length > 0 || context.warnings.length > 0;
}

/**
 * The Details step's rules, in the order of the inputs on screen. Contract rules apply only when
 * closing as won with the contract step switched on.
 */
export function validateDetails(
  outcome: CloseOutcome,
  input: DetailsInput,
  context: CloseContext,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.closeDate) {
    errors.push({ field: 'closeDate', message: LABELS.errorRequired });
  } else if (!isIsoDate(input.closeDate)) {
    errors.push({ field: 'closeDate', message: LABELS.errorDate });
  }
  if (outcome === 'Lost') {
    if (!input.lossReason) {
      errors.push({ field: 'lossReason', message: LABELS.errorLossReason });
    }
    // The server's rule, checked before Next: "Lost to Competitor" names the competitor that won.
    if (
      (input.competitorChoice === OTHER_COMPETITOR || input.lossReason === LOST_TO_COMPETITOR) &&
      resolveCompetitor(input) === null
    ) {
      errors.push({ field: 'competitor', message: LABELS.errorCompetitorName });
    }
  }
  if (input.decisionFactors.length === 0) {
    errors.push({ field: 'decisionFactors', message: LABELS.errorDecisionFactors });
  }
  const minimum = context.defaults.minExplanationLength;
  if (input.explanation.trim().length < minimum || input.explanation.trim() === '') {
    errors.push({
      field: 'explanation',
      message: formatLabel(LABELS.errorExplanationLength, minimum),
    });
  }
  if (outcome === 'Won' && context.steps.contract) {
    if (!input.contractStartDate) {
      errors.push({ field: 'contractStartDate', message: LABELS.errorRequired });
    } else if (!isIsoDate(input.contractStartDate)) {
      errors.push({ field: 'contractStartDate', message: LABELS.errorDate });
    }
    const term = input.contractTermMonths;
    if (
      term === null ||
      !Number.isInteger(term) ||
      term < MIN_CONTRACT_TERM ||
      term > MAX_CONTRACT_TERM
    ) {
      errors.push({
        field: 'contractTermMonths',
        message: formatLabel(LABELS.errorTerm, MIN_CONTRACT_TERM, MAX_CONTRACT_TERM),
      });
    }
  }
  return errors;
}

/** The one request the wizard sends: only the fields that belong to the outcome. */
export function buildCloseRequest(
  opportunityId: string,
  outcome: CloseOutcome,
  input: DetailsInput,
  context: CloseContext,
): CloseRequest {
  const common: CloseRequest = {
    opportunityId,
    outcome,
    closeDate: input.closeDate,
    decisionFactors: [...input.decisionFactors],
    explanation: input.explanation.trim(),
  };
  if (outcome === 'Lost') {
    return { ...common, lossReason: input.lossReason, competitor: resolveCompetitor(input) };
  }
  if (!context.steps.contract) {
    return common;
  }
  return {
    ...common,
    contractStartDate: input.contractStartDate,
    contractTermMonths: input.contractTermMonths,
    contractDocumentId: input.contractDocumentId,
  };
}

/**
 * The Review step's list of what closing will do, in plain words, only for the steps switched on.
 * What the rep entered is shown beside it as fields (see reviewFactors, reviewTerm), not here.
 */
export function reviewLines(
  outcome: CloseOutcome,
  input: DetailsInput,
  context: CloseContext,
): string[] {
  const stage = outcome === 'Won' ? context.wonStage : context.lostStage;
  const lines: string[] = [];
  if (stage) {
    lines.push(formatLabel(LABELS.reviewStage, stage.name, stage.forecastCategory));
  }
  const steps = context.steps;
  const items = context.lineItemCount;
  if (outcome === 'Won') {
    if (steps.order && items > 0) {
      lines.push(items === 1 ? LABELS.reviewOrderOne : formatLabel(LABELS.reviewOrderMany, items));
    }
    if (steps.revenueSchedules && items > 0) {
      lines.push(LABELS.reviewRevenueSchedules);
    }
    if (steps.contract) {
      lines.push(LABELS.reviewContract);
      if (input.contractDocumentId) {
        lines.push(LABELS.reviewContractFile);
      }
    }
    if (steps.assets && items > 0) {
      lines.push(LABELS.reviewAssets);
    }
    if (steps.campaign) {
      lines.push(LABELS.reviewCampaign);
    }
    if (steps.handoff) {
      lines.push(LABELS.reviewHandoff);
    }
  }
  if (steps.tasks) {
    lines.push(LABELS.reviewTasks);
  }
  if (outcome === 'Won' && steps.survey) {
    lines.push(LABELS.reviewSurvey);
  }
  if (steps.lock) {
    lines.push(LABELS.reviewLock);
  }
  if (steps.event) {
    lines.push(LABELS.reviewEvent);
  }
  return lines;
}

/** The chosen decision factors as the rep saw them: option labels, in the order of the options. */
export function reviewFactors(input: DetailsInput, context: CloseContext): string {
  return input.decisionFactors
    .map((value) => optionLabel(context.decisionFactorOptions, value))
    .join(', ');
}

/** The contract term in words, singular or plural ("1 month", "12 months"). */
export function reviewTerm(months: number | null): string {
  if (months === null) {
    return '';
  }
  return months === 1 ? LABELS.reviewTermOne : formatLabel(LABELS.reviewTermMany, months);
}

/** The label of a picklist value, or the value itself when it is not an option. */
export function optionLabel(options: PicklistOption[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? value;
}

const FIELD_NAMES: ReadonlySet<string> = new Set<FieldName>([
  'closeDate',
  'decisionFactors',
  'explanation',
  'lossReason',
  'competitor',
  'contractStartDate',
  'contractTermMonths',
  'contractDocumentId',
  'reason',
]);

/** Splits the server's errors: those naming an input go inline, the rest to the summary only. */
export function mapServerErrors(errors: CloseError[]): MappedErrors {
  const mapped: MappedErrors = { fieldErrors: [], recordErrors: [] };
  for (const error of errors) {
    if (error.field && FIELD_NAMES.has(error.field)) {
      mapped.fieldErrors.push({ field: error.field as FieldName, message: error.message });
    } else {
      mapped.recordErrors.push(error.message);
    }
  }
  return mapped;
}

/**
 * The message of a failed Apex call: an AuraHandledException's message, a page or field error
 * from the platform, or the generic fallback label (never a stack trace).
 */
export function apexErrorMessage(error: unknown): string {
  return apexErrorDetail(error)?.message ?? LABELS.unexpectedError;
}

/**
 * The first message an Apex call's error carries (Lightning sends `body` as an object or a list):
 * `body.message` with its `exceptionType`, or the first page error with its status code.
 */
function apexErrorDetail(error: unknown): { message: string; prefix?: string } | undefined {
  const body = (error as { body?: unknown } | null)?.body;
  for (const item of Array.isArray(body) ? body : [body]) {
    const candidate = item as {
      message?: unknown;
      exceptionType?: unknown;
      pageErrors?: Array<{ message?: unknown; statusCode?: unknown }>;
    } | null;
    if (candidate && typeof candidate.message === 'string' && candidate.message !== '') {
      const type = candidate.exceptionType;
      return { message: candidate.message, prefix: typeof type === 'string' ? type : undefined };
    }
    const page = candidate?.pageErrors?.[0];
    if (page && typeof page.message === 'string' && page.message !== '') {
      const status = page.statusCode;
      return { message: page.message, prefix: typeof status === 'string' ? status : undefined };
    }
  }
  return undefined;
}

/**
 * Issue 11, 3.6: what the page-level error popover shows after a failed close or reopen, in the
 * two wordings of Lightning record forms: `validation` (the rep can fix it: the fields to review,
 * by label, and the record-level messages) or `unexpected` (nothing the rep can fix: try again, or
 * give the admin the message, with the server's error id when there is one).
 */
export interface ErrorReport {
  kind: 'validation' | 'unexpected';
  /** Inputs that carry an error message, in the order of the form, named by their labels. */
  fields: Array<{ field: FieldName; label: string }>;
  /** Record-level messages (validation), or the one message for the admin (unexpected). */
  messages: string[];
}

/**
 * The inputs that show a server message themselves (`data-error` in the wizard's template), in
 * the order of the form. An error on any other request field (the signed contract, which
 * lightning-file-upload cannot mark) is listed as a record-level message instead.
 */
const INPUT_LABELS: ReadonlyArray<readonly [FieldName, string]> = [
  ['closeDate', LABELS.closeDate],
  ['contractStartDate', LABELS.contractStartDate],
  ['contractTermMonths', LABELS.contractTerm],
  ['lossReason', LABELS.lossReason],
  ['competitor', LABELS.competitor],
  ['decisionFactors', LABELS.decisionFactors],
  ['explanation', LABELS.explanation],
  ['reason', LABELS.reopenReason],
];

/** Field errors of a report: only those an input can show. */
export function inputErrors(errors: FieldError[]): FieldError[] {
  return errors.filter((error) => INPUT_LABELS.some(([field]) => field === error.field));
}

/** The report of a close or reopen the server refused (`success: false`). */
export function resultErrorReport(result: CloseResult): ErrorReport {
  const messages = result.errors.map((error) => error.message).filter((text) => Boolean(text));
  if (result.errorId || messages.length === 0) {
    // The controller caught an exception (it sets the request id), or said nothing usable.
    const text = messages.join(' ') || LABELS.errorNoDetails;
    return {
      kind: 'unexpected',
      fields: [],
      messages: [result.errorId ? formatLabel(LABELS.errorWithId, text, result.errorId) : text],
    };
  }
  const mapped = mapServerErrors(result.errors);
  const onInputs = inputErrors(mapped.fieldErrors);
  const offInputs = mapped.fieldErrors
    .filter((error) => !onInputs.includes(error))
    .map((error) => error.message);
  return {
    kind: 'validation',
    fields: INPUT_LABELS.filter(([field]) => onInputs.some((error) => error.field === field)).map(
      ([field, label]) => ({ field, label }),
    ),
    messages: [...offInputs, ...mapped.recordErrors],
  };
}

/** The report of an Apex call that failed outright (rejected): always unexpected. */
export function thrownErrorReport(error: unknown): ErrorReport {
  return { kind: 'unexpected', fields: [], messages: [adminMessage(error)] };
}

/**
 * What the rep gives the admin for a failed Apex call: the exception type and message Lightning
 * returns (`System.NullPointerException: …`), a page error with its status code, or a browser
 * error's message. Never the stack trace, which Lightning may also send.
 */
export function adminMessage(error: unknown): string {
  const detail = apexErrorDetail(error);
  if (detail) {
    return detail.prefix ? `${detail.prefix}: ${detail.message}` : detail.message;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return LABELS.errorNoDetails;
}

/** The report without the given field (the rep changed it); null once nothing is left. */
export function withoutField(report: ErrorReport | null, field: string): ErrorReport | null {
  if (!report) {
    return null;
  }
  const fields = report.fields.filter((entry) => entry.field !== field);
  return fields.length === 0 && report.messages.length === 0 ? null : { ...report, fields };
}

/** Readiness codes fixed in a related list rather than on a field (CloseReadinessService). */
const RELATED_LIST_BY_CODE: Readonly<Record<string, string>> = {
  NO_PRODUCTS: 'OpportunityLineItems',
  NO_PRIMARY_CONTACT: 'OpportunityContactRoles',
};

/** Where the rep fixes an issue: the record's edit form for a field, a related list, or nowhere. */
export function fixTarget(issue: ReadinessIssue, opportunityId: string): FixTarget | null {
  if (issue.fixField) {
    return {
      type: 'standard__recordPage',
      attributes: { recordId: opportunityId, objectApiName: 'Opportunity', actionName: 'edit' },
    };
  }
  const relationship = RELATED_LIST_BY_CODE[issue.code];
  if (relationship) {
    return {
      type: 'standard__recordRelationshipPage',
      attributes: {
        recordId: opportunityId,
        objectApiName: 'Opportunity',
        relationshipApiName: relationship,
        actionName: 'view',
      },
    };
  }
  return null;
}

/** A readiness issue as the Readiness step lists it. */
export interface IssueView {
  key: string;
  code: string;
  message: string;
  /** Where the rep fixes it, opened in a new tab (NavigationMixin.GenerateUrl); '' when nowhere. */
  fixUrl: string;
}

/** Issue 11, 3.7: blockers and warnings differ in heading, count, icon and its alternative text. */
export interface IssueGroup {
  id: 'blocking' | 'warnings';
  heading: string;
  headingClass: string;
  iconName: string;
  iconVariant: string;
  iconText: string;
  issues: IssueView[];
}

/** Blocking issues, then warnings: each group only when it has issues. */
export function readinessGroups(
  context: CloseContext,
  fixUrls: Readonly<Record<string, string>>,
): IssueGroup[] {
  const views = (issues: ReadinessIssue[]): IssueView[] =>
    issues.map((issue, index) => ({
      key: `${issue.code}-${index}`,
      code: issue.code,
      message: issue.message,
      fixUrl: fixUrls[issue.code] ?? '',
    }));
  const groups: IssueGroup[] = [
    {
      id: 'blocking',
      heading: formatLabel(LABELS.blockingHeading, context.blockingIssues.length),
      headingClass: 'slds-text-heading_small',
      iconName: 'utility:error',
      iconVariant: 'error',
      iconText: LABELS.blockerIcon,
      issues: views(context.blockingIssues),
    },
    {
      id: 'warnings',
      heading: formatLabel(LABELS.warningsHeading, context.warnings.length),
      headingClass: 'slds-text-heading_small slds-m-top_small',
      iconName: 'utility:warning',
      iconVariant: 'warning',
      iconText: LABELS.warningIcon,
      issues: views(context.warnings),
    },
  ];
  return groups.filter((group) => group.issues.length > 0);
}

/** Why Next is unavailable on the Readiness step: the blockers to fix, or no right to close. */
export function nextBlockedReason(blockingCount: number): string {
  if (blockingCount === 0) {
    return LABELS.cannotClose;
  }
  return blockingCount === 1
    ? LABELS.nextBlockedOne
    : formatLabel(LABELS.nextBlockedMany, blockingCount);
}

/** The codes of a list of issues, comparable as one string (order kept). */
export function issueCodes(issues: ReadinessIssue[]): string {
  return issues.map((issue) => issue.code).join(',');
}

/** The outcome label of a history entry. */
export function outcomeLabel(outcome: CloseHistoryEntry['outcome']): string {
  if (outcome === 'Won') {
    return LABELS.outcomeWon;
  }
  return outcome === 'Lost' ? LABELS.outcomeLost : LABELS.outcomeReopened;
}

/**
 * Deletes signed-contract uploads the rep did not use (`discardContractUpload`: the server deletes
 * only the rep's own uploads to this opportunity that no closed deal uses, all or nothing).
 * Resolves true when they are gone, false when a file stays (refused, or the call failed).
 */
export async function discardUploads(
  opportunityId: string,
  documentIds: string[],
): Promise<boolean> {
  try {
    const result = (await discardContractUpload({ opportunityId, documentIds })) as
      | CloseResult
      | undefined;
    return Boolean(result?.success);
  } catch {
    return false;
  }
}
