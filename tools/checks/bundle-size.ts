/**
 * Check `bundle-size`: the compiled JavaScript of every LWC bundle stays within its budget.
 *
 * For each bundle (`…/lwc/<name>/` under the project's source roots) it sums the bytes of the
 * `.js` files the deploy ships: the compiled output of `npm run build:lwc` next to each `.ts`, and
 * any hand-written `.js`. Tests and mocks are not counted (they never deploy). A bundle over the
 * budget is a finding; so is a bundle with TypeScript sources and no compiled `.js` at all, which
 * would otherwise measure as zero. The summary prints the size of every component.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { listSourceFiles } from './lib/project-files';

/** The issue-4 budget: 30 KB of compiled JavaScript per component. */
export const BUNDLE_BUDGET_BYTES = 30 * 1024;

export interface BundleSize {
  /** The bundle folder, relative to the project (e.g. `force-app/main/x/lwc/closeWizard`). */
  folder: string;
  name: string;
  bytes: number;
  jsFiles: number;
  tsFiles: number;
}

const BUNDLE_FILE = /^(.*\/lwc\/([^/]+))\/(.+)$/;
const EXCLUDED = /(^|\/)(__tests__|__mocks__)\//;

/** Every LWC bundle under the project's source roots, with the bytes of its deployable `.js`. */
export function measureBundles(projectDir: string): BundleSize[] {
  const bundles = new Map<string, BundleSize>();
  for (const file of listSourceFiles(projectDir)) {
    const match = BUNDLE_FILE.exec(file);
    if (!match) continue;
    const [, folder, name, inner] = match;
    const bundle = bundles.get(folder) ?? { folder, name, bytes: 0, jsFiles: 0, tsFiles: 0 };
    bundles.set(folder, bundle);
    if (EXCLUDED.test(inner) || inner.endsWith('.test.js') || inner.endsWith('.test.ts')) continue;
    if (inner.endsWith('.js')) {
      bundle.bytes += statSync(path.join(projectDir, file)).size;
      bundle.jsFiles += 1;
    } else if (inner.endsWith('.ts') && !inner.endsWith('.d.ts')) {
      bundle.tsFiles += 1;
    }
  }
  return [...bundles.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export const check: Check = {
  name: 'bundle-size',
  description: `compiled JavaScript per LWC component at most ${kilobytes(BUNDLE_BUDGET_BYTES)}`,
  async run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const bundles = measureBundles(projectDir);
    const findings: Finding[] = [];
    for (const bundle of bundles) {
      if (bundle.jsFiles === 0 && bundle.tsFiles > 0) {
        findings.push({
          file: bundle.folder,
          rule: 'bundle-not-compiled',
          message: `${bundle.name} has TypeScript sources but no compiled .js to measure; run npm run build:lwc`,
        });
      } else if (bundle.bytes > BUNDLE_BUDGET_BYTES) {
        findings.push({
          file: bundle.folder,
          rule: 'bundle-over-budget',
          message: `${bundle.name} ships ${kilobytes(bundle.bytes)} of JavaScript, over the ${kilobytes(BUNDLE_BUDGET_BYTES)} budget (${bundle.bytes} bytes)`,
        });
      }
    }
    const sizes = bundles.map((bundle) => `${bundle.name} ${kilobytes(bundle.bytes)}`).join(', ');
    return {
      name: 'bundle-size',
      findings,
      summary: `${bundles.length} LWC bundles, compiled JS per component (budget ${kilobytes(BUNDLE_BUDGET_BYTES)}): ${sizes || 'none'}`,
    };
  },
};
