/**
 * Org fixtures for the loopback server: the standard price book, closed stages, the package's
 * settings and task templates, and a simulation of the close automation for CloseOpportunityAction
 * (what the Apex engine and flows do in a real org), with switches to break one part of it.
 */
import { PLATFORM_ERROR, type FakeSalesforce, type Row } from './fake-salesforce.js';

export interface AutomationFaults {
  skipContract?: boolean;
  duplicateTasksOnReclose?: boolean;
  /**
   * The asynchronous fulfilment never runs (a Queueable that never starts): won deals are closed,
   * with history and account lifecycle, but get no order, contract, assets, schedules, contact
   * flags, handoff, tasks or survey date — ever.
   */
  fulfilmentNeverRuns?: boolean;
  /** The asynchronous fulfilment of won deals runs this long after the close (server time). */
  fulfilmentDelayMs?: number;
  /**
   * A platform-level failure of one row (e.g. UNABLE_TO_LOCK_ROW): that row is not closed and the
   * whole call is answered with HTTP 400, although the other rows were closed.
   */
  platformErrorFor?: (opportunityId: string) => { statusCode: string; message: string } | undefined;
}

export function installOrg(server: FakeSalesforce): void {
  server.insert('Pricebook2', { Name: 'Standard Price Book', IsStandard: true });
  server.insert('OpportunityStage', {
    ApiName: 'Closed Won',
    IsWon: true,
    IsClosed: true,
    IsActive: true,
    DefaultProbability: 100,
    ForecastCategoryName: 'Closed',
  });
  server.insert('OpportunityStage', {
    ApiName: 'Closed Lost',
    IsWon: false,
    IsClosed: true,
    IsActive: true,
    DefaultProbability: 0,
    ForecastCategoryName: 'Omitted',
  });
  server.insert('Close_Won_Setting__mdt', {
    DeveloperName: 'Default',
    Create_Order__c: true,
    Create_Contract__c: true,
    Create_Assets__c: true,
    Create_Revenue_Schedules__c: true,
    Add_To_Campaign__c: true,
    Create_Handoff__c: true,
    Create_Tasks__c: true,
    Send_Survey__c: true,
    Default_Contract_Term_Months__c: 12,
    Survey_Delay_Days__c: 30,
    Onboarding_Campaign_Name__c: 'Onboarding',
    Won_Stage_Name__c: null,
    Lost_Stage_Name__c: null,
    Lost_Review_Amount_Threshold__c: 0,
  });
  server.insert('Campaign', { Name: 'Onboarding' });
  for (const t of [
    {
      DeveloperName: 'Kickoff_Call',
      Outcome__c: 'Won',
      Active__c: true,
      Min_Amount__c: null,
      Max_Amount__c: null,
      Product_Family__c: null,
    },
    {
      DeveloperName: 'Expansion_Check_In',
      Outcome__c: 'Won',
      Active__c: true,
      Min_Amount__c: null,
      Max_Amount__c: null,
      Product_Family__c: 'Software',
    },
    {
      DeveloperName: 'Loss_Review',
      Outcome__c: 'Lost',
      Active__c: true,
      Min_Amount__c: 0,
      Max_Amount__c: null,
      Product_Family__c: null,
    },
    {
      DeveloperName: 'Retired_Template',
      Outcome__c: 'Won',
      Active__c: false,
      Min_Amount__c: null,
      Max_Amount__c: null,
      Product_Family__c: null,
    },
  ]) {
    server.insert('Close_Task_Template__mdt', t);
  }
}

const BEFORE_CUSTOMER = [undefined, null, '', 'Detected', 'Pipeline'];

function groupBy(rows: Row[], field: string): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const r of rows) groups.set(r[field], [...(groups.get(r[field]) ?? []), r]);
  return groups;
}

/**
 * Indexes of the org's records for one action call (up to 200 inputs), so simulating 10,000
 * closes stays linear; kept current as the simulation writes.
 */
class OrgIndex {
  readonly linesByOpp: Map<unknown, Row[]>;
  readonly rolesByOpp: Map<unknown, Row[]>;
  readonly openByAccount = new Map<unknown, Set<string>>();
  private readonly keyed = new Map<string, Map<unknown, Row>>();
  private readonly present = new Map<string, Set<unknown>>();

  constructor(private readonly s: FakeSalesforce) {
    this.linesByOpp = groupBy(s.all('OpportunityLineItem'), 'OpportunityId');
    this.rolesByOpp = groupBy(s.all('OpportunityContactRole'), 'OpportunityId');
    for (const o of s.all('Opportunity')) {
      if (o.IsClosed) continue;
      if (!this.openByAccount.has(o.AccountId)) this.openByAccount.set(o.AccountId, new Set());
      this.openByAccount.get(o.AccountId)?.add(o.Id);
    }
  }

