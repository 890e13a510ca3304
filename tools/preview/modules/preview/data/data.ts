/**
 * The preview's sample data: what `CloseOpportunityController` answers, as canned responses typed
 * by types/close-api.ts, one set per scenario. No Apex logic is copied: readiness, validation and
 * the close itself are not computed here. After a successful close the sample record is shown as
 * closed with what the request carried, after a reopen as open again, and after an outcome change
 * (`changeOutcome`: the reopen and the close in one call) as closed with the new outcome, so that
 * the win/loss summary and the record header can be seen changing.
 *
 * Two more pieces of state make the wizard's Readiness and signed-contract features visible:
 * - fixes: a readiness issue's "Fix it" opens a preview stand-in of the Salesforce page in a new
 *   tab (see the navigation stand-in); its Save records the issues fixed there (localStorage, so the
 *   wizard's tab sees them), and the next `loadContext` ("Check again") answers without them, with
 *   the canned values of FIXED_VALUES. Which issues a page fixes is the wizard's own `fixTarget`.
 * - files: what the `lightning-file-upload` stand-in "uploaded" to the record (its Files related
 *   list); `discardContractUpload` deletes them again.
 */
import { fixTarget } from 'c/closeWonUtils';
import type {
  CloseContext,
  CloseHistoryEntry,
  CloseRequest,
  CloseResult,
  ReadinessIssue,
} from '../../../../../types/close-api';

export type ScenarioId =
  | 'ready'
  | 'blocked'
  | 'warnings'
  | 'closed'
  | 'validationError'
  | 'serverError';

export interface Scenario {
  id: ScenarioId;
  label: string;
  description: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { id: 'ready', label: 'Ready to close', description: 'Nothing blocks; closing succeeds.' },
  {
    id: 'blocked',
    label: 'Blocked',
    description:
      'No amount and no products: fix each in the new tab Fix it opens, then choose Check again.',
  },
  {
    id: 'warnings',
    label: 'Warnings only',
    description:
      'No primary contact and a future close date: acknowledge to go on, or fix and Check again.',
  },
  {
    id: 'closed',
    label: 'Already closed',
    description:
      'Closed Won last week: the wizard shows the summary and offers Reopen; Close as Lost offers Change to Lost.',
  },
  {
    id: 'validationError',
    label: 'Validation error from the server',
    description: 'The server rejects the close with field and record errors.',
  },
  {
    id: 'serverError',
    label: 'Unexpected server error',
    description: 'The close call fails with an unhandled Apex exception.',
  },
];

export const OPPORTUNITY_ID = '006PREVIEW000001AAA';

/** Milliseconds each canned answer waits, so spinners show as they would over the network. */
const LATENCY_MS = 150;

function isoDate(offsetDays: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offsetDays);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

function baseContext(): CloseContext {
  return {
    opportunityId: OPPORTUNITY_ID,
    name: 'Acme Corp — Platform renewal 2027',
    accountName: 'Acme Corp',
    amount: 120000,
    currencyIsoCode: 'USD',
    stageName: 'Negotiation/Review',
    closeDate: isoDate(-2),
    isClosed: false,
    isWon: false,
    lineItemCount: 3,
    canClose: true,
    canReopen: false,
    blockingIssues: [],
    warnings: [],
    wonStage: { name: 'Closed Won', probability: 100, forecastCategory: 'Closed' },
    lostStage: { name: 'Closed Lost', probability: 0, forecastCategory: 'Omitted' },
    decisionFactorOptions: [
      { label: 'Price', value: 'Price' },
      { label: 'Product fit', value: 'Product Fit' },
      { label: 'Relationship', value: 'Relationship' },
      { label: 'Implementation time', value: 'Implementation Time' },
      { label: 'Support', value: 'Support' },
    ],
    lossReasonOptions: [
      { label: 'Lost to Competitor', value: 'Lost to Competitor' },
      { label: 'No Budget', value: 'No Budget' },
      { label: 'No Decision', value: 'No Decision' },
      { label: 'Timing', value: 'Timing' },
    ],
    competitorOptions: [
      { label: 'Globex', value: 'Globex' },
      { label: 'Initech', value: 'Initech' },
      { label: 'Umbrella', value: 'Umbrella' },
    ],
    defaults: {
      closeDate: isoDate(0),
      contractStartDate: isoDate(0),
      contractTermMonths: 12,
      minExplanationLength: 20,
    },
    steps: {
      order: true,
      contract: true,
      assets: true,
      revenueSchedules: false,
      campaign: true,
      lock: true,
      handoff: true,
      tasks: true,
      survey: true,
      event: true,
    },
    lastClose: null,
    history: [],
  };
}

