import { ALL_CHECKS, runChecks } from '../src/expectations/checks.js';
import type {
  Actual,
  CloseSettings,
  CloseStages,
  OpportunityBefore,
  TaskTemplate,
} from '../src/expectations/model.js';
import { expectClose, matchingTemplates } from '../src/expectations/rules.js';

const settings: CloseSettings = {
  createOrder: true,
  createContract: true,
  createAssets: true,
  createRevenueSchedules: true,
  addToCampaign: true,
  createHandoff: true,
  createTasks: true,
  sendSurvey: true,
  defaultContractTermMonths: 12,
  surveyDelayDays: 30,
  onboardingCampaignName: 'Onboarding',
  lostReviewAmountThreshold: 0,
};
const stages: CloseStages = {
  won: { name: 'Closed Won', probability: 100, forecastCategory: 'Closed' },
  lost: { name: 'Closed Lost', probability: 0, forecastCategory: 'Omitted' },
};
const templates: TaskTemplate[] = [
  {
    developerName: 'Kickoff',
    outcome: 'Won',
    active: true,
    minAmount: null,
    maxAmount: null,
    productFamily: null,
  },
  {
    developerName: 'Big_Deal_Review',
    outcome: 'Won',
    active: true,
    minAmount: 50000,
    maxAmount: null,
    productFamily: null,
  },
  {
    developerName: 'Hardware_Install',
    outcome: 'Won',
    active: true,
    minAmount: null,
    maxAmount: null,
    productFamily: 'Hardware',
  },
  {
    developerName: 'Old',
    outcome: 'Won',
    active: false,
    minAmount: null,
    maxAmount: null,
    productFamily: null,
  },
  {
    developerName: 'Loss_Review',
    outcome: 'Lost',
    active: true,
    minAmount: null,
    maxAmount: null,
    productFamily: null,
  },
];
const opp: OpportunityBefore = {
  id: '006A',
  accountId: '001A',
  amount: 12000,
  lines: [
    {
      id: '00kA',
      product2Id: '01tA',
      productFamily: 'Software',
      quantity: 5,
      unitPrice: 1200,
      revenueSchedule: true,
    },
    {
      id: '00kB',
      product2Id: '01tB',
      productFamily: 'Services',
      quantity: 2,
      unitPrice: 3000,
      revenueSchedule: false,
    },
  ],
  contactIds: ['003A'],
  account: { lifecycleStage: 'Pipeline', customerSince: null, leadScore: 40 },
  otherOpenOpportunities: 0,
  accountWinsInRun: false,
};
const wonInput = {
  outcome: 'Won' as const,
  closeDate: '2026-11-23',
  contractStartDate: '2026-12-01',
  contractTermMonths: 24,
};
const lostInput = {
  outcome: 'Lost' as const,
  closeDate: '2026-11-23',
  contractStartDate: null,
  contractTermMonths: null,
};
const won = expectClose(opp, wonInput, settings, templates, stages);

/** The records a correct Won close of `opp` leaves behind. */
function goodWonActual(): Actual {
  return {
    opportunity: {
      StageName: 'Closed Won',
      Probability: 100,
      ForecastCategoryName: 'Closed',
      CloseDate: '2026-11-23',
      ContractId: '800A',
      Survey_Due_Date__c: '2026-12-23',
    },
    orders: [{ Id: '801A', Status: 'Draft', Close_Key__c: '006A' }],
    orderItems: [
      { Close_Key__c: '00kA', Quantity: 5, UnitPrice: 1200 },
      { Close_Key__c: '00kB', Quantity: 2, UnitPrice: 3000 },
    ],
    scheduleLineIds: ['00kA'],
    contracts: [
      { Id: '800A', Status: 'Draft', AccountId: '001A', StartDate: '2026-12-01', ContractTerm: 24 },
    ],
    assets: [
      { Close_Key__c: '00kA', Status: 'Purchased' },
      { Close_Key__c: '00kB', Status: 'Purchased' },
    ],
    unitsSold: { '01tA': { before: 10, after: 15 }, '01tB': { before: 0, after: 2 } },
    account: {
      Lifecycle_Stage__c: 'Implement',
      Customer_Since__c: '2026-11-23',
      Lead_Score__c: 40,
    },
    contacts: [{ Id: '003A', Customer_Contact__c: true }],
    campaignContactIds: ['003A'],
    handoffs: [{ Id: 'a01A', Handoff_Key__c: '006A' }],
    tasks: [{ Close_Key__c: '006A:Kickoff' }],
    surveys: [],
    histories: [{ Action__c: 'Close', Outcome__c: 'Won' }],
  };
}

