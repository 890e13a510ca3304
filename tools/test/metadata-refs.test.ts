/**
 * Proves the `metadata-refs` check reports each planted broken reference between components
 * (dashboard → report, report → report type and its fields, folders, global value sets, field
 * permissions on required and master-detail fields, quick action → flow, subflows, invocable Apex
 * actions, tabs, queues, custom metadata types, permission set page access), naming file, line and
 * rule, and passes on the same project with every reference intact.
 */
import path from 'node:path';
import { check } from '../checks/metadata-refs';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const main = 'force-app/main/default';

async function findingsOf(fixture: string): Promise<Finding[]> {
  return (await check.run({ projectDir: path.join(fixtures, fixture) })).findings;
}

describe('metadata-refs check', () => {
  it('passes on a project whose components reference only what it defines', async () => {
    expect(await findingsOf('metadata-refs-clean')).toEqual([]);
  });

  describe('on a project with planted broken references', () => {
    let findings: Finding[];
    beforeAll(async () => {
      findings = await findingsOf('metadata-refs-broken');
    });
    const finding = (file: string, line: number, rule: string, message: string): Finding => ({
      file: `${main}/${file}`,
      line,
      rule,
      message,
    });

    it('reports a dashboard component on a report the project does not have', () => {
      expect(findings).toContainEqual(
        finding(
          'dashboards/Widget_Dashboards/Widget_Overview.dashboard-meta.xml',
          22,
          'dashboard-report-missing',
          'dashboard component report Widget_Reports/Widgets_By_Colour is not a report of the project',
        ),
      );
    });

    it('reports a report on a missing custom report type and on a missing object', () => {
      expect(findings).toContainEqual(
        finding(
          'reports/Orphan_Reports/Widgets_Flat.report-meta.xml',
          8,
          'report-type-missing',
          'report type Widgets_with_Parts__c: no custom report type Widgets_with_Parts in the project',
        ),
      );
      expect(findings).toContainEqual(
        finding(
          'reports/Widget_Reports/Custom_Entity_Widgets.report-meta.xml',
          8,
          'report-type-missing',
          'report type CustomEntity$Gadget__c: object Gadget__c does not exist',
        ),
      );
    });

    it('reports a report column its custom report type does not offer', () => {
      expect(findings).toContainEqual(
        finding(
          'reports/Widget_Reports/Widgets_By_Status.report-meta.xml',
          13,
          'report-column-not-in-report-type',
          'column Widget__c$Colour__c: report type Widgets_with_Lines__c offers no field Colour__c on Widget__c',
        ),
      );
    });

    it('reports a report folder without folder metadata', () => {
      expect(findings).toContainEqual(
        finding(
          'reports/Orphan_Reports/Widgets_Flat.report-meta.xml',
          2,
          'folder-metadata-missing',
          'folder Orphan_Reports has no Orphan_Reports.reportFolder-meta.xml in the project',
        ),
      );
    });

    it('reports a picklist on a global value set that does not exist', () => {
      expect(findings).toContainEqual(
        finding(
          'objects/Widget__c/fields/Status__c.field-meta.xml',
          7,
          'value-set-missing',
          'picklist value set Widget_Stat is not a global value set of the project',
        ),
      );
    });

    it('reports field permissions on a master-detail and on a required field', () => {
      const file = 'permissionsets/Widget_User.permissionset-meta.xml';
      expect(findings).toContainEqual(
        finding(
          file,
          15,
          'fls-on-required-field',
          'field permissions on Widget_Line__c.Widget__c, a master-detail field (the platform sets its access with the object\'s), and the deploy fails ("You cannot deploy to a required field"); remove the entry',
        ),
      );
      expect(findings).toContainEqual(
        finding(
          file,
          20,
          'fls-on-required-field',
          'field permissions on Widget_Line__c.Code__c, a required field (the platform sets its access with the object\'s), and the deploy fails ("You cannot deploy to a required field"); remove the entry',
        ),
      );
    });

    it('reports a flow Apex action on a class without @InvocableMethod (a comment does not count)', () => {
      expect(findings).toContainEqual(
        finding(
          'flows/Widget_Check.flow-meta.xml',
          8,
          'apex-action-not-invocable',
          'flow Apex action Check_Widget: class WidgetHelper has no @InvocableMethod',
        ),
      );
    });

    it('reports missing components named by a subflow, quick action, tab, queue, custom metadata record and permission set', () => {
      const unknown = (file: string, line: number, message: string) =>
        finding(file, line, 'unknown-metadata-component', message);
      expect(findings).toEqual(
        expect.arrayContaining([
          unknown(
            'flows/Widget_Check.flow-meta.xml',
            30,
            'subflow: Flow Widget_Sub_Missing does not exist in the project',
          ),
          unknown(
            'quickActions/Widget__c.Run_Check.quickAction-meta.xml',
            3,
            'quick action flow: Flow Widget_Chek does not exist in the project',
          ),
          unknown(
            'tabs/Gizmo__c.tab-meta.xml',
            3,
            'tab Gizmo__c shows custom object Gizmo__c, which does not exist in the project',
          ),
          unknown(
            'queues/Widget_Team.queue-meta.xml',
            5,
            'queue object Gizmo__c does not exist in the project or the platform',
          ),
          unknown(
            'customMetadata/Gadget_Setting.Default.md-meta.xml',
            2,
            'custom metadata record of type Gadget_Setting__mdt, which does not exist in the project',
          ),
          unknown(
            'permissionsets/Widget_User.permissionset-meta.xml',
            25,
            'permission set page access: ApexPage Missing_Page does not exist in the project',
          ),
        ]),
      );
    });

    it('reports an action override on a missing Lightning page and on a page of another object', () => {
      expect(findings).toEqual(
        expect.arrayContaining([
          finding(
            'objects/Opportunity/Opportunity.object-meta.xml',
            5,
            'unknown-metadata-component',
            'Opportunity View override: FlexiPage Opportunity_Widget_Pag does not exist in the project',
          ),
          finding(
            'objects/Opportunity/Opportunity.object-meta.xml',
            12,
            'override-page-object-mismatch',
            'Opportunity View override: Lightning page Widget_Record_Page is a page of Widget__c, not of Opportunity',
          ),
        ]),
      );
    });

    it('reports nothing else: the valid references beside the defects resolve', () => {
      expect(findings).toHaveLength(17);
    });
  });
});
