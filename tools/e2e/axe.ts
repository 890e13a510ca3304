/**
 * Runs axe-core in the page (it reaches into LWC's synthetic shadow, where the components' DOM
 * really is) and returns the violations of impact serious or critical, one line each.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

declare const axe: {
  run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }>;
};

export async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(
    () => typeof (window as { axe?: unknown }).axe !== 'undefined',
  );
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => JSON.stringify(node.target))
        .join(', ');
      return `${violation.impact} ${violation.id}: ${violation.help} at ${where}`;
    });
}
