/**
 * Check `references`: every object and field the package names exists, in the project's own
 * metadata (the package directories of sfdx-project.json) or among the platform's standard
 * objects (read from apex-ls's `sobject-types` jar). It reads:
 * - flows: record element objects, filters, input / output assignments, queried fields, the
 *   start element's object and filters, `$Record` / `$Record__Prior` / record variable paths in
 *   references and `{!…}` merge fields;
 * - validation rules (formula, error field), formula fields, lookup targets, roll-up summaries;
 * - layouts, compact layouts, list views (custom columns), quick actions, permission sets,
 *   custom metadata records, reports and report types;
 * - LWC `@salesforce/schema/Object.Field` imports;
 * - Apex: `[SELECT …]` queries (select list with relationship paths, subqueries over child
 *   relationships, conditions, grouping and ordering) and `Object.Custom__c` field tokens.
 * apex-ls checks neither SOQL select lists nor fields of standard objects the project extends.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { FLOW_REFERENCE_ELEMENTS } from './lib/flow-references';
import { formulaReferences, mergeFieldReferences } from './lib/formula';
import { lineAt, lineOf, listSourceFiles } from './lib/project-files';
import { SchemaIndex, UNCHECKED_CHILD } from './lib/schema-index';
import { blankApexCommentsAndStrings, findApexQueries } from './lib/soql';
import { queryReferences } from './lib/soql-references';
import {
  childNodes,
  eachText,
  rootElementOf,
  textOf,
  type XmlValue as XmlNode,
} from './lib/xml-schema-validator';

/** One named object, or one field path on an object, found in a source file. */
export interface Reference {
  file: string;
  line?: number;
  object: string;
  /** Field path from `object`; absent when only the object is named. */
  path?: string[];
  /** Where in the file, e.g. `flow start filter`, `SOQL select list`. */
  where: string;
  /** The path may pass through child relationships (report columns). */
  throughChildren?: boolean;
}

