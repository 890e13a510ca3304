/**
 * Proves the packaging rules of the `project` check (what `sf package version create` rejects and
 * the JSON schema lets through), naming file, line and rule of each planted defect in
 * tools/fixtures/project-packaging-broken: an ancestorVersion and an ancestorId in a project
 * without a namespace (an unlocked package), an unpackagedMetadata path that does not exist and
 * one inside the package's own path, package names that are no key of packageAliases, and an
 * alias naming a version (04t) instead of the package (0Ho). Passes on an unlocked package as
 * `sf package create` leaves it (project-packaging-clean) and on a namespaced (managed) package
 * with `ancestorVersion: HIGHEST` (project-packaging-managed).
 */
import path from 'node:path';
import { check } from '../checks/project';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

async function findingsOf(fixture: string): Promise<Finding[]> {
  return (await check.run({ projectDir: path.join(fixtures, fixture) })).findings;
}

describe('project check: packaging rules', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await findingsOf('project-packaging-broken');
  });

  it.each([
    [
      9,
      'project-ancestor-unlocked',
      'packageDirectories[0].ancestorVersion: a project without a namespace builds an unlocked package',
    ],
    [
      20,
      'project-ancestor-unlocked',
      'packageDirectories[1].ancestorId: a project without a namespace builds an unlocked package',
    ],
    [
      11,
      'project-unpackaged-metadata',
      'packageDirectories[0].unpackagedMetadata.path "seed-data" is not a directory',
    ],
    [
      22,
      'project-unpackaged-metadata',
      'packageDirectories[1].unpackagedMetadata.path "extras/test-only" overlaps the package\'s own path "extras"',
    ],
    [
      6,
      'project-package-alias',
      'packageDirectories[0].package "Close Won" is not a key of packageAliases ("CloseWon", "Close Won Extras")',
    ],
    [
      28,
      'project-package-alias',
      'packageDirectories[2].package "Close Won Reports" is not a key of packageAliases',
    ],
    [
      38,
      'project-package-alias',
      'packageAliases["Close Won Extras"] is "04t000000000002AAA", not a package id (0Ho…)',
    ],
  ])('reports sfdx-project.json:%d %s', (line, rule, message) => {
    expect(findings).toContainEqual({
      file: 'sfdx-project.json',
      line,
      rule,
      message: expect.stringContaining(message),
    });
  });

  it('reports nothing else (the schema accepts every planted defect)', () => {
    expect(findings).toHaveLength(7);
  });

  it('passes on an unlocked package as sf package create leaves it (alias, unpackaged directory, definition file)', async () => {
    expect(await findingsOf('project-packaging-clean')).toEqual([]);
  });

  it('passes on a namespaced (managed) package with ancestorVersion HIGHEST', async () => {
    expect(await findingsOf('project-packaging-managed')).toEqual([]);
  });
});
