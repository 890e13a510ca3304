/**
 * Check `metadata-refs`: references from one piece of metadata to another that a deploy resolves
 * and rejects when they do not hold. (Objects and fields named in metadata are the `references`
 * check's work; this check reads the references between components.)
 * - `dashboard-report-missing`: a dashboard component's `<report>` (Folder/Name) is a report of
 *   the project — a package cannot rely on a report it does not ship.
 * - `report-type-missing`: a report's `<reportType>` ending in `__c` is a custom report type of the
 *   project; `CustomEntity$X` / `CustomEntityCustomEntity$P$C` (the platform's report types of
 *   custom objects) name objects that exist. Other standard report types (Opportunity,
 *   AccountList, …) are not checked: no offline list of them exists here.
 * - `report-column-not-in-report-type`: in a report on a custom report type, every column, filter,
 *   grouping and date column written `table$field` is a field that report type offers
 *   (`<sections><columns>` with that `<table>` and `<field>`). Names without `$` (summary formulas,
 *   bucket fields, RowCount) are not report-type fields and are not read.
 * - `folder-metadata-missing`: the report, dashboard and email template folders used have their
 *   folder metadata (`<Folder>.reportFolder-meta.xml`, …), without which they do not deploy.
 * - `value-set-missing`: a custom picklist's `<valueSetName>` is a global value set of the project.
 * - `fls-on-required-field`: a permission set or profile grants field permissions on a required or
 *   master-detail field ("You cannot deploy to a required field").
 *   (Edit access on a formula field is not a finding: jongpie/NebulaLogger's LoggerAdmin permission
 *   set grants it on `Log__c.TransactionScenarioText__c` and deploys; the platform ignores it.)
 * - `unknown-metadata-component`: a quick action's flow, Aura component or Visualforce page; a
 *   tab's object, LWC, Aura component, Lightning page or Visualforce page; a queue's object; a
 *   custom metadata record's type; a flow's subflow; a permission set's tabs, apps and Visualforce
 *   pages — each exists in the project (standard tabs `standard-…` and apps `standard__…` and
 *   namespaced names `ns__…` belong to the platform or another package and are not checked).
 * - `apex-action-not-invocable`: a flow's Apex action names a class of the project that has no
 *   `@InvocableMethod` (a class that does not exist is the `references` check's finding).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProjectComponents, type ComponentType } from './lib/project-components';
import { lineOf, listSourceFiles } from './lib/project-files';
import { SchemaIndex } from './lib/schema-index';
import { blankApexCommentsAndStrings } from './lib/soql';
import {
  childNodes,
  eachText,
  rootElementOf,
  textOf,
  type XmlValue,
} from './lib/xml-schema-validator';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

/** Every text value of the named elements, anywhere below `node`. */
function textsNamed(node: XmlValue, names: Set<string>): string[] {
  const out: string[] = [];
  eachText(node, (element, value) => {
    if (names.has(element)) out.push(value);
  });
  return out;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A namespaced name (`ns__Name`, `ns__Name__c`) belongs to another package. */
function isNamespaced(name: string): boolean {
  return name.replace(/__(c|r|mdt|e|x|b)$/i, '').includes('__');
}

/** What the project's fields say about field-level security. */
interface FieldFacts {
  required: boolean;
  masterDetail: boolean;
}

/** A custom report type: its tables and the fields each offers, lower-case. */
type ReportTypeFields = Map<string, Set<string>>;

interface Project {
  dir: string;
  files: string[];
  components: ProjectComponents;
  index: SchemaIndex;
  fields: Map<string, FieldFacts>;
  reportTypes: Map<string, ReportTypeFields>;
}

function rootOf(project: Project, file: string): { text: string; root?: XmlValue } {
  const text = readFileSync(path.join(project.dir, file), 'utf8');
  try {
    const root = rootElementOf(text);
    return { text, root: root === undefined || typeof root === 'string' ? undefined : root };
  } catch {
    // Malformed XML is the metadata check's finding; nothing can be read from it here.
    return { text };
  }
}

function readFieldFacts(project: Project): void {
  for (const file of project.files) {
    const match = /(?:^|\/)objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/.exec(file);
    if (!match) continue;
    const { root } = rootOf(project, file);
    if (!root) continue;
    const type = textOf(root, 'type');
    project.fields.set(`${match[1]}.${match[2]}`.toLowerCase(), {
      required: textOf(root, 'required') === 'true',
      masterDetail: type === 'MasterDetail',
    });
  }
}

function readReportTypes(project: Project): void {
  for (const [name, file] of project.components.all('ReportType')) {
    const { root } = rootOf(project, file);
    if (!root) continue;
    const tables: ReportTypeFields = new Map();
    for (const section of childNodes(root, 'sections')) {
      for (const column of childNodes(section, 'columns')) {
        const table = textOf(column, 'table')?.toLowerCase();
        const field = textOf(column, 'field')?.toLowerCase();
        if (!table || !field) continue;
        if (!tables.has(table)) tables.set(table, new Set());
        tables.get(table)?.add(field);
      }
    }
    project.reportTypes.set(name, tables);
  }
}

/** 1-based line of the document's root element. */
function rootLine(text: string): number | undefined {
  const match = /<[A-Za-z]/.exec(text);
  return match ? lineOf(text, match[0], match.index) : undefined;
}

/** Collects findings for one file, locating each by the element text it is about. */
class FileFindings {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly out: Finding[],
  ) {}

  /** Locates the finding at `<tag>value</tag>`, or at the root element when no tag is given. */
  add(rule: string, message: string, tag?: string, value?: string): void {
    const line =
      tag && value !== undefined
        ? lineOf(this.text, `<${tag}>${escapeXml(value)}</${tag}>`)
        : rootLine(this.text);
    if (this.out.some((f) => f.file === this.file && f.line === line && f.message === message))
      return;
    this.out.push({ file: this.file, line, rule, message });
  }

  /** Reports a component the project does not define (unless namespaced). */
  component(
    project: Project,
    type: ComponentType,
    name: string,
    where: string,
    tag: string,
    shown = name,
  ): void {
    if (isNamespaced(name) || project.components.has(type, name)) return;
    this.add(
      'unknown-metadata-component',
      `${where}: ${type} ${name} does not exist in the project`,
      tag,
      shown,
    );
  }
}