function texts(node: XmlNode | undefined, name: string): string[] {
  return childNodes(node, name).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

function rootOf(text: string): XmlNode {
  return rootElementOf(text) ?? '';
}

/** A component of the project named by metadata: an LWC bundle, Apex class, custom permission. */
export interface ComponentReference {
  file: string;
  line?: number;
  kind: ComponentKind;
  name: string;
  where: string;
}

type ComponentKind = 'LWC bundle' | 'LWC or Aura bundle' | 'Apex class' | 'custom permission';

/** Gathers the references one file makes, with the line each is found on. */
class Collector {
  readonly references: Reference[] = [];
  readonly components: ComponentReference[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Adds a field path (`Account.Name` is split) or an object; the line is found by its text. */
  field(object: string, dotted: string, where: string): void {
    this.references.push({
      file: this.file,
      line: lineOf(this.text, dotted),
      object,
      path: dotted.split('.'),
      where,
    });
  }

  /** Adds a named component (`>name<` locates its line in the XML). */
  component(kind: ComponentKind, name: string, where: string): void {
    this.components.push({
      file: this.file,
      line: lineOf(this.text, `>${name}<`),
      kind,
      name,
      where,
    });
  }

  object(object: string, where: string): void {
    this.references.push({ file: this.file, line: lineOf(this.text, object), object, where });
  }

  /** Adds a field path found at a known offset (Apex, LWC). */
  fieldAt(object: string, fieldPath: string[], offset: number, where: string): void {
    this.references.push({
      file: this.file,
      line: lineAt(this.text, offset),
      object,
      path: fieldPath,
      where,
    });
  }
}

/** `…/objects/<Object>/<folder>/…` → Object. */
function objectFolderOf(file: string): string | undefined {
  return /(?:^|\/)objects\/([^/]+)\//.exec(file)?.[1];
}

// ---------------------------------------------------------------- flows

const RECORD_ELEMENTS = ['recordLookups', 'recordCreates', 'recordUpdates', 'recordDeletes'];
const REFERENCE_ELEMENTS = new Set(FLOW_REFERENCE_ELEMENTS);

function readFlow(collector: Collector, root: XmlNode): void {
  const variables = new Map<string, string>();
  const start = childNodes(root, 'start')[0];
  const recordObject = textOf(start, 'object');
  if (recordObject) {
    collector.object(recordObject, 'flow start object');
    variables.set('$record', recordObject);
    variables.set('$record__prior', recordObject);
    for (const filter of childNodes(start, 'filters')) {
      const field = textOf(filter, 'field');
      if (field) collector.field(recordObject, field, 'flow start filter');
    }
    for (const scheduledPath of childNodes(start, 'scheduledPaths')) {
      const field = textOf(scheduledPath, 'recordField');
      if (field) collector.field(recordObject, field, 'flow scheduled path field');
    }
  }
  variables.set('$user', 'User');
  for (const variable of childNodes(root, 'variables')) {
    const name = textOf(variable, 'name');
    const objectType = textOf(variable, 'objectType');
    if (name && objectType) {
      variables.set(name.toLowerCase(), objectType);
      collector.object(objectType, `flow variable ${name}`);
    }
  }
  for (const kind of RECORD_ELEMENTS) {
    for (const element of childNodes(root, kind)) {
      const name = textOf(element, 'name') ?? kind;
      let object = textOf(element, 'object');
      const input = textOf(element, 'inputReference');
      if (!object && input) object = variables.get(input.split('.')[0].toLowerCase());
      if (!object) continue;
      if (textOf(element, 'object')) collector.object(object, `flow ${kind} ${name}`);
      if (kind === 'recordLookups') variables.set(name.toLowerCase(), object);
      for (const filter of childNodes(element, 'filters')) {
        const field = textOf(filter, 'field');
        if (field) collector.field(object, field, `flow ${kind} ${name} filter`);
      }
      for (const list of ['inputAssignments', 'outputAssignments']) {
        for (const assignment of childNodes(element, list)) {
          const field = textOf(assignment, 'field');
          if (field) collector.field(object, field, `flow ${kind} ${name} ${list}`);
        }
      }
      const sortField = textOf(element, 'sortField');
      if (sortField) collector.field(object, sortField, `flow ${kind} ${name} sortField`);
      for (const field of texts(element, 'queriedFields')) {
        collector.field(object, field, `flow ${kind} ${name} queriedFields`);
      }
    }
  }
  for (const action of childNodes(root, 'actionCalls')) {
    const actionName = textOf(action, 'actionName');
    if (textOf(action, 'actionType') === 'apex' && actionName && !actionName.includes('__')) {
      collector.component(
        'Apex class',
        actionName,
        `flow Apex action ${textOf(action, 'name') ?? ''}`,
      );
    }
  }
  for (const loop of childNodes(root, 'loops')) {
    const name = textOf(loop, 'name');
    const collection = textOf(loop, 'collectionReference');
    const object = collection ? variables.get(collection.toLowerCase()) : undefined;
    if (name && object) variables.set(name.toLowerCase(), object);
  }
  const resolvePath = (segments: string[], where: string): void => {
    const object = variables.get(segments[0].toLowerCase());
    if (!object || segments.length < 2) return;
    collector.field(object, segments.slice(1).join('.'), where);
  };
  eachText(root, (element, value) => {
    if (REFERENCE_ELEMENTS.has(element) && /^[$\w]+(\.\w+)+$/.test(value)) {
      resolvePath(value.split('.'), `flow ${element} ${value}`);
    }
    for (const segments of mergeFieldReferences(value)) {
      resolvePath(segments, `flow merge field {!${segments.join('.')}}`);
    }
  });
}

// ---------------------------------------------------------------- object metadata

function readFormula(collector: Collector, object: string, formula: string, where: string): void {
  for (const reference of formulaReferences(formula)) {
    collector.field(object, reference.path.join('.'), where);
  }
}

function readObjectChild(collector: Collector, file: string, root: XmlNode): void {
  const object = objectFolderOf(file);
  if (!object) return;
  if (file.endsWith('.validationRule-meta.xml')) {
    const formula = textOf(root, 'errorConditionFormula');
    if (formula) readFormula(collector, object, formula, 'validation rule formula');
    const errorField = textOf(root, 'errorDisplayField');
    if (errorField) collector.field(object, errorField, 'validation rule error field');
  } else if (file.endsWith('.field-meta.xml')) {
    const formula = textOf(root, 'formula');
    if (formula) readFormula(collector, object, formula, 'formula field');
    const target = textOf(root, 'referenceTo');
    if (target) collector.object(target, 'lookup target');
    const summarized = textOf(root, 'summarizedField') ?? textOf(root, 'summaryForeignKey');
    if (summarized && summarized.includes('.')) {
      const [child, ...rest] = summarized.split('.');
      collector.field(child, rest.join('.'), 'roll-up summary');
    }
  } else if (file.endsWith('.compactLayout-meta.xml')) {
    for (const field of texts(root, 'fields')) collector.field(object, field, 'compact layout');
  } else if (file.endsWith('.listView-meta.xml')) {
    const named = [
      ...texts(root, 'columns'),
      ...childNodes(root, 'filters').map((filter) => textOf(filter, 'field') ?? ''),
    ];
    for (const column of named.filter((name) => /__c$/i.test(name))) {
      // Custom columns are `Field__c` or `Object.Field__c`; standard columns use platform tokens.
      const segments = column.split('.');
      const onOther = segments.length > 1 && segments[0].toLowerCase() === object.toLowerCase();
      collector.field(
        object,
        (onOther ? segments.slice(1) : segments).join('.'),
        'list view column',
      );
    }
  }
}

function readLayout(collector: Collector, file: string, root: XmlNode): void {
  const object = path.posix.basename(file).split('-')[0];
  collector.object(object, 'layout object');
  for (const section of childNodes(root, 'layoutSections')) {
    for (const column of childNodes(section, 'layoutColumns')) {
      for (const item of childNodes(column, 'layoutItems')) {
        const field = textOf(item, 'field');
        if (field) collector.field(object, field, 'layout field');
      }
    }
  }
}

function readQuickAction(collector: Collector, file: string, root: XmlNode): void {
  const base = path.posix.basename(file, '.quickAction-meta.xml');
  const target = textOf(root, 'targetObject');
  const object = target ?? (base.includes('.') ? base.split('.')[0] : undefined);
  if (target) collector.object(target, 'quick action target object');
  const component = textOf(root, 'lightningWebComponent');
  if (component && !component.includes('__')) {
    collector.component('LWC bundle', component.replace(/^c:/, ''), 'quick action component');
  }
  if (!object) return;
  for (const layout of childNodes(root, 'quickActionLayout')) {
    for (const column of childNodes(layout, 'quickActionLayoutColumns')) {
      for (const item of childNodes(column, 'quickActionLayoutItems')) {
        const field = textOf(item, 'field');
        if (field) collector.field(object, field, 'quick action layout field');
      }
    }
  }
  for (const override of childNodes(root, 'fieldOverrides')) {
    const field = textOf(override, 'field');
    if (field) collector.field(object, field, 'quick action field override');
  }
}

function readPermissionSet(collector: Collector, root: XmlNode): void {
  for (const permission of childNodes(root, 'fieldPermissions')) {
    const field = textOf(permission, 'field');
    if (field && field.includes('.')) {
      const [object, ...rest] = field.split('.');
      collector.field(object, rest.join('.'), 'permission set field permission');
    }
  }
  for (const permission of childNodes(root, 'objectPermissions')) {
    const object = textOf(permission, 'object');
    if (object) collector.object(object, 'permission set object permission');
  }
  for (const access of childNodes(root, 'classAccesses')) {
    const apexClass = textOf(access, 'apexClass');
    if (apexClass) collector.component('Apex class', apexClass, 'permission set class access');
  }
  for (const permission of childNodes(root, 'customPermissions')) {
    const name = textOf(permission, 'name');
    if (name && !name.includes('__')) {
      collector.component('custom permission', name, 'permission set custom permission');
    }
  }
}

function readFlexiPage(collector: Collector, root: XmlNode): void {
  const object = textOf(root, 'sobjectType');
  if (object) collector.object(object, 'record page object');
  eachText(root, (element, value) => {
    // Dynamic forms name fields as `Record.Field__c`.
    if (object && element === 'fieldItem' && value.startsWith('Record.')) {
      collector.field(object, value.slice('Record.'.length), 'record page field');
    }
    // Custom components have no namespace (`closeSummary`, or `c:closeSummary`); a page may hold
    // the project's Aura components as well as its LWC. Platform components carry their namespace
    // (`flexipage:`, `force:`, `runtime_sales_…:`) and are not the project's to define.
    if (element === 'componentName' && (!value.includes(':') || value.startsWith('c:'))) {
      collector.component('LWC or Aura bundle', value.replace(/^c:/, ''), 'record page component');
    }
  });
}

function readCustomMetadataRecord(collector: Collector, file: string, root: XmlNode): void {
  const typeName = path.posix.basename(file, '.md-meta.xml').split('.')[0];
  const object = `${typeName}__mdt`;
  for (const value of childNodes(root, 'values')) {
    const field = textOf(value, 'field');
    if (field) collector.field(object, field, 'custom metadata record value');
  }
}

function readReportType(collector: Collector, root: XmlNode, index: SchemaIndex): void {
  const baseObject = textOf(root, 'baseObject');
  if (!baseObject) return;
  collector.object(baseObject, 'report type base object');
  const tableObject = (table: string): string | undefined => {
    let object: string | undefined = baseObject;
    for (const relationship of table.split('.').slice(1)) {
      const child: string | undefined = object
        ? index.childObject(object, relationship)
        : undefined;
      if (child === undefined) {
        collector.field(object ?? baseObject, relationship, 'report type join');
        return undefined;
      }
      object = child === UNCHECKED_CHILD ? undefined : child;
    }
    return object;
  };
  for (const section of childNodes(root, 'sections')) {
    for (const column of childNodes(section, 'columns')) {
      const field = textOf(column, 'field');
      const table = textOf(column, 'table');
      const object = table ? tableObject(table) : baseObject;
      if (field && object)
        collector.field(object, field, `report type column (${table ?? baseObject})`);
    }
  }
}

function readReport(collector: Collector, root: XmlNode, index: SchemaIndex): void {
  const names: string[] = [];
  eachText(root, (element, value) => {
    if (['field', 'column'].includes(element)) names.push(value);
  });
  for (const name of names.filter((value) => /__[cr]\b/i.test(value))) {
    // Report columns on custom fields: `Object.Field__c`, `Object$Field__c`, `FK_Object.Field__c`.
    const segments = name.replace(/^FK_\$?/, '').split(/[.$]/);
    if (segments.length < 2 || !index.hasObject(segments[0])) continue;
    collector.field(segments[0], segments.slice(1).join('.'), 'report column');
    collector.references[collector.references.length - 1].throughChildren = true;
  }
}

// ---------------------------------------------------------------- code

function readLwc(collector: Collector, text: string): void {
  const schemaImport = /['"]@salesforce\/schema\/([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)['"]/g;
  for (let match = schemaImport.exec(text); match; match = schemaImport.exec(text)) {
    const [, object, fields] = match;
    if (fields)
      collector.fieldAt(object, fields.slice(1).split('.'), match.index, 'LWC schema import');
    else
      collector.references.push({
        file: collector.file,
        line: lineAt(text, match.index),
        object,
        where: 'LWC schema import',
      });
  }
}

function readApex(collector: Collector, text: string, index: SchemaIndex): void {
  const blanked = blankApexCommentsAndStrings(text);
  for (const query of findApexQueries(blanked)) {
    const at = (offset: number): number => lineAt(text, offset);
    collector.references.push(...queryReferences(query, index, collector.file, at));
  }
  // Field tokens: `Opportunity.Decision_Factors__c`, `Schema.Opportunity.X__c`,
  // `SObjectType.Opportunity.fields.X__c`. Only custom fields of an object named with its exact
  // API name, so variables (lower camel case) and methods are not mistaken for fields.
  const token = /(?<![\w.])(?:Schema\.)?(?:SObjectType\.)?([A-Z]\w*)\.(?:fields\.)?(\w+__c)\b/g;
  for (let match = token.exec(blanked); match; match = token.exec(blanked)) {
    const object = index.objectName(match[1]);
    if (object !== match[1]) continue;
    collector.fieldAt(object, [match[2]], match.index, 'Apex field token');
  }
}

// ---------------------------------------------------------------- check

/** LWC TypeScript, or JavaScript that is not compiled from a `.ts` beside it. */
function isLwcSource(file: string, files: Set<string>): boolean {
  if (!/\/lwc\/[^/]+\/.*\.(ts|js)$/.test(file) || file.endsWith('.d.ts')) return false;
  return file.endsWith('.ts') || !files.has(file.replace(/\.js$/, '.ts'));
}

function collect(
  projectDir: string,
  file: string,
  files: Set<string>,
  index: SchemaIndex,
): Collector {
  const text = readFileSync(path.join(projectDir, file), 'utf8');
  const collector = new Collector(file, text);
  try {
    if (file.endsWith('.cls') || file.endsWith('.trigger')) readApex(collector, text, index);
    else if (isLwcSource(file, files)) readLwc(collector, text);
    else if (file.endsWith('-meta.xml')) {
      const root = rootOf(text);
      if (file.endsWith('.flow-meta.xml')) readFlow(collector, root);
      else if (file.endsWith('.layout-meta.xml')) readLayout(collector, file, root);
      else if (file.endsWith('.quickAction-meta.xml')) readQuickAction(collector, file, root);
      else if (file.endsWith('.permissionset-meta.xml')) readPermissionSet(collector, root);
      else if (file.endsWith('.md-meta.xml')) readCustomMetadataRecord(collector, file, root);
      else if (file.endsWith('.flexipage-meta.xml')) readFlexiPage(collector, root);
      else if (file.endsWith('.reportType-meta.xml')) readReportType(collector, root, index);
      else if (file.endsWith('.report-meta.xml')) readReport(collector, root, index);
      else readObjectChild(collector, file, root);
    }
  } catch (error) {
    // Malformed XML is the metadata check's finding; nothing can be read from it here.
    if (
      !(error instanceof Error) ||
      !/Malformed|Unexpected|closing tag|Invalid/i.test(error.message)
    )
      throw error;
  }
  return collector;
}

/** Names of the project's LWC and Aura bundles, Apex classes and custom permissions. */
function projectComponents(files: string[]): Record<ComponentKind, Set<string>> {
  const components: Record<ComponentKind, Set<string>> = {
    'LWC bundle': new Set(),
    'LWC or Aura bundle': new Set(),
    'Apex class': new Set(),
    'custom permission': new Set(),
  };
  for (const file of files) {
    const lwc = /(?:^|\/)(?:lwc|aura)\/([^/]+)\/\1\.(?:js-meta\.xml|cmp)$/.exec(file); // pages place Aura too
    if (lwc) components['LWC bundle'].add(lwc[1].toLowerCase());
    const aura = /(?:^|\/)aura\/([^/]+)\/\1\.cmp$/.exec(file);
    for (const bundle of [lwc?.[1], aura?.[1]])
      if (bundle) components['LWC or Aura bundle'].add(bundle.toLowerCase());
    const apex = /([^/]+)\.cls$/.exec(file);
    if (apex) components['Apex class'].add(apex[1].toLowerCase());
    const permission = /([^/]+)\.customPermission-meta\.xml$/.exec(file);
    if (permission) components['custom permission'].add(permission[1].toLowerCase());
  }
  return components;
}

/** One finding per component reference the project does not define. */
export function resolveComponents(references: ComponentReference[], files: string[]): Finding[] {
  const known = projectComponents(files);
  return references
    .filter((reference) => !known[reference.kind].has(reference.name.toLowerCase()))
    .map((reference) => ({
      file: reference.file,
      line: reference.line,
      rule: 'unknown-component',
      message: `${reference.where}: ${reference.kind} ${reference.name} does not exist in the project`,
    }));
}

/** Resolves references against the index: unknown objects (once per file) and field paths. */
export function resolveReferences(references: Reference[], index: SchemaIndex): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    let finding: Finding | undefined;
    if (!index.hasObject(reference.object)) {
      finding = {
        file: reference.file,
        line: reference.line,
        rule: 'unknown-object',
        message: `${reference.where}: object ${reference.object} does not exist in the project or the platform`,
      };
    } else if (reference.path) {
      const missing = index.unresolved(reference.object, reference.path, reference.throughChildren);
      if (missing) {
        finding = {
          file: reference.file,
          line: reference.line,
          rule: 'unknown-field',
          message: `${reference.where}: ${reference.object}.${reference.path.join('.')} does not resolve: no field ${missing.segment} on ${missing.object}`,
        };
      }
    }
    if (!finding) continue;
    // One finding per unknown object and file; one per unknown field path and line.
    const key =
      finding.rule === 'unknown-object'
        ? `${finding.file}:${reference.object.toLowerCase()}`
        : `${finding.file}:${finding.line ?? ''}:${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

export const check: Check = {
  name: 'references',
  description:
    'Objects, fields and components named in flows, formulas, layouts, pages, actions, permission sets, reports, LWC and Apex SOQL exist',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const files = listSourceFiles(projectDir);
    const index = SchemaIndex.ofProject(projectDir, files);
    const fileSet = new Set(files);
    const collected = files.map((file) => collect(projectDir, file, fileSet, index));
    const references = collected.flatMap((collector) => collector.references);
    const components = collected.flatMap((collector) => collector.components);
    const findings = [
      ...resolveReferences(references, index),
      ...resolveComponents(components, files),
    ];
    return Promise.resolve({
      name: 'references',
      findings,
      summary: `${references.length} object and field references and ${components.length} component references in ${files.length} files, ${findings.length} unknown`,
    });
  },
};
