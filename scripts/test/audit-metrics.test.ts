import { findDrift, type DriftInput } from '../src/expectations/drift.js';
import { computeLines, cycleDays } from '../src/metrics/compute.js';
import { FakeSalesforce } from './support/fake-salesforce.js';
import { installOrg } from './support/org-fixture.js';
import { runCli } from './support/cli-run.js';

const settings = {
  createOrder: true,
  createContract: true,
  createAssets: true,
  createRevenueSchedules: true,
  addToCampaign: false,
  createHandoff: true,
  createTasks: true,
  sendSurvey: true,
  defaultContractTermMonths: 12,
  surveyDelayDays: 30,
  onboardingCampaignName: null,
  lostReviewAmountThreshold: 50000,
};
const clean: DriftInput = {
  opportunities: [
    {
      id: '006W',
      accountId: '001A',
      isWon: true,
      stageName: 'Closed Won',
      forecastCategory: 'Closed',
    },
    {
      id: '006L',
      accountId: '001B',
      isWon: false,
      stageName: 'Closed Lost',
      forecastCategory: 'Omitted',
    },
  ],
  settings,
  stageForecast: { 'Closed Won': 'Closed', 'Closed Lost': 'Omitted' },
  ordersByOpp: { '006W': 1 },
  contractsByOpp: { '006W': 1 },
  handoffsByOpp: { '006W': 1 },
  duplicateTaskKeys: [],
  lineIdsByOpp: { '006W': ['00kW1', '00kW2'] },
  orderItemLineIds: ['00kW1', '00kW2'],
  accounts: [
    { id: '001A', lifecycleStage: 'Implement', openOpportunities: 0, wonOpportunities: 1 },
    { id: '001B', lifecycleStage: 'Detected', openOpportunities: 0, wonOpportunities: 0 },
  ],
};

describe('audit drift rules', () => {
  it('find nothing on consistent records', () => {
    expect(findDrift(clean)).toEqual([]);
  });

  it('group each kind of drift with its record ids', () => {
    const drift = findDrift({
      ...clean,
      opportunities: [
        ...clean.opportunities,
        {
          id: '006X',
          accountId: '001A',
          isWon: true,
          stageName: 'Closed Won',
          forecastCategory: 'Pipeline',
        },
      ],
      ordersByOpp: { '006W': 2 },
      contractsByOpp: { '006W': 1 },
      handoffsByOpp: { '006W': 1 },
      duplicateTaskKeys: ['006W:Kickoff'],
      accounts: [
        { id: '001B', lifecycleStage: 'Pipeline', openOpportunities: 0, wonOpportunities: 0 },
      ],
    });
    expect(drift).toEqual([
      { problem: 'duplicate post-close records', recordIds: ['006W', '006W:Kickoff'] },
      { problem: 'won without contract', recordIds: ['006X'] },
      { problem: 'won without order', recordIds: ['006X'] },
      { problem: 'won without handoff', recordIds: ['006X'] },
      { problem: 'forecast category does not match stage', recordIds: ['006X'] },
      { problem: 'lost account left in Pipeline', recordIds: ['001B'] },
    ]);
  });

  it('find a won deal with a missing order item and a won account whose lifecycle did not move', () => {
    expect(
      findDrift({
        ...clean,
        orderItemLineIds: ['00kW1'],
        accounts: [
          { id: '001A', lifecycleStage: 'Pipeline', openOpportunities: 0, wonOpportunities: 1 },
          { id: '001C', lifecycleStage: null, openOpportunities: 1, wonOpportunities: 1 },
          { id: '001D', lifecycleStage: 'Implement', openOpportunities: 0, wonOpportunities: 1 },
        ],
      }),
    ).toEqual([
      { problem: 'won with missing order items', recordIds: ['006W'] },
      { problem: 'won account lifecycle did not move', recordIds: ['001A', '001C'] },
    ]);
  });

  it('do not require records the settings switch off', () => {
    const off = { ...settings, createOrder: false, createContract: false, createHandoff: false };
    expect(
      findDrift({
        ...clean,
        settings: off,
        ordersByOpp: {},
        contractsByOpp: {},
        handoffsByOpp: {},
      }),
    ).toEqual([]);
  });

  it('run read-only over the API and exit 1 on drift, 0 when clean', async () => {
    const server = await new FakeSalesforce().start();
    installOrg(server);
    const account = server.insert('Account', { Name: 'A', Lifecycle_Stage__c: 'Pipeline' });
    server.insert('Opportunity', {
      AccountId: account.Id,
      IsClosed: true,
      IsWon: false,
      StageName: 'Closed Lost',
      ForecastCategoryName: 'Omitted',
      CloseDate: '2026-10-01',
    });
    const drifted = await runCli(server, ['audit', '--json']);
    expect(drifted.code).toBe(1);
    expect(JSON.parse(drifted.stdout)).toMatchObject({
      status: 'drift',
      scanned: 1,
      problems: [{ problem: 'lost account left in Pipeline', recordIds: [account.Id] }],
    });
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    const since = await runCli(server, ['audit', '--since', '2026-11-01']);
    expect(since.code).toBe(0);
    expect(since.stdout).toMatch(
      /Scanned 0 closed opportunities closed since 2026-11-01\.\nNo drift found\./,
    );
    await server.stop();
  });
});

