import { LABELS } from 'c/closeWonLabels';
import {
  OTHER_COMPETITOR,
  apexErrorMessage,
  buildCloseRequest,
  competitorChoices,
  defaultDetails,
  fixTarget,
  formatLabel,
  isIsoDate,
  isReady,
  issueCodes,
  mapServerErrors,
  needsReadinessStep,
  nextBlockedReason,
  optionLabel,
  outcomeLabel,
  readinessGroups,
  resolveCompetitor,
  reviewFactors,
  reviewLines,
  resultErrorReport,
  reviewTerm,
  thrownErrorReport,
  todayIso,
  validateDetails,
  withoutField,
  type DetailsInput,
} from 'c/closeWonUtils';
import type { CloseError, CloseResult } from '../../../../../../types/close-api';
import { OPPORTUNITY_ID, closeContext } from './closeContextFixture';

function details(overrides: Partial<DetailsInput> = {}): DetailsInput {
  return {
    ...defaultDetails(closeContext()),
    decisionFactors: ['Price'],
    explanation: 'A clear reason that is long enough.',
    ...overrides,
  };
}

describe('formatLabel', () => {
  it('fills numbered placeholders and leaves unknown ones', () => {
    expect(formatLabel('{0} of {1}, {2}', 1, 'three')).toBe('1 of three, {2}');
  });
});

describe('dates', () => {
  it('writes today in the local time zone as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['26-1-1', false],
    ['', false],
    [null, false],
  ])('isIsoDate(%p) is %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('defaults and readiness', () => {
  it('starts the details from the server defaults with nothing chosen', () => {
    expect(defaultDetails(closeContext())).toEqual({
      closeDate: '2026-11-23',
      decisionFactors: [],
      explanation: '',
      lossReason: '',
      competitorChoice: '',
      competitorOther: '',
      contractStartDate: '2026-12-01',
      contractTermMonths: 12,
      contractDocumentId: null,
      contractFileName: null,
    });
  });

  it('is ready only without blocking issues, with permission, and with warnings acknowledged', () => {
    const warning = {
      code: 'CLOSE_DATE_IN_FUTURE',
      message: 'Future date.',
      fixField: 'CloseDate',
    };
    expect(isReady(closeContext(), false)).toBe(true);
    expect(isReady(closeContext({ warnings: [warning] }), false)).toBe(false);
    expect(isReady(closeContext({ warnings: [warning] }), true)).toBe(true);
    expect(isReady(closeContext({ blockingIssues: [warning] }), true)).toBe(false);
    expect(isReady(closeContext({ canClose: false }), true)).toBe(false);
  });

  it('needs the readiness step only when something blocks or warns', () => {
    const issue = { code: 'NO_AMOUNT', message: 'No amount.', fixField: 'Amount' };
    expect(needsReadinessStep(closeContext())).toBe(false);
    expect(needsReadinessStep(closeContext({ warnings: [issue] }))).toBe(true);
    expect(needsReadinessStep(closeContext({ blockingIssues: [issue] }))).toBe(true);
    expect(needsReadinessStep(closeContext({ canClose: false }))).toBe(true);
  });
});

describe('competitor', () => {
  it('adds Other after the known competitors', () => {
    expect(competitorChoices([{ label: 'Globex', value: 'Globex' }])).toEqual([
      { label: 'Globex', value: 'Globex' },
      { label: LABELS.competitorOther, value: OTHER_COMPETITOR },
    ]);
  });

  it('resolves the chosen, typed or absent competitor', () => {
    expect(resolveCompetitor(details({ competitorChoice: 'Globex' }))).toBe('Globex');
    expect(
      resolveCompetitor(details({ competitorChoice: OTHER_COMPETITOR, competitorOther: ' Acme ' })),
    ).toBe('Acme');
    expect(resolveCompetitor(details({ competitorChoice: OTHER_COMPETITOR }))).toBeNull();
    expect(resolveCompetitor(details())).toBeNull();
  });
});

