/**
 * Proves the bypass permission policy (tools/checks/lib/permission-policy.ts) holds on the
 * project and fails on a planted breach, naming file, line and rule: in
 * tools/fixtures/permission-policy-broken the admin set grants the bypass permission, the
 * migration bypass set no longer enables it, and the org gate script assigns the bypass set to
 * the gate user. A set that lists the permission disabled is no breach; a bypass set that does
 * not exist and gate files without any assignment line are reported, not passed.
 */
import path from 'node:path';
import { BYPASS_POLICY, permissionPolicyFindings } from '../checks/lib/permission-policy';

const root = path.resolve(__dirname, '..', '..');
const broken = path.join(root, 'tools', 'fixtures', 'permission-policy-broken');
const sets = 'force-app/main/default/permissionsets';

describe('permission policy', () => {
  it('holds on the project: only the migration bypass set grants the bypass, the gate never assigns it', () => {
    expect(permissionPolicyFindings(root)).toEqual([]);
  });

  it('reports each planted breach with its file, line and rule, and nothing else', () => {
    expect(permissionPolicyFindings(broken)).toEqual([
      {
        file: `${sets}/Close_Won_Admin.permissionset-meta.xml`,
        line: 9,
        rule: 'bypass-permission-granted',
        message:
          'Close_Won_Admin grants Close_Won_Bypass_Automation; only Close_Won_Migration_Bypass may (a user holding it skips the close automation)',
      },
      {
        file: `${sets}/Close_Won_Migration_Bypass.permissionset-meta.xml`,
        line: 5,
        rule: 'bypass-set-not-granting',
        message:
          'Close_Won_Migration_Bypass does not enable Close_Won_Bypass_Automation: data migrations would run the close automation',
      },
      {
        file: 'scripts/org-gate.sh',
        line: 5,
        rule: 'bypass-set-assigned',
        message: expect.stringContaining(
          'assigns Close_Won_Migration_Bypass to the gate user',
        ) as string,
      },
    ]);
  });

  it('reports a bypass set that does not exist', () => {
    const findings = permissionPolicyFindings(broken, {
      ...BYPASS_POLICY,
      permissionSet: 'Close_Won_Data_Load',
    });
    expect(findings.filter((finding) => finding.rule === 'bypass-set-not-granting')).toEqual([
      {
        file: 'sfdx-project.json',
        rule: 'bypass-set-not-granting',
        message: expect.stringContaining('no permission set Close_Won_Data_Load') as string,
      },
    ]);
  });

  it('reports gate files with no assignment line instead of passing on nothing', () => {
    const findings = permissionPolicyFindings(broken, {
      ...BYPASS_POLICY,
      gateFiles: ['.github/workflows/org-gate.yml'],
    });
    expect(findings.filter((finding) => finding.rule === 'gate-assignment-not-found')).toEqual([
      {
        file: '.github/workflows/org-gate.yml',
        rule: 'gate-assignment-not-found',
        message: expect.stringContaining('has a permission-set assignment line') as string,
      },
    ]);
  });
});