describe('metrics', () => {
  it('compute win rate, revenue, deal size and sales cycle per owner and period, and in total', () => {
    const { lines, total } = computeLines(
      [
        {
          ownerId: '005A',
          ownerName: 'Ada',
          period: '2026-Q4',
          isWon: true,
          count: 3,
          amount: 30000,
        },
        {
          ownerId: '005A',
          ownerName: 'Ada',
          period: '2026-Q4',
          isWon: false,
          count: 1,
          amount: 5000,
        },
        {
          ownerId: '005B',
          ownerName: 'Ben',
          period: '2026-Q4',
          isWon: false,
          count: 2,
          amount: 8000,
        },
      ],
      [
        {
          ownerId: '005A',
          period: '2026-Q4',
          createdDate: '2026-10-01T09:00:00.000+0000',
          closeDate: '2026-10-11',
        },
        {
          ownerId: '005A',
          period: '2026-Q4',
          createdDate: '2026-10-01T09:00:00.000+0000',
          closeDate: '2026-10-31',
        },
      ],
    );
    expect(lines).toEqual([
      {
        ownerName: 'Ada',
        period: '2026-Q4',
        won: 3,
        lost: 1,
        winRate: 75,
        wonRevenue: 30000,
        averageDealSize: 10000,
        averageSalesCycleDays: 20,
      },
      {
        ownerName: 'Ben',
        period: '2026-Q4',
        won: 0,
        lost: 2,
        winRate: 0,
        wonRevenue: 0,
        averageDealSize: null,
        averageSalesCycleDays: null,
      },
    ]);
    expect(total).toMatchObject({ won: 3, lost: 3, winRate: 50, wonRevenue: 30000 });
    expect(cycleDays('2026-01-31T23:00:00.000+0000', '2026-01-30')).toBe(0);
    const unreadable = computeLines(
      [
        {
          ownerId: '005A',
          ownerName: 'Ada',
          period: '2026-Q4',
          isWon: true,
          count: 1,
          amount: 100,
        },
      ],
      [{ ownerId: '005A', period: '2026-Q4', createdDate: 'null', closeDate: '2026-10-11' }],
    );
    expect(unreadable.total.averageSalesCycleDays).toBeNull();
  });

  it('read aggregate SOQL over the API in four queries and print JSON', async () => {
    const server = await new FakeSalesforce().start();
    const queries: string[] = [];
    server.queryHook = (soql) => {
      queries.push(soql);
      if (soql.includes('GROUP BY OwnerId')) {
        return [
          { OwnerId: '005A', Name: 'Ada', yr: 2026, part: 11, IsWon: true, n: 2, amount: 20000 },
          { OwnerId: '005A', Name: 'Ada', yr: 2026, part: 11, IsWon: false, n: 2, amount: 9000 },
        ];
      }
      if (soql.includes('IsWon = true'))
        return [
          { OwnerId: '005A', CreatedDate: '2026-11-01T10:00:00.000+0000', CloseDate: '2026-11-15' },
        ];
      if (soql.includes('GROUP BY Loss_Status_Reason__c'))
        return [{ reason: 'Price', n: 2, amount: 9000 }];
      return [{ competitor: 'Globex', n: 1, amount: 4000 }];
    };
    const run = await runCli(server, ['metrics', '--period', 'month', '--json']);
    await server.stop();
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(4);
    expect(queries[0]).toContain(
      'GROUP BY OwnerId, Owner.Name, CALENDAR_YEAR(CloseDate), CALENDAR_MONTH(CloseDate), IsWon',
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      period: 'month',
      lines: [
        {
          ownerName: 'Ada',
          period: '2026-M11',
          won: 2,
          lost: 2,
          winRate: 50,
          averageDealSize: 10000,
          averageSalesCycleDays: 14,
        },
      ],
      lossReasons: [{ reason: 'Price', count: 2, amount: 9000 }],
      competitorLosses: [{ competitor: 'Globex', count: 1, amount: 4000 }],
    });
  });
});
