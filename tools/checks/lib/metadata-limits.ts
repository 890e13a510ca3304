/**
 * Documented Metadata API / platform maxima the `limits` check enforces, one entry per type and
 * element, each with the number's source. Only numbers confirmed in Salesforce's documentation
 * (object reference, field reference, Metadata API reference, Salesforce Help, knowledge
 * articles) are listed; a limit that could not be confirmed is left out rather than guessed
 * (see docs/offline-gate.md for the ones still missing).
 *
 * Lengths count characters after XML entities are decoded (`&amp;` is one character).
 */

/** Applies the limit only when a sibling element has one of these values (e.g. CustomField type). */
export interface LimitCondition {
  element: string;
  values: string[];
}

interface LimitBase {
  /** Metadata type: the root element of the file (source format). */
  type: string;
  /** Where the number comes from. */
  source: string;
}

/** The text of the element at `path` (below the root; every occurrence) has at most `max` characters. */
export interface TextLengthLimit extends LimitBase {
  kind: 'text-length';
  path: string[];
  max: number;
  when?: LimitCondition;
}

/** The numeric value of the element at `path` lies in [min, max]. */
export interface NumberRangeLimit extends LimitBase {
  kind: 'number-range';
  path: string[];
  min: number;
  max: number;
  when?: LimitCondition;
}

/** The element at `path` is at most the value of the sibling element `atMost` (scale ≤ precision). */
export interface NotAboveSiblingLimit extends LimitBase {
  kind: 'not-above-sibling';
  path: string[];
  atMost: string;
}

/**
 * The component's API name, without its namespace and suffix (`__c`, `__mdt`, …), has at most
 * `max` characters. Source format names components by file: `fields/Name__c.field-meta.xml`,
 * `objects/Name__c/Name__c.object-meta.xml`.
 */
export interface ApiNameLimit extends LimitBase {
  kind: 'api-name-length';
  max: number;
  /** Only custom components (API names ending in `__c`, `__mdt`, `__e`, …) are limited. */
  customOnly: true;
}

export type MetadataLimit =
  | TextLengthLimit
  | NumberRangeLimit
  | NotAboveSiblingLimit
  | ApiNameLimit;

const OBJECT_REFERENCE = 'Object Reference for the Salesforce Platform';
const FIELD_REFERENCE = 'Salesforce Field Reference Guide';
const FORMULA_LIMIT =
  'Salesforce Help, "Formula Field Limits and Restrictions": a formula holds at most 3,900 characters, including spaces, line breaks and comments';
const NAME_LIMIT =
  'Salesforce knowledge article 000381913: "the character limit for creating field names and labels is 40 characters"; a custom object\'s 40-character name gets "__c" appended';
const TEXT_TYPES = ['Text'];
const LONG_TEXT_TYPES = ['LongTextArea', 'Html'];
const NUMBER_TYPES = ['Number', 'Currency', 'Percent'];

export const METADATA_LIMITS: MetadataLimit[] = [
  {
    kind: 'text-length',
    type: 'PermissionSet',
    path: ['description'],
    max: 255,
    source: `${FIELD_REFERENCE}, PermissionSet: Description, string, length 255`,
  },
  {
    kind: 'text-length',
    type: 'PermissionSet',
    path: ['label'],
    max: 80,
    source: `${FIELD_REFERENCE}, PermissionSet: Label (Permission Set Label), string, length 80`,
  },
  {
    kind: 'text-length',
    type: 'CustomPermission',
    path: ['description'],
    max: 255,
    source: `${OBJECT_REFERENCE}, CustomPermission: Description, "Limit: 255 characters"`,
  },
  {
    kind: 'text-length',
    type: 'Dashboard',
    path: ['description'],
    max: 255,
    source: `${OBJECT_REFERENCE}, Dashboard: Description, "Limit: 255 characters" (Field Reference: string, length 255)`,
  },
  {
    kind: 'text-length',
    type: 'Report',
    path: ['description'],
    max: 255,
    source: `${OBJECT_REFERENCE}, Report: Description, limit 255 characters`,
  },
  {
    kind: 'text-length',
    type: 'ValidationRule',
    path: ['errorMessage'],
    max: 255,
    source:
      'Metadata API Developer Guide, ValidationRule: errorMessage, "The message must be 255 characters or less" (also Tooling API ValidationRule.ErrorMessage)',
  },
  {
    kind: 'text-length',
    type: 'ValidationRule',
    path: ['errorConditionFormula'],
    max: 3900,
    source: FORMULA_LIMIT,
  },
  {
    kind: 'text-length',
    type: 'CustomField',
    path: ['formula'],
    max: 3900,
    source: FORMULA_LIMIT,
  },
  {
    kind: 'text-length',
    type: 'CustomLabels',
    path: ['labels', 'value'],
    max: 1000,
    source:
      'Salesforce Help, "Custom Labels": custom labels "can be up to 1,000 characters in length"',
  },
  {
    kind: 'text-length',
    type: 'CustomField',
    path: ['label'],
    max: 40,
    source: NAME_LIMIT,
  },
  { kind: 'api-name-length', type: 'CustomField', max: 40, customOnly: true, source: NAME_LIMIT },
  { kind: 'api-name-length', type: 'CustomObject', max: 40, customOnly: true, source: NAME_LIMIT },
  {
    kind: 'number-range',
    type: 'CustomField',
    path: ['length'],
    min: 1,
    max: 255,
    when: { element: 'type', values: TEXT_TYPES },
    source: 'Salesforce Help, "Custom Field Types": Text holds up to 255 characters',
  },
  {
    kind: 'number-range',
    type: 'CustomField',
    path: ['length'],
    min: 1,
    max: 131072,
    when: { element: 'type', values: LONG_TEXT_TYPES },
    source:
      'Salesforce Help, "Custom Field Types": Text Area (Long) and Text Area (Rich) hold up to 131,072 characters',
  },
  {
    kind: 'number-range',
    type: 'CustomField',
    path: ['visibleLines'],
    min: 2,
    max: 50,
    when: { element: 'type', values: ['LongTextArea'] },
    source:
      'Salesforce Help, "Custom Field Attributes": # Visible Lines of a Long Text Area field, "from 2 through 50 lines"',
  },
  {
    kind: 'number-range',
    type: 'CustomField',
    path: ['precision'],
    min: 1,
    max: 18,
    when: { element: 'type', values: NUMBER_TYPES },
    source:
      'Salesforce Help, "Custom Field Types": Number, Currency and Percent fields hold up to 18 digits',
  },
  {
    kind: 'not-above-sibling',
    type: 'CustomField',
    path: ['scale'],
    atMost: 'precision',
    source:
      'Metadata API Developer Guide, CustomField: precision is the number of digits in a number and scale the digits right of the decimal point, so scale cannot exceed precision',
  },
];
