/**
 * Runs the offline static checks (`npm run check`, or `npm run check -- <name> ...`).
 * Each check module under tools/checks exports `check: Check`. Exit code 1 when any check
 * reports a finding or fails to run.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatFinding, type Check } from './types';

/** Check name → module file (relative to this folder). Order: fast and fundamental first. */
export const CHECK_MODULES: Record<string, string> = {
  metadata: './metadata.ts',
  limits: './limits.ts',
  project: './project.ts',
  convert: './convert.ts',
  references: './references.ts',
  'flow-structure': './flow-structure.ts',
  'metadata-refs': './metadata-refs.ts',
  formulas: './formulas.ts',
  'lwc-contract': './lwc-contract.ts',
  'apex-ls': './apex-ls.ts',
  'apex-fields': './apex-fields.ts',
  pmd: './pmd.ts',
  flows: './flows.ts',
  'bundle-size': './bundle-size.ts',
  workflows: './workflows.ts',
};

export async function loadCheck(name: string): Promise<Check> {
  const file = CHECK_MODULES[name];
  if (!file) {
    throw new Error(`Unknown check "${name}". Known: ${Object.keys(CHECK_MODULES).join(', ')}`);
  }
  const mod = (await import(pathToFileURL(path.join(__dirname, file)).href)) as { check: Check };
  return mod.check;
}

export interface CheckOutcome {
  name: string;
  passed: boolean;
  lines: string[];
  seconds: number;
}

export async function runChecks(names: string[], projectDir: string): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const name of names) {
    const started = Date.now();
    const lines: string[] = [];
    let passed = false;
    try {
      const check = await loadCheck(name);
      const result = await check.run({ projectDir });
      passed = result.findings.length === 0;
      lines.push(...result.findings.map(formatFinding), result.summary);
    } catch (error) {
      lines.push(`check could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
    outcomes.push({ name, passed, lines, seconds: (Date.now() - started) / 1000 });
  }
  return outcomes;
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const names = requested.length > 0 ? requested : Object.keys(CHECK_MODULES);
  const projectDir = path.resolve(__dirname, '..', '..');
  const outcomes = await runChecks(names, projectDir);
  for (const outcome of outcomes) {
    const status = outcome.passed ? 'PASS' : 'FAIL';
    console.log(`${status} ${outcome.name} (${outcome.seconds.toFixed(1)} s)`);
    for (const line of outcome.lines) console.log(`  ${line}`);
  }
  const failed = outcomes.filter((o) => !o.passed).length;
  console.log(`checks: ${outcomes.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (require.main === module) {
  void main();
}