// ---------------------------------------------------------------- reports and dashboards

const REPORT_COLUMN_TAGS = new Set([
  'field',
  'column',
  'dateColumn',
  'sortColumn',
  'groupingColumn',
  'secondaryGroupingColumn',
  'sourceColumnName',
]);

function checkReport(project: Project, found: FileFindings, root: XmlValue): void {
  const reportType = textOf(root, 'reportType');
  if (!reportType) return;
  const customEntities = /^CustomEntity(?:CustomEntity)*\$([^@]+)/.exec(reportType);
  if (customEntities) {
    for (const object of customEntities[1].split('$')) {
      if (!project.index.hasObject(object))
        found.add(
          'report-type-missing',
          `report type ${reportType}: object ${object} does not exist`,
          'reportType',
          reportType,
        );
    }
    return;
  }
  if (!/__c$/i.test(reportType) || isNamespaced(reportType)) return;
  const name = reportType.replace(/__c$/i, '');
  const fields = project.reportTypes.get(name.toLowerCase());
  if (!fields) {
    found.add(
      'report-type-missing',
      `report type ${reportType}: no custom report type ${name} in the project`,
      'reportType',
      reportType,
    );
    return;
  }
  for (const column of textsNamed(root, REPORT_COLUMN_TAGS)) {
    const match = /^([\w.]+)\$([\w.]+)$/.exec(column);
    if (!match) continue;
    const [, table, field] = match;
    const offered = fields.get(table.toLowerCase());
    if (offered?.has(field.toLowerCase())) continue;
    const tag = [...REPORT_COLUMN_TAGS].find((candidate) =>
      found.text.includes(`<${candidate}>${escapeXml(column)}</${candidate}>`),
    );
    found.add(
      'report-column-not-in-report-type',
      offered
        ? `column ${column}: report type ${reportType} offers no field ${field} on ${table}`
        : `column ${column}: report type ${reportType} has no table ${table}`,
      tag,
      column,
    );
  }
}

