/** The shapes the expectation rules read (settings, templates, stages, records) and produce. */
import type { CloseOutcome } from '../../../types/close-api.js';

export interface CloseSettings {
  createOrder: boolean;
  createContract: boolean;
  createAssets: boolean;
  createRevenueSchedules: boolean;
  addToCampaign: boolean;
  createHandoff: boolean;
  createTasks: boolean;
  sendSurvey: boolean;
  defaultContractTermMonths: number;
  surveyDelayDays: number;
  onboardingCampaignName: string | null;
  /**
   * Lost_Review_Amount_Threshold__c: the Close_Won_Lost_Review flow runs the Lost task templates
   * only for lost deals with an Amount of at least this.
   */
  lostReviewAmountThreshold: number;
}

export interface TaskTemplate {
  developerName: string;
  outcome: CloseOutcome;
  active: boolean;
  minAmount: number | null;
  maxAmount: number | null;
  productFamily: string | null;
}

export interface StageInfo {
  name: string;
  probability: number;
  forecastCategory: string;
}

export interface CloseStages {
  won: StageInfo;
  lost: StageInfo;
}

export interface LineBefore {
  id: string;
  product2Id: string;
  productFamily: string | null;
  quantity: number;
  unitPrice: number;
  revenueSchedule: boolean;
}

/** An open opportunity as it was before the close. */
export interface OpportunityBefore {
  id: string;
  accountId: string;
  amount: number | null;
  lines: LineBefore[];
  contactIds: string[];
  account: {
    lifecycleStage: string | null;
    customerSince: string | null;
    leadScore: number | null;
  };
  /** Open opportunities of the account other than this one (after this run's closes). */
  otherOpenOpportunities: number;
  /** Another opportunity of the same account closes as Won in the same run. */
  accountWinsInRun: boolean;
}

/** What the close action was asked to do. */
export interface CloseInput {
  outcome: CloseOutcome;
  closeDate: string;
  contractStartDate: string | null;
  contractTermMonths: number | null;
}

/** What every downstream record must look like after the close. */
export interface Expected {
  opportunityId: string;
  outcome: CloseOutcome;
  stageName: string;
  probability: number;
  forecastCategory: string;
  closeDate: string;
  order: { lineIds: string[] } | null;
  revenueScheduleLineIds: string[];
  contract: { accountId: string; startDate: string; termMonths: number } | null;
  assetLineIds: string[];
  unitsByProduct: Record<string, number>;
  account: { lifecycleStages: string[]; customerSince: 'set' | 'any'; leadScore: number | null };
  customerContactIds: string[];
  campaignName: string | null;
  handoff: boolean;
  taskKeys: string[];
  /**
   * Opportunity.Survey_Due_Date__c (close date + delay) when the survey is on, else null. The
   * Survey_Request__c itself is created by the handoff flow's scheduled path on that date, so right
   * after the close there is none yet; at most one, ever, due that day.
   */
  surveyDueDate: string | null;
  /** Close_History__c rows the opportunity must have (closes + reopens). */
  historyCount: number;
}

/** The records loaded after the close, for one opportunity. */
export interface Actual {
  opportunity: {
    StageName: string;
    Probability: number | null;
    ForecastCategoryName: string;
    CloseDate: string;
    ContractId: string | null;
    Survey_Due_Date__c: string | null;
  } | null;
  orders: { Id: string; Status: string; Close_Key__c: string | null }[];
  orderItems: { Close_Key__c: string | null; Quantity: number; UnitPrice: number }[];
  scheduleLineIds: string[];
  contracts: {
    Id: string;
    Status: string;
    AccountId: string;
    StartDate: string | null;
    ContractTerm: number | null;
  }[];
  assets: { Close_Key__c: string | null; Status: string | null }[];
  /** Units_Sold__c before and after, by product. */
  unitsSold: Record<string, { before: number; after: number }>;
  account: {
    Lifecycle_Stage__c: string | null;
    Customer_Since__c: string | null;
    Lead_Score__c: number | null;
  } | null;
  contacts: { Id: string; Customer_Contact__c: boolean }[];
  campaignContactIds: string[];
  handoffs: { Id: string; Handoff_Key__c: string | null }[];
  tasks: { Close_Key__c: string | null }[];
  surveys: { Due_Date__c: string | null }[];
  histories: { Action__c: string; Outcome__c: string }[];
}

export interface CheckResult {
  check: string;
  passed: boolean;
  detail: string;
}
