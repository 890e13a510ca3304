/**
 * What the org commands need from the outside world, injected so tests can run them without a
 * Salesforce org: output streams, the command runner, the CLI's auth state and the project root.
 */
import type { CommandRunner } from './runner.js';
import type { OrgState } from './org-state.js';
import type { StepClock } from './steps.js';

export interface OrgCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** One progress line (stderr, so that --json keeps stdout for its one document). */
  progress: (line: string) => void;
  runner: CommandRunner;
  state: OrgState;
  projectDir: string;
  clock?: StepClock;
  /**
   * Reports an error before any step ran and returns its exit code: with --json one document
   * `{ status: 'error', code, message, … }` on stdout, otherwise the message on stderr.
   */
  fail: (json: boolean, exitCode: number, error: CommandError) => number;
}

export interface CommandError {
  command: string;
  code: string;
  message: string;
  howTo?: string[];
}

/** The `fail` of OrgCommandIo, writing to the given streams. */
export function failWith(
  stdout: (text: string) => void,
  stderr: (text: string) => void,
): OrgCommandIo['fail'] {
  return (json, exitCode, error) => {
    if (json) {
      stdout(`${JSON.stringify({ status: 'error', exitCode, ...error }, null, 2)}\n`);
    } else {
      stderr(
        `${error.command}: ${error.message}\n${error.howTo ? `\n${error.howTo.join('\n')}\n` : ''}`,
      );
    }
    return exitCode;
  };
}
