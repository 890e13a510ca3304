/**
 * Documented Metadata API / platform maxima the `limits` check enforces, one entry per type and
 * element, each with the number's source. Only numbers confirmed in Salesforce's documentation
 * (object reference, field reference, Metadata API reference, Salesforce Help, knowledge
 * articles) are listed; a limit that could not be confirmed is left out rather than guessed
 * (see docs/offline-gate/metadata-schema.md, section `limits`, for the ones still missing).
 *
 * Component names come from source-format file names (`fields/Name__c.field-meta.xml`,
 * `customMetadata/Type.Record.md-meta.xml`) or, for custom labels, from `<fullName>` elements.
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
  /** Applies only to components whose API name ends so (e.g. `__mdt`: custom metadata types). */
  nameEndsWith?: string;
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
  customOnly: boolean;
  /** Check only the last dot-separated part (`Type.Record` → `Record`). */
  lastSegment?: boolean;
}

/**
 * A picklist field's value set holds at most `max` values: all of them (active and inactive)
 * when the picklist is restricted, the active ones when it is not.
 */
export interface PicklistValueCountLimit extends LimitBase {
  kind: 'picklist-value-count';
  max: number;
}

/**
 * The component's API name follows the developer-name rule: only letters, digits and
 * underscores, beginning with a letter, no two consecutive underscores, and (unless
 * `trailingUnderscoreAllowed`) not ending with an underscore. A namespace prefix and a custom
 * suffix (`__c`, `__mdt`, …) are not part of the checked name.
 */
export interface DeveloperNameRule extends LimitBase {
  kind: 'developer-name';
  /** `file`: the name the source file gives the component; otherwise the element path below the root. */
  from: 'file' | string[];
  /** Only custom components (a custom suffix) are checked; standard ones keep their names. */
  customOnly: boolean;
  /** Check only the last dot-separated part (`Type.Record` → `Record`). */
  lastSegment?: boolean;
  /** The source states no trailing-underscore rule for this type. */
  trailingUnderscoreAllowed?: boolean;
}

export type MetadataLimit =
  | TextLengthLimit
  | NumberRangeLimit
  | NotAboveSiblingLimit
  | ApiNameLimit
  | PicklistValueCountLimit
  | DeveloperNameRule;

const OBJECT_REFERENCE = 'Object Reference for the Salesforce Platform';
const FIELD_REFERENCE = 'Salesforce Field Reference Guide';
const FORMULA_LIMIT =
  'Salesforce Help, "Formula Field Limits and Restrictions": a formula holds at most 3,900 characters, including spaces, line breaks and comments';
const NAME_LIMIT =
  'Salesforce knowledge article 000381913: "the character limit for creating field names and labels is 40 characters"; a custom object\'s 40-character name gets "__c" appended';
const SALESFORCE_CLI_CMDT =
  'Salesforce CLI plugin-custom-metadata (salesforcecli/plugin-custom-metadata, messages/createType.md, createRecord.md and src/shared/helpers/validationUtil.ts)';
