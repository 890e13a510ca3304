/**
 * Check `flow-structure`: a flow's wiring holds together, as Flow Builder and the Metadata API
 * require before a flow deploys or activates.
 * - `flow-connector-missing-target`: every connector target (`<targetReference>` of a connector,
 *   fault connector, default connector, loop next-value / no-more-values connector, decision
 *   outcome, wait event, start connector and scheduled path, and the old `<startElementReference>`)
 *   is the name of an element of the flow that can run (not a variable, not a missing name).
 * - `flow-undefined-reference`: every reference (`<elementReference>`, `<leftValueReference>`,
 *   `<assignToReference>`, `<inputReference>`, `<outputReference>`, `<collectionReference>`,
 *   `<assignNextValueToReference>`, `<choiceReferences>`, `{!…}` merge fields in text, formulas
 *   and templates) starts with a resource of the flow (variable, constant, formula, text template,
 *   choice, choice set, stage, element, decision outcome, wait event, screen field, a collection
 *   filter's or sort's `currentItem_…`) or a global: `$Record` / `$Record__Prior` only in a flow
 *   whose start names an object (the prior values only when updates trigger it), `$Label.X` a
 *   label of the project, `$Permission.X` a custom permission of the project, `$Setup.X` and
 *   `$CustomMetadata.X` an object of the project or platform, `$Flow.X` and `$GlobalConstant.X` a
 *   documented member, and the other `$` globals (`$User`, `$Organization`, `$Api`, …) by name.
 * Field paths after a record variable (`$Record.Account.Name`) are the `references` check's work;
 * this check reads only the first segment (the second for `$` globals). Descriptions are prose and
 * are not read. Flow Scanner (the `flows` check) sees neither of these defects.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FLOW_REFERENCE_ELEMENTS } from './lib/flow-references';
import { ProjectComponents } from './lib/project-components';
import { lineAt, listSourceFiles } from './lib/project-files';
import { SchemaIndex } from './lib/schema-index';
import { childNodes, parseMetadataXml, textOf, type XmlValue } from './lib/xml-schema-validator';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

/** Elements a connector can lead to (the flow's nodes). */
const NODE_ELEMENTS = [
  'actionCalls',
  'apexPluginCalls',
  'assignments',
  'collectionProcessors',
  'customErrors',
  'decisions',
  'loops',
  'orchestratedStages',
  'recordCreates',
  'recordDeletes',
  'recordLookups',
  'recordRollbacks',
  'recordUpdates',
  'screens',
  'steps',
  'subflows',
  'transforms',
  'waits',
];
/** Resources that are not nodes but may be referenced. */
const RESOURCE_ELEMENTS = [
  'choices',
  'constants',
  'dynamicChoiceSets',
  'formulas',
  'stages',
  'textTemplates',
  'variables',
];
/** Named parts inside an element that are resources of their own. */
const NESTED_RESOURCES: Record<string, string[]> = {
  decisions: ['rules'],
  waits: ['waitEvents'],
  screens: ['fields'],
  fields: ['fields'],
  orchestratedStages: ['stageSteps'],
};

/** Elements whose text names a resource: references, and the choices of a screen field. */
const REFERENCE_TAGS = [
  ...FLOW_REFERENCE_ELEMENTS,
  'choiceReferences',
  'defaultSelectedChoiceReference',
];

/** Members of `$Flow` and `$GlobalConstant` (Flow Builder's global variables). */
const FLOW_MEMBERS = new Set(
  [
    'ActiveStages',
    'CurrentDate',
    'CurrentDateTime',
    'CurrentRecord',
    'CurrentStage',
    'FaultMessage',
    'InterviewGuid',
    'InterviewStartTime',
  ].map((name) => name.toLowerCase()),
);
const GLOBAL_CONSTANTS = new Set(['true', 'false', 'emptystring']);
/** `$` globals whose members this check does not list (fields of the user, organization, …). */
const OPEN_GLOBALS = new Set(
  [
    '$Api',
    '$Client',
    '$Organization',
    '$Orchestration',
    '$Profile',
    '$System',
    '$User',
    '$UserRole',
  ].map((name) => name.toLowerCase()),
);

/** Replaces the contents of the given elements with spaces, keeping offsets and lines. */
function blankElements(text: string, tags: string[]): string {
  const pattern = new RegExp(`<(${tags.join('|')})>[\\s\\S]*?</\\1>`, 'g');
  return text.replace(pattern, (match) => match.replace(/[^\n]/g, ' '));
}

function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What the flow defines: nodes (connector targets) and every referenceable name. */
interface FlowDefinitions {
  nodes: Set<string>;
  resources: Set<string>;
  /** The start element's object (`$Record` is defined only then). */
  recordObject?: string;
  /** True when an update can trigger the flow (`$Record__Prior` is defined only then). */
  priorValues: boolean;
}

function definitionsOf(root: XmlValue): FlowDefinitions {
  const nodes = new Set<string>();
  const resources = new Set<string>();
  const addNested = (element: XmlValue, kind: string): void => {
    for (const part of NESTED_RESOURCES[kind] ?? []) {
      for (const child of childNodes(element, part)) {
        const name = textOf(child, 'name');
        if (name) resources.add(name.toLowerCase());
        addNested(child, part);
      }
    }
  };
  for (const kind of [...NODE_ELEMENTS, ...RESOURCE_ELEMENTS]) {
    for (const element of childNodes(root, kind)) {
      const name = textOf(element, 'name');
      if (!name) continue;
      resources.add(name.toLowerCase());
      if (NODE_ELEMENTS.includes(kind)) nodes.add(name.toLowerCase());
      // A collection filter or sort names its current item `currentItem_<element>`.
      if (kind === 'collectionProcessors') resources.add(`currentitem_${name.toLowerCase()}`);
      addNested(element, kind);
    }
  }
  const start = childNodes(root, 'start')[0];
  const recordObject = textOf(start, 'object');
  const triggerType = textOf(start, 'recordTriggerType');
  return {
    nodes,
    resources,
    recordObject,
    priorValues:
      recordObject !== undefined && (triggerType === 'Update' || triggerType === 'CreateAndUpdate'),
  };
}

