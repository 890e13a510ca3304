/**
 * Where org:up, org:down and deploy find what they run and deploy, relative to the project root.
 * The package directory comes from sfdx-project.json (its default package directory); the two
 * unpackaged folders are this project's own layout, asserted by scripts/test/org-cli.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The project root: the nearest directory holding sfdx-project.json (npm run starts in it). */
export function findProjectRoot(start = process.cwd()): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'sfdx-project.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No sfdx-project.json above ${start}`);
    dir = parent;
  }
}

export const SCRATCH_DEFINITION_FILE = 'config/project-scratch-def.json';
/** The seed command's Seed_Key__c fields and the Close_Won_Seed permission set. */
export const SEED_FIELDS_DIR = 'unpackaged/main';
/** The Opportunity View override that makes the Close Won record page the org default. */
export const RECORD_PAGE_ACTIVATION_DIR = 'unpackaged/record-page';
export const RECORD_PAGE = 'Opportunity_Close_Won_Record_Page';
export const RECORD_PAGE_LABEL = 'Opportunity Close Won Record Page';

/** The package directory of sfdx-project.json (the default one, else the first with a package). */
export function packageDirectory(projectDir: string): string {
  const project = JSON.parse(readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories?: { path: string; default?: boolean; package?: string }[];
  };
  const dirs = project.packageDirectories ?? [];
  const chosen = dirs.find((d) => d.default) ?? dirs.find((d) => d.package) ?? dirs[0];
  if (!chosen) throw new Error('sfdx-project.json names no packageDirectories');
  return chosen.path.replace(/^\.\/|\/$/g, '');
}

/** The project's own Salesforce CLI (the @salesforce/cli devDependency). */
export function sfBinary(projectDir: string): string {
  return path.join(
    projectDir,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'sf.cmd' : 'sf',
  );
}