function closedWonEntry(): CloseHistoryEntry {
  return {
    id: 'a01PREVIEW000001AAA',
    action: 'Close',
    outcome: 'Won',
    stage: 'Closed Won',
    closeDate: isoDate(-7),
    amount: 120000,
    decisionFactors: ['Price', 'Product Fit'],
    explanation: 'Best integration story and a price the buyer could sign this quarter.',
    lossReason: null,
    competitor: null,
    actorName: 'Rita Rep',
    occurredOn: `${isoDate(-7)}T15:04:00.000Z`,
    channel: 'Wizard',
    reopenReason: null,
  };
}

function scenarioContext(id: ScenarioId): CloseContext {
  const context = baseContext();
  if (id === 'blocked') {
    return {
      ...context,
      amount: null,
      blockingIssues: [
        { code: 'NO_AMOUNT', message: 'Enter an amount before closing.', fixField: 'Amount' },
        {
          code: 'NO_PRODUCTS',
          message: 'Add at least one product before closing.',
          fixField: null,
        },
      ],
      warnings: [
        {
          code: 'NO_PRIMARY_CONTACT',
          message: 'No primary contact role: onboarding will have no main contact.',
          fixField: null,
        },
      ],
      lineItemCount: 0,
    };
  }
  if (id === 'warnings') {
    return {
      ...context,
      closeDate: isoDate(21),
      warnings: [
        {
          code: 'NO_PRIMARY_CONTACT',
          message: 'No primary contact role: onboarding will have no main contact.',
          fixField: null,
        },
        {
          code: 'CLOSE_DATE_IN_FUTURE',
          message: 'The close date is in the future; closing sets it to the date you choose.',
          fixField: 'CloseDate',
        },
      ],
    };
  }
  if (id === 'closed') {
    const entry = closedWonEntry();
    return {
      ...context,
      stageName: 'Closed Won',
      closeDate: entry.closeDate,
      isClosed: true,
      isWon: true,
      canClose: false,
      canReopen: true,
      blockingIssues: [
        { code: 'ALREADY_CLOSED', message: 'This opportunity is already closed.', fixField: null },
      ],
      lastClose: entry,
      history: [entry],
    };
  }
  return context;
}

/** The sample record as the page sees it: the scenario's context, changed by closes and reopens. */
interface PreviewState {
  scenario: ScenarioId;
  context: CloseContext;
}

let state: PreviewState = { scenario: 'ready', context: scenarioContext('ready') };

/** Starts a scenario from its canned context (the page calls this once, from the URL). */
export function useScenario(id: ScenarioId): void {
  state = { scenario: id, context: scenarioContext(id) };
}

// ---- fixes made "in another tab" (the Readiness step's Fix it, then Check again) ----

/** The record's values once an issue is fixed: canned, like everything else here. */
const FIXED_VALUES: Readonly<Record<string, Partial<CloseContext>>> = {
  NO_AMOUNT: { amount: 120000 },
  NO_PRODUCTS: { lineItemCount: 3 },
  CLOSE_DATE_IN_FUTURE: { closeDate: isoDate(-2) },
};

export interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
}

function fixesKey(): string {
  return `closeWonPreview.fixed.${state.scenario}`;
}

function savedFixes(): string[] {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(fixesKey()) ?? '[]');
    return Array.isArray(saved) ? saved.map(String) : [];
  } catch {
    return [];
  }
}

/** Forgets the fixes of an earlier visit: reloading the record page starts the scenario afresh. */
export function forgetFixes(): void {
  window.localStorage.removeItem(fixesKey());
}

