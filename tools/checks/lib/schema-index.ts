/**
 * What objects and fields exist: the platform's standard objects (read from apex-ls's
 * `sobject-types` jar: one class per SObject, one field per SObject field, relationship fields
 * typed by their target, child relationships as arrays) merged with the project's own objects
 * and fields (the package directories of sfdx-project.json): custom objects, custom settings,
 * custom metadata types and platform events each with their own standard fields, metadata
 * relationships, and share objects of privately shared objects. Names are case-insensitive, as in
 * SOQL and formulas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JAVA_LIB } from '../apex-ls-java';
import { readClassFields } from './class-file';
import { JarReader } from './jar-reader';
import { parseMetadataXml, textOf } from './xml-schema-validator';

/** A field of an object: a value, a lookup (to one or more objects), or a child relationship. */
export interface FieldInfo {
  name: string;
  /** Target objects of a lookup; `POLYMORPHIC` for the platform's polymorphic `Name` type. */
  references?: string[];
  /** Child object of a child relationship (subqueries, report type joins). */
  children?: string;
}

export const POLYMORPHIC = 'Name';
/** Child object of a child relationship whose object is specific to its parent (`Histories`). */
export const UNCHECKED_CHILD = '*';
/** Objects a polymorphic lookup (`Owner`, `What`, `Who`, …) most often points to. */
const POLYMORPHIC_TARGETS = ['Name', 'User', 'Group'];

const SOBJECT_PREFIX = 'Lcom/nawforce/runforce/SObjects/';
const CHILD_PREFIX = `[${SOBJECT_PREFIX}`;
const CLASS_FOLDER = 'com/nawforce/runforce/SObjects/';

/** The audit fields (who created and last changed a record, when) and the deleted flag. */
const AUDIT_FIELDS: FieldInfo[] = [
  { name: 'CreatedById' },
  { name: 'CreatedBy', references: ['User'] },
  { name: 'CreatedDate' },
  { name: 'LastModifiedById' },
  { name: 'LastModifiedBy', references: ['User'] },
  { name: 'LastModifiedDate' },
  { name: 'SystemModstamp' },
  { name: 'IsDeleted' },
];
/** Standard fields every custom object has (besides Name, which some lack but formulas use). */
const CUSTOM_OBJECT_FIELDS: FieldInfo[] = [
  { name: 'Id' },
  { name: 'Name' },
  { name: 'OwnerId' },
  { name: 'Owner', references: [POLYMORPHIC] },
  ...AUDIT_FIELDS,
  { name: 'LastActivityDate' },
  { name: 'LastViewedDate' },
  { name: 'LastReferencedDate' },
  { name: 'RecordTypeId' },
  { name: 'RecordType', references: ['RecordType'] },
  { name: 'CurrencyIsoCode' },
];
/** Child relationships every custom object has → their child object (`*`: object-specific). */
const CUSTOM_OBJECT_CHILDREN: Record<string, string> = {
  Histories: UNCHECKED_CHILD,
  Shares: UNCHECKED_CHILD,
  Feeds: UNCHECKED_CHILD,
  Tasks: 'Task',
  Events: 'Event',
  ActivityHistories: 'ActivityHistory',
  OpenActivities: 'OpenActivity',
  Attachments: 'Attachment',
  Notes: 'Note',
  NotesAndAttachments: 'NoteAndAttachment',
  CombinedAttachments: 'CombinedAttachment',
  ContentDocumentLinks: 'ContentDocumentLink',
  AttachedContentDocuments: 'AttachedContentDocument',
  ProcessInstances: 'ProcessInstance',
  ProcessSteps: 'ProcessInstanceHistory',
  TopicAssignments: 'TopicAssignment',
  RecordActions: 'RecordAction',
};
/** Standard fields of a custom metadata type (`__mdt`). */
const CUSTOM_METADATA_FIELDS = [
  'Id',
  'DeveloperName',
  'MasterLabel',
  'Label',
  'Language',
  'NamespacePrefix',
  'QualifiedApiName',
  'IsProtected',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp',
];
/** Standard fields of a platform event (`__e`), besides the `CreatedBy` lookup. */
const PLATFORM_EVENT_FIELDS = ['ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById'];
/** Standard fields of a custom setting: no owner, record type or activities. */
const CUSTOM_SETTING_FIELDS: FieldInfo[] = [{ name: 'Id' }, { name: 'Name' }, ...AUDIT_FIELDS];
/** A hierarchy custom setting's record belongs to the org, a profile or a user. */
const HIERARCHY_SETTING_FIELDS: FieldInfo[] = [
  { name: 'SetupOwnerId' },
  { name: 'SetupOwner', references: [POLYMORPHIC, 'User', 'Profile', 'Organization'] },
];
/** Fields of the share object (`X__Share`) of a custom object whose default sharing is not public. */
function shareObjectFields(parent: string): FieldInfo[] {
  return [
    { name: 'Id' },
    { name: 'ParentId' },
    { name: 'Parent', references: [parent] },
    { name: 'UserOrGroupId' },
    { name: 'UserOrGroup', references: ['User', 'Group'] },
    { name: 'AccessLevel' },
    { name: 'RowCause' },
    { name: 'LastModifiedById' },
    { name: 'LastModifiedBy', references: ['User'] },
    { name: 'LastModifiedDate' },
    { name: 'IsDeleted' },
  ];
}
/** Sharing models under which a custom object has a share object. */
const PRIVATE_SHARING = new Set(['Private', 'Read']);

