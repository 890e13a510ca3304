/**
 * Lists the source files of an SFDX project that the checks read: everything under the package
 * directories its sfdx-project.json names (`packageDirectories[].path`, plus any
 * `unpackagedMetadata.path`), and nothing else — so fixture projects under tools/ are never scanned
 * when the real project is checked, and a project laid out otherwise (NebulaLogger's
 * `nebula-logger/core`, …) is scanned where its metadata really is.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of sfdx-project.json the checks read. */
export interface SfdxProject {
  packageDirectories?: { path: string; unpackagedMetadata?: { path: string } }[];
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

/**
 * The project's source roots, relative to `projectDir` with `/`: every package directory of
 * sfdx-project.json and every `unpackagedMetadata` path, deduplicated, without roots nested in
 * another root. Throws when sfdx-project.json is missing, is not JSON or names no directory — a
 * check must never pass because it found nothing to read.
 */
export function sourceRoots(projectDir: string): string[] {
  const project = readSfdxProject(projectDir);
  const named = new Set<string>();
  for (const directory of project.packageDirectories ?? []) {
    if (typeof directory.path === 'string') named.add(normalizeRoot(directory.path));
    const unpackaged = directory.unpackagedMetadata?.path;
    if (typeof unpackaged === 'string') named.add(normalizeRoot(unpackaged));
  }
  if (named.size === 0) {
    throw new Error(`${path.join(projectDir, 'sfdx-project.json')} names no packageDirectories`);
  }
  const roots = [...named].sort();
  return roots.filter(
    (root) => !roots.some((other) => other !== root && root.startsWith(`${other}/`)),
  );
}

function normalizeRoot(root: string): string {
  return path.posix.normalize(root.split(path.sep).join('/')).replace(/^\.\/|\/$/g, '');
}

/** Every file under the project's source roots, as paths relative to `projectDir` with `/`. */
export function listSourceFiles(projectDir: string): string[] {
  const files: string[] = [];
  for (const root of sourceRoots(projectDir)) {
    const full = path.join(projectDir, root);
    if (existsSync(full)) walk(full, files);
  }
  return [...new Set(files.map((file) => toProjectPath(projectDir, file)))].sort();
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
