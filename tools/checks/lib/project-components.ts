/**
 * The named components a project defines, read from the file names of its package directories
 * (and, for custom labels, from the labels file): what one piece of metadata may name in another.
 * Names are kept lower-case, as the platform compares these API names case-insensitively.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMetadataXml, type XmlValue } from './xml-schema-validator';

export type ComponentType =
  | 'ApexClass'
  | 'ApexPage'
  | 'AuraDefinitionBundle'
  | 'CustomApplication'
  | 'CustomLabel'
  | 'CustomObject'
  | 'CustomPermission'
  | 'ContentAsset'
  | 'CustomTab'
  | 'Dashboard'
  | 'DashboardFolder'
  | 'EmailFolder'
  | 'EmailTemplate'
  | 'FlexiPage'
  | 'Flow'
  | 'GlobalValueSet'
  | 'LightningComponentBundle'
  | 'LightningMessageChannel'
  | 'QuickAction'
  | 'Report'
  | 'ReportFolder'
  | 'ReportType'
  | 'StaticResource';

/** File name pattern → component type; group 1 is the component's name. */
const FILE_PATTERNS: [RegExp, ComponentType][] = [
  [/(?:^|\/)classes\/(?:.*\/)?([^/]+)\.cls$/, 'ApexClass'],
  [/(?:^|\/)pages\/([^/]+)\.page$/, 'ApexPage'],
  [/(?:^|\/)aura\/([^/]+)\/\1\.(?:cmp|app|evt|intf|tokens)$/, 'AuraDefinitionBundle'],
  [/(?:^|\/)applications\/([^/]+)\.app-meta\.xml$/, 'CustomApplication'],
  [/(?:^|\/)objects\/([^/]+)\/\1\.object-meta\.xml$/, 'CustomObject'],
  [/(?:^|\/)([^/]+)\.customPermission-meta\.xml$/, 'CustomPermission'],
  [/(?:^|\/)([^/]+)\.tab-meta\.xml$/, 'CustomTab'],
  [/(?:^|\/)dashboards\/([^/]+\/[^/]+)\.dashboard-meta\.xml$/, 'Dashboard'],
  [/(?:^|\/)dashboards\/(?:.*\/)?([^/]+)\.dashboardFolder-meta\.xml$/, 'DashboardFolder'],
  [/(?:^|\/)email\/(?:.*\/)?([^/]+)\.emailFolder-meta\.xml$/, 'EmailFolder'],
  [/(?:^|\/)email\/([^/]+\/[^/]+)\.email-meta\.xml$/, 'EmailTemplate'],
  [/(?:^|\/)([^/]+)\.flow-meta\.xml$/, 'Flow'],
  [/(?:^|\/)([^/]+)\.globalValueSet-meta\.xml$/, 'GlobalValueSet'],
  [/(?:^|\/)lwc\/([^/]+)\/\1\.js-meta\.xml$/, 'LightningComponentBundle'],
  [/(?:^|\/)([^/]+)\.quickAction-meta\.xml$/, 'QuickAction'],
  [/(?:^|\/)reports\/([^/]+\/[^/]+)\.report-meta\.xml$/, 'Report'],
  [/(?:^|\/)reports\/(?:.*\/)?([^/]+)\.reportFolder-meta\.xml$/, 'ReportFolder'],
  [/(?:^|\/)([^/]+)\.reportType-meta\.xml$/, 'ReportType'],
  [/(?:^|\/)([^/]+)\.label-meta\.xml$/, 'CustomLabel'],
  [/(?:^|\/)([^/]+)\.flexipage-meta\.xml$/, 'FlexiPage'],
  [/(?:^|\/)([^/]+)\.resource-meta\.xml$/, 'StaticResource'],
  [/(?:^|\/)([^/]+)\.asset-meta\.xml$/, 'ContentAsset'],
  [/(?:^|\/)([^/]+)\.messageChannel-meta\.xml$/, 'LightningMessageChannel'],
];

/** Names of the project's components by type, and the file that defines each. */
export class ProjectComponents {
  private readonly names = new Map<ComponentType, Map<string, string>>();

  constructor(projectDir: string, files: string[]) {
    for (const file of files) {
      for (const [pattern, type] of FILE_PATTERNS) {
        const match = pattern.exec(file);
        if (match) this.add(type, match[1], file);
      }
      if (file.endsWith('.labels-meta.xml')) {
        for (const name of customLabelNames(readFileSync(path.join(projectDir, file), 'utf8')))
          this.add('CustomLabel', name, file);
      }
    }
  }

  has(type: ComponentType, name: string): boolean {
    return this.names.get(type)?.has(name.toLowerCase()) ?? false;
  }

  /** The project file defining the component, if the project defines it. */
  fileOf(type: ComponentType, name: string): string | undefined {
    return this.names.get(type)?.get(name.toLowerCase());
  }

  /** Every component of a type: lower-case name → file. */
  all(type: ComponentType): Map<string, string> {
    return this.names.get(type) ?? new Map<string, string>();
  }

  private add(type: ComponentType, name: string, file: string): void {
    let byName = this.names.get(type);
    if (!byName) {
      byName = new Map();
      this.names.set(type, byName);
    }
    if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), file);
  }
}

function customLabelNames(text: string): string[] {
  try {
    const root = parseMetadataXml(text).CustomLabels?.[0];
    if (!root || typeof root === 'string') return [];
    return (root.labels ?? []).flatMap((label: XmlValue) => {
      const name = typeof label === 'string' ? undefined : label.fullName?.[0];
      return typeof name === 'string' ? [name] : [];
    });
  } catch {
    // Malformed XML is the metadata check's finding; it defines no label here.
    return [];
  }
}