/** The open issues that the given page (a fix link's target) is the place to fix. */
export function issuesFixedAt(pageReference: PageReference): ReadinessIssue[] {
  const wanted = JSON.stringify(pageReference);
  return [...state.context.blockingIssues, ...state.context.warnings].filter(
    (issue) => JSON.stringify(fixTarget(issue, OPPORTUNITY_ID)) === wanted,
  );
}

/** The stand-in page's Save: these issues count as fixed from the next loadContext on. */
export function saveFixes(issues: ReadinessIssue[]): void {
  const codes = new Set([...savedFixes(), ...issues.map((issue) => issue.code)]);
  window.localStorage.setItem(fixesKey(), JSON.stringify([...codes]));
}

/** The record with the saved fixes applied (what the server would now answer). */
function withSavedFixes(context: CloseContext): CloseContext {
  const fixed = new Set(savedFixes());
  if (fixed.size === 0) return context;
  const open = (issue: ReadinessIssue): boolean => !fixed.has(issue.code);
  let next: CloseContext = {
    ...context,
    blockingIssues: context.blockingIssues.filter(open),
    warnings: context.warnings.filter(open),
  };
  for (const code of fixed) next = { ...next, ...FIXED_VALUES[code] };
  return next;
}

// ---- the record's Files (the file-upload stand-in adds, discardContractUpload deletes) ----

export interface PreviewFile {
  documentId: string;
  name: string;
}

let files: PreviewFile[] = [];

function filesChanged(): void {
  window.dispatchEvent(new CustomEvent('preview:recordupdated'));
}

/** Called by the lightning-file-upload stand-in for each file it "uploads" to the record. */
export function addUploadedFile(file: PreviewFile): void {
  files = [...files, file];
  filesChanged();
}

/** The sample record's Files related list. */
export function currentFiles(): PreviewFile[] {
  return files;
}

function discardedUploads(params: Record<string, unknown>): CloseResult {
  const ids = Array.isArray(params.documentIds) ? params.documentIds.map(String) : [];
  const unknown = ids.filter((id) => !files.some((file) => file.documentId === id));
  const opportunityId = String(params.opportunityId ?? '');
  if (ids.length === 0 || unknown.length > 0) {
    const message = `File ${unknown[0] ?? ''} is not a file you uploaded. Nothing was deleted.`;
    return {
      success: false,
      opportunityId,
      stageName: null,
      errors: [{ field: 'contractDocumentId', message }],
    };
  }
  files = files.filter((file) => !ids.includes(file.documentId));
  filesChanged();
  return { success: true, opportunityId, stageName: null, errors: [] };
}

export function currentScenario(): Scenario {
  return SCENARIOS.find((scenario) => scenario.id === state.scenario) ?? SCENARIOS[0];
}

export function isScenarioId(value: string | null): value is ScenarioId {
  return SCENARIOS.some((scenario) => scenario.id === value);
}

/** The sample opportunity, for the record page header. */
export function currentRecord(): CloseContext {
  return state.context;
}

/** An error as Lightning rejects an Apex call with: `status` and `body` (read by apexErrorMessage). */
function apexError(status: number, body: Record<string, unknown>): Error {
  return Object.assign(new Error(String(body.message)), { status, body });
}

/** What Lightning gives a component when Apex throws an unhandled exception. */
function unhandledApexError(): Error {
  return apexError(500, {
    message: 'Attempt to de-reference a null object',
    exceptionType: 'System.NullPointerException',
    isUserDefinedException: false,
    stackTrace: 'Class.CloseOpportunityService.close: line 1, column 1',
  });
}

function validationErrors(request: CloseRequest): CloseResult {
  const errors =
    request.outcome === 'Lost'
      ? [{ field: 'competitor', message: 'Name the competitor that won.' }]
      : [
          {
            field: null,
            message:
              'FIELD_CUSTOM_VALIDATION_EXCEPTION: Closed Won deals need a signed order form on the account.',
          },
          { field: 'closeDate', message: 'The close date falls in a closed fiscal period.' },
        ];
  return { success: false, opportunityId: request.opportunityId, stageName: null, errors };
}

