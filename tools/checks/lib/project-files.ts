/**
 * Lists the source files of an SFDX project that the metadata checks read: everything under
 * `force-app/` and `unpackaged/` of the project they are given, and nothing else (so fixture
 * projects under tools/ are never scanned when the real project is checked).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package directories the checks scan, relative to the project directory. */
export const SOURCE_ROOTS = ['force-app', 'unpackaged'];

/** The parts of sfdx-project.json the checks read. */
export interface SfdxProject {
  packageDirectories?: { path: string }[];
  sourceApiVersion?: string;
}

/** Parses the project's sfdx-project.json; throws when it is missing or not JSON. */
export function readSfdxProject(projectDir: string): SfdxProject {
  return JSON.parse(
    readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'),
  ) as SfdxProject;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.sfdx', '.sf', '.localdevserver']);

function walk(directory: string, into: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, into);
    } else if (entry.isFile()) {
      into.push(full);
    }
  }
}

/** Every file under `directory`, as paths relative to it with `/`. */
export function listFiles(directory: string): string[] {
  const files: string[] = [];
  walk(directory, files);
  return files.map((file) => toProjectPath(directory, file));
}

/** Every file under the project's source roots, as paths relative to `projectDir` with `/`. */
export function listSourceFiles(projectDir: string): string[] {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS) {
    const full = path.join(projectDir, root);
    if (existsSync(full)) walk(full, files);
  }
  return files.map((file) => toProjectPath(projectDir, file)).sort();
}

/** A path relative to the project directory, with forward slashes (as findings report it). */
export function toProjectPath(projectDir: string, file: string): string {
  return path.relative(projectDir, file).split(path.sep).join('/');
}

/** 1-based line of the first occurrence of `needle` in `text` at or after `from`, if present. */
export function lineOf(text: string, needle: string, from = 0): number | undefined {
  const index = text.indexOf(needle, from);
  return index < 0 ? undefined : lineAt(text, index);
}

/** 1-based line of the character at `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
