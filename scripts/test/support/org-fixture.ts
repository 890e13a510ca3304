/**
 * Org fixtures for the loopback server: the standard price book, closed stages, the package's
 * settings and task templates, and a simulation of the close automation for CloseOpportunityAction
 * (what the Apex engine and flows do in a real org), with switches to break one part of it.
 */
import type { FakeSalesforce, Row } from './fake-salesforce.js';

export interface AutomationFaults {
  skipContract?: boolean;
  duplicateTasksOnReclose?: boolean;
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

const upsertBy = (
  server: FakeSalesforce,
  sobject: string,
  field: string,
  key: string,
  values: Record<string, unknown>,
): Row => {
  const existing = server.all(sobject).find((r) => r[field] === key);
  return existing
    ? Object.assign(existing, values)
    : server.insert(sobject, { ...values, [field]: key });
};

/** Registers CloseOpportunityAction: closes each input and writes what the package's automation writes. */
export function installCloseAutomation(
  server: FakeSalesforce,
  faults: AutomationFaults = {},
): void {
  server.actions.set('CloseOpportunityAction', (inputs, s) =>
    inputs.map((input) => {
      const opp = s.byId(String(input.opportunityId)) as Row;
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
      const lines = s.all('OpportunityLineItem').filter((l) => l.OpportunityId === opp.Id);
      const amount = lines.reduce((n, l) => n + Number(l.Quantity) * Number(l.UnitPrice), 0);
      if (!won) {
        Object.assign(opp, {
          Loss_Status_Reason__c: input.lossReason ?? null,
          Winning_Competitor__c: input.competitor ?? null,
        });
      }
      s.insert('Close_History__c', {
        Opportunity__c: opp.Id,
        Action__c: 'Close',
        Outcome__c: input.outcome,
        Occurred_On__c: `2026-11-23T10:00:0${sequence}Z`,
      });
      const account = s.byId(String(opp.AccountId)) as Row;
      const families = new Set(lines.map((l) => (s.byId(String(l.Product2Id)) as Row).Family));
      const templates = s
        .all('Close_Task_Template__mdt')
        .filter(
          (t) =>
            t.Active__c &&
            t.Outcome__c === input.outcome &&
            (!t.Product_Family__c || families.has(t.Product_Family__c)) &&
            (t.Min_Amount__c === null || amount >= Number(t.Min_Amount__c)),
        );
      for (const t of templates) {
        const key = `${String(opp.Id)}:${String(t.DeveloperName)}`;
        const exists = s.all('Task').some((x) => x.Close_Key__c === key);
        if (!exists || (reclose && faults.duplicateTasksOnReclose))
          s.insert('Task', { WhatId: opp.Id, Close_Key__c: key });
      }
      if (won) {
        if (
          !['Implement', 'Customer', 'Expansion', 'At Risk'].includes(
            String(account.Lifecycle_Stage__c),
          )
        )
          account.Lifecycle_Stage__c = 'Implement';
        account.Customer_Since__c ??= input.closeDate;
        const order = upsertBy(s, 'Order', 'Close_Key__c', String(opp.Id), {
          OpportunityId: opp.Id,
          Status: 'Draft',
          AccountId: opp.AccountId,
        });
        for (const l of lines) {
          upsertBy(s, 'OrderItem', 'Close_Key__c', l.Id, {
            OrderId: order.Id,
            Quantity: l.Quantity,
            UnitPrice: l.UnitPrice,
          });
          const product = s.byId(String(l.Product2Id)) as Row;
          if (!s.all('Asset').some((a) => a.Close_Key__c === l.Id)) {
            s.insert('Asset', { Close_Key__c: l.Id, Status: 'Purchased' });
            product.Units_Sold__c = Number(product.Units_Sold__c ?? 0) + Number(l.Quantity);
          }
          if (
            product.CanUseRevenueSchedule &&
            !s.all('OpportunityLineItemSchedule').some((x) => x.OpportunityLineItemId === l.Id)
          ) {
            s.insert('OpportunityLineItemSchedule', { OpportunityLineItemId: l.Id });
          }
        }
        if (!faults.skipContract) {
          const contract = upsertBy(s, 'Contract', 'Close_Key__c', String(opp.Id), {
            Status: 'Draft',
            AccountId: opp.AccountId,
            StartDate: input.contractStartDate,
            ContractTerm: input.contractTermMonths,
          });
          opp.ContractId = contract.Id;
        }
        const campaign = s.all('Campaign')[0];
        for (const role of s
          .all('OpportunityContactRole')
          .filter((r) => r.OpportunityId === opp.Id)) {
          (s.byId(String(role.ContactId)) as Row).Customer_Contact__c = true;
          if (!s.all('CampaignMember').some((m) => m.ContactId === role.ContactId))
            s.insert('CampaignMember', { CampaignId: campaign.Id, ContactId: role.ContactId });
        }
        upsertBy(s, 'Customer_Handoff__c', 'Handoff_Key__c', String(opp.Id), {
          Opportunity__c: opp.Id,
        });
        const due = new Date(`${String(input.closeDate)}T00:00:00Z`);
        due.setUTCDate(due.getUTCDate() + 30);
        upsertBy(s, 'Survey_Request__c', 'Request_Key__c', String(opp.Id), {
          Opportunity__c: opp.Id,
          Due_Date__c: due.toISOString().slice(0, 10),
        });
      } else {
        const otherOpen = s
          .all('Opportunity')
          .some((o) => o.AccountId === account.Id && o.Id !== opp.Id && !o.IsClosed);
        if (
          !otherOpen &&
          !['Implement', 'Customer', 'Expansion', 'At Risk'].includes(
            String(account.Lifecycle_Stage__c),
          )
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
    }),
  );
}

/** What the package's reopen automation does when StageName goes back to an open stage. */
export function installReopenAutomation(server: FakeSalesforce): void {
  const original = server.rejectRow;
  server.rejectRow = (sobject, row) => {
    if (
      sobject === 'Opportunity' &&
      row.Id &&
      row.StageName &&
      !String(row.StageName).startsWith('Closed')
    ) {
      const opp = server.byId(String(row.Id)) as Row;
      opp.IsClosed = false;
      opp.IsWon = false;
      opp.Close_Sequence__c = Number(opp.Close_Sequence__c ?? 0) + 1;
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
