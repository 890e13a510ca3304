/**
 * The audit's drift rules, pure: closed opportunities and what hangs off them → problems grouped
 * by kind. The same settings that drive `verify` decide which records a won deal must have.
 */
import type { CloseSettings } from './model.js';

export interface ClosedOpportunity {
  id: string;
  accountId: string | null;
  isWon: boolean;
  stageName: string;
  forecastCategory: string;
}

export interface DriftInput {
  opportunities: ClosedOpportunity[];
  settings: CloseSettings;
  /** Forecast category each closed stage must carry (from OpportunityStage). */
  stageForecast: Record<string, string>;
  ordersByOpp: Record<string, number>;
  contractsByOpp: Record<string, number>;
  handoffsByOpp: Record<string, number>;
  /** Task Close_Key__c values that occur more than once. */
  duplicateTaskKeys: string[];
  /** Line item ids of each won opportunity. */
  lineIdsByOpp: Record<string, string[]>;
  /** Close_Key__c (the line item id) of every order item found for those lines. */
  orderItemLineIds: string[];
  accounts: {
    id: string;
    lifecycleStage: string | null;
    openOpportunities: number;
    wonOpportunities: number;
  }[];
}

export type DriftKind =
  | 'won without contract'
  | 'won without order'
  | 'won without handoff'
  | 'forecast category does not match stage'
  | 'duplicate post-close records'
  | 'lost account left in Pipeline'
  | 'won with missing order items'
  | 'won account lifecycle did not move';

/** Lifecycle stages before Implement: a win moves the account out of these. */
const BEFORE_CUSTOMER = new Set(['', 'Detected', 'Pipeline']);

export interface DriftGroup {
  problem: DriftKind;
  recordIds: string[];
}

export function findDrift(input: DriftInput): DriftGroup[] {
  const groups = new Map<DriftKind, string[]>();
  const add = (kind: DriftKind, id: string): void => {
    const ids = groups.get(kind);
    if (ids) ids.push(id);
    else groups.set(kind, [id]);
  };
  const s = input.settings;
  const itemLines = new Set(input.orderItemLineIds);
  for (const o of input.opportunities) {
    if (o.isWon) {
      if (s.createContract && !input.contractsByOpp[o.id]) add('won without contract', o.id);
      if (s.createOrder && !input.ordersByOpp[o.id]) add('won without order', o.id);
      else if (s.createOrder && (input.lineIdsByOpp[o.id] ?? []).some((l) => !itemLines.has(l)))
        add('won with missing order items', o.id);
      if (s.createHandoff && !input.handoffsByOpp[o.id]) add('won without handoff', o.id);
    }
    const forecast = input.stageForecast[o.stageName];
    if (forecast && forecast !== o.forecastCategory)
      add('forecast category does not match stage', o.id);
    if (
      (input.ordersByOpp[o.id] ?? 0) > 1 ||
      (input.contractsByOpp[o.id] ?? 0) > 1 ||
      (input.handoffsByOpp[o.id] ?? 0) > 1
    ) {
      add('duplicate post-close records', o.id);
    }
  }
  for (const key of input.duplicateTaskKeys) add('duplicate post-close records', key);
  for (const a of input.accounts) {
    if (a.lifecycleStage === 'Pipeline' && a.openOpportunities === 0 && a.wonOpportunities === 0)
      add('lost account left in Pipeline', a.id);
    if (a.wonOpportunities > 0 && BEFORE_CUSTOMER.has(a.lifecycleStage ?? ''))
      add('won account lifecycle did not move', a.id);
  }
  return [...groups].map(([problem, recordIds]) => ({
    problem,
    recordIds: [...new Set(recordIds)],
  }));
}
