/**
 * The Lightning Flow Scanner rules the `flows` check runs, with why each one is on. Every rule
 * here has severity `error`, so every violation fails the check: the flows of this package are
 * few and written to be read by admins, so there is no "advice" tier to ignore. Rules left out
 * are listed in NOT_RUN with the reason.
 */
import type { IRulesConfig } from '@flow-scanner/lightning-flow-scanner-core';

export interface FlowRule {
  name: string;
  /** Rule option, for the configurable rules (APIVersion, FlowName). */
  expression?: string;
  why: string;
}

export const FLOW_RULES: readonly FlowRule[] = [
  // Failure handling: the design says every fault path writes a Close_Automation_Log__c record.
  {
    name: 'MissingFaultPath',
    why: 'every DML, action and Get Records needs a fault path that logs to Close_Automation_Log__c',
  },
  {
    name: 'MissingNullHandler',
    why: 'a Get Records that finds nothing returns null: decide on it before using the result',
  },
  // Portability: the package installs into orgs whose ids and hosts we never see.
  { name: 'HardcodedId', why: 'record ids differ between orgs: use custom metadata or queries' },
  { name: 'HardcodedUrl', why: 'hosts differ between orgs: use $Api or a custom label' },
  // Governor limits: closes arrive from data loads of 200 records a chunk.
  { name: 'DMLStatementInLoop', why: 'collect records in the loop, write once after it' },
  { name: 'SOQLQueryInLoop', why: 'query once before the loop' },
  { name: 'ActionCallsInLoop', why: 'invocable actions take collections: call them once' },
  {
    name: 'RecursiveAfterUpdate',
    why: 'an after-save flow updating its own record re-fires the close automation',
  },
  {
    name: 'SameRecordFieldUpdates',
    why: 'before-save flows assign $Record fields instead of an Update Records (no extra DML)',
  },
  {
    name: 'DuplicateDMLOperation',
    why: 'a screen flow must not repeat DML when the user goes back',
  },
  {
    name: 'GetRecordAllFields',
    why: 'least privilege and heap: Get Records names the fields it needs',
  },
  // Security.
  {
    name: 'UnsafeRunningContext',
    why: 'a flow in system mode without sharing must not run on user input',
  },
  // Order and lifecycle of record-triggered automation on Opportunity.
  {
    name: 'TriggerOrder',
    why: 'several record-triggered flows on one object need a deterministic order',
  },
  { name: 'InactiveFlow', why: 'a packaged flow that is not active is dead or unfinished' },
  { name: 'ProcessBuilder', why: 'Process Builder is retired: flows only' },
  // Readability for the admins who maintain the flows without a developer.
  { name: 'UnconnectedElement', why: 'an element nothing leads to is dead or a broken connector' },
  { name: 'UnusedVariable', why: 'unused resources are leftovers of a change' },
  { name: 'CopyAPIName', why: "'Copy_1_of_…' names say nothing about the element" },
  { name: 'FlowDescription', why: 'admins read the description to know what a flow does' },
  {
    name: 'FlowName',
    expression: '^[A-Z][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)+$',
    why: 'Object_Purpose names (e.g. Opportunity_Won_Handoff) group flows by object in Setup',
  },
  {
    name: 'APIVersion',
    expression: '>= 65',
    why: 'flows use the package API version (sfdx-project.json sourceApiVersion 65.0)',
  },
  { name: 'AutoLayout', why: 'auto-layout keeps flows readable and diffs small' },
];

/** Rules of Flow Scanner 6.6.0 deliberately not run. */
export const NOT_RUN: Record<string, string> = {
  CyclomaticComplexity:
    'a fixed branch count is no measure of a flow an admin can read; review judges that',
  MissingMetadataDescription: 'a beta rule in 6.6.0 (descriptions on every element)',
};

/** The scanner configuration: exactly the rules above, each at severity `error`. */
export function flowScannerConfig(): IRulesConfig {
  const rules: Record<string, { severity: string; expression?: string }> = {};
  for (const rule of FLOW_RULES) {
    rules[rule.name] =
      rule.expression === undefined
        ? { severity: 'error' }
        : { severity: 'error', expression: rule.expression };
  }
  return { rules, detailLevel: 'enriched' };
}