  /** Upsert on an idempotency key, as the package's services do. */
  upsert(sobject: string, field: string, key: string, values: Record<string, unknown>): Row {
    let index = this.keyed.get(sobject);
    if (!index) {
      index = new Map(this.s.all(sobject).map((r) => [r[field], r]));
      this.keyed.set(sobject, index);
    }
    const existing = index.get(key);
    if (existing) return Object.assign(existing, values);
    const row = this.s.insert(sobject, { ...values, [field]: key });
    index.set(key, row);
    return row;
  }

  /** Whether a row with this field value exists; records it as existing. */
  has(sobject: string, field: string, value: unknown): boolean {
    let values = this.present.get(sobject);
    if (!values) {
      values = new Set(this.s.all(sobject).map((r) => r[field]));
      this.present.set(sobject, values);
    }
    const found = values.has(value);
    values.add(value);
    return found;
  }
}

/** Registers CloseOpportunityAction: closes each input and writes what the package's automation writes. */
export function installCloseAutomation(
  server: FakeSalesforce,
  faults: AutomationFaults = {},
): void {
  server.actions.set('CloseOpportunityAction', (inputs, s) => {
    const index = new OrgIndex(s);
    const templatesAll = s.all('Close_Task_Template__mdt');
    const settingRow = s.all('Close_Won_Setting__mdt')[0] ?? {};
    const campaign = s.all('Campaign')[0];
    return inputs.map((input) => {
      const opp = s.byId(String(input.opportunityId)) as Row;
      const platformError = faults.platformErrorFor?.(opp.Id);
      if (platformError) return { [PLATFORM_ERROR]: platformError };
      // The engine's validator: at least one decision factor, an explanation of 20+ characters.
      const errors: string[] = [];
      const factors = Array.isArray(input.decisionFactors)
        ? input.decisionFactors
        : String(input.decisionFactorsText ?? '')
            .split(';')
            .map((value) => value.trim())
            .filter(Boolean);
      if (factors.length === 0) {
        errors.push('Choose at least one decision factor.');
      }
      if (String(input.explanation ?? '').trim().length < 20)
        errors.push('Explain the outcome in at least 20 characters.');
      if (errors.length) {
        return {
          success: false,
          opportunityId: opp.Id,
          stageName: null,
          errorMessages: errors,
          errorFields: [],
        };
      }
      const won = input.outcome === 'Won';
      const sequence = Number(opp.Close_Sequence__c ?? 0) + 1;
      const reclose = sequence > 1;
      Object.assign(opp, {
        StageName: won ? 'Closed Won' : 'Closed Lost',
        IsClosed: true,
        IsWon: won,
        Probability: won ? 100 : 0,
        ForecastCategoryName: won ? 'Closed' : 'Omitted',
        CloseDate: input.closeDate,
        Close_Sequence__c: sequence,
      });
      index.openByAccount.get(opp.AccountId)?.delete(opp.Id);
      opp.Survey_Due_Date__c = null;
      if (!won) {
        Object.assign(opp, {
          Loss_Status_Reason__c: input.lossReason ?? null,
          Winning_Competitor__c: input.competitor ?? null,
        });
      }
      const lines = index.linesByOpp.get(opp.Id) ?? [];
      const amount = Number(opp.Amount ?? 0);
      s.insert('Close_History__c', {
        Opportunity__c: opp.Id,
        Action__c: 'Close',
        Outcome__c: input.outcome,
        Occurred_On__c: `2026-11-23T10:00:0${sequence}Z`,
      });
      const account = s.byId(String(opp.AccountId)) as Row;
      const families = new Set(lines.map((l) => (s.byId(String(l.Product2Id)) as Row).Family));
      const templates = templatesAll.filter(
        (t) =>
          t.Active__c &&
          t.Outcome__c === input.outcome &&
          (!t.Product_Family__c || families.has(t.Product_Family__c)) &&
          (t.Min_Amount__c === null || amount >= Number(t.Min_Amount__c)) &&
          // Close_Won_Lost_Review runs the Lost templates only from the review threshold up.
          (won || amount >= Number(settingRow.Lost_Review_Amount_Threshold__c ?? 50000)),
      );
      const createTasks = (): void => {
        for (const t of templates) {
          const key = `${String(opp.Id)}:${String(t.DeveloperName)}`;
          const exists = index.has('Task', 'Close_Key__c', key);
          if (!exists || (reclose && faults.duplicateTasksOnReclose))
            s.insert('Task', { WhatId: opp.Id, Close_Key__c: key });
        }
      };
      if (won) {
        if (BEFORE_CUSTOMER.includes(account.Lifecycle_Stage__c as string | null | undefined))
          account.Lifecycle_Stage__c = 'Implement';
        account.Customer_Since__c ??= input.closeDate;
      }
      // The won deal's fulfilment: at once, later (a Queueable that starts late) or never.
      const fulfil = (): void => {
        createTasks();
        const order = index.upsert('Order', 'Close_Key__c', String(opp.Id), {
          OpportunityId: opp.Id,
          Status: 'Draft',
          AccountId: opp.AccountId,
        });
        for (const l of lines) {
          index.upsert('OrderItem', 'Close_Key__c', l.Id, {
            OrderId: order.Id,
            Quantity: l.Quantity,
            UnitPrice: l.UnitPrice,
          });
          const product = s.byId(String(l.Product2Id)) as Row;
          if (!index.has('Asset', 'Close_Key__c', l.Id)) {
            s.insert('Asset', { Close_Key__c: l.Id, Status: 'Purchased' });
            product.Units_Sold__c = Number(product.Units_Sold__c ?? 0) + Number(l.Quantity);
          }
          if (
            product.CanUseRevenueSchedule &&
            !index.has('OpportunityLineItemSchedule', 'OpportunityLineItemId', l.Id)
          ) {
            s.insert('OpportunityLineItemSchedule', { OpportunityLineItemId: l.Id });
          }
        }
        if (!faults.skipContract) {
          const contract = index.upsert('Contract', 'Close_Key__c', String(opp.Id), {
            Status: 'Draft',
            AccountId: opp.AccountId,
            StartDate: input.contractStartDate,
            ContractTerm: input.contractTermMonths,
          });
          opp.ContractId = contract.Id;
        }
        for (const role of index.rolesByOpp.get(opp.Id) ?? []) {
          (s.byId(String(role.ContactId)) as Row).Customer_Contact__c = true;
          if (!index.has('CampaignMember', 'ContactId', role.ContactId)) {
            s.insert('CampaignMember', { CampaignId: campaign.Id, ContactId: role.ContactId });
          }
        }
        index.upsert('Customer_Handoff__c', 'Handoff_Key__c', String(opp.Id), {
          Opportunity__c: opp.Id,
        });
        const due = new Date(`${String(input.closeDate)}T00:00:00Z`);
        due.setUTCDate(due.getUTCDate() + 30);
        // The survey request is created by the flow's scheduled path on this date, not now.
        opp.Survey_Due_Date__c = due.toISOString().slice(0, 10);
      };
      if (!won) createTasks();
      else if (faults.fulfilmentDelayMs) s.later(faults.fulfilmentDelayMs, fulfil);
      else if (!faults.fulfilmentNeverRuns) fulfil();
      if (!won) {
        const otherOpen = (index.openByAccount.get(account.Id)?.size ?? 0) > 0;
        if (
          !otherOpen &&
          BEFORE_CUSTOMER.includes(account.Lifecycle_Stage__c as string | null | undefined)
        ) {
          account.Lifecycle_Stage__c = 'Detected';
          account.Lead_Score__c = 0;
        }
      }
      return {
        success: true,
        opportunityId: opp.Id,
        stageName: opp.StageName,
        errorMessages: [],
        errorFields: [],
      };
    });
  });
}

