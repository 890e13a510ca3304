/**
 * Guards the permission design the first org run depends on: the migration bypass
 * (`Close_Won_Bypass_Automation`) is granted by its own permission set and by no other, and the org
 * gate never assigns that set to the user that runs the Apex tests and `verify` — with it, the
 * trigger skips all automation for that user and about a quarter of the Apex tests fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listSourceFiles } from '../checks/lib/project-files';

const root = path.resolve(__dirname, '..', '..');
const BYPASS = 'Close_Won_Bypass_Automation';
const BYPASS_SET = 'Close_Won_Migration_Bypass';

function grantsOf(file: string): string[] {
  const xml = readFileSync(path.join(root, file), 'utf8');
  return [...xml.matchAll(/<customPermissions>([\s\S]*?)<\/customPermissions>/g)]
    .filter((block) => /<enabled>true<\/enabled>/.test(block[1]))
    .map((block) => /<name>([^<]+)<\/name>/.exec(block[1])?.[1] ?? '');
}

describe('permission policy', () => {
  const permissionSets = listSourceFiles(root).filter((file) =>
    file.endsWith('.permissionset-meta.xml'),
  );

  it('finds the package permission sets', () => {
    expect(permissionSets.map((file) => path.basename(file))).toContain(
      `${BYPASS_SET}.permissionset-meta.xml`,
    );
  });

  it('grants the bypass only through the migration bypass permission set', () => {
    const granting = permissionSets
      .filter((file) => grantsOf(file).includes(BYPASS))
      .map((file) => path.basename(file, '.permissionset-meta.xml'));
    expect(granting).toEqual([BYPASS_SET]);
  });

  it('never assigns the bypass set in the org gate script or workflow', () => {
    const assignments = ['scripts/org-gate.sh', '.github/workflows/org-gate.yml'].flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .filter((line) => /permset|perm-set-name|PERMISSION_SETS=/.test(line)),
    );
    expect(assignments.join('\n')).toMatch(/GATE_PERMISSION_SETS=\(/);
    for (const line of assignments) expect(line).not.toContain(BYPASS_SET);
  });
});