function checkDashboard(project: Project, found: FileFindings, root: XmlValue): void {
  for (const report of textsNamed(root, new Set(['report']))) {
    if (project.components.has('Report', report)) continue;
    found.add(
      'dashboard-report-missing',
      `dashboard component report ${report} is not a report of the project`,
      'report',
      report,
    );
  }
}

/** `reports/<Folder>/X.report-meta.xml` needs `<Folder>.reportFolder-meta.xml`; same for others. */
function checkFolders(project: Project, out: Finding[]): void {
  const kinds: [RegExp, ComponentType, string][] = [
    [/(?:^|\/)reports\/([^/]+)\/[^/]+\.report-meta\.xml$/, 'ReportFolder', 'reportFolder'],
    [
      /(?:^|\/)dashboards\/([^/]+)\/[^/]+\.dashboard-meta\.xml$/,
      'DashboardFolder',
      'dashboardFolder',
    ],
    [/(?:^|\/)email\/([^/]+)\/[^/]+\.email-meta\.xml$/, 'EmailFolder', 'emailFolder'],
  ];
  for (const file of project.files) {
    for (const [pattern, type, suffix] of kinds) {
      const folder = pattern.exec(file)?.[1];
      if (!folder || folder === 'unfiled$public' || project.components.has(type, folder)) continue;
      out.push({
        file,
        line: rootLine(readFileSync(path.join(project.dir, file), 'utf8')),
        rule: 'folder-metadata-missing',
        message: `folder ${folder} has no ${folder}.${suffix}-meta.xml in the project`,
      });
    }
  }
}

// ---------------------------------------------------------------- fields and permissions

function checkField(project: Project, found: FileFindings, file: string, root: XmlValue): void {
  if (!/__c\.field-meta\.xml$/.test(file)) return;
  const valueSetName = textOf(childNodes(root, 'valueSet')[0], 'valueSetName');
  if (
    valueSetName &&
    !isNamespaced(valueSetName) &&
    !project.components.has('GlobalValueSet', valueSetName)
  ) {
    found.add(
      'value-set-missing',
      `picklist value set ${valueSetName} is not a global value set of the project`,
      'valueSetName',
      valueSetName,
    );
  }
}

function checkFieldPermissions(project: Project, found: FileFindings, root: XmlValue): void {
  for (const permission of childNodes(root, 'fieldPermissions')) {
    const field = textOf(permission, 'field');
    const facts = field ? project.fields.get(field.toLowerCase()) : undefined;
    if (!field || !facts) continue;
    // Any entry, even one granting nothing: the platform manages access to these fields itself.
    if (facts.required || facts.masterDetail) {
      found.add(
        'fls-on-required-field',
        `field permissions on ${field}, a ${facts.masterDetail ? 'master-detail' : 'required'} field (the platform sets its access with the object's), and the deploy fails ("You cannot deploy to a required field"); remove the entry`,
        'field',
        field,
      );
    }
  }
}

function checkPermissionSet(project: Project, found: FileFindings, root: XmlValue): void {
  checkFieldPermissions(project, found, root);
  for (const setting of childNodes(root, 'tabSettings')) {
    const tab = textOf(setting, 'tab');
    if (tab && !tab.startsWith('standard-'))
      found.component(project, 'CustomTab', tab, 'permission set tab setting', 'tab');
  }
  for (const visibility of childNodes(root, 'applicationVisibilities')) {
    const app = textOf(visibility, 'application');
    if (app && !app.startsWith('standard__'))
      found.component(project, 'CustomApplication', app, 'permission set app', 'application');
  }
  for (const access of childNodes(root, 'pageAccesses')) {
    const page = textOf(access, 'apexPage');
    if (page) found.component(project, 'ApexPage', page, 'permission set page access', 'apexPage');
  }
}

