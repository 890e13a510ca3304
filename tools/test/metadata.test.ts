/**
 * Proves the `metadata` check fails on malformed XML, on elements and enum values the Metadata
 * API does not have, on an API version other than the project's, and on missing -meta.xml
 * files, naming the file, line and rule; and passes on a clean project. Also proves the schema
 * cache is generated when absent (a cold CI run).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../checks/metadata';
import { loadMetadataSchema } from '../checks/lib/metadata-schema';
import { metadataTypeOf } from '../checks/lib/metadata-types';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

async function findingsOf(fixture: string): Promise<Finding[]> {
  const result = await check.run({ projectDir: path.join(fixtures, fixture) });
  return result.findings;
}

describe('metadata check', () => {
  it('passes on a clean project (Apex class, custom field, validation rule, flow, LWC bundle)', async () => {
    expect(await findingsOf('meta-clean')).toEqual([]);
  });

  it('reports a malformed -meta.xml with its file and line', async () => {
    expect(await findingsOf('malformed')).toEqual([
      {
        file: 'force-app/main/default/objects/Opportunity/fields/Decision_Factors__c.field-meta.xml',
        line: 6,
        rule: 'xml-malformed',
        message: expect.stringContaining("closing tag 'typ'"),
      },
    ]);
  });

  describe('on a project with planted schema and companion-file defects', () => {
    let findings: Finding[];
    beforeAll(async () => {
      findings = await findingsOf('meta-invalid');
    });

    it('reports an invented element in a flow start element', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/flows/Colour_In_Start.flow-meta.xml',
        line: 11,
        rule: 'xml-unknown-element',
        message:
          '<colour> is not an element of Flow/start (Metadata API type has no such property)',
      });
    });

    it('reports an enum value the Metadata API does not allow', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/flows/Invalid_Trigger_Type.flow-meta.xml',
        line: 12,
        rule: 'xml-invalid-value',
        message: expect.stringContaining(
          '<recordTriggerType> at Flow/start/recordTriggerType has invalid value "CreateOrUpdateOrDelete"',
        ),
      });
    });

    it('reports an Apex class without its -meta.xml', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/classes/LossReasonSelector.cls',
        rule: 'missing-meta-xml',
        message: 'Apex class has no LossReasonSelector.cls-meta.xml beside it',
      });
    });

    it('reports an LWC bundle without its js-meta.xml', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/lwc/lossBadge',
        rule: 'missing-meta-xml',
        message: 'LWC bundle lossBadge has no lossBadge.js-meta.xml',
      });
    });

    it("reports an <apiVersion> other than sfdx-project.json's sourceApiVersion", () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/classes/WonReasonSelector.cls-meta.xml',
        line: 3,
        rule: 'api-version-mismatch',
        message:
          "<apiVersion>58.0</apiVersion> differs from sfdx-project.json's sourceApiVersion 65.0",
      });
    });

    it('reports a formula whose && a formatter split into separate entities', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/objects/Survey__c/validationRules/Score_Range.validationRule-meta.xml',
        line: 7,
        rule: 'xml-split-entities',
        message: expect.stringContaining('"&amp; &amp;": entities split by white space'),
      });
    });

    it('reports a formula whose >= a formatter split', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/objects/Survey__c/validationRules/Score_Range.validationRule-meta.xml',
        line: 7,
        rule: 'xml-split-entities',
        message: expect.stringContaining('"&gt; =": entities split by white space'),
      });
    });

    it('reports nothing else', () => {
      expect(findings).toHaveLength(7);
    });
  });

  it.each([
    ['objects/Opportunity/fields/Decision_Factors__c.field-meta.xml', 'CustomField'],
    ['objects/Opportunity/listViews/Won.listView-meta.xml', 'ListView'],
    ['objects/Close_History__c/Close_History__c.object-meta.xml', 'CustomObject'],
    ['customMetadata/Close_Won_Setting.Default.md-meta.xml', 'CustomMetadata'],
    ['lwc/closeWizard/closeWizard.js-meta.xml', 'LightningComponentBundle'],
    ['staticresources/logo.resource-meta.xml', 'StaticResource'],
    ['reports/Close_Won_Reports.reportFolder-meta.xml', 'ReportFolder'],
    ['flowtests/Won.flowtest-meta.xml', 'FlowTest'],
  ])('types %s as %s (by suffix, child suffix or bundle folder)', (file, type) => {
    expect(metadataTypeOf(`force-app/main/default/${file}`)).toBe(type);
  });

  it('generates the schema from @salesforce/types into an empty cache, then reads it back', () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'close-won-schema-'));
    try {
      const generated = loadMetadataSchema(cacheDir);
      expect(
        existsSync(path.join(cacheDir, `metadata-schema-${generated.typesVersion}.json`)),
      ).toBe(true);
      expect(Object.keys(generated.definitions)).toEqual(
        expect.arrayContaining(['Flow', 'FlowStart', 'CustomField', 'Report', 'FlexiPage']),
      );
      const cached = loadMetadataSchema(cacheDir);
      expect(cached.definitions.FlowStart).toEqual(generated.definitions.FlowStart);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);
});
