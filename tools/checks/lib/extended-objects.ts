/**
 * Unknown fields on the standard objects a project extends, found with apex-ls.
 *
 * apex-ls checks `record.Field` against the platform's standard objects only while the project has
 * no folder for that object: once `objects/Opportunity/fields/…` exists it treats Opportunity as
 * open and `opp.Typo__c` passes (pmd/pmd#7002). So apex-ls runs a second time on a copy of the
 * project's Apex (classes, triggers and what Apex can name: custom objects, custom metadata,
 * platform events, labels, flows, pages) without the standard objects' folders. There it reports
 * every field the platform's object lacks; a field the project defines on that object (or a
 * relationship named after one, `Foo__r`, or a child relationship of a project lookup) is no
 * defect and is dropped, and so is every other message, whose meaning the missing folders change.
 * What remains is a field neither the platform nor the project has.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../types';
import { listSourceFiles, sourceRoots } from './project-files';
import { SchemaIndex } from './schema-index';

/** `…/objects/<Object>/…` → Object. */
function objectFolder(file: string): string | undefined {
  return /(?:^|\/)objects\/([^/]+)\//.exec(file)?.[1];
}

/** Custom objects, custom metadata types, platform events, … carry a `__` suffix; standard ones do not. */
function isStandardObjectName(name: string): boolean {
  return !name.includes('__');
}

/** Source files Apex can refer to, besides the standard objects' folders. */
function neededByApex(file: string): boolean {
  const object = objectFolder(file);
  if (object !== undefined) return !isStandardObjectName(object);
  return /\.(cls|trigger|page|component)(-meta\.xml)?$|\.(labels|flow)-meta\.xml$/.test(file);
}

/** The standard objects the project extends (has a folder for), by name. */
export function extendedStandardObjects(files: string[]): Set<string> {
  const objects = new Set<string>();
  for (const file of files) {
    const object = objectFolder(file);
    if (object !== undefined && isStandardObjectName(object)) objects.add(object);
  }
  return objects;
}

/** Copies what Apex needs, without the standard objects' folders, into a new temporary project. */
export function copyWithoutStandardObjects(projectDir: string, files: string[]): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'apex-ls-standard-'));
  copyFileSync(path.join(projectDir, 'sfdx-project.json'), path.join(copy, 'sfdx-project.json'));
  for (const root of sourceRoots(projectDir)) mkdirSync(path.join(copy, root), { recursive: true });
  for (const file of files.filter(neededByApex)) {
    mkdirSync(path.join(copy, path.dirname(file)), { recursive: true });
    copyFileSync(path.join(projectDir, file), path.join(copy, file));
  }
  try {
    copyFileSync(path.join(projectDir, '.forceignore'), path.join(copy, '.forceignore'));
  } catch {
    // No .forceignore: nothing is ignored, in the project as in the copy.
  }
  return copy;
}

const UNKNOWN_FIELD = /^Unknown field '([^']+)' on SObject '\[?Schema\.(\w+)(?: Records\])?'$/;

/**
 * Keeps the copy's findings that name an unknown field on an extended standard object which the
 * project does not define either (`index` knows the platform's and the project's fields).
 */
export function unknownExtendedFields(
  copyFindings: Finding[],
  extended: Set<string>,
  index: SchemaIndex,
): Finding[] {
  const checked = new Set([...extended].map((name) => name.toLowerCase()));
  // Activity fields are the fields of Task and Event.
  if (checked.has('activity')) ['task', 'event'].forEach((name) => checked.add(name));
  return copyFindings.flatMap((finding) => {
    const match = UNKNOWN_FIELD.exec(finding.message);
    if (!match || finding.rule !== 'unknown-field') return [];
    const [, field, object] = match;
    if (!checked.has(object.toLowerCase()) || index.field(object, field)) return [];
    return [
      {
        ...finding,
        message: `${finding.message}: neither the platform's ${object} nor the project's fields on it have '${field}'`,
      },
    ];
  });
}

/**
 * Runs `apexLs` on a copy of the project without its standard objects' folders and returns the
 * unknown fields on those objects; no run (and nothing found) when the project extends none.
 */
export async function findUnknownExtendedFields(
  projectDir: string,
  apexLs: (directory: string) => Promise<Finding[]>,
): Promise<Finding[]> {
  const files = listSourceFiles(projectDir);
  const extended = extendedStandardObjects(files);
  if (extended.size === 0) return [];
  const copy = copyWithoutStandardObjects(projectDir, files);
  try {
    const findings = await apexLs(copy);
    const index = SchemaIndex.ofProject(projectDir, files);
    return unknownExtendedFields(findings, extended, index);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
