/**
 * The bypass permission policy the first org run depends on: the custom permission that makes the
 * close automation skip a user (`Close_Won_Bypass_Automation`) is granted by its own permission
 * set (`Close_Won_Migration_Bypass`) and by no other, and the org gate never assigns that set to
 * the user that runs the Apex tests and `verify` — with it, the trigger skips all automation for
 * that user and about a quarter of the Apex tests fail.
 *
 * Rules:
 * - `bypass-permission-granted`: another permission set enables the bypass permission;
 * - `bypass-set-not-granting`: the bypass set is missing or does not enable the permission (data
 *   migrations would then run the automation);
 * - `bypass-set-assigned`: a permission-set assignment line of a gate file names the bypass set;
 * - `gate-assignment-not-found`: no gate file has an assignment line, so the rule above read
 *   nothing (a renamed variable or command must not make the policy pass silently).
 *
 * Permission sets are found in the package directories of sfdx-project.json; the gate files are
 * read by their project-relative paths.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../types';
import { lineAt, listSourceFiles } from './project-files';

export interface PermissionPolicy {
  /** The custom permission that bypasses the automation. */
  permission: string;
  /** The one permission set allowed to grant it. */
  permissionSet: string;
  /** Scripts and workflows that assign permission sets to the gate user (project-relative). */
  gateFiles: string[];
}

export const BYPASS_POLICY: PermissionPolicy = {
  permission: 'Close_Won_Bypass_Automation',
  permissionSet: 'Close_Won_Migration_Bypass',
  gateFiles: [
    'scripts/org-gate.sh',
    '.github/workflows/gates.yml',
    '.github/workflows/release.yml',
  ],
};

const PERMISSION_SET_SUFFIX = '.permissionset-meta.xml';
/** A line that assigns permission sets: the sf command, the action input or the gate's list. */
const ASSIGNMENT_LINE = /permset|perm-set-name|PERMISSION_SETS=/;

/** The line of `<name>permission</name>` in a `<customPermissions>` block that enables it. */
function enablingLine(text: string, permission: string): number | undefined {
  for (const block of text.matchAll(/<customPermissions>([\s\S]*?)<\/customPermissions>/g)) {
    const body = block[1];
    const name = /<name>\s*([^<]+?)\s*<\/name>/.exec(body);
    if (name?.[1] !== permission || !/<enabled>\s*true\s*<\/enabled>/.test(body)) continue;
    return lineAt(text, block.index + '<customPermissions>'.length + name.index);
  }
  return undefined;
}

function permissionSetFindings(projectDir: string, policy: PermissionPolicy): Finding[] {
  const findings: Finding[] = [];
  const sets = listSourceFiles(projectDir).filter((file) => file.endsWith(PERMISSION_SET_SUFFIX));
  const bypassSet = sets.find(
    (file) => path.posix.basename(file, PERMISSION_SET_SUFFIX) === policy.permissionSet,
  );
  for (const file of sets) {
    if (file === bypassSet) continue;
    const line = enablingLine(readFileSync(path.join(projectDir, file), 'utf8'), policy.permission);
    if (line !== undefined) {
      findings.push({
        file,
        line,
        rule: 'bypass-permission-granted',
        message: `${path.posix.basename(file, PERMISSION_SET_SUFFIX)} grants ${policy.permission}; only ${policy.permissionSet} may (a user holding it skips the close automation)`,
      });
    }
  }
  if (bypassSet === undefined) {
    findings.push({
      file: 'sfdx-project.json',
      rule: 'bypass-set-not-granting',
      message: `no permission set ${policy.permissionSet} in the package directories: data migrations have no way to bypass the close automation`,
    });
  } else {
    const text = readFileSync(path.join(projectDir, bypassSet), 'utf8');
    if (enablingLine(text, policy.permission) === undefined) {
      const mentioned = text.indexOf(`<name>${policy.permission}</name>`);
      findings.push({
        file: bypassSet,
        line: mentioned >= 0 ? lineAt(text, mentioned) : undefined,
        rule: 'bypass-set-not-granting',
        message: `${policy.permissionSet} does not enable ${policy.permission}: data migrations would run the close automation`,
      });
    }
  }
  return findings;
}

function gateFindings(projectDir: string, policy: PermissionPolicy): Finding[] {
  const findings: Finding[] = [];
  let assignmentLines = 0;
  for (const file of policy.gateFiles) {
    const absolute = path.join(projectDir, file);
    if (!existsSync(absolute)) continue;
    readFileSync(absolute, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (!ASSIGNMENT_LINE.test(text)) return;
        assignmentLines += 1;
        if (text.includes(policy.permissionSet)) {
          findings.push({
            file,
            line: index + 1,
            rule: 'bypass-set-assigned',
            message: `assigns ${policy.permissionSet} to the gate user: the trigger would skip all close automation for the user that runs the Apex tests and verify`,
          });
        }
      });
  }
  if (assignmentLines === 0) {
    findings.push({
      file: policy.gateFiles[0] ?? 'sfdx-project.json',
      rule: 'gate-assignment-not-found',
      message: `none of ${policy.gateFiles.join(', ')} has a permission-set assignment line (${ASSIGNMENT_LINE.source}), so the gate's assignments were not checked`,
    });
  }
  return findings;
}

/** Every violation of the policy in the project at `projectDir`. */
export function permissionPolicyFindings(
  projectDir: string,
  policy: PermissionPolicy = BYPASS_POLICY,
): Finding[] {
  return [...permissionSetFindings(projectDir, policy), ...gateFindings(projectDir, policy)];
}
