/**
 * Which fields Apex cannot write. Two sources:
 * - the project's own field metadata: formula fields (`<formula>`), roll-up summary fields
 *   (`<type>Summary</type>`), auto-number fields (`<type>AutoNumber</type>`, and the `Name` of an
 *   object whose `<nameField>` is an auto number) — calculated by the platform;
 * - the platform's standard fields that are neither createable nor updateable. The platform's
 *   type jars that apex-ls ships (`sobject-types`, `standard-types`) name the fields but carry no
 *   createable / updateable flags, so this is a written list, field by field, taken from the
 *   field properties in Salesforce's Object Reference (a field without the Create and Update
 *   properties is read-only). Only fields whose read-only nature is documented and does not depend
 *   on org settings are listed.
 * Writing such a field in Apex fails to compile ("Field is not writeable: Opportunity.IsWon");
 * `record.put('IsWon', …)` compiles and fails at run time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { childNodes, rootElementOf, textOf } from './xml-schema-validator';

/** The system fields every object has; set by the platform on save (Object Reference: System Fields). */
const SYSTEM_FIELDS = [
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted',
  'LastActivityDate',
  'LastViewedDate',
  'LastReferencedDate',
];

/**
 * Standard fields without the Create and Update properties, per object, with why. Source:
 * Salesforce Object Reference (SOAP API Developer Guide), the page of each object.
 */
const STANDARD_READ_ONLY: Record<string, Record<string, string>> = {
  Opportunity: {
    IsWon: 'set from the stage (OpportunityStage.IsWon)',
    IsClosed: 'set from the stage (OpportunityStage.IsClosed)',
    ExpectedRevenue: 'calculated: Amount × Probability',
    ForecastCategory: 'implied by the stage; ForecastCategoryName is the writable field',
    HasOpportunityLineItem: 'set when products are added',
    HasOpenActivity: 'set from the open activities',
    HasOverdueTask: 'set from the overdue tasks',
    FiscalQuarter: 'calculated from CloseDate',
    FiscalYear: 'calculated from CloseDate',
    LastStageChangeDate: 'set when the stage changes',
    LastAmountChangedHistoryId: 'set by field history',
    LastCloseDateChangedHistoryId: 'set by field history',
    PushCount: 'counted when the close date moves out',
  },
  OpportunityLineItem: {
    ListPrice: 'copied from the price book entry',
    Subtotal: 'calculated: UnitPrice × Quantity',
    ProductCode: 'copied from the product',
    Name: 'copied from the product',
    HasSchedule: 'set by the schedules',
    HasQuantitySchedule: 'set by the schedules',
    HasRevenueSchedule: 'set by the schedules',
    CanUseQuantitySchedule: 'copied from the product',
    CanUseRevenueSchedule: 'copied from the product',
  },
  Order: {
    OrderNumber: 'auto number',
    TotalAmount: 'calculated: sum of the order products',
  },
  OrderItem: {
    OrderItemNumber: 'auto number',
    TotalPrice: 'calculated: UnitPrice × Quantity',
    AvailableQuantity: 'calculated from reduction orders',
  },
  Contract: {
    ContractNumber: 'auto number',
    EndDate: 'calculated: StartDate + ContractTerm',
    LastApprovedDate: 'set by approval',
  },
  Asset: {
    AssetLevel: 'calculated from the asset hierarchy',
    RootAssetId: 'calculated from the asset hierarchy',
  },
  Task: {
    IsClosed: 'set from the status (TaskStatus.IsClosed)',
    IsHighPriority: 'set from the priority',
    IsArchived: 'set by archiving',
    CompletedDateTime: 'set when the task is closed',
    WhatCount: 'counted from shared activities',
    WhoCount: 'counted from shared activities',
  },
  Case: {
    IsClosed: 'set from the status (CaseStatus.IsClosed)',
    IsClosedOnCreate: 'set when the case is created closed',
    CaseNumber: 'auto number',
    ClosedDate: 'set when the case is closed',
  },
  Account: {
    MasterRecordId: 'set by merge',
    PhotoUrl: 'set by the platform',
    IsPersonAccount: 'set by the record type',
  },
  Contact: {
    Name: 'compound of FirstName and LastName',
    MasterRecordId: 'set by merge',
    PhotoUrl: 'set by the platform',
    IsPersonAccount: 'set by the person account',
  },
  Lead: {
    Name: 'compound of FirstName and LastName',
    MasterRecordId: 'set by merge',
    PhotoUrl: 'set by the platform',
    ConvertedAccountId: 'set by lead conversion',
    ConvertedContactId: 'set by lead conversion',
    ConvertedOpportunityId: 'set by lead conversion',
    ConvertedDate: 'set by lead conversion',
  },
  User: { Name: 'compound of FirstName and LastName' },
  PricebookEntry: {
    Name: 'copied from the product',
    ProductCode: 'copied from the product',
  },
};

/** Read-only fields of the platform and of the project, looked up case-insensitively. */
export class ReadOnlyFields {
  /** object (lower case) → field (lower case) → reason. */
  private readonly project = new Map<string, Map<string, string>>();

  /** Reads the project's formula, roll-up summary and auto-number fields. */
  addProject(projectDir: string, files: string[]): void {
    const activity: [string, string][] = [];
    for (const file of files) {
      const field = /(?:^|\/)objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/.exec(file);
      const object = /(?:^|\/)objects\/([^/]+)\/\1\.object-meta\.xml$/.exec(file);
      if (!field && !object) continue;
      const root = rootElementOf(readFileSync(path.join(projectDir, file), 'utf8'));
      if (!root || typeof root !== 'object') continue;
      if (field) {
        const type = textOf(root, 'type');
        let reason: string | undefined;
        if (textOf(root, 'formula') !== undefined) reason = 'a formula field of the project';
        else if (type === 'Summary') reason = 'a roll-up summary field of the project';
        else if (type === 'AutoNumber') reason = 'an auto-number field of the project';
        if (!reason) continue;
        this.add(field[1], field[2], reason);
        if (field[1] === 'Activity') activity.push([field[2], reason]);
      } else if (object) {
        if (textOf(childNodes(root, 'nameField')[0], 'type') === 'AutoNumber') {
          this.add(object[1], 'Name', 'an auto-number name field of the project');
        }
      }
    }
    // Activity fields are the fields of Task and Event.
    for (const [name, reason] of activity) {
      this.add('Task', name, reason);
      this.add('Event', name, reason);
    }
  }

  /** Why `object.field` cannot be written, or undefined when Apex may write it. */
  reason(object: string, field: string): string | undefined {
    const key = field.toLowerCase();
    const own = this.project.get(object.toLowerCase())?.get(key);
    if (own) return own;
    const standard = Object.entries(STANDARD_READ_ONLY).find(
      ([name]) => name.toLowerCase() === object.toLowerCase(),
    )?.[1];
    const documented = Object.entries(standard ?? {}).find(
      ([name]) => name.toLowerCase() === key,
    )?.[1];
    if (documented) return `read-only: ${documented}`;
    if (SYSTEM_FIELDS.some((name) => name.toLowerCase() === key))
      return 'a system field set by the platform';
    return undefined;
  }

  private add(object: string, field: string, reason: string): void {
    const key = object.toLowerCase();
    const fields = this.project.get(key) ?? new Map<string, string>();
    fields.set(field.toLowerCase(), reason);
    this.project.set(key, fields);
  }
}