const TOOLING_API = 'Tooling API Developer Guide';
const DEVELOPER_NAME_WORDING =
  '"can contain only underscores and alphanumeric characters … begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores"';
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

  // --- Added from further sources (issue 9, blind spot h) ---
  {
    kind: 'text-length',
    type: 'CustomField',
    path: ['inlineHelpText'],
    max: 510,
    source:
      'deploy answer recorded in the project\'s /work/shared/OFFLINE-TOOLS.md ("Limits a schema does not show": "inline help text 510")',
  },
  {
    kind: 'picklist-value-count',
    type: 'CustomField',
    max: 1000,
    source:
      'Salesforce Help, "Picklist Limitations" (help.salesforce.com, id=picklist_limitations.htm): "Restricted picklists have a combined active and inactive limit of 1,000 values. Unrestricted picklists have a limit of 1,000 active values"',
  },
  {
    kind: 'text-length',
    type: 'CustomLabels',
    path: ['labels', 'categories'],
    max: 255,
    source:
      'Metadata API Developer Guide, CustomLabels (meta_customlabels.htm): categories, at most 255 characters; Tooling API ExternalString: Category "limited to 255 characters"',
  },
  {
    kind: 'text-length',
    type: 'CustomPermission',
    path: ['label'],
    max: 80,
    source: `${OBJECT_REFERENCE}, CustomPermission (sforce_api_objects_custompermission.htm): MasterLabel "Limit: 80 characters" (Field Reference: MasterLabel string 80)`,
  },
  {
    kind: 'api-name-length',
    type: 'CustomPermission',
    max: 80,
    customOnly: false,
    source: `${OBJECT_REFERENCE}, CustomPermission: DeveloperName "Limit: 80 characters"`,
  },
  {
    kind: 'api-name-length',
    type: 'PermissionSet',
    max: 80,
    customOnly: false,
    source: `${FIELD_REFERENCE}, PermissionSet (salesforce_field_reference_PermissionSet.htm): Name (Permission Set Name), string, length 80`,
  },
  {
    kind: 'text-length',
    type: 'EmailTemplate',
    path: ['subject'],
    max: 230,
    source:
      'Salesforce knowledge article 000385928, "Email Subject field character limit": "There is the 230 character limit on the Email Subject field within Email Templates … even if they are created from UI or through API"',
  },
  {
    kind: 'text-length',
    type: 'ReportType',
    path: ['label'],
    max: 50,
    source:
      'Salesforce Help, "Create a Custom Report Type": "The label can be up to 50 characters long"',
  },
  {
    kind: 'text-length',
    type: 'ReportType',
    path: ['description'],
    max: 255,
    source:
      'Salesforce Help, "Create a Custom Report Type": "Enter a description for your custom report type, up to 255 characters long"',
  },
  {
    kind: 'text-length',
    type: 'ListView',
    path: ['label'],
    max: 40,
    source:
      'Salesforce\'s own metadata guidance, forcedotcom/afv-library skill generating-list-view: label "must be under 40 characters in length" (enforced here as at most 40)',
  },
  {
    kind: 'text-length',
    type: 'CustomObject',
    path: ['label'],
    max: 40,
    nameEndsWith: '__mdt',
    source: `${SALESFORCE_CLI_CMDT}: custom metadata type "The maximum length of the label is 40 characters"`,
  },
  {
    kind: 'text-length',
    type: 'CustomObject',
    path: ['pluralLabel'],
    max: 40,
    nameEndsWith: '__mdt',
    source: `${SALESFORCE_CLI_CMDT}: custom metadata type "The maximum length of the plural label is 40 characters"`,
  },
  {
    kind: 'text-length',
    type: 'CustomMetadata',
    path: ['label'],
    max: 40,
    source: `${SALESFORCE_CLI_CMDT}: custom metadata record "The maximum length of the label is 40 characters"`,
  },
  {
    kind: 'api-name-length',
    type: 'CustomMetadata',
    max: 40,
    customOnly: false,
    lastSegment: true,
    source: `${SALESFORCE_CLI_CMDT}: a record name is valid only with at most 40 characters (isValidMetadataRecordName)`,
  },

  // --- The developer-name rule (rule invalid-api-name) ---
  {
    kind: 'developer-name',
    type: 'CustomObject',
    from: 'file',
    customOnly: true,
    source: `Salesforce Help, "Schema Builder Custom Object Definition": Object Name ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'CustomField',
    from: 'file',
    customOnly: true,
    source: `${SALESFORCE_CLI_CMDT}, messages/field.md: "Custom fields must contain only alphanumeric characters, must begin with a letter, can't end with an underscore, and can't contain two consecutive underscore characters"; Salesforce Help, "Create Fields with Schema Builder": Field Name ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'Flow',
    from: 'file',
    customOnly: false,
    source:
      'Salesforce Help, "Flow Version Properties": Flow API Name "can include underscores and alphanumeric characters without spaces. It must begin with a letter and can\'t end with an underscore. It also can\'t have two consecutive underscores" (Tooling API Flow: FullName)',
  },
  {
    kind: 'developer-name',
    type: 'CustomPermission',
    from: 'file',
    customOnly: false,
    source: `${OBJECT_REFERENCE}, CustomPermission: DeveloperName ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'CustomLabels',
    from: ['labels', 'fullName'],
    customOnly: false,
    trailingUnderscoreAllowed: true,
    source: `${TOOLING_API}, ExternalString: Name "Names must contain only alphanumeric characters, start with a letter, contain no spaces or double underscores"`,
  },
  {
    kind: 'developer-name',
    type: 'ValidationRule',
    from: 'file',
    customOnly: false,
    source: `${TOOLING_API}, ValidationRule: FullName must contain letters, digits or underscores, "Must start with a letter", "Can't end with an underscore", "Can't contain two consecutive underscore characters"`,
  },
  {
    kind: 'developer-name',
    type: 'Report',
    from: 'file',
    customOnly: false,
    source: `${OBJECT_REFERENCE}, Report: DeveloperName (Report Unique Name) ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'Dashboard',
    from: 'file',
    customOnly: false,
    source: `${OBJECT_REFERENCE}, Dashboard: DeveloperName (Dashboard Unique Name) ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'Queue',
    from: 'file',
    customOnly: false,
    source: `${OBJECT_REFERENCE}, Group (a queue is a Group of type Queue): DeveloperName ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'EmailTemplate',
    from: 'file',
    customOnly: false,
    source: `${TOOLING_API}, EmailTemplate: FullName "can contain only underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores" (${OBJECT_REFERENCE}, EmailTemplate: DeveloperName, Template Unique Name)`,
  },
  {
    kind: 'developer-name',
    type: 'CompactLayout',
    from: 'file',
    customOnly: false,
    source: `${TOOLING_API}, CompactLayout: FullName ${DEVELOPER_NAME_WORDING}`,
  },
  {
    kind: 'developer-name',
    type: 'CustomMetadata',
    from: 'file',
    customOnly: false,
    lastSegment: true,
    source: `${SALESFORCE_CLI_CMDT}: "Record names can only contain alphanumeric characters, must begin with a letter, cannot end with an underscore, and cannot contain two consecutive underscore characters" (underscores allowed: validationUtil.ts); ${OBJECT_REFERENCE}, custom metadata type: DeveloperName ${DEVELOPER_NAME_WORDING}`,
  },
];