/**
 * Standard fields and child relationships the platform has but the `sobject-types` jar lacks
 * (the jar keeps `TriggerObjectOrEventId`, say, but not its relationship). Each entry is tested
 * to be absent from the jar, so it is dropped once the jar has it.
 */
export const MISSING_FROM_JAR: Record<string, FieldInfo[]> = {
  FlowDefinitionView: [{ name: 'TriggerObjectOrEvent', references: ['EntityDefinition'] }],
  EntityDefinition: [{ name: 'Fields', children: 'FieldDefinition' }],
};

/** What kind of object the project defines, read from its `.object-meta.xml`. */
interface ObjectKind {
  customSettingsType?: string;
  hasShareObject: boolean;
}

function readObjectKind(projectDir: string, file: string): ObjectKind {
  const text = readFileSync(path.join(projectDir, file), 'utf8');
  const root = parseMetadataXml(text).CustomObject?.[0];
  const value = (name: string): string | undefined => textOf(root, name);
  const sharing = [value('sharingModel'), value('externalSharingModel')];
  return {
    customSettingsType: value('customSettingsType'),
    hasShareObject: sharing.some((model) => model !== undefined && PRIVATE_SHARING.has(model)),
  };
}

export function defaultSObjectJar(): string {
  const jar = readdirSync(JAVA_LIB).find((name) => /^sobject-types-.*\.jar$/.test(name));
  if (!jar) throw new Error(`no sobject-types jar in ${JAVA_LIB}`);
  return path.join(JAVA_LIB, jar);
}

interface ObjectInfo {
  name: string;
  fields: Map<string, FieldInfo>;
}

/** Objects and fields known to the platform and to the project. */
export class SchemaIndex {
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly loadedStandard = new Set<string>();
  private readonly jar: JarReader;
  private readonly standardNames = new Map<string, string>();
  private readonly kinds = new Map<string, ObjectKind>();

  constructor(jarFile = defaultSObjectJar()) {
    this.jar = new JarReader(jarFile);
    for (const entry of this.jar.names()) {
      if (entry.startsWith(CLASS_FOLDER) && entry.endsWith('.class')) {
        const name = entry.slice(CLASS_FOLDER.length, -'.class'.length);
        if (!name.includes('/') && !name.includes('$'))
          this.standardNames.set(name.toLowerCase(), name);
      }
    }
  }