describe('expectation rules', () => {
  it('a won close expects the won stage, fulfilment records, first-win lifecycle and a survey after the delay', () => {
    expect(won).toMatchObject({
      stageName: 'Closed Won',
      probability: 100,
      forecastCategory: 'Closed',
      order: { lineIds: ['00kA', '00kB'] },
      revenueScheduleLineIds: ['00kA'],
      contract: { accountId: '001A', startDate: '2026-12-01', termMonths: 24 },
      assetLineIds: ['00kA', '00kB'],
      unitsByProduct: { '01tA': 5, '01tB': 2 },
      account: { lifecycleStages: ['Implement'], customerSince: 'set', leadScore: 40 },
      customerContactIds: ['003A'],
      campaignName: 'Onboarding',
      handoff: true,
      taskKeys: ['006A:Kickoff'],
      surveyDueDate: '2026-12-23',
      historyCount: 1,
    });
  });

  it('a lost close expects no fulfilment, the lost stage, and the account back to Detected with score 0', () => {
    const lost = expectClose(opp, lostInput, settings, templates, stages);
    expect(lost).toMatchObject({
      stageName: 'Closed Lost',
      probability: 0,
      forecastCategory: 'Omitted',
      order: null,
      contract: null,
      assetLineIds: [],
      handoff: false,
      surveyDueDate: null,
      taskKeys: ['006A:Loss_Review'],
      customerContactIds: [],
      account: { lifecycleStages: ['Detected'], leadScore: 0 },
    });
  });

  it('a lost close expects the Lost templates only from the review threshold up (Close_Won_Lost_Review)', () => {
    const amount = opp.amount ?? 0;
    const below = { ...settings, lostReviewAmountThreshold: amount + 1 };
    expect(expectClose(opp, lostInput, below, templates, stages).taskKeys).toEqual([]);
    const atThreshold = { ...settings, lostReviewAmountThreshold: amount };
    expect(expectClose(opp, lostInput, atThreshold, templates, stages).taskKeys).toEqual([
      '006A:Loss_Review',
    ]);
    expect(expectClose(opp, wonInput, below, templates, stages).taskKeys).toEqual(['006A:Kickoff']);
  });

  it('a lost close keeps the account stage while it has other open opportunities or is a customer', () => {
    expect(
      expectClose({ ...opp, otherOpenOpportunities: 1 }, lostInput, settings, templates, stages)
        .account.lifecycleStages,
    ).toEqual(['Pipeline']);
    const customer = { ...opp, account: { ...opp.account, lifecycleStage: 'Customer' } };
    expect(
      expectClose(customer, lostInput, settings, templates, stages).account.lifecycleStages,
    ).toEqual(['Customer']);
    expect(
      expectClose(customer, wonInput, settings, templates, stages).account.lifecycleStages,
    ).toEqual(['Customer']);
  });

  it('a win of the same account in the run beats a loss, and only accounts before Implement move', () => {
    const lostWithWin = expectClose(
      { ...opp, accountWinsInRun: true },
      lostInput,
      settings,
      templates,
      stages,
    );
    expect(lostWithWin.account).toEqual({
      lifecycleStages: ['Implement'],
      customerSince: 'set',
      leadScore: 40,
    });
    const churned = { ...opp, account: { ...opp.account, lifecycleStage: 'Churned' } };
    expect(
      expectClose(churned, wonInput, settings, templates, stages).account.lifecycleStages,
    ).toEqual(['Churned']);
    expect(
      expectClose(churned, lostInput, settings, templates, stages).account.lifecycleStages,
    ).toEqual(['Churned']);
    const blank = { ...opp, account: { ...opp.account, lifecycleStage: null } };
    expect(
      expectClose(blank, wonInput, settings, templates, stages).account.lifecycleStages,
    ).toEqual(['Implement']);
  });

  it('settings switch records off, and the contract falls back to the close date and the default term', () => {
    const off = {
      ...settings,
      createOrder: false,
      createContract: false,
      createHandoff: false,
      sendSurvey: false,
      createTasks: false,
    };
    expect(expectClose(opp, wonInput, off, templates, stages)).toMatchObject({
      order: null,
      contract: null,
      handoff: false,
      surveyDueDate: null,
      taskKeys: [],
    });
    const defaults = expectClose(
      opp,
      { ...wonInput, contractStartDate: null, contractTermMonths: null },
      settings,
      templates,
      stages,
    );
    expect(defaults.contract).toEqual({
      accountId: '001A',
      startDate: '2026-11-23',
      termMonths: 12,
    });
  });

  it('templates match on active flag, outcome, amount range and product family', () => {
    expect(
      matchingTemplates(templates, 'Won', { ...opp, amount: 60000 }).map((t) => t.developerName),
    ).toEqual(['Kickoff', 'Big_Deal_Review']);
    const hardware = { ...opp, lines: [{ ...opp.lines[0], productFamily: 'Hardware' }] };
    expect(matchingTemplates(templates, 'Won', hardware).map((t) => t.developerName)).toEqual([
      'Kickoff',
      'Hardware_Install',
    ]);
  });

  it('templates match as TaskTemplateMatcher: no amount fails a bounded range, family ignores case', () => {
    const noAmount = {
      ...opp,
      amount: null,
      lines: [{ ...opp.lines[0], productFamily: ' hardware ' }],
    };
    expect(matchingTemplates(templates, 'Won', noAmount).map((t) => t.developerName)).toEqual([
      'Kickoff',
      'Hardware_Install',
    ]);
    expect(expectClose(noAmount, lostInput, settings, templates, stages).taskKeys).toEqual([]);
  });
});