describe('validateDetails', () => {
  const context = closeContext();
  const TERM_ERROR = 'Enter a whole number of months from 1 to 120.';

  it('accepts complete won and lost details', () => {
    expect(validateDetails('Won', details(), context)).toEqual([]);
    expect(validateDetails('Lost', details({ lossReason: 'Budget' }), context)).toEqual([]);
  });

  it.each<[string, 'Won' | 'Lost', Partial<DetailsInput>, string]>([
    ['closeDate', 'Won', { closeDate: '' }, LABELS.errorRequired],
    ['closeDate', 'Won', { closeDate: '2026-02-30' }, LABELS.errorDate],
    ['decisionFactors', 'Won', { decisionFactors: [] }, LABELS.errorDecisionFactors],
    [
      'explanation',
      'Won',
      { explanation: '   short enough?   ' },
      'Explain the outcome in at least 20 characters.',
    ],
    ['contractStartDate', 'Won', { contractStartDate: '' }, LABELS.errorRequired],
    ['contractStartDate', 'Won', { contractStartDate: '2026-04-31' }, LABELS.errorDate],
    ['contractTermMonths', 'Won', { contractTermMonths: 0 }, TERM_ERROR],
    ['contractTermMonths', 'Won', { contractTermMonths: 121 }, TERM_ERROR],
    ['contractTermMonths', 'Won', { contractTermMonths: 1.5 }, TERM_ERROR],
    ['contractTermMonths', 'Won', { contractTermMonths: null }, TERM_ERROR],
    ['lossReason', 'Lost', { lossReason: '' }, LABELS.errorLossReason],
    [
      'competitor',
      'Lost',
      { lossReason: 'Budget', competitorChoice: OTHER_COMPETITOR, competitorOther: ' ' },
      LABELS.errorCompetitorName,
    ],
  ])('flags %s (%s, %j)', (field, outcome, overrides, message) => {
    expect(validateDetails(outcome, details(overrides), context)).toEqual([{ field, message }]);
  });

  it('requires an explanation even when the minimum length is zero', () => {
    const lenient = closeContext({ defaults: { ...context.defaults, minExplanationLength: 0 } });
    expect(
      validateDetails('Won', details({ explanation: ' ' }), lenient).map((e) => e.field),
    ).toEqual(['explanation']);
  });

  it('ignores the contract when the contract step is off and when closing as lost', () => {
    const noContract = closeContext({ steps: { ...context.steps, contract: false } });
    const broken = details({
      contractStartDate: '',
      contractTermMonths: null,
      lossReason: 'Budget',
    });
    expect(validateDetails('Won', broken, noContract)).toEqual([]);
    expect(validateDetails('Lost', broken, context)).toEqual([]);
  });
});

describe('buildCloseRequest', () => {
  const context = closeContext();

  it('sends the won fields with the contract when the contract step is on', () => {
    expect(
      buildCloseRequest(
        OPPORTUNITY_ID,
        'Won',
        details({
          explanation: '  Trimmed explanation text here.  ',
          contractDocumentId: '069x',
          lossReason: 'Budget',
        }),
        context,
      ),
    ).toEqual({
      opportunityId: OPPORTUNITY_ID,
      outcome: 'Won',
      closeDate: '2026-11-23',
      decisionFactors: ['Price'],
      explanation: 'Trimmed explanation text here.',
      contractStartDate: '2026-12-01',
      contractTermMonths: 12,
      contractDocumentId: '069x',
    });
  });

  it('leaves the contract out when the contract step is off', () => {
    const request = buildCloseRequest(
      OPPORTUNITY_ID,
      'Won',
      details(),
      closeContext({ steps: { ...context.steps, contract: false } }),
    );
    expect(request).not.toHaveProperty('contractStartDate');
    expect(request).not.toHaveProperty('contractTermMonths');
  });

  it('sends the lost fields only', () => {
    expect(
      buildCloseRequest(
        OPPORTUNITY_ID,
        'Lost',
        details({ lossReason: 'Budget', competitorChoice: 'Initech' }),
        context,
      ),
    ).toEqual({
      opportunityId: OPPORTUNITY_ID,
      outcome: 'Lost',
      closeDate: '2026-11-23',
      decisionFactors: ['Price'],
      explanation: 'A clear reason that is long enough.',
      lossReason: 'Budget',
      competitor: 'Initech',
    });
  });
});

