/**
 * Runs the commands org:up, org:down and deploy are made of: the project's own `sf`
 * (node_modules/.bin/sf) and `npm run` scripts. A runner is injected so that tests can record the
 * sequence of commands and make any of them fail, without a Salesforce org.
 *
 * `sf` always runs with --json (one JSON document on stdout, also on failure), so its answers are
 * parsed, never scraped, and nothing it prints (tokens included) reaches our output unfiltered.
 */
import { spawn } from 'node:child_process';
import { redact } from '../errors.js';
import { sfBinary } from './paths.js';

/** A command as the steps name it: `sf` or `npm`, and its arguments. */
export interface Command {
  command: 'sf' | 'npm';
  args: string[];
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandRunner {
  run(command: Command): Promise<CommandResult>;
}

/** The way a command is shown to a person (progress lines, failure messages, docs). */
export function display(command: Command): string {
  const program = command.command === 'sf' ? 'sf' : 'npm';
  return [program, ...command.args.map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a))].join(
    ' ',
  );
}

/** Spawns commands in the project directory; `sf` is the project's own binary. */
export function spawnRunner(
  projectDir: string,
  env: NodeJS.ProcessEnv = process.env,
): CommandRunner {
  return {
    run: (command) =>
      new Promise((resolve) => {
        const [program, args] = resolveProgram(projectDir, command, env);
        const windows = process.platform === 'win32';
        // On Windows node_modules/.bin/sf is a .cmd, which needs a shell: quote what has spaces.
        const child = spawn(program, windows ? args.map(quoteForCmd) : args, {
          cwd: projectDir,
          env: { ...env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' },
          stdio: ['ignore', 'pipe', 'pipe'],
          shell: windows,
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', (error) =>
          resolve({ code: 127, stdout, stderr: `${stderr}${error.message}\n` }),
        );
        child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      }),
  };
}

function quoteForCmd(arg: string): string {
  return /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg;
}

function resolveProgram(
  projectDir: string,
  command: Command,
  env: NodeJS.ProcessEnv,
): [string, string[]] {
  if (command.command === 'sf') return [sfBinary(projectDir), command.args];
  // Under `npm run`, npm_execpath is npm's own CLI script: run it with this Node (the Node 22 the
  // project needs), not whichever `npm` comes first on PATH.
  const npmCli = env.npm_execpath;
  if (npmCli && /\.(c|m)?js$/.test(npmCli)) return [process.execPath, [npmCli, ...command.args]];
  return ['npm', command.args];
}

/** The JSON document `sf --json` prints: `result` on success, `name` and `message` on failure. */
export interface SfJson {
  status?: number;
  result?: unknown;
  name?: string;
  message?: string;
  warnings?: unknown[];
}

/** The last JSON document in a command's stdout, or undefined. */
export function parseJsonOutput(stdout: string): SfJson | undefined {
  const text = stdout.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as SfJson;
  } catch {
    const start = text.lastIndexOf('\n{');
    if (start < 0) return undefined;
    try {
      return JSON.parse(text.slice(start + 1)) as SfJson;
    } catch {
      return undefined;
    }
  }
}

/** What went wrong, in a few lines a person can act on (tokens redacted). */
export function failureText(result: CommandResult): string {
  const json = parseJsonOutput(result.stdout);
  if (json && (json.message || json.name)) {
    const name = json.name && json.name !== 'Error' ? `${json.name}: ` : '';
    return redact(`${name}${json.message ?? ''}`.trim());
  }
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  return redact(lines.slice(-15).join('\n') || `exit code ${result.code}`);
}
