/**
 * The `run:` scripts of a GitHub Actions workflow, each with the shell GitHub runs it with and the
 * workflow line its first script line is on, ready for shellcheck.
 *
 * Shell, as GitHub picks it: the step's `shell`, else the job's `defaults.run.shell`, else the
 * workflow's `defaults.run.shell`, else bash (pwsh on a Windows runner). Only bash and sh scripts
 * are returned for shellcheck; other shells (pwsh, python, cmd) are counted, not checked.
 *
 * `${{ … }}` expressions are replaced by underscores of the same length before shellcheck sees the
 * script: GitHub substitutes them before the shell runs, so to the shell they are plain words.
 * Lines: a literal block (`run: |`) maps line for line onto the workflow; a folded (`>`) or
 * multi-line quoted scalar is mapped as if literal, so a finding's line can be off there (rare in
 * workflows; the message names the step).
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from 'yaml';

export type ShellDialect = 'bash' | 'sh';

export interface RunStep {
  /** `jobs.<job>` key. */
  job: string;
  /** The step's `name`, else its `id`, else `step <n>` (1-based). */
  step: string;
  /** The script as the shell gets it, expressions replaced by underscores. */
  script: string;
  /** Workflow line (1-based) of the script's first line. */
  firstLine: number;
  /** The shell for shellcheck, or null when the step runs another interpreter. */
  dialect: ShellDialect | null;
  /** The shell as written or defaulted, for messages (`bash`, `pwsh`, …). */
  shell: string;
  /**
   * True when GitHub runs the script with `-e` (exit on the first failing command): always for a
   * bare `bash` / `sh` or the default shell (`bash -e {0}`, `bash --noprofile --norc -eo pipefail
   * {0}`, `sh -e {0}`); for a custom command line, when it passes `-e` itself.
   */
  errexit: boolean;
}

/** Same-length placeholder for every `${{ … }}`; newlines inside an expression are kept. */
export function blankExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => expression.replace(/[^\n]/g, '_'));
}

/** Whether GitHub runs a script given this `shell:` value with `-e` (see RunStep.errexit). */
export function shellExitsOnError(shell: string): boolean {
  const [command, ...options] = shell.trim().split(/\s+/);
  if (options.length === 0) return shellDialect(command ?? '') !== null;
  return options.some((option) => /^-[a-z]*e[a-z]*$/.test(option));
}

/** bash / sh for a `shell:` value GitHub accepts (`bash`, `sh`, `bash -e {0}`…); null otherwise. */
export function shellDialect(shell: string): ShellDialect | null {
  const command = shell.trim().split(/\s+/)[0] ?? '';
  const name = command.split('/').pop() ?? '';
  if (name === 'bash') return 'bash';
  if (name === 'sh' || name === 'dash') return 'sh';
  return null;
}

function stringAt(map: unknown, ...keys: string[]): string | undefined {
  let node: unknown = map;
  for (const key of keys) {
    if (!isMap(node)) return undefined;
    node = node.get(key, true);
  }
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function runsOnWindows(job: YAMLMap): boolean {
  const runsOn = job.get('runs-on', true);
  const labels: unknown[] = isSeq(runsOn) ? runsOn.items : [runsOn];
  return labels.some(
    (label) => isScalar(label) && typeof label.value === 'string' && /windows/i.test(label.value),
  );
}

/** Where the `yaml` parser first fails on the text (1-based line, first line of its message). */
export function firstYamlError(source: string): { line: number; message: string } | null {
  const lineCounter = new LineCounter();
  const [error] = parseDocument(source, { lineCounter }).errors;
  if (!error) return null;
  const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
  return { line, message: (error.message.split('\n')[0] ?? '').replace(/:\s*$/, '') };
}

/**
 * Every `run:` step of every job. Returns [] when the YAML does not parse (actionlint reports the
 * syntax error with its line).
 */
export function extractRunSteps(source: string): RunStep[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter });
  if (document.errors.length > 0) return [];
  const root = document.contents;
  if (!isMap(root)) return [];
  const workflowShell = stringAt(root, 'defaults', 'run', 'shell');
  const jobs = root.get('jobs', true);
  if (!isMap(jobs)) return [];

  const steps: RunStep[] = [];
  for (const pair of jobs.items) {
    const jobName = isScalar(pair.key) ? String(pair.key.value) : '?';
    const job = pair.value;
    if (!isMap(job)) continue;
    const jobShell = stringAt(job, 'defaults', 'run', 'shell');
    const jobSteps = job.get('steps', true);
    if (!isSeq(jobSteps)) continue;
    jobSteps.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const run = item.get('run', true);
      if (!isScalar(run) || typeof run.value !== 'string' || !run.range) return;
      const shell =
        stringAt(item, 'shell') ??
        jobShell ??
        workflowShell ??
        (runsOnWindows(job) ? 'pwsh' : 'bash');
      const label = stringAt(item, 'name') ?? stringAt(item, 'id') ?? `step ${index + 1}`;
      steps.push({
        job: jobName,
        step: label,
        script: blankExpressions(run.value),
        firstLine: scriptFirstLine(run, lineCounter),
        dialect: shell.includes('${{') ? null : shellDialect(shell),
        shell,
        errexit: shellExitsOnError(shell),
      });
    });
  }
  return steps;
}

/** A block scalar's text starts on the line after its `|` / `>` header; any other on its own. */
function scriptFirstLine(run: Scalar, lineCounter: LineCounter): number {
  const [start] = run.range ?? [0];
  const headerLine = lineCounter.linePos(start).line;
  const isBlock = run.type === 'BLOCK_LITERAL' || run.type === 'BLOCK_FOLDED';
  return isBlock ? headerLine + 1 : headerLine;
}