describe('reviewLines', () => {
  it('says in plain words what a won close does, with the stage and the item count', () => {
    const lines = reviewLines('Won', details(), closeContext());
    expect(lines[0]).toBe('Its stage becomes Closed Won and its forecast category Closed.');
    expect(lines).toContain('A draft order is created with 3 items, one per product.');
    expect(reviewLines('Won', details(), closeContext({ lineItemCount: 1 }))).toContain(
      LABELS.reviewOrderOne,
    );
    expect(lines).toContain(LABELS.reviewSurvey);
    expect(lines).not.toContain(LABELS.reviewCampaign);
    expect(lines).not.toContain(LABELS.reviewRevenueSchedules);
  });

  it('lists only the steps switched on, and nothing product-based without products', () => {
    const context = closeContext({ lineItemCount: 0 });
    const off = closeContext({
      lineItemCount: 0,
      steps: {
        ...context.steps,
        contract: false,
        handoff: false,
        tasks: false,
        survey: false,
        lock: false,
        event: false,
      },
    });
    expect(reviewLines('Won', details(), off)).toEqual([
      'Its stage becomes Closed Won and its forecast category Closed.',
    ]);
  });

  it('describes a lost close without won-only steps; reason and competitor are fields', () => {
    const lines = reviewLines(
      'Lost',
      details({ lossReason: 'Budget', competitorChoice: 'Globex' }),
      closeContext(),
    );
    expect(lines).toEqual([
      'Its stage becomes Closed Lost and its forecast category Omitted.',
      LABELS.reviewTasks,
      LABELS.reviewLock,
      LABELS.reviewEvent,
    ]);
  });
});

describe('review fields', () => {
  it('names the chosen decision factors by their labels', () => {
    expect(
      reviewFactors(details({ decisionFactors: ['Product Fit', 'Price'] }), closeContext()),
    ).toBe('Product fit, Price');
  });

  it('says the contract term in the singular or the plural, never "month(s)"', () => {
    expect(reviewTerm(1)).toBe(LABELS.reviewTermOne);
    expect(reviewTerm(24)).toBe('24 months');
    expect(reviewTerm(null)).toBe('');
  });
});

describe('server errors', () => {
  it('puts errors naming an input inline and the rest in the summary', () => {
    expect(
      mapServerErrors([
        { field: 'explanation', message: 'Too short.' },
        { field: 'outcome', message: 'No won stage.' },
        { field: null, message: 'Locked.' },
      ]),
    ).toEqual({
      fieldErrors: [{ field: 'explanation', message: 'Too short.' }],
      recordErrors: ['No won stage.', 'Locked.'],
    });
  });

  it.each([
    [{ body: { message: 'Handled.' } }, 'Handled.'],
    [{ body: [{ message: 'First.' }] }, 'First.'],
    [{ body: { pageErrors: [{ message: 'Page error.' }] } }, 'Page error.'],
    [new Error('stack trace here'), LABELS.unexpectedError],
    [null, LABELS.unexpectedError],
  ])('reads the message of an Apex failure %#', (error, expected) => {
    expect(apexErrorMessage(error)).toBe(expected);
  });
});

describe('error reports (issue 11, 3.6)', () => {
  const refused = (errors: CloseError[], errorId?: string): CloseResult => ({
    success: false,
    opportunityId: OPPORTUNITY_ID,
    stageName: null,
    errors,
    errorId,
  });

  it('lists the fields with an input by label, in form order, and the rest as messages', () => {
    expect(
      resultErrorReport(
        refused([
          { field: 'explanation', message: 'Too short.' },
          { field: 'contractDocumentId', message: 'Not on this record.' },
          { field: 'closeDate', message: 'Closed period.' },
          { field: null, message: 'Locked.' },
        ]),
      ),
    ).toEqual({
      kind: 'validation',
      fields: [
        { field: 'closeDate', label: LABELS.closeDate },
        { field: 'explanation', label: LABELS.explanation },
      ],
      messages: ['Not on this record.', 'Locked.'],
    });
  });

  it('words a result with an error id, or without any message, as unexpected', () => {
    expect(resultErrorReport(refused([{ field: null, message: 'System.X: boom' }], 'R1'))).toEqual({
      kind: 'unexpected',
      fields: [],
      messages: ['System.X: boom (Error ID: R1)'],
    });
    expect(resultErrorReport(refused([]))).toEqual({
      kind: 'unexpected',
      fields: [],
      messages: [LABELS.errorNoDetails],
    });
  });

  it.each([
    [
      {
        body: {
          message: 'Attempt to de-reference a null object',
          exceptionType: 'System.NullPointerException',
          stackTrace: 'Class.CloseOpportunityService.close: line 1, column 1',
        },
      },
      'System.NullPointerException: Attempt to de-reference a null object',
    ],
    [{ body: { message: 'Handled.' } }, 'Handled.'],
    [
      { body: { pageErrors: [{ statusCode: 'INSUFFICIENT_ACCESS', message: 'No access.' }] } },
      'INSUFFICIENT_ACCESS: No access.',
    ],
    [new Error('Failed to fetch'), 'Failed to fetch'],
    [null, LABELS.errorNoDetails],
  ])('gives the admin the message of a failed call, never its stack trace %#', (error, text) => {
    expect(thrownErrorReport(error)).toEqual({ kind: 'unexpected', fields: [], messages: [text] });
  });

  it('drops a field the rep changed, and the whole report once nothing is left', () => {
    const report = resultErrorReport(refused([{ field: 'explanation', message: 'Too short.' }]));
    expect(withoutField(report, 'closeDate')).toEqual(report);
    expect(withoutField(report, 'explanation')).toBeNull();
    expect(withoutField(null, 'explanation')).toBeNull();
  });
});

