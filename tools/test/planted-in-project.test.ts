/**
 * The gate on the real project, not only on fixtures: each case copies this project's package
 * directories, plants one realistic defect of a class the pre-deployment review found the gate
 * blind to (issue 9), runs the check that must catch it, and asserts a finding of the expected
 * rule on the planted file. The unmodified copy must pass every one of these checks, so each
 * finding is caused by the plant alone.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Check, Finding } from '../checks/types';
import { check as metadata } from '../checks/metadata';
import { check as limits } from '../checks/limits';
import { check as project } from '../checks/project';
import { check as apexFields } from '../checks/apex-fields';
import { check as apexLs } from '../checks/apex-ls';
import { check as lwcContract } from '../checks/lwc-contract';
import { check as metadataRefs } from '../checks/metadata-refs';
import { check as formulas } from '../checks/formulas';
import { check as flowStructure } from '../checks/flow-structure';

/** The checks by their gate name (Jest cannot load run-checks' file-URL imports). */
const CHECKS: Record<string, Check> = Object.fromEntries(
  [
    metadata,
    limits,
    project,
    apexFields,
    apexLs,
    lwcContract,
    metadataRefs,
    formulas,
    flowStructure,
  ].map((check) => [check.name, check]),
);

const root = path.resolve(__dirname, '..', '..');
/** What the checks read: sfdx-project.json, its package directories, config and shared types. */
const COPIED = ['sfdx-project.json', '.forceignore', 'config', 'force-app', 'unpackaged', 'types'];

interface Plant {
  /** The defect, as the review would describe it. */
  name: string;
  check: string;
  file: string;
  /** Exact text to replace (must occur in the file) and its replacement. */
  find: string;
  replace: string;
  rule: string;
}