/**
 * What the package's reopen automation does when StageName of a closed opportunity goes back to
 * an open stage — by id or by an upsert on Seed_Key__c: with the reopen permission it reopens
 * (history row, close sequence); without it the trigger rejects the row.
 */
export function installReopenAutomation(
  server: FakeSalesforce,
  options: { permitted?: boolean } = {},
): void {
  const original = server.rejectRow;
  server.rejectRow = (sobject, row) => {
    const target =
      sobject !== 'Opportunity'
        ? undefined
        : row.Id
          ? server.byId(String(row.Id))
          : row.Seed_Key__c
            ? server.all('Opportunity').find((o) => o.Seed_Key__c === row.Seed_Key__c)
            : undefined;
    if (target?.IsClosed && row.StageName && !String(row.StageName).startsWith('Closed')) {
      if (options.permitted === false)
        return 'Reopening a closed opportunity needs the Close_Won_Reopen permission.';
      const opp = target;
      opp.IsClosed = false;
      opp.IsWon = false;
      opp.Close_Sequence__c = Number(opp.Close_Sequence__c ?? 0) + 1;
      opp.Survey_Due_Date__c = null;
      server.insert('Close_History__c', {
        Opportunity__c: opp.Id,
        Action__c: 'Reopen',
        Outcome__c: 'Reopened',
        Occurred_On__c: '2026-11-23T10:00:02Z',
      });
    }
    return original?.(sobject, row);
  };
}
