/**
 * What `npm run build:lwc` would write: compiles the project's LWC TypeScript in memory with the
 * same tsconfig (force-app/tsconfig.json) through the TypeScript compiler API, so the `.js` on
 * disk can be compared with what the current `.ts` compiles to. Nothing is written to disk.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface LwcBuild {
  /** Absolute path of each emitted `.js` → its text (LF line ends). */
  outputs: Map<string, string>;
  /** Absolute paths of the `.ts` files the tsconfig includes. */
  inputs: Set<string>;
  /** Config problems (unreadable or invalid tsconfig). */
  errors: string[];
}

function flatten(message: string | ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(message, '\n');
}

/** Compiles the sources `tsconfigPath` includes, in memory. */
export function buildLwcInMemory(tsconfigPath: string): LwcBuild {
  const build: LwcBuild = { outputs: new Map(), inputs: new Set(), errors: [] };
  if (!existsSync(tsconfigPath)) {
    build.errors.push(`${path.basename(tsconfigPath)} not found`);
    return build;
  }
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) =>
        build.errors.push(flatten(diagnostic.messageText)),
    },
  );
  if (!parsed) return build;
  for (const diagnostic of parsed.errors) build.errors.push(flatten(diagnostic.messageText));
  // Emit needs neither the default libraries nor imported modules: the project compiles with
  // isolatedModules, so each file's output depends on that file alone. Skipping them keeps
  // this fast; the type check proper is `npm run build:lwc` / `npm run typecheck`.
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noLib: true,
    noResolve: true,
    types: [],
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options });
  for (const file of parsed.fileNames) build.inputs.add(path.resolve(file));
  program.emit(undefined, (fileName, text) => {
    if (fileName.endsWith('.js'))
      build.outputs.set(path.resolve(fileName), text.replace(/\r\n/g, '\n'));
  });
  return build;
}