describe('fixTarget', () => {
  it('opens the edit form for a field, a related list for products, nothing otherwise', () => {
    expect(
      fixTarget({ code: 'NO_AMOUNT', message: '', fixField: 'Amount' }, OPPORTUNITY_ID),
    ).toEqual({
      type: 'standard__recordPage',
      attributes: { recordId: OPPORTUNITY_ID, objectApiName: 'Opportunity', actionName: 'edit' },
    });
    expect(fixTarget({ code: 'NO_PRODUCTS', message: '', fixField: null }, OPPORTUNITY_ID)).toEqual(
      {
        type: 'standard__recordRelationshipPage',
        attributes: {
          recordId: OPPORTUNITY_ID,
          objectApiName: 'Opportunity',
          relationshipApiName: 'OpportunityLineItems',
          actionName: 'view',
        },
      },
    );
    expect(
      fixTarget({ code: 'NO_EDIT_ACCESS', message: '', fixField: null }, OPPORTUNITY_ID),
    ).toBeNull();
  });
});

describe('labels of values', () => {
  it('shows option labels and outcome labels', () => {
    expect(optionLabel([{ label: 'Product fit', value: 'Product Fit' }], 'Product Fit')).toBe(
      'Product fit',
    );
    expect(optionLabel([], 'Unknown')).toBe('Unknown');
    expect(outcomeLabel('Won')).toBe(LABELS.outcomeWon);
    expect(outcomeLabel('Lost')).toBe(LABELS.outcomeLost);
    expect(outcomeLabel('Reopened')).toBe(LABELS.outcomeReopened);
  });
});

describe('readiness groups (issue 11, 3.7)', () => {
  const amount = { code: 'NO_AMOUNT', message: 'Enter an amount.', fixField: 'Amount' };
  const edit = { code: 'NO_EDIT_ACCESS', message: 'You cannot edit it.', fixField: null };
  const contact = { code: 'NO_PRIMARY_CONTACT', message: 'No primary contact.', fixField: null };

  it('groups blockers before warnings, each with its count, icon and alternative text', () => {
    const groups = readinessGroups(
      closeContext({ blockingIssues: [amount, edit], warnings: [contact] }),
      { NO_AMOUNT: '/lightning/r/Opportunity/006/edit' },
    );

    expect(
      groups.map((group) => [group.id, group.heading, group.iconName, group.iconText]),
    ).toEqual([
      ['blocking', 'Fix before closing (2)', 'utility:error', LABELS.blockerIcon],
      ['warnings', 'Check before closing (1)', 'utility:warning', LABELS.warningIcon],
    ]);
    expect(groups[0].issues.map((issue) => issue.fixUrl)).toEqual([
      '/lightning/r/Opportunity/006/edit',
      '',
    ]);
    expect(groups[0].issues.map((issue) => issue.key)).toEqual(['NO_AMOUNT-0', 'NO_EDIT_ACCESS-1']);
  });

  it('leaves out a group without issues', () => {
    expect(readinessGroups(closeContext({ warnings: [contact] }), {}).map((g) => g.id)).toEqual([
      'warnings',
    ]);
    expect(readinessGroups(closeContext(), {})).toEqual([]);
  });

  it('says why Next is unavailable: the blockers, one or many, or no right to close', () => {
    expect(nextBlockedReason(0)).toBe(LABELS.cannotClose);
    expect(nextBlockedReason(1)).toBe(LABELS.nextBlockedOne);
    expect(nextBlockedReason(3)).toBe(
      'Next is unavailable: fix the 3 problems under Fix before closing, then choose Check again.',
    );
  });

  it('compares lists of issues by their codes, in order', () => {
    expect(issueCodes([amount, contact])).toBe('NO_AMOUNT,NO_PRIMARY_CONTACT');
    expect(issueCodes([])).toBe('');
  });
});
