/** Reads the package's settings, task templates and the org's won / lost stages. */
import type { SalesforceApi } from '../api/salesforce-api.js';
import { ApiError } from '../errors.js';
import type { CloseSettings, CloseStages, TaskTemplate } from '../expectations/model.js';

interface SettingRow {
  Create_Order__c: boolean;
  Create_Contract__c: boolean;
  Create_Assets__c: boolean;
  Create_Revenue_Schedules__c: boolean;
  Add_To_Campaign__c: boolean;
  Create_Handoff__c: boolean;
  Create_Tasks__c: boolean;
  Send_Survey__c: boolean;
  Default_Contract_Term_Months__c: number | null;
  Survey_Delay_Days__c: number | null;
  Onboarding_Campaign_Name__c: string | null;
  Won_Stage_Name__c: string | null;
  Lost_Stage_Name__c: string | null;
  Lost_Review_Amount_Threshold__c?: number | null;
}

export interface OrgConfig {
  settings: CloseSettings;
  templates: TaskTemplate[];
  stages: CloseStages;
}

export async function loadOrgConfig(api: SalesforceApi): Promise<OrgConfig> {
  const [setting] = await api.query<SettingRow>(
    'SELECT Create_Order__c, Create_Contract__c, Create_Assets__c, Create_Revenue_Schedules__c, Add_To_Campaign__c, ' +
      'Create_Handoff__c, Create_Tasks__c, Send_Survey__c, Default_Contract_Term_Months__c, Survey_Delay_Days__c, ' +
      "Onboarding_Campaign_Name__c, Won_Stage_Name__c, Lost_Stage_Name__c, Lost_Review_Amount_Threshold__c FROM Close_Won_Setting__mdt WHERE DeveloperName = 'Default'",
  );
  if (!setting)
    throw new ApiError(
      'NO_SETTINGS',
      "Close_Won_Setting__mdt has no 'Default' record: deploy the package's configuration.",
    );
  const templates = await api.query<{
    DeveloperName: string;
    Outcome__c: 'Won' | 'Lost';
    Active__c: boolean;
    Min_Amount__c: number | null;
    Max_Amount__c: number | null;
    Product_Family__c: string | null;
  }>(
    'SELECT DeveloperName, Outcome__c, Active__c, Min_Amount__c, Max_Amount__c, Product_Family__c FROM Close_Task_Template__mdt',
  );
  const stageRows = await api.query<{
    ApiName: string;
    IsWon: boolean;
    DefaultProbability: number;
    ForecastCategoryName: string;
  }>(
    'SELECT ApiName, IsWon, DefaultProbability, ForecastCategoryName FROM OpportunityStage WHERE IsActive = true AND IsClosed = true',
  );
  const pick = (won: boolean, named: string | null) => {
    const row = stageRows.find((s) => s.IsWon === won && (!named || s.ApiName === named));
    if (!row)
      throw new ApiError(
        'NO_STAGE',
        `The org has no active ${won ? 'won' : 'lost'} stage${named ? ` named ${named}` : ''}.`,
      );
    return {
      name: row.ApiName,
      probability: row.DefaultProbability,
      forecastCategory: row.ForecastCategoryName,
    };
  };
  return {
    settings: {
      createOrder: setting.Create_Order__c,
      createContract: setting.Create_Contract__c,
      createAssets: setting.Create_Assets__c,
      createRevenueSchedules: setting.Create_Revenue_Schedules__c,
      addToCampaign: setting.Add_To_Campaign__c,
      createHandoff: setting.Create_Handoff__c,
      createTasks: setting.Create_Tasks__c,
      sendSurvey: setting.Send_Survey__c,
      defaultContractTermMonths: setting.Default_Contract_Term_Months__c ?? 12,
      surveyDelayDays: setting.Survey_Delay_Days__c ?? 30,
      onboardingCampaignName: setting.Onboarding_Campaign_Name__c || null,
      // The Close_Won_Lost_Review flow's default when the setting is blank.
      lostReviewAmountThreshold: setting.Lost_Review_Amount_Threshold__c ?? 50000,
    },
    templates: templates.map((t) => ({
      developerName: t.DeveloperName,
      outcome: t.Outcome__c,
      active: t.Active__c,
      minAmount: t.Min_Amount__c,
      maxAmount: t.Max_Amount__c,
      productFamily: t.Product_Family__c || null,
    })),
    stages: {
      won: pick(true, setting.Won_Stage_Name__c || null),
      lost: pick(false, setting.Lost_Stage_Name__c || null),
    },
  };
}