const wizard = 'force-app/main/close-wizard/lwc';
const engine = 'force-app/main/close-engine';
const PLANTS: Plant[] = [
  {
    name: 'a FlowTest element of API 66.0 (testType) in a 65.0 project',
    check: 'metadata',
    file: 'force-app/main/handoff/flowtests/Close_Won_Lost_Review_Large_Deal.flowtest-meta.xml',
    find: '</flowApiName>',
    replace: '</flowApiName>\n  <testType>FlowTest</testType>',
    rule: 'xml-unknown-element',
  },
  {
    name: 'sourceApiVersion moved to 66.0 while the schema speaks 65.0',
    check: 'metadata',
    file: 'sfdx-project.json',
    find: '"sourceApiVersion": "65.0"',
    replace: '"sourceApiVersion": "66.0"',
    rule: 'schema-version-mismatch',
  },
  {
    name: 'a permission set description over 255 characters',
    check: 'limits',
    file: 'force-app/main/configuration/permissionsets/Close_Won_Rep.permissionset-meta.xml',
    find: 'no reopen, no bypass.</description>',
    replace: `no reopen, no bypass.${' Reps close deals.'.repeat(10)}</description>`,
    rule: 'value-too-long',
  },
  {
    name: 'an invented scratch-org feature',
    check: 'project',
    file: 'config/project-scratch-def.json',
    find: '"features": ["EnableSetPasswordInApi"',
    replace: '"features": ["EnableSetPasswordInApi", "OrderManagementPlus"',
    rule: 'project-invalid-value',
  },
  {
    name: 'a misspelt field in a dynamic SOQL string of a selector',
    check: 'apex-fields',
    file: `${engine}/classes/services/WonOpportunitySelector.cls`,
    find: "'Contract_Term_Months__c, Signed_Contract_Document_Id__c'",
    replace: "'Contract_Term_Month__c, Signed_Contract_Document_Id__c'",
    rule: 'unknown-field',
  },
  {
    name: 'a write to IsWon, which the platform computes',
    check: 'apex-fields',
    file: `${engine}/classes/trigger/OpportunityCloseStamper.cls`,
    find: 'record.Probability = stage.probability;',
    replace: 'record.Probability = stage.probability;\n    record.IsWon = true;',
    rule: 'read-only-field-write',
  },
  {
    name: 'an unknown field on Opportunity, a standard object the project extends',
    check: 'apex-ls',
    file: `${engine}/classes/trigger/OpportunityCloseStamper.cls`,
    find: 'record.Probability = stage.probability;',
    replace: 'record.Probabilty__c = stage.probability;',
    rule: 'unknown-field',
  },
  {
    name: 'an LWC importing an Apex method that does not exist',
    check: 'lwc-contract',
    file: `${wizard}/closeWizard/closeWizard.ts`,
    find: '@salesforce/apex/CloseOpportunityController.reopenOpportunity',
    replace: '@salesforce/apex/CloseOpportunityController.reopenDeal',
    rule: 'apex-import-unknown-method',
  },
  {
    name: 'a template using a component the project does not have',
    check: 'lwc-contract',
    file: `${wizard}/closeWizard/closeWizard.html`,
    find: '<c-close-summary context={context}></c-close-summary>',
    replace: '<c-close-summry context={context}></c-close-summry>',
    rule: 'unknown-child-component',
  },
  {
    name: 'the wizard type of a request property renamed away from its Apex DTO',
    check: 'lwc-contract',
    file: 'types/close-api.ts',
    find: '  opportunityId: string;\n  outcome: CloseOutcome;',
    replace: '  opportunityID: string;\n  outcome: CloseOutcome;',
    rule: 'dto-missing-property',
  },
  {
    name: 'a dashboard naming a report that does not exist',
    check: 'metadata-refs',
    file: 'force-app/main/reporting/dashboards/Close_Won_Dashboards/Close_Won_Overview.dashboard-meta.xml',
    find: '<report>Close_Won_Reports/Win_Rate_by_Owner</report>',
    replace: '<report>Close_Won_Reports/Win_Rate_By_Owners</report>',
    rule: 'dashboard-report-missing',
  },
  {
    name: 'field permissions on a master-detail field',
    check: 'metadata-refs',
    file: 'force-app/main/configuration/permissionsets/Close_Won_Admin.permissionset-meta.xml',
    find: '<fieldPermissions>',
    replace:
      '<fieldPermissions>\n    <editable>false</editable>\n    <field>Close_History__c.Opportunity__c</field>\n    <readable>true</readable>\n  </fieldPermissions>\n  <fieldPermissions>',
    rule: 'fls-on-required-field',
  },
  {
    name: 'a validation rule formula with an unbalanced parenthesis',
    check: 'formulas',
    file: 'force-app/main/handoff/objects/Survey_Request__c/validationRules/Score_Between_0_And_10.validationRule-meta.xml',
    find: '</errorConditionFormula>',
    replace: ')</errorConditionFormula>',
    rule: 'formula-syntax',
  },
  {
    name: 'a flow connector to an element that does not exist',
    check: 'flow-structure',
    file: 'force-app/main/handoff/flows/Close_Won_Lost_Review.flow-meta.xml',
    find: '<targetReference>Create_Win_Loss_Review_Task</targetReference>',
    replace: '<targetReference>Create_Win_Loss_Review_Tasks</targetReference>',
    rule: 'flow-connector-missing-target',
  },
  {
    name: 'an ancestor for the unlocked package (no namespace)',
    check: 'project',
    file: 'sfdx-project.json',
    find: '"versionNumber": "0.1.0.NEXT",',
    replace: '"versionNumber": "0.1.0.NEXT",\n      "ancestorVersion": "HIGHEST",',
    rule: 'project-ancestor-unlocked',
  },
  {
    name: 'the package name no longer matching its packageAliases key',
    check: 'project',
    file: 'sfdx-project.json',
    find: '"sourceApiVersion": "65.0"',
    replace:
      '"sourceApiVersion": "65.0",\n  "packageAliases": { "CloseWon": "0Ho000000000001AAA" }',
    rule: 'project-package-alias',
  },
];

function copyProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-planted-'));
  for (const entry of COPIED) {
    const from = path.join(root, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  return dir;
}

async function findingsOf(check: string, projectDir: string): Promise<Finding[]> {
  const known = CHECKS[check];
  if (!known) throw new Error(`no check named ${check}`);
  return (await known.run({ projectDir })).findings;
}

describe('defects planted in a copy of this project are caught', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('the unmodified copy passes every check these plants use', async () => {
    const dir = copyProject();
    made.push(dir);
    for (const check of [...new Set(PLANTS.map((plant) => plant.check))]) {
      expect({ check, findings: await findingsOf(check, dir) }).toEqual({ check, findings: [] });
    }
  }, 120_000);

  it.each(PLANTS.map((plant) => [plant.name, plant] as const))(
    '%s',
    async (_name, plant) => {
      const dir = copyProject();
      made.push(dir);
      const file = path.join(dir, plant.file);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(plant.find);
      writeFileSync(file, text.replace(plant.find, plant.replace));
      const findings = await findingsOf(plant.check, dir);
      expect(findings.map((finding) => `${finding.file} [${finding.rule}]`)).toContain(
        `${plant.file} [${plant.rule}]`,
      );
    },
    120_000,
  );
});