  /** The object's API name as declared, or undefined when no such object exists. */
  objectName(name: string): string | undefined {
    return this.object(name)?.name;
  }

  hasObject(name: string): boolean {
    return this.object(name) !== undefined;
  }

  field(objectName: string, fieldName: string): FieldInfo | undefined {
    return this.object(objectName)?.fields.get(fieldName.toLowerCase());
  }

  /** True for the platform's standard objects (from the jar). */
  isStandard(name: string): boolean {
    return this.standardNames.has(name.toLowerCase());
  }

  /**
   * Resolves a dotted path (`Account.Owner.Name`) from `objectName`: every segment but the last
   * must be a lookup; the last must be a field. Returns the first segment that does not resolve
   * and the object it was looked up on, or undefined when the whole path resolves.
   * `throughChildren` lets a segment be a child relationship too (report columns).
   */
  unresolved(
    objectName: string,
    segments: string[],
    throughChildren = false,
  ): { segment: string; object: string } | undefined {
    let candidates = [objectName];
    for (let i = 0; i < segments.length; i += 1) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      const matches = candidates
        .map((candidate) => this.field(candidate, segment))
        .filter((field): field is FieldInfo => field !== undefined);
      if (matches.length === 0) {
        return { segment, object: this.objectName(candidates[0]) ?? candidates[0] };
      }
      if (last) return undefined;
      const next = matches.flatMap((field) => field.references ?? []);
      if (throughChildren) {
        // Report columns may walk into a child relationship (`Opportunity.Close_Histories__r`).
        const children = matches
          .map((field) => field.children)
          .filter((child) => child !== undefined);
        if (children.includes(UNCHECKED_CHILD)) return undefined;
        next.push(...children);
      }
      if (next.length === 0)
        return { segment: segments[i + 1], object: `${segment} (not a lookup)` };
      candidates = next.flatMap((target) =>
        target === POLYMORPHIC ? POLYMORPHIC_TARGETS : [target],
      );
    }
    return undefined;
  }

  /** The child object of a child relationship (`Opportunity.OpportunityLineItems`). */
  childObject(objectName: string, relationship: string): string | undefined {
    return this.field(objectName, relationship)?.children;
  }

  /** The platform's standard objects and the project's own (`files`: its source files). */
  static ofProject(projectDir: string, files: string[]): SchemaIndex {
    const index = new SchemaIndex();
    index.addProject(projectDir, files);
    return index;
  }

  /** Reads the objects and fields of the project's package directories. */
  addProject(projectDir: string, files: string[]): void {
    for (const file of files) {
      const match = /(?:^|\/)objects\/([^/]+)\/\1\.object-meta\.xml$/.exec(file);
      if (match) this.kinds.set(match[1].toLowerCase(), readObjectKind(projectDir, file));
    }
    const activityFields: FieldInfo[] = [];
    for (const file of files) {
      const match =
        /(?:^|\/)objects\/([^/]+)\/(?:\1\.object-meta\.xml|fields\/([^/]+)\.field-meta\.xml)$/.exec(
          file,
        );
      if (!match) continue;
      const objectName = match[1];
      const target = this.ensureProjectObject(objectName);
      if (!match[2]) continue;
      const fieldName = match[2];
      const text = readFileSync(path.join(projectDir, file), 'utf8');
      const field = (parseMetadataXml(text).CustomField?.[0] ?? {}) as Record<string, string[]>;
      const type = field.type?.[0];
      const referenceTo = field.referenceTo?.[0];
      target.fields.set(fieldName.toLowerCase(), { name: fieldName });
      const lookup = type === 'Lookup' || type === 'MasterDetail' || type === 'Hierarchy';
      // A metadata relationship (`Object__c` → EntityDefinition, FieldDefinition or another
      // custom metadata type) is queried through `Object__r` like a lookup.
      const metadataRelationship = type === 'MetadataRelationship';
      if ((lookup || metadataRelationship) && referenceTo) {
        const relationship = fieldName.replace(/__c$/, '__r');
        target.fields.set(relationship.toLowerCase(), {
          name: relationship,
          references: [referenceTo],
        });
        const childRelationship = field.relationshipName?.[0];
        // Child relationships exist on project objects and custom metadata types, not on
        // EntityDefinition or FieldDefinition.
        if (childRelationship && (lookup || referenceTo.endsWith('__mdt'))) {
          const parent = this.object(referenceTo) ?? this.ensureProjectObject(referenceTo);
          const name = `${childRelationship}__r`;
          parent.fields.set(name.toLowerCase(), { name, children: objectName });
        }
      }
      if (objectName === 'Activity') activityFields.push({ name: fieldName });
    }
    for (const activity of ['Task', 'Event']) {
      const target = this.object(activity);
      if (target)
        for (const field of activityFields) target.fields.set(field.name.toLowerCase(), field);
    }
  }

  private ensureProjectObject(objectName: string): ObjectInfo {
    const existing = this.object(objectName);
    if (existing) return existing;
    const info: ObjectInfo = { name: objectName, fields: new Map() };
    const add = (field: FieldInfo): void => void info.fields.set(field.name.toLowerCase(), field);
    const kind = this.kinds.get(objectName.toLowerCase());
    if (objectName.endsWith('__mdt')) {
      CUSTOM_METADATA_FIELDS.forEach((name) => add({ name }));
    } else if (objectName.endsWith('__e')) {
      PLATFORM_EVENT_FIELDS.forEach((name) => add({ name }));
      add({ name: 'CreatedBy', references: ['User'] });
    } else if (kind?.customSettingsType) {
      CUSTOM_SETTING_FIELDS.forEach(add);
      if (kind.customSettingsType === 'Hierarchy') HIERARCHY_SETTING_FIELDS.forEach(add);
    } else {
      CUSTOM_OBJECT_FIELDS.forEach(add);
      for (const [name, children] of Object.entries(CUSTOM_OBJECT_CHILDREN))
        add({ name, children });
    }
    this.objects.set(objectName.toLowerCase(), info);
    if (kind?.hasShareObject && objectName.endsWith('__c')) {
      const share = objectName.replace(/__c$/, '__Share');
      const fields = new Map(shareObjectFields(objectName).map((f) => [f.name.toLowerCase(), f]));
      this.objects.set(share.toLowerCase(), { name: share, fields });
    }
    return info;
  }

  private object(name: string): ObjectInfo | undefined {
    const key = name.toLowerCase();
    this.loadStandard(key);
    return this.objects.get(key);
  }

  private loadStandard(key: string): void {
    if (this.loadedStandard.has(key)) return;
    this.loadedStandard.add(key);
    const name = this.standardNames.get(key);
    if (!name) return;
    const bytes = this.jar.readEntry(`${CLASS_FOLDER}${name}.class`);
    if (!bytes) return;
    const info: ObjectInfo = this.objects.get(key) ?? { name, fields: new Map() };
    info.name = name;
    for (const field of readClassFields(bytes)) {
      if (field.isStatic) continue;
      const entry: FieldInfo = { name: field.name };
      if (field.descriptor.startsWith(SOBJECT_PREFIX)) {
        entry.references = [field.descriptor.slice(SOBJECT_PREFIX.length, -1)];
      } else if (field.descriptor.startsWith(CHILD_PREFIX)) {
        entry.children = field.descriptor.slice(CHILD_PREFIX.length, -1);
      }
      if (!info.fields.has(field.name.toLowerCase()))
        info.fields.set(field.name.toLowerCase(), entry);
    }
    for (const field of MISSING_FROM_JAR[name] ?? []) {
      if (!info.fields.has(field.name.toLowerCase()))
        info.fields.set(field.name.toLowerCase(), field);
    }
    this.objects.set(key, info);
  }
}