interface Context {
  file: string;
  text: string;
  definitions: FlowDefinitions;
  components: ProjectComponents;
  index: SchemaIndex;
  findings: Finding[];
}

/** Why a reference does not resolve, or undefined when it does. */
function unresolvedReason(reference: string, context: Context): string | undefined {
  const segments = reference.split('.');
  const head = segments[0];
  const member = segments[1];
  const { definitions, components, index } = context;
  if (!head.startsWith('$')) {
    return definitions.resources.has(head.toLowerCase())
      ? undefined
      : `${head} is not a variable, constant, formula, text template, choice or element of this flow`;
  }
  switch (head.toLowerCase()) {
    case '$record':
      return definitions.recordObject
        ? undefined
        : '$Record exists only in a flow whose start element names an object';
    case '$record__prior':
      return definitions.priorValues
        ? undefined
        : '$Record__Prior exists only in a record-triggered flow that runs on update';
    case '$flow':
      return member && FLOW_MEMBERS.has(member.toLowerCase())
        ? undefined
        : `$Flow has no member ${member ?? '(none)'}`;
    case '$globalconstant':
      return member && GLOBAL_CONSTANTS.has(member.toLowerCase())
        ? undefined
        : `$GlobalConstant has no member ${member ?? '(none)'} (True, False, EmptyString)`;
    case '$label':
      if (!member) return '$Label needs a label name';
      return member.includes('__') || components.has('CustomLabel', member)
        ? undefined
        : `custom label ${member} does not exist in the project`;
    case '$permission':
      if (!member) return '$Permission needs a custom permission name';
      return member.includes('__') || components.has('CustomPermission', member)
        ? undefined
        : `custom permission ${member} does not exist in the project`;
    case '$setup':
    case '$custommetadata':
      if (!member) return `${head} needs an object name`;
      return index.hasObject(member) ? undefined : `${head}: object ${member} does not exist`;
    default:
      return OPEN_GLOBALS.has(head.toLowerCase()) ? undefined : `unknown global ${head}`;
  }
}

function report(context: Context, offset: number, rule: string, message: string): void {
  const line = lineAt(context.text, offset);
  const duplicate = context.findings.some(
    (finding) => finding.line === line && finding.message === message,
  );
  if (!duplicate) context.findings.push({ file: context.file, line, rule, message });
}

function checkConnectors(context: Context): void {
  const pattern = /<(targetReference|startElementReference)>([^<]*)<\/\1>/g;
  for (let match = pattern.exec(context.text); match; match = pattern.exec(context.text)) {
    const target = decodeXml(match[2].trim());
    if (context.definitions.nodes.has(target.toLowerCase())) continue;
    const what = context.definitions.resources.has(target.toLowerCase())
      ? 'is a resource, not an element a connector can lead to'
      : 'is not an element of this flow';
    report(
      context,
      match.index,
      'flow-connector-missing-target',
      `connector target ${target} ${what}`,
    );
  }
}

function checkReferences(context: Context): void {
  const scanned = blankElements(context.text, ['description']);
  const tags = new RegExp(`<(${REFERENCE_TAGS.join('|')})>([^<]*)</\\1>`, 'g');
  for (let match = tags.exec(scanned); match; match = tags.exec(scanned)) {
    const reference = decodeXml(match[2].trim());
    if (!/^\$?[A-Za-z]\w*(\.\w+)*$/.test(reference)) continue;
    const reason = unresolvedReason(reference, context);
    if (reason)
      report(
        context,
        match.index,
        'flow-undefined-reference',
        `<${match[1]}>${reference}: ${reason}`,
      );
  }
  const merge = /\{!\s*(\$?[A-Za-z]\w*(?:\.\w+)*)\s*\}/g;
  for (let match = merge.exec(scanned); match; match = merge.exec(scanned)) {
    const reason = unresolvedReason(match[1], context);
    if (reason)
      report(context, match.index, 'flow-undefined-reference', `{!${match[1]}}: ${reason}`);
  }
}

/** The findings of one flow file. */
export function checkFlow(
  file: string,
  text: string,
  components: ProjectComponents,
  index: SchemaIndex,
): Finding[] {
  let root: XmlValue | undefined;
  try {
    root = parseMetadataXml(text).Flow?.[0];
  } catch {
    // Malformed XML is the metadata check's finding.
    return [];
  }
  if (root === undefined || typeof root === 'string') return [];
  const context: Context = {
    file,
    text,
    definitions: definitionsOf(root),
    components,
    index,
    findings: [],
  };
  checkConnectors(context);
  checkReferences(context);
  return context.findings;
}

export const check: Check = {
  name: 'flow-structure',
  description:
    'Flow connectors lead to elements of the flow; every reference names a resource, element or global that exists',
  run({ projectDir }: CheckOptions): Promise<CheckResult> {
    const root = path.resolve(projectDir);
    const files = listSourceFiles(root);
    const components = new ProjectComponents(root, files);
    const index = SchemaIndex.ofProject(root, files);
    const flows = files.filter((file) => file.endsWith('.flow-meta.xml'));
    const findings = flows.flatMap((file) =>
      checkFlow(file, readFileSync(path.join(root, file), 'utf8'), components, index),
    );
    return Promise.resolve({
      name: 'flow-structure',
      findings,
      summary: `${flows.length} flows, ${findings.length} broken connectors or references`,
    });
  },
};