// ---------------------------------------------------------------- actions, tabs, queues, flows

function checkQuickAction(project: Project, found: FileFindings, root: XmlValue): void {
  const flow = textOf(root, 'flowDefinition');
  if (flow) found.component(project, 'Flow', flow, 'quick action flow', 'flowDefinition');
  const aura = textOf(root, 'lightningComponent');
  if (aura) {
    const name = aura.replace(/^c:/, '');
    if (!aura.includes(':') || aura.startsWith('c:'))
      found.component(
        project,
        'AuraDefinitionBundle',
        name,
        'quick action Aura component',
        'lightningComponent',
        aura,
      );
  }
  const page = textOf(root, 'page');
  if (page) found.component(project, 'ApexPage', page, 'quick action Visualforce page', 'page');
}

function checkTab(project: Project, found: FileFindings, file: string, root: XmlValue): void {
  const name = path.posix.basename(file, '.tab-meta.xml');
  if (textOf(root, 'customObject') === 'true' && !project.components.has('CustomObject', name)) {
    found.add(
      'unknown-metadata-component',
      `tab ${name} shows custom object ${name}, which does not exist in the project`,
      'customObject',
      'true',
    );
  }
  const targets: [string, ComponentType][] = [
    ['lwcComponent', 'LightningComponentBundle'],
    ['auraComponent', 'AuraDefinitionBundle'],
    ['flexiPage', 'FlexiPage'],
    ['page', 'ApexPage'],
  ];
  for (const [tag, type] of targets) {
    const target = textOf(root, tag);
    if (target)
      found.component(project, type, target.replace(/^c:/, ''), `tab ${name}`, tag, target);
  }
}

/**
 * An object's action overrides (View, Edit, New, …) name a Lightning page, component or
 * Visualforce page the deploy must find; a Lightning record page must also be a page of that
 * object (an Opportunity View override on an Account page is refused at deploy).
 */
function checkActionOverrides(
  project: Project,
  found: FileFindings,
  file: string,
  root: XmlValue,
): void {
  const object = path.posix.basename(file, '.object-meta.xml');
  for (const override of childNodes(root, 'actionOverrides')) {
    const content = textOf(override, 'content');
    const type = textOf(override, 'type');
    if (!content || !type) continue;
    const where = `${object} ${textOf(override, 'actionName') ?? ''} override`.replace(/ +/g, ' ');
    if (type === 'Flexipage') {
      found.component(project, 'FlexiPage', content, where, 'content');
      const page = project.files.find((f) => f.endsWith(`/${content}.flexipage-meta.xml`));
      if (!page) continue;
      const pageObject = textOf(rootOf(project, page).root ?? {}, 'sobjectType');
      if (pageObject && pageObject !== object)
        found.add(
          'override-page-object-mismatch',
          `${where}: Lightning page ${content} is a page of ${pageObject}, not of ${object}`,
          'content',
          content,
        );
    } else if (type === 'LightningComponent') {
      const name = content.replace(/^c:/, '');
      if (!project.components.has('LightningComponentBundle', name))
        found.component(project, 'AuraDefinitionBundle', name, where, 'content', content);
    } else if (type === 'Visualforce') {
      found.component(project, 'ApexPage', content, where, 'content');
    }
  }
}

function checkQueue(project: Project, found: FileFindings, root: XmlValue): void {
  for (const queued of childNodes(root, 'queueSobject')) {
    const object = textOf(queued, 'sobjectType');
    if (object && !project.index.hasObject(object))
      found.add(
        'unknown-metadata-component',
        `queue object ${object} does not exist in the project or the platform`,
        'sobjectType',
        object,
      );
  }
}