describe('checks', () => {
  it('all pass on the records a correct close leaves', () => {
    expect(runChecks(won, goodWonActual()).filter((c) => !c.passed)).toEqual([]);
    expect(ALL_CHECKS).toHaveLength(11);
  });

  const breakages: [string, (a: Actual) => void, RegExp][] = [
    [
      'stage, probability, forecast, close date',
      (a) => a.opportunity && (a.opportunity.ForecastCategoryName = 'Pipeline'),
      /forecast category is Pipeline, expected Closed/,
    ],
    ['order and items', (a) => a.orderItems.pop(), /order item missing for 00kB/],
    [
      'order and items',
      (a) => a.orders.push({ Id: '801B', Status: 'Draft', Close_Key__c: '006A' }),
      /2 orders, expected 1/,
    ],
    ['revenue schedules', (a) => (a.scheduleLineIds = []), /no schedule for line\(s\) 00kA/],
    [
      'contract',
      (a) => a.opportunity && (a.opportunity.ContractId = null),
      /does not link the contract/,
    ],
    ['contract', (a) => (a.contracts[0].ContractTerm = 12), /term 12, expected 24/],
    [
      'assets and units sold',
      (a) => (a.assets[1].Close_Key__c = '00kA'),
      /asset missing for 00kB; asset duplicated for 00kA/,
    ],
    [
      'assets and units sold',
      (a) => (a.unitsSold['01tA'].after = 10),
      /units sold of 01tA rose by 0, expected at least 5/,
    ],
    [
      'account lifecycle, customer since, lead score',
      (a) => a.account && (a.account.Lifecycle_Stage__c = 'Pipeline'),
      /lifecycle Pipeline, expected Implement/,
    ],
    [
      'account lifecycle, customer since, lead score',
      (a) => a.account && (a.account.Customer_Since__c = null),
      /customer-since is blank/,
    ],
    [
      'contact flags and campaign',
      (a) => (a.contacts[0].Customer_Contact__c = false),
      /not marked customer contact: 003A/,
    ],
    [
      'contact flags and campaign',
      (a) => (a.campaignContactIds = []),
      /not in campaign Onboarding: 003A/,
    ],
    ['handoff', (a) => (a.handoffs = []), /0 handoff\(s\), expected 1/],
    [
      'tasks per template',
      (a) => a.tasks.push({ Close_Key__c: '006A:Kickoff' }),
      /task duplicated for 006A:Kickoff/,
    ],
    ['tasks per template', (a) => (a.tasks = []), /task missing for 006A:Kickoff/],
    [
      'survey',
      (a) => a.opportunity && (a.opportunity.Survey_Due_Date__c = null),
      /survey due date is null, expected 2026-12-23/,
    ],
    [
      'survey',
      (a) => (a.surveys = [{ Due_Date__c: '2026-11-30' }]),
      /request due 2026-11-30, expected 2026-12-23/,
    ],
    [
      'survey',
      (a) => (a.surveys = [{ Due_Date__c: '2026-12-23' }, { Due_Date__c: '2026-12-23' }]),
      /2 survey requests, expected at most 1/,
    ],
    [
      'close history',
      (a) => a.histories.push({ Action__c: 'Reopen', Outcome__c: 'Reopened' }),
      /2 close history row\(s\), expected 1; last history is Reopen\/Reopened/,
    ],
  ];

  it.each(breakages)('%s fails when the record is wrong (%#)', (check, breakRecord, detail) => {
    const actual = goodWonActual();
    breakRecord(actual);
    const results = runChecks(won, actual);
    const failing = results.filter((c) => !c.passed);
    expect(failing.map((c) => c.check)).toEqual([check]);
    expect(failing[0].detail).toMatch(detail);
  });

  it('a lost close fails when fulfilment records were created anyway', () => {
    const lost = expectClose(opp, lostInput, settings, templates, stages);
    const actual = goodWonActual();
    const failing = runChecks(lost, actual)
      .filter((c) => !c.passed)
      .map((c) => c.check);
    expect(failing).toEqual(
      expect.arrayContaining([
        'order and items',
        'contract',
        'assets and units sold',
        'handoff',
        'survey',
      ]),
    );
  });
});
