/**
 * Check `lwc-contract`: what the platform checks between Lightning web components and the rest of
 * the package only at deploy or run time, checked statically:
 * - `@salesforce/apex` / `apexContinuation` imports resolve to an accessible static `@AuraEnabled`
 *   method (cacheable when wired); label, custom permission, static resource, content asset and
 *   message channel imports name metadata of the project (lib/lwc-import-rules.ts);
 * - every `<c-…>` element of a template is a component bundle of the project
 *   (lib/lwc-template-rules.ts);
 * - `.js-meta.xml` targets are documented names, targetConfigs name declared targets and `@api`
 *   properties, and a component placed on a Lightning page or opened by a quick action is exposed
 *   with the target, object and action type the placement needs (lib/lwc-meta-rules.ts);
 * - TypeScript interfaces tagged `@apex Class` match the Apex DTO they mirror (lib/dto-mirror.ts).
 * Jest tests mock `@salesforce/apex/…` modules by name and cannot see any of this.
 */
import path from 'node:path';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { buildApexModel } from './lib/apex-model';
import { dtoFindings, mirrorFiles } from './lib/dto-mirror';
import { readProjectComponents } from './lib/lwc-bundles';
import { importFindings } from './lib/lwc-import-rules';
import { metaFindings, placementFindings, readPlacements } from './lib/lwc-meta-rules';
import { templateFindings } from './lib/lwc-template-rules';
import { ProjectComponents } from './lib/project-components';
import { listSourceFiles, readSfdxProject } from './lib/project-files';

function byPlace(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule)
  );
}

export const check: Check = {
  name: 'lwc-contract',
  description:
    'LWC imports (Apex methods, labels, permissions, resources, channels), child components, .js-meta.xml targets and placements, and TypeScript mirrors of Apex DTOs match the package',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const files = listSourceFiles(projectDir);
    const namespace = (
      (readSfdxProject(projectDir) as { namespace?: string }).namespace ?? ''
    ).toLowerCase();
    const model = buildApexModel(projectDir, files);
    const components = readProjectComponents(projectDir, files);
    const names = new ProjectComponents(projectDir, files);
    const bundles = [...components.lwc.values()];
    const placements = readPlacements(projectDir, files, namespace);
    const mirrors = mirrorFiles(projectDir, bundles);
    const findings = [
      ...bundles.flatMap((bundle) => importFindings(bundle, { model, names, namespace })),
      ...bundles.flatMap((bundle) => templateFindings(projectDir, bundle, components)),
      ...bundles.flatMap((bundle) => metaFindings(bundle)),
      ...placementFindings(placements, components),
      ...dtoFindings(projectDir, mirrors, model),
    ].sort(byPlace);
    const imports = bundles.reduce(
      (sum, bundle) =>
        sum + bundle.modules.reduce((n, module) => n + module.source.imports.length, 0),
      0,
    );
    return Promise.resolve({
      name: 'lwc-contract',
      findings,
      summary: `${bundles.length} LWC bundles (${imports} imports), ${model.files.size} Apex classes, ${placements.length} placements, ${mirrors.length} DTO mirror files, ${findings.length} issues`,
    });
  },
};
