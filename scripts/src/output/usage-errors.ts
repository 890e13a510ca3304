/**
 * Usage errors (an unknown flag, a missing value) of a commander program that has `--json`: with
 * `--json` they come out as one JSON document on stdout, like every other result, and never as
 * commander's text on stderr; without it, as commander prints them. Shared by the jsforce CLI
 * (cli.ts) and the org CLI (org-cli.ts), so that both say a bad flag the same way.
 */
import { Command, CommanderError } from 'commander';

/** Where a CLI writes. */
export interface UsageIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The `code` a usage error carries in JSON. */
export const INVALID_FLAG = 'INVALID_FLAG';

export interface UsageErrors {
  /** The program, with exitOverride and its output routed through the capture. */
  program: Command;
  /** True when the arguments asked for JSON (known before parsing, so parse errors are JSON too). */
  json: boolean;
  /**
   * The exit code for a commander error (0 after --help or --version, `usageExit` otherwise,
   * having written the JSON document when asked for); undefined for any other error.
   * @param extra fields added to the JSON document (e.g. `exitCode`)
   */
  exitFor(error: unknown, usageExit: number, extra?: Record<string, unknown>): number | undefined;
}

/** Sets up `program` so that its usage errors follow `--json` (see the module). */
export function captureUsageErrors(program: Command, argv: string[], io: UsageIo): UsageErrors {
  const json = argv.includes('--json');
  let parseError = '';
  program.exitOverride().configureOutput({
    writeOut: io.stdout,
    writeErr: (text) => {
      if (json) parseError += text;
      else io.stderr(text);
    },
    outputError: (text, write) => write(text),
  });
  return {
    program,
    json,
    exitFor(error, usageExit, extra = {}) {
      if (!(error instanceof CommanderError)) return undefined;
      if (error.exitCode === 0) return 0;
      if (json) {
        const message = (parseError || error.message).replace(/^error: /, '').trim();
        io.stdout(
          `${JSON.stringify({ status: 'error', ...extra, code: INVALID_FLAG, message }, null, 2)}\n`,
        );
      }
      return usageExit;
    },
  };
}
