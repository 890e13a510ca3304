/**
 * Proves the `limits` check reports each documented maximum the planted fixture exceeds (by one
 * character or one unit, so the boundary is exact), naming file, line and rule; passes values at
 * the limit (entities count as one character); every limit in the table names its source; and the
 * check passes on a clean project.
 */
import path from 'node:path';
import { check } from '../checks/limits';
import { METADATA_LIMITS } from '../checks/lib/metadata-limits';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const base = 'force-app/main/default/';

async function findingsOf(fixture: string): Promise<Finding[]> {
  return (await check.run({ projectDir: path.join(fixtures, fixture) })).findings;
}

describe('limits check', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await findingsOf('limits-broken');
  });

  const where = (finding: Finding): string => `${finding.file}:${finding.line} ${finding.rule}`;

  it.each([
    [
      'permissionsets/Won_Deal_Editor.permissionset-meta.xml:3',
      'value-too-long',
      'PermissionSet <description> has 256 characters; the maximum is 255',
    ],
    [
      'permissionsets/Won_Deal_Editor.permissionset-meta.xml:5',
      'value-too-long',
      'PermissionSet <label> has 81 characters; the maximum is 80',
    ],
    [
      'customPermissions/Reopen_Won_Deals.customPermission-meta.xml:3',
      'value-too-long',
      'CustomPermission <description> has 300 characters; the maximum is 255',
    ],
    [
      'dashboards/Won_Deals/Won_Overview.dashboard-meta.xml:6',
      'value-too-long',
      'Dashboard <description> has 256 characters; the maximum is 255',
    ],
    [
      'reports/Won_Deals/Won_By_Owner.report-meta.xml:3',
      'value-too-long',
      'Report <description> has 256 characters; the maximum is 255',
    ],
    [
      'labels/CustomLabels.labels-meta.xml:15',
      'value-too-long',
      'CustomLabels <labels/value> has 1001 characters; the maximum is 1000',
    ],
    [
      'objects/Survey__c/validationRules/Score_Required.validationRule-meta.xml:6',
      'value-too-long',
      'ValidationRule <errorMessage> has 256 characters; the maximum is 255',
    ],
    [
      'objects/Survey__c/fields/Has_Comment__c.field-meta.xml:4',
      'value-too-long',
      'CustomField <formula> has 3901 characters; the maximum is 3900',
    ],
    [
      'objects/Survey__c/fields/Has_Comment__c.field-meta.xml:5',
      'value-too-long',
      'CustomField <label> has 41 characters; the maximum is 40',
    ],
    [
      'objects/Survey__c/fields/Comment__c.field-meta.xml:5',
      'value-out-of-range',
      'CustomField <length> is 256; allowed for type Text: 1 to 255',
    ],
    [
      'objects/Survey__c/fields/Notes__c.field-meta.xml:5',
      'value-out-of-range',
      'CustomField <length> is 131073; allowed for type LongTextArea: 1 to 131072',
    ],
    [
      'objects/Survey__c/fields/Notes__c.field-meta.xml:7',
      'value-out-of-range',
      'CustomField <visibleLines> is 51; allowed for type LongTextArea: 2 to 50',
    ],
    [
      'objects/Survey__c/fields/Score__c.field-meta.xml:5',
      'value-out-of-range',
      'CustomField <precision> is 19; allowed for type Number: 1 to 18',
    ],
    [
      'objects/Survey__c/fields/Weight__c.field-meta.xml:6',
      'value-out-of-range',
      'CustomField <scale> is 6, more than <precision> 5',
    ],
    [
      'objects/Survey__c/fields/Customer_Satisfaction_Score_After_Handoffs__c.field-meta.xml:2',
      'api-name-too-long',
      'CustomField API name Customer_Satisfaction_Score_After_Handoffs__c has 42 characters before its suffix; the maximum is 40',
    ],
    [
      'objects/Quarterly_Won_Deal_Review_Board_Decisions_X__c/Quarterly_Won_Deal_Review_Board_Decisions_X__c.object-meta.xml:2',
      'api-name-too-long',
      'CustomObject API name Quarterly_Won_Deal_Review_Board_Decisions_X__c has 43 characters before its suffix; the maximum is 40',
    ],
  ])('reports %s (%s)', (fileAndLine, rule, message) => {
    const [file, line] = fileAndLine.split(':');
    expect(findings).toContainEqual({
      file: `${base}${file}`,
      line: Number(line),
      rule,
      message: expect.stringContaining(message),
    });
  });

  it('reports nothing else: values at the limit pass, an entity counts as one character', () => {
    expect(findings.map(where)).toHaveLength(16);
    expect(findings.some((finding) => finding.file.includes('Won_Deal_Reader'))).toBe(false);
    expect(findings.some((finding) => finding.file.includes('Summary__c'))).toBe(false);
  });

  it('names the source of every number it enforces', () => {
    for (const limit of METADATA_LIMITS) expect(limit.source.length).toBeGreaterThan(20);
  });

  it('passes on a clean project', async () => {
    expect(await findingsOf('meta-clean')).toEqual([]);
  });
});
