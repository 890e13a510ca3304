/**
 * Proves the `limits` check reports each documented maximum the planted fixture exceeds (by one
 * character, value or unit, so the boundary is exact) and each API name that breaks the
 * developer-name rule, naming file, line and rule; passes values at the limit (entities count as
 * one character), names with digits and single underscores, namespaced fields, layouts whose
 * names hold spaces and parentheses; every limit in the table names its source; and the check
 * passes on a clean project.
 */
import path from 'node:path';
import { check } from '../checks/limits';
import { METADATA_LIMITS } from '../checks/lib/metadata-limits';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const base = 'force-app/main/default/';

/** A name of exactly `length` characters made of `word_` repeats (no trailing or double underscore). */
function nameOf(word: string, length: number): string {
  const name = `${word}_`.repeat(40).slice(0, length);
  return name.endsWith('_') ? `${name.slice(0, -1)}X` : name;
}
const REOPEN_81 = nameOf('Reopen', 81);
const REOPEN_80 = nameOf('Reopen', 80);
const EDITOR_81 = nameOf('Won_Editor', 81);
const EDITOR_80 = nameOf('Won_Editor', 80);
const REGION_41 = nameOf('Region', 41);
const REGION_40 = nameOf('Region', 40);

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
    [
      'objects/Survey__c/fields/Help_Heavy__c.field-meta.xml:4',
      'value-too-long',
      'CustomField <inlineHelpText> has 511 characters; the maximum is 510',
    ],
    [
      'objects/Survey__c/fields/Region__c.field-meta.xml:1010',
      'too-many-values',
      'CustomField restricted picklist has 1001 values; the maximum is 1000',
    ],
    [
      'labels/CustomLabels.labels-meta.xml:19',
      'value-too-long',
      'CustomLabels <labels/categories> has 256 characters; the maximum is 255',
    ],
    [
      'customPermissions/Long_Label_Permission.customPermission-meta.xml:4',
      'value-too-long',
      'CustomPermission <label> has 81 characters; the maximum is 80',
    ],
    [
      `customPermissions/${REOPEN_81}.customPermission-meta.xml:2`,
      'api-name-too-long',
      `CustomPermission API name ${REOPEN_81} has 81 characters; the maximum is 80`,
    ],
    [
      `permissionsets/${EDITOR_81}.permissionset-meta.xml:2`,
      'api-name-too-long',
      `PermissionSet API name ${EDITOR_81} has 81 characters; the maximum is 80`,
    ],
    [
      'email/Won_Deals/Won_Notice.email-meta.xml:7',
      'value-too-long',
      'EmailTemplate <subject> has 231 characters; the maximum is 230',
    ],
    [
      'reportTypes/Won_Deals_Type.reportType-meta.xml:7',
      'value-too-long',
      'ReportType <label> has 51 characters; the maximum is 50',
    ],
    [
      'reportTypes/Won_Deals_Type.reportType-meta.xml:6',
      'value-too-long',
      'ReportType <description> has 256 characters; the maximum is 255',
    ],
    [
      'objects/Survey__c/listViews/All_Surveys.listView-meta.xml:5',
      'value-too-long',
      'ListView <label> has 41 characters; the maximum is 40',
    ],
    [
      'objects/Won_Setting__mdt/Won_Setting__mdt.object-meta.xml:3',
      'value-too-long',
      'CustomObject <label> has 41 characters; the maximum is 40',
    ],
    [
      'objects/Won_Setting__mdt/Won_Setting__mdt.object-meta.xml:4',
      'value-too-long',
      'CustomObject <pluralLabel> has 41 characters; the maximum is 40',
    ],
    [
      'customMetadata/Won_Setting.Default.md-meta.xml:3',
      'value-too-long',
      'CustomMetadata <label> has 41 characters; the maximum is 40',
    ],
    [
      `customMetadata/Won_Setting.${REGION_41}.md-meta.xml:2`,
      'api-name-too-long',
      `(record name ${REGION_41}) has 41 characters; the maximum is 40`,
    ],
    [
      'objects/2020_Deals__c/2020_Deals__c.object-meta.xml:2',
      'invalid-api-name',
      'CustomObject API name 2020_Deals__c (checked part 2020_Deals) does not begin with a letter',
    ],
    [
      'objects/Survey__c/fields/Net-Score__c.field-meta.xml:2',
      'invalid-api-name',
      'CustomField API name Net-Score__c (checked part Net-Score) contains "-"',
    ],
    [
      'flows/Won__Handoff.flow-meta.xml:2',
      'invalid-api-name',
      'Flow API name Won__Handoff contains two consecutive underscores',
    ],
    [
      'customPermissions/Reopen__Deals.customPermission-meta.xml:2',
      'invalid-api-name',
      'CustomPermission API name Reopen__Deals contains two consecutive underscores',
    ],
    [
      'labels/CustomLabels.labels-meta.xml:34',
      'invalid-api-name',
      'CustomLabels API name Bad__Name contains two consecutive underscores',
    ],
    [
      'objects/Survey__c/validationRules/Score_Required_.validationRule-meta.xml:2',
      'invalid-api-name',
      'ValidationRule API name Score_Required_ ends with an underscore',
    ],
    [
      'reports/Won_Deals/Won-By-Region.report-meta.xml:2',
      'invalid-api-name',
      'Report API name Won-By-Region contains "-"',
    ],
    [
      'dashboards/Won_Deals/1_Won_Board.dashboard-meta.xml:2',
      'invalid-api-name',
      'Dashboard API name 1_Won_Board does not begin with a letter',
    ],
    [
      'queues/Won__Queue.queue-meta.xml:2',
      'invalid-api-name',
      'Queue API name Won__Queue contains two consecutive underscores',
    ],
    [
      'email/Won_Deals/Won_Notice_.email-meta.xml:2',
      'invalid-api-name',
      'EmailTemplate API name Won_Notice_ ends with an underscore',
    ],
    [
      'objects/Survey__c/compactLayouts/Survey_Compact_.compactLayout-meta.xml:2',
      'invalid-api-name',
      'CompactLayout API name Survey_Compact_ ends with an underscore',
    ],
    [
      'customMetadata/Won_Setting.2nd_Default.md-meta.xml:2',
      'invalid-api-name',
      'CustomMetadata API name Won_Setting.2nd_Default (checked part 2nd_Default) does not begin with a letter',
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
    expect(findings.map(where)).toHaveLength(42);
    for (const clean of [
      'Won_Deal_Reader',
      'Summary__c',
      'Help_At_Limit__c',
      'Segment__c', // unrestricted: 1,001 values of which one inactive, so 1,000 active
      'Label_At_Limit_Permission',
      `${REOPEN_80}.customPermission`,
      `${EDITOR_80}.permissionset`,
      'Won_Notice_At_Limit',
      'Won_Deals_Type_At_Limit',
      'All_Surveys_At_Limit',
      'Won_Limit__mdt',
      'Won_Setting.At_Limit',
      `Won_Setting.${REGION_40}.md`,
      'Deals_2020__c',
      'acme__Net_Score_2__c', // a namespace prefix is not part of the checked name
      'Won_Handoff_2',
      'Won_Queue_2',
      'layouts/', // layout names may hold spaces, hyphens and parentheses
    ]) {
      expect(findings.filter((finding) => finding.file.includes(clean))).toEqual([]);
    }
    // Won_Categorised_At_Limit (255 characters of categories) passes: one categories finding only.
    expect(
      findings.filter((finding) => finding.message.includes('<labels/categories>')),
    ).toHaveLength(1);
  });

  it('names the source of every number it enforces', () => {
    for (const limit of METADATA_LIMITS) expect(limit.source.length).toBeGreaterThan(20);
  });

  it('passes on a clean project', async () => {
    expect(await findingsOf('meta-clean')).toEqual([]);
  });
});