/** The record after a successful close: the request's values, as the history would keep them. */
function closedBy(request: CloseRequest): CloseContext {
  const won = request.outcome === 'Won';
  const stage = won ? state.context.wonStage : state.context.lostStage;
  const entry: CloseHistoryEntry = {
    id: `a01PREVIEW${String(state.context.history.length + 2).padStart(6, '0')}AAA`,
    action: 'Close',
    outcome: request.outcome,
    stage: stage?.name ?? null,
    closeDate: request.closeDate ?? null,
    amount: state.context.amount,
    decisionFactors: request.decisionFactors ?? [],
    explanation: request.explanation ?? null,
    lossReason: request.lossReason ?? null,
    competitor: request.competitor ?? null,
    actorName: 'You (preview)',
    occurredOn: new Date().toISOString(),
    channel: 'Wizard',
    reopenReason: null,
  };
  return {
    ...state.context,
    stageName: entry.stage ?? state.context.stageName,
    closeDate: entry.closeDate,
    isClosed: true,
    isWon: won,
    canClose: false,
    canReopen: true,
    lastClose: entry,
    history: [entry, ...state.context.history],
  };
}

function reopened(reason: string): CloseContext {
  const entry: CloseHistoryEntry = {
    ...closedWonEntry(),
    id: `a01PREVIEW${String(state.context.history.length + 2).padStart(6, '0')}AAA`,
    action: 'Reopen',
    outcome: 'Reopened',
    stage: 'Negotiation/Review',
    decisionFactors: [],
    explanation: null,
    actorName: 'You (preview)',
    occurredOn: new Date().toISOString(),
    reopenReason: reason,
  };
  return {
    ...state.context,
    stageName: 'Negotiation/Review',
    isClosed: false,
    isWon: false,
    canClose: true,
    canReopen: false,
    blockingIssues: state.context.blockingIssues.filter((issue) => issue.code !== 'ALREADY_CLOSED'),
    lastClose: null,
    history: [entry, ...state.context.history],
  };
}

function answer(method: string, params: Record<string, unknown>): CloseContext | CloseResult {
  if (method === 'CloseOpportunityController.loadContext') {
    state = { ...state, context: withSavedFixes(state.context) };
    return structuredClone(state.context);
  }
  if (method === 'CloseOpportunityController.discardContractUpload') {
    if (state.scenario === 'serverError') throw unhandledApexError();
    return discardedUploads(params);
  }
  if (method === 'CloseOpportunityController.closeOpportunity') {
    const request = params.request as CloseRequest;
    if (state.scenario === 'serverError') throw unhandledApexError();
    if (state.scenario === 'validationError') return validationErrors(request);
    state = { ...state, context: closedBy(request) };
    const stageName = state.context.stageName;
    return { success: true, opportunityId: request.opportunityId, stageName, errors: [] };
  }
  if (method === 'CloseOpportunityController.reopenOpportunity') {
    state = { ...state, context: reopened(String(params.reason ?? '')) };
    const stageName = state.context.stageName;
    return { success: true, opportunityId: OPPORTUNITY_ID, stageName, errors: [] };
  }
  if (method === 'CloseOpportunityController.changeOutcome') {
    const request = params.request as CloseRequest;
    if (state.scenario === 'serverError') throw unhandledApexError();
    if (state.scenario === 'validationError') return validationErrors(request);
    // What the server keeps: a reopen entry with the reason, then the close with the new outcome.
    state = { ...state, context: reopened(String(params.reason ?? '')) };
    state = { ...state, context: closedBy(request) };
    const stageName = state.context.stageName;
    return { success: true, opportunityId: request.opportunityId, stageName, errors: [] };
  }
  throw apexError(500, { message: `The preview has no canned answer for ${method}.` });
}

/** Every `@salesforce/apex/*` import of the preview resolves to this (see tools/preview/build.ts). */
export function callApex(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the latency of a server round trip
    setTimeout(() => {
      try {
        resolve(answer(method, params));
      } catch (error) {
        reject(error);
      }
    }, LATENCY_MS);
  });
}
