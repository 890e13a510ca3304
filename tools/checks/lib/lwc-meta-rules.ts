/**
 * `lwc-contract` rules on `.js-meta.xml` and on where components are placed:
 * - every `<target>` is a documented target name (lib/lwc-targets.ts);
 * - a `<targetConfig targets="…">` names only targets the bundle declares;
 * - a targetConfig `<property name="x">` is an `@api` member of the component (checked when the
 *   class extends LightningElement, so no inherited member is missed), and is not used on a
 *   target that takes no properties;
 * - a component placed on a Lightning page (FlexiPage `componentName` `c:x` or `x`) or opened by
 *   a quick action (`<lightningWebComponent>`) is exposed and declares the target the page type
 *   or action needs; on a record page limited to objects (`<objects>`) the page's object is one
 *   of them; a quick action's `actionSubtype` (ScreenAction, Action) matches the component's
 *   `actionType` (ScreenAction by default).
 * That the placed component exists at all is the `references` check's (`unknown-component`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../types';
import { lineAt, lineOf } from './project-files';
import type { LwcBundle, ProjectComponents } from './lwc-bundles';
import {
  TARGETS_WITHOUT_PROPERTIES,
  TARGET_OF_PAGE_TYPE,
  documentedSpelling,
  isDocumentedTarget,
} from './lwc-targets';
import { eachText, rootElementOf, textOf, type XmlValue } from './xml-schema-validator';

export function metaFindings(bundle: LwcBundle): Finding[] {
  const meta = bundle.meta;
  if (!meta) return [];
  const findings: Finding[] = [];
  const file = bundle.metaFile;
  const declared = new Set(meta.targets.map((target) => target.name));
  for (const target of meta.targets) {
    if (isDocumentedTarget(target.name)) continue;
    const spelling = documentedSpelling(target.name);
    findings.push({
      file,
      line: target.line,
      rule: 'unknown-target',
      message: spelling
        ? `target ${target.name} is not a target name; did you mean ${spelling}? (names are case-sensitive)`
        : `target ${target.name} is not a documented LWC target (see tools/checks/lib/lwc-targets.ts)`,
    });
  }
  const api = bundle.main?.source;
  for (const config of meta.targetConfigs) {
    for (const target of config.targets.filter((name) => !declared.has(name))) {
      findings.push({
        file,
        line: config.line,
        rule: 'target-config-undeclared-target',
        message: `targetConfig names ${target}, which <targets> does not declare`,
      });
    }
    for (const property of config.properties) {
      const without = config.targets.filter((name) => TARGETS_WITHOUT_PROPERTIES.has(name));
      if (without.length > 0) {
        findings.push({
          file,
          line: property.line,
          rule: 'target-config-property-unsupported',
          message: `property ${property.name}: ${without.join(', ')} takes no component properties`,
        });
      } else if (api?.apiComplete && !api.apiMembers.has(property.name)) {
        findings.push({
          file,
          line: property.line,
          rule: 'target-config-property-not-api',
          message: `property ${property.name} is not an @api property of ${bundle.name} (${bundle.main?.file ?? ''}); a builder could not set it`,
        });
      }
    }
  }
  return findings;
}

/** A component placed by a page or an action, and what that placement needs. */
export interface Placement {
  file: string;
  line?: number;
  component: string;
  /** E.g. `record page Opportunity_Close_Won_Record_Page`. */
  where: string;
  target?: string;
  /** Record pages: the page's object. */
  object?: string;
  /** Quick actions: ScreenAction or Action. */
  actionType?: string;
}

