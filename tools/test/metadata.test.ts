/**
 * Proves the `metadata` check fails on malformed XML, on elements, values and structure the
 * Metadata API 65.0 WSDL does not allow (among them `<testType>` in a FlowTest, added in 66.0), on
 * a missing required element, on an API version other than the project's and on a project that
 * deploys at another version than the schema's, on a file of no Metadata API type, and on
 * missing -meta.xml files and -meta.xml files without their source, naming the file,
 * line and rule; and passes on a clean project. Also proves the committed schema is the 65.0 WSDL
 * and that the generator reads a WSDL's types, sequence order and occurrence bounds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '../checks/metadata';
import { loadMetadataSchema } from '../checks/lib/metadata-schema';
import { metadataTypeOf } from '../checks/lib/metadata-types';
import { validateAgainstType } from '../checks/lib/xml-schema-validator';
import { apiVersionOf, modelFromWsdl } from '../schemas/generate-metadata-schema';
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
          '<colour> is not an element of Flow/start (type FlowStart has no such element in Metadata API 65.0; a deploy answers "Element colour invalid at this location in type FlowStart")',
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

    it('reports <testType> in a FlowTest: Metadata API 66.0 added it, the project deploys at 65.0', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/flowtests/Won_Deal_Stamped.flowtest-meta.xml',
        line: 16,
        rule: 'xml-unknown-element',
        message:
          '<testType> is not an element of FlowTest (type FlowTest has no such element in Metadata API 65.0; a deploy answers "Element testType invalid at this location in type FlowTest")',
      });
    });

    it('reports a list view without the label its type requires', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/objects/Opportunity/listViews/Lost_This_Quarter.listView-meta.xml',
        line: 2,
        rule: 'xml-missing-element',
        message:
          'ListView lacks <label>, which type ListView requires (minOccurs 1 in Metadata API 65.0)',
      });
    });

    it('reports a boolean that is not true or false, a repeated single value and text where elements belong', () => {
      const file =
        'force-app/main/default/customPermissions/Reopen_Lost_Deals.customPermission-meta.xml';
      expect(findings.filter((finding) => finding.file === file)).toEqual([
        {
          file,
          line: 4,
          rule: 'xml-invalid-value',
          message:
            '<isLicensed> at CustomPermission/isLicensed must be true or false, found "maybe"',
        },
        {
          file,
          line: 6,
          rule: 'xml-unexpected-structure',
          message: '<label> appears 2 times in CustomPermission, but it is a single value',
        },
        {
          file,
          line: 7,
          rule: 'xml-unexpected-structure',
          message:
            '<requiredPermission> at CustomPermission/requiredPermission must contain elements (type CustomPermissionDependencyRequired), found text "Close_Won_Admin"',
        },
      ]);
    });

    it('reports a -meta.xml whose suffix names no Metadata API type (no line: the whole file)', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/widgets/Spinner.widget-meta.xml',
        rule: 'metadata-unknown-type',
        message:
          "no Metadata API type is registered for this file's suffix or folder (root <Widget>)",
      });
    });

    it('reports a settings file whose type the 65.0 WSDL does not have', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/settings/Colour.settings-meta.xml',
        rule: 'metadata-unknown-type',
        message: 'the Metadata API 65.0 WSDL has no type ColourSettings',
      });
    });

    it('reports an Apex class -meta.xml without its .cls', () => {
      expect(findings).toContainEqual({
        file: 'force-app/main/default/classes/StageReasonSelector.cls-meta.xml',
        rule: 'orphan-meta-xml',
        message: 'Apex class metadata without its source file StageReasonSelector.cls',
      });
    });

    it('reports nothing else', () => {
      expect(findings).toHaveLength(15);
    });
  });

  it('reports a project that deploys at another API version than the schema, naming both', async () => {
    expect(await findingsOf('meta-api-66')).toEqual([
      {
        file: 'sfdx-project.json',
        line: 5,
        rule: 'schema-version-mismatch',
        message: expect.stringContaining(
          'sfdx-project.json deploys at sourceApiVersion 66.0, but the metadata schema is the Metadata API 65.0 WSDL (forcedotcom/wsdl@5855538 resources/metadata.wsdl)',
        ),
      },
    ]);
  });

  it('does not report element order, which deploys do not enforce (measured on public repos)', () => {
    const schema = loadMetadataSchema();
    const bundle = path.join(
      fixtures,
      'meta-clean/force-app/main/default/lwc/wonBadge/wonBadge.js-meta.xml',
    );
    const text = readFileSync(bundle, 'utf8');
    // The clean fixture's bundle puts <targetConfigs> after <targets>, as deployed bundles do.
    expect(
      validateAgainstType(schema, 'LightningComponentBundle', text, {
        order: true,
        required: true,
      }),
    ).toEqual([
      expect.objectContaining({ rule: 'xml-element-order', element: 'targetConfigs', line: 9 }),
    ]);
    expect(
      validateAgainstType(schema, 'LightningComponentBundle', text, {
        order: false,
        required: true,
      }),
    ).toEqual([]);
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

  it('validates against the committed Metadata API 65.0 WSDL, where FlowTest has no testType', () => {
    const schema = loadMetadataSchema();
    expect(schema.apiVersion).toBe('65.0');
    expect(schema.sourceLabel).toBe('forcedotcom/wsdl@5855538 resources/metadata.wsdl');
    const flowTest = schema.complexType('FlowTest');
    expect(flowTest?.elements.map((element) => element.name)).toEqual([
      'fullName',
      'module',
      'description',
      'flowApiName',
      'flowTestFlowVersions',
      'label',
      'testPoints',
    ]);
    expect(flowTest?.byName.get('label')).toMatchObject({ minOccurs: 1, maxOccurs: 1 });
    expect(flowTest?.byName.get('testPoints')).toMatchObject({ type: 'FlowTestPoint' });
    expect(flowTest?.byName.get('testPoints')?.maxOccurs).toBe(Infinity);
  });

  it('generates the model from a WSDL: version, base type, sequence order, bounds, enumerations', () => {
    const wsdl = `<?xml version="1.0" encoding="UTF-8"?>
<!--
Salesforce.com Metadata API version 99.0
-->
<definitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="http://soap.sforce.com/2006/04/metadata">
 <types>
  <xsd:schema elementFormDefault="qualified" targetNamespace="http://soap.sforce.com/2006/04/metadata">
   <xsd:complexType name="Metadata">
    <xsd:sequence>
     <xsd:element name="fullName" minOccurs="0" type="xsd:string"/>
    </xsd:sequence>
   </xsd:complexType>
   <xsd:complexType name="Gadget">
    <xsd:complexContent>
     <xsd:extension base="tns:Metadata">
      <xsd:sequence>
       <xsd:element name="label" type="xsd:string"/>
       <xsd:element name="colour" minOccurs="0" maxOccurs="unbounded" type="tns:Colour" nillable="true"/>
      </xsd:sequence>
     </xsd:extension>
    </xsd:complexContent>
   </xsd:complexType>
   <xsd:simpleType name="Colour">
    <xsd:restriction base="xsd:string">
     <xsd:enumeration value="Red"/>
     <xsd:enumeration value="Green"/>
    </xsd:restriction>
   </xsd:simpleType>
  </xsd:schema>
 </types>
</definitions>`;
    expect(apiVersionOf(wsdl)).toBe('99.0');
    const model = modelFromWsdl(wsdl, { repository: 'r/w', commit: 'c0ffee', path: 'm.wsdl' });
    expect(model.apiVersion).toBe('99.0');
    expect(model.source).toMatchObject({ repository: 'r/w', commit: 'c0ffee', path: 'm.wsdl' });
    expect(model.complexTypes.Gadget).toEqual({
      base: 'Metadata',
      elements: [
        ['label', 'xsd:string', 1, 1],
        ['colour', 'Colour', 0, 'unbounded', 'nillable'],
      ],
    });
    expect(model.simpleTypes.Colour).toEqual({ base: 'xsd:string', enumeration: ['Red', 'Green'] });
    expect(() => modelFromWsdl('<definitions/>', model.source)).toThrow(/names no API version/);
  });
});
