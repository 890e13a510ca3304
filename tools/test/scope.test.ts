/**
 * Proves every file-reading check scans the package directories that sfdx-project.json names —
 * not a hard-coded `force-app/` — so a project laid out otherwise (NebulaLogger keeps its source
 * under `nebula-logger/core/`) is checked, not silently passed: a planted defect moved under
 * another package directory is still reported, and a project that names no package directory is
 * an error rather than an empty pass.
 */
import { cpSync, mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check as metadataCheck } from '../checks/metadata';
import { check as referencesCheck } from '../checks/references';
import { check as flowsCheck } from '../checks/flows';
import { listSourceFiles, sourceRoots } from '../checks/lib/project-files';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

/** Copies a fixture and moves its force-app/ to `packages/core/`, named in sfdx-project.json. */
function relocated(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-scope-'));
  cpSync(path.join(fixtures, fixture), dir, { recursive: true });
  mkdirSync(path.join(dir, 'packages'));
  renameSync(path.join(dir, 'force-app'), path.join(dir, 'packages', 'core'));
  writeFileSync(
    path.join(dir, 'sfdx-project.json'),
    JSON.stringify({
      packageDirectories: [{ path: 'packages/core', default: true }],
      sourceApiVersion: '65.0',
    }),
  );
  return dir;
}

describe('check scope follows sfdx-project.json', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('reads every package directory and unpackagedMetadata path, nested roots once', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-scope-'));
    made.push(dir);
    writeFileSync(
      path.join(dir, 'sfdx-project.json'),
      JSON.stringify({
        packageDirectories: [
          { path: 'src/app', unpackagedMetadata: { path: 'src/unpackaged' } },
          { path: './src/app/nested/' },
          { path: 'src/unpackaged' },
        ],
      }),
    );
    expect(sourceRoots(dir)).toEqual(['src/app', 'src/unpackaged']);
  });

  it('refuses a project that names no package directory instead of passing on nothing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-scope-'));
    made.push(dir);
    writeFileSync(path.join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [] }));
    expect(() => listSourceFiles(dir)).toThrow(/names no packageDirectories/);
  });

  it('reports an unknown field under packages/core/', async () => {
    const dir = relocated('ref-unknown');
    made.push(dir);
    const { findings } = await referencesCheck.run({ projectDir: dir });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.file.startsWith('packages/core/'))).toBe(true);
  });

  it('reports invalid metadata under packages/core/', async () => {
    const dir = relocated('meta-invalid');
    made.push(dir);
    const { findings } = await metadataCheck.run({ projectDir: dir });
    expect(findings.map((finding) => finding.file)).toContainEqual(
      expect.stringMatching(/^packages\/core\//),
    );
  });

  it('scans flows under packages/core/', async () => {
    const dir = relocated('flow-broken');
    made.push(dir);
    const { findings } = await flowsCheck.run({ projectDir: dir });
    expect(findings.map((finding) => finding.file)).toContainEqual(
      expect.stringMatching(/^packages\/core\/.*\.flow-meta\.xml$/),
    );
  });
});