function checkCustomMetadataRecord(project: Project, found: FileFindings, file: string): void {
  const type = path.posix.basename(file, '.md-meta.xml').split('.')[0];
  if (isNamespaced(`${type}__mdt`) || project.components.has('CustomObject', `${type}__mdt`))
    return;
  found.add(
    'unknown-metadata-component',
    `custom metadata record of type ${type}__mdt, which does not exist in the project`,
  );
}

/** Apex classes of the project that declare an `@InvocableMethod`, lower-case. */
function invocableClasses(project: Project): Set<string> {
  const invocable = new Set<string>();
  for (const [name, file] of project.components.all('ApexClass')) {
    const code = blankApexCommentsAndStrings(readFileSync(path.join(project.dir, file), 'utf8'));
    if (/@\s*InvocableMethod\b/i.test(code)) invocable.add(name);
  }
  return invocable;
}

function checkFlow(
  project: Project,
  found: FileFindings,
  root: XmlValue,
  invocable: Set<string>,
): void {
  for (const action of childNodes(root, 'actionCalls')) {
    const name = textOf(action, 'actionName');
    if (textOf(action, 'actionType') !== 'apex' || !name || isNamespaced(name)) continue;
    if (!project.components.has('ApexClass', name) || invocable.has(name.toLowerCase())) continue;
    found.add(
      'apex-action-not-invocable',
      `flow Apex action ${textOf(action, 'name') ?? name}: class ${name} has no @InvocableMethod`,
      'actionName',
      name,
    );
  }
  for (const subflow of childNodes(root, 'subflows')) {
    const flow = textOf(subflow, 'flowName');
    if (flow) found.component(project, 'Flow', flow, 'subflow', 'flowName');
  }
}

// ---------------------------------------------------------------- check

export const check: Check = {
  name: 'metadata-refs',
  description:
    'References between metadata resolve: dashboard → report, report → report type and its fields, folders, global value sets, field permissions, actions, tabs, queues, flows, action overrides',
  run({ projectDir }: CheckOptions): Promise<CheckResult> {
    const dir = path.resolve(projectDir);
    const files = listSourceFiles(dir);
    const index = SchemaIndex.ofProject(dir, files);
    const project: Project = {
      dir,
      files,
      components: new ProjectComponents(dir, files),
      index,
      fields: new Map(),
      reportTypes: new Map(),
    };
    readFieldFacts(project);
    readReportTypes(project);
    const invocable = invocableClasses(project);
    const findings: Finding[] = [];
    let read = 0;
    for (const file of files) {
      if (!file.endsWith('-meta.xml')) continue;
      const { text, root } = rootOf(project, file);
      if (!root) continue;
      const found = new FileFindings(file, text, findings);
      read += 1;
      if (file.endsWith('.report-meta.xml')) checkReport(project, found, root);
      else if (file.endsWith('.dashboard-meta.xml')) checkDashboard(project, found, root);
      else if (file.endsWith('.field-meta.xml')) checkField(project, found, file, root);
      else if (/\.(permissionset|profile)-meta\.xml$/.test(file))
        checkPermissionSet(project, found, root);
      else if (file.endsWith('.quickAction-meta.xml')) checkQuickAction(project, found, root);
      else if (file.endsWith('.tab-meta.xml')) checkTab(project, found, file, root);
      else if (file.endsWith('.queue-meta.xml')) checkQueue(project, found, root);
      else if (file.endsWith('.md-meta.xml')) checkCustomMetadataRecord(project, found, file);
      else if (file.endsWith('.flow-meta.xml')) checkFlow(project, found, root, invocable);
      else if (file.endsWith('.object-meta.xml')) checkActionOverrides(project, found, file, root);
    }
    checkFolders(project, findings);
    return Promise.resolve({
      name: 'metadata-refs',
      findings,
      summary: `${read} metadata files, ${findings.length} broken references between components`,
    });
  },
};
