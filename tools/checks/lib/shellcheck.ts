/**
 * Runs ShellCheck (Debian's `shellcheck` package; 0.9.0 on Debian 12) on shell scripts and on the
 * `run:` scripts of workflows, and returns its findings with their SCxxxx codes.
 *
 * ShellCheck is a native program, not an npm package: it is looked up on PATH (or at $SHELLCHECK).
 * .ci/run installs it from Debian when it is missing; GitHub's Ubuntu runners already have it.
 */
import { spawnSync } from 'node:child_process';

export interface ShellcheckComment {
  file: string;
  line: number;
  endLine: number;
  /** 1-based; a tab counts as one column in the json1 format. */
  column: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
}

export interface Shellcheck {
  command: string;
  version: string;
}

/**
 * Codes left out for workflow `run:` scripts only, where the placeholder for `${{ … }}` and
 * GitHub's `env:` make them wrong (the same set actionlint's native build leaves out):
 * SC1091 a sourced file that is not there to follow; SC2050 and SC2157 a comparison or `-z`/`-n`
 * test on a placeholder word, constant only after substitution; SC2154 a variable the step's or
 * job's `env:` defines; SC2194 a `case` on a placeholder word.
 */
export const RUN_STEP_EXCLUDED_CODES = ['SC1091', 'SC2050', 'SC2154', 'SC2157', 'SC2194'];

/** The shellcheck to run, with its version; null when none is installed. */
export function findShellcheck(env: NodeJS.ProcessEnv = process.env): Shellcheck | null {
  const command = env.SHELLCHECK || 'shellcheck';
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const version = /^version:\s*(\S+)/m.exec(probe.stdout)?.[1] ?? 'unknown';
  return { command, version };
}

function parse(stdout: string, stderr: string, status: number | null): ShellcheckComment[] {
  // Exit 0: clean; 1: findings. Anything else (bad option, unreadable file) is a failure to run.
  if (status !== 0 && status !== 1) {
    throw new Error(`shellcheck exited with ${String(status)}: ${stderr.trim() || stdout.trim()}`);
  }
  const report = JSON.parse(stdout) as { comments?: ShellcheckComment[] };
  return report.comments ?? [];
}

/** Checks script files (paths relative to `cwd`), following `source` the way the scripts do. */
export function shellcheckFiles(
  shellcheck: Shellcheck,
  files: string[],
  cwd: string,
): ShellcheckComment[] {
  if (files.length === 0) return [];
  const result = spawnSync(
    shellcheck.command,
    ['--norc', '--format=json1', '--external-sources', ...files],
    { cwd, encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  return parse(result.stdout, result.stderr, result.status);
}

/** Checks one script given as text, for the given shell (a workflow `run:` step). */
export function shellcheckScript(
  shellcheck: Shellcheck,
  script: string,
  dialect: 'bash' | 'sh',
  excludedCodes: string[] = RUN_STEP_EXCLUDED_CODES,
): ShellcheckComment[] {
  const args = ['--norc', '--format=json1', `--shell=${dialect}`];
  if (excludedCodes.length > 0) args.push(`--exclude=${excludedCodes.join(',')}`);
  const result = spawnSync(shellcheck.command, [...args, '-'], { input: script, encoding: 'utf8' });
  if (result.error) throw result.error;
  return parse(result.stdout, result.stderr, result.status);
}
