/**
 * The building blocks the org commands share: build the LWC JavaScript, deploy source folders,
 * and turn a failed `sf` or `npm` command into a StepFailure whose message says what failed.
 */
import { redact } from '../errors.js';
import { StepFailure } from './steps.js';
import {
  display,
  failureText,
  parseJsonOutput,
  type Command,
  type CommandResult,
  type CommandRunner,
} from './runner.js';

export const BUILD_LWC: Command = { command: 'npm', args: ['run', '--silent', 'build:lwc'] };

/** Runs a command; throws a StepFailure naming it when it exits non-zero. */
export async function runOrFail(runner: CommandRunner, command: Command): Promise<CommandResult> {
  const result = await runner.run(command);
  if (result.code !== 0) {
    throw new StepFailure(`${display(command)} failed:\n${indent(describeFailure(result))}`);
  }
  return result;
}

/** `sf project deploy start` of the given folders, waiting up to 30 minutes. */
export function deployCommand(sourceDirs: string[], targetOrg: string): Command {
  return {
    command: 'sf',
    args: [
      'project',
      'deploy',
      'start',
      ...sourceDirs.flatMap((dir) => ['--source-dir', dir]),
      '--target-org',
      targetOrg,
      '--wait',
      '30',
      '--json',
    ],
  };
}

interface DeployFailureResult {
  details?: {
    componentFailures?: ComponentFailure | ComponentFailure[];
    runTestResult?: { failures?: TestFailure | TestFailure[] };
  };
}
interface ComponentFailure {
  componentType?: string;
  fullName?: string;
  fileName?: string;
  lineNumber?: number | string;
  problem?: string;
}
interface TestFailure {
  name?: string;
  methodName?: string;
  message?: string;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** sf's own message, plus the first component and test failures of a failed deploy. */
export function describeFailure(result: CommandResult): string {
  const json = parseJsonOutput(result.stdout);
  const deploy = json?.result as DeployFailureResult | undefined;
  const components = asArray(deploy?.details?.componentFailures).map((f) =>
    `${f.componentType ?? ''} ${f.fullName ?? f.fileName ?? ''}${f.lineNumber ? ` (line ${f.lineNumber})` : ''}: ${f.problem ?? ''}`.trim(),
  );
  const tests = asArray(deploy?.details?.runTestResult?.failures).map(
    (f) => `test ${f.name ?? ''}.${f.methodName ?? ''}: ${f.message ?? ''}`,
  );
  // `sf org assign permset` exits 1 (68 when some succeeded) with `result.failures`.
  const assignments = asArray(
    (json?.result as { failures?: { name?: string; message?: string }[] } | undefined)?.failures,
  ).map((f) => `${f.name ?? ''}: ${f.message ?? ''}`.replace(/^: /, ''));
  const lines = [...components, ...tests, ...assignments];
  const head = json?.message || json?.name ? failureText(result) : '';
  if (lines.length === 0) return head || failureText(result);
  const shown = lines.slice(0, 10);
  if (lines.length > 10) shown.push(`… and ${lines.length - 10} more`);
  return redact([head, ...shown].filter(Boolean).join('\n'));
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