/** Where a component name is written in an XML file (tolerates line breaks inside the tag). */
function lineOfElement(source: string, element: string, value: string): number | undefined {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<${element}\\s*>\\s*${escaped}\\s*</${element}`).exec(source);
  return match ? lineAt(source, match.index) : lineOf(source, value);
}

/** The LWC placements made by FlexiPages and quick actions of the project. */
export function readPlacements(
  projectDir: string,
  files: string[],
  namespace: string,
): Placement[] {
  const placements: Placement[] = [];
  const ownName = (name: string): string | undefined => {
    const [prefix, rest] = name.includes(':') ? name.split(':') : ['c', name];
    return prefix === 'c' || prefix.toLowerCase() === namespace ? rest : undefined;
  };
  for (const file of files) {
    const isPage = file.endsWith('.flexipage-meta.xml');
    const isAction = file.endsWith('.quickAction-meta.xml');
    if (!isPage && !isAction) continue;
    const source = readFileSync(path.join(projectDir, file), 'utf8');
    let root: XmlValue;
    try {
      root = rootElementOf(source) ?? '';
    } catch {
      continue; // malformed XML is the metadata check's finding
    }
    if (isPage) {
      const pageType = textOf(root, 'type') ?? '';
      const page = path.posix.basename(file, '.flexipage-meta.xml');
      eachText(root, (element, value) => {
        if (element !== 'componentName') return;
        const component = ownName(value);
        if (!component) return;
        placements.push({
          file,
          line: lineOfElement(source, 'componentName', value),
          component,
          where: `FlexiPage ${page} (${pageType || 'no type'})`,
          target: TARGET_OF_PAGE_TYPE[pageType],
          object: pageType === 'RecordPage' ? textOf(root, 'sobjectType') : undefined,
        });
      });
    } else {
      const value = textOf(root, 'lightningWebComponent');
      const component = value ? ownName(value.replace(/^([A-Za-z]\w*)__/, '$1:')) : undefined;
      if (!value || !component) continue;
      const action = path.posix.basename(file, '.quickAction-meta.xml');
      const isGlobal = !action.includes('.');
      placements.push({
        file,
        line: lineOfElement(source, 'lightningWebComponent', value),
        component,
        where: `${isGlobal ? 'global' : 'record'} quick action ${action}`,
        target: isGlobal ? 'lightning__GlobalAction' : 'lightning__RecordAction',
        actionType: textOf(root, 'actionSubtype') ?? 'ScreenAction',
      });
    }
  }
  return placements;
}

/** Findings for placements of existing LWC bundles that the bundle's metadata does not allow. */
export function placementFindings(
  placements: Placement[],
  components: ProjectComponents,
): Finding[] {
  const findings: Finding[] = [];
  for (const placement of placements) {
    const bundle = components.lwc.get(placement.component);
    if (!bundle?.meta) continue; // unknown (or Aura) components are the references check's
    const meta = bundle.meta;
    const at = (rule: string, message: string): void => {
      findings.push({ file: placement.file, line: placement.line, rule, message });
    };
    if (!meta.isExposed) {
      at(
        'component-not-exposed',
        `${placement.where} uses ${bundle.name}, whose ${bundle.metaFile} does not set <isExposed>true</isExposed>`,
      );
      continue;
    }
    if (!placement.target) continue;
    if (!meta.targets.some((target) => target.name === placement.target)) {
      at(
        'component-missing-target',
        `${placement.where} uses ${bundle.name}, whose ${bundle.metaFile} does not declare the target ${placement.target}`,
      );
      continue;
    }
    const configs = meta.targetConfigs.filter((config) =>
      config.targets.includes(placement.target ?? ''),
    );
    const objects = configs.flatMap((config) => config.objects);
    if (placement.object && objects.length > 0) {
      const allowed = objects.some(
        (object) => object.toLowerCase() === placement.object?.toLowerCase(),
      );
      if (!allowed) {
        at(
          'component-object-not-supported',
          `${placement.where} (${placement.object}) uses ${bundle.name}, which ${bundle.metaFile} limits to ${objects.join(', ')}`,
        );
      }
    }
    if (placement.actionType) {
      const actionType = configs.find((config) => config.actionType)?.actionType ?? 'ScreenAction';
      if (actionType !== placement.actionType) {
        at(
          'quick-action-type-mismatch',
          `${placement.where} has actionSubtype ${placement.actionType}, but ${bundle.name} declares actionType ${actionType} (${bundle.metaFile}; ScreenAction when absent)`,
        );
      }
    }
  }
  return findings;
}
