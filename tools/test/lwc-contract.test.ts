/**
 * Proves the `lwc-contract` check reports each planted break of the contract between Lightning
 * web components and the platform — Apex imports, labels and other `@salesforce/…` imports,
 * `<c-…>` children, `.js-meta.xml` targets and properties, placements on pages and quick
 * actions, TypeScript mirrors of Apex DTOs — with its exact file, line and rule (and nothing
 * else); that it passes a clean project using every accepted form; and that the clean project is
 * really read (one edit to it is reported).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../checks/lwc-contract';
import { bundleNameOfTag, tagOfBundle } from '../checks/lib/lwc-template-rules';
import { parseApexType } from '../checks/lib/dto-mirror';
import { readLwcSource } from '../checks/lib/lwc-source';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

async function findingsOf(projectDir: string): Promise<Finding[]> {
  return (await check.run({ projectDir })).findings;
}

/** file:line [rule], the part of a finding these tests pin down exactly. */
function places(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line ?? ''} [${finding.rule}]`);
}

describe('lwc-contract check', () => {
  describe('on a project with planted defects', () => {
    let findings: Finding[];
    beforeAll(async () => {
      findings = await findingsOf(path.join(fixtures, 'lwc-contract-broken'));
    });

    const lwc = 'app/main/lwc';
    const expected: Array<[string, string]> = [
      // @salesforce/apex and apexContinuation imports
      [`${lwc}/accountList/accountList.js:4`, 'apex-import-unknown-class'],
      [`${lwc}/accountList/accountList.js:5`, 'apex-import-unknown-method'],
      [`${lwc}/accountList/accountList.js:6`, 'apex-import-not-aura-enabled'],
      [`${lwc}/accountList/accountList.js:7`, 'apex-import-not-static'],
      [`${lwc}/accountList/accountList.js:8`, 'apex-import-not-accessible'],
      [`${lwc}/accountList/accountList.js:9`, 'apex-continuation-not-enabled'],
      [`${lwc}/accountList/accountList.js:30`, 'apex-wire-not-cacheable'],
      // a class without a method: @salesforce/apex/AccountController
      [`${lwc}/accountSummary/accountSummary.js:2`, 'apex-import-malformed'],
      // other @salesforce imports
      [`${lwc}/accountList/accountList.js:13`, 'unknown-label'],
      [`${lwc}/accountList/accountList.js:15`, 'unknown-custom-permission'],
      [`${lwc}/accountList/accountList.js:16`, 'unknown-static-resource'],
      [`${lwc}/accountList/accountList.js:17`, 'unknown-message-channel'],
      [`${lwc}/accountList/accountList.js:18`, 'unknown-content-asset'],
      // template children
      [`${lwc}/accountList/accountList.html:4`, 'unknown-child-component'],
      [`${lwc}/accountList/accountList.html:5`, 'unknown-child-component'],
      [`${lwc}/accountList/accountList.html:6`, 'unknown-child-component'],
      // .js-meta.xml
      [`${lwc}/accountList/accountList.js-meta.xml:7`, 'unknown-target'],
      [`${lwc}/accountList/accountList.js-meta.xml:8`, 'unknown-target'],
      [`${lwc}/accountList/accountList.js-meta.xml:11`, 'target-config-undeclared-target'],
      [`${lwc}/accountList/accountList.js-meta.xml:13`, 'target-config-property-not-api'],
      [`${lwc}/accountAction/accountAction.js-meta.xml:11`, 'target-config-property-unsupported'],
      // placements
      ['app/main/flexipages/Account_Record_Page.flexipage-meta.xml:12', 'component-not-exposed'],
      ['app/main/flexipages/Account_Record_Page.flexipage-meta.xml:18', 'component-missing-target'],
      [
        'app/main/flexipages/Account_Record_Page.flexipage-meta.xml:24',
        'component-object-not-supported',
      ],
      [
        'app/main/quickActions/Account.Quick_Fix.quickAction-meta.xml:5',
        'quick-action-type-mismatch',
      ],
      // DTO mirrors
      ['types/account-api.ts:8', 'dto-missing-property'],
      ['types/account-api.ts:12', 'dto-extra-property'],
      ['types/account-api.ts:15', 'dto-type-mismatch'],
      ['types/account-api.ts:18', 'dto-type-mismatch'],
      ['types/account-api.ts:19', 'dto-type-mismatch'],
      ['types/account-api.ts:20', 'dto-missing-property'],
      ['types/account-api.ts:24', 'dto-unknown-class'],
    ];

    it('reports exactly the planted defects, each at its file, line and rule', () => {
      expect(places(findings).sort()).toEqual(
        expected.map(([where, rule]) => `${where} [${rule}]`).sort(),
      );
    });

    it.each(expected)('%s: %s', (where, rule) => {
      const [file, line] = where.split(':');
      expect(findings).toContainEqual(
        expect.objectContaining({ file, line: Number(line), rule }) as unknown as Finding,
      );
    });

    const messageAt = (file: string, line: number): string =>
      findings.find((finding) => finding.file === file && finding.line === line)?.message ?? '';

    it('names the Apex method and where it is declared', () => {
      expect(messageAt(`${lwc}/accountList/accountList.js`, 30)).toContain(
        'AccountController.save (app/main/classes/AccountController.cls:19) must be @AuraEnabled(cacheable=true)',
      );
      expect(messageAt(`${lwc}/accountList/accountList.js`, 8)).toContain('is private');
    });

    it('says what an Apex import must name when it names a class without a method', () => {
      expect(messageAt(`${lwc}/accountSummary/accountSummary.js`, 2)).toBe(
        '@salesforce/apex/AccountController: expected @salesforce/apex/Class.method (or Namespace.Class.method)',
      );
    });

    it('says when a tag differs only in case or names an Aura component', () => {
      expect(messageAt(`${lwc}/accountList/accountList.html`, 5)).toContain(
        'the bundle accountTile is written <c-account-tile>',
      );
      expect(messageAt(`${lwc}/accountList/accountList.html`, 6)).toContain(
        'legacyWidget is an Aura component',
      );
    });

    it('suggests the documented spelling of a target that differs in case', () => {
      expect(messageAt(`${lwc}/accountList/accountList.js-meta.xml`, 8)).toContain(
        'did you mean lightning__RecordPage?',
      );
    });

    it('names the JSON key Apex uses when a mirror property differs in case', () => {
      expect(messageAt('types/account-api.ts', 8)).toContain('the JSON key is phone');
      expect(messageAt('types/account-api.ts', 19)).toContain('Apex declares Address');
    });

    it('leaves alone what it cannot judge: other namespaces, unparsable classes, tests, Aura', () => {
      const accountList = findings.filter(
        (finding) => finding.file === `${lwc}/accountList/accountList.js`,
      );
      // line 10: otherns.PackagedController, 11: Unfinished (syntax error), 14: otherns label
      expect(accountList.map((finding) => finding.line)).not.toEqual(
        expect.arrayContaining([10, 11, 14]),
      );
      expect(findings.some((finding) => finding.file.includes('__tests__'))).toBe(false);
      expect(findings.some((finding) => finding.message.includes('ghost-in-a-comment'))).toBe(
        false,
      );
      const page = 'app/main/flexipages/Account_Record_Page.flexipage-meta.xml';
      expect(findings.filter((finding) => finding.file === page)).toHaveLength(3);
    });
  });

  describe('on a clean project', () => {
    const made: string[] = [];
    afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    /** A copy of the clean fixture with one text replaced in one file. */
    function cleanWith(file: string, from: string, to: string): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-lwc-contract-'));
      made.push(dir);
      cpSync(path.join(fixtures, 'lwc-contract-clean'), dir, { recursive: true });
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8');
      expect(text).toContain(from);
      writeFileSync(full, text.replace(from, to));
      return dir;
    }

    it('passes: every accepted import, tag, target, placement and mirror form', async () => {
      const result = await check.run({ projectDir: path.join(fixtures, 'lwc-contract-clean') });
      expect(result.findings).toEqual([]);
      expect(result.summary).toMatch(
        /^7 LWC bundles .* 4 placements, 1 DTO mirror files, 0 issues$/,
      );
    });

    it.each([
      [
        'shared/contact-api.ts',
        '  visits: number;',
        '  visitCount: number;',
        'shared/contact-api.ts:17 [dto-extra-property]\nshared/contact-api.ts:22 [dto-missing-property]',
      ],
      [
        'src/main/classes/ContactController.cls',
        '@auraenabled(Cacheable=true)',
        '@AuraEnabled',
        'src/main/lwc/contactList/contactList.ts:33 [apex-wire-not-cacheable]',
      ],
      [
        'src/main/lwc/contactList/contactList.html',
        '<c-phone_badge>',
        '<c-phone-badge>',
        'src/main/lwc/contactList/contactList.html:6 [unknown-child-component]',
      ],
      [
        'src/main/lwc/contactHeadlessAction/contactHeadlessAction.js-meta.xml',
        '<actionType>Action</actionType>',
        '<actionType>ScreenAction</actionType>',
        'src/main/quickActions/Contact.Ping.quickAction-meta.xml:5 [quick-action-type-mismatch]',
      ],
      [
        'src/main/labels/CustomLabels.labels-meta.xml',
        '<fullName>Contact_Empty</fullName>',
        '<fullName>Contact_Blank</fullName>',
        'src/main/lwc/contactList/contactList.ts:8 [unknown-label]',
      ],
    ])('is really read: editing %s is reported', async (file, from, to, place) => {
      expect(places(await findingsOf(cleanWith(file, from, to)))).toEqual(place.split('\n'));
    });
  });

  describe('pieces', () => {
    it('maps tags to bundle names and back', () => {
      expect(bundleNameOfTag('close-wizard')).toBe('closeWizard');
      expect(bundleNameOfTag('phone_badge')).toBe('phone_badge');
      expect(bundleNameOfTag('x-ray')).toBe('xRay');
      expect(bundleNameOfTag('Close-wizard')).toBeUndefined();
      expect(bundleNameOfTag('chart-2d')).toBeUndefined();
      expect(tagOfBundle('closeWizard')).toBe('c-close-wizard');
    });

    it('parses Apex type names as the parser prints them', () => {
      expect(parseApexType('Map<String,List<CloseContext.StageInfo>>')).toEqual({
        name: 'Map',
        args: [
          { name: 'String', args: [], arrays: 0 },
          {
            name: 'List',
            args: [{ name: 'CloseContext.StageInfo', args: [], arrays: 0 }],
            arrays: 0,
          },
        ],
        arrays: 0,
      });
      expect(parseApexType('String[]')).toEqual({ name: 'String', args: [], arrays: 1 });
    });

    it('reads @api members and wired adapters, and whether the @api list is complete', () => {
      const source = readLwcSource(
        [
          "import { LightningElement, api as publicApi, wire } from 'lwc';",
          "import getThings from '@salesforce/apex/ThingController.getThings';",
          'export default class Things extends Mixin(LightningElement) {',
          '  @publicApi size;',
          '  @publicApi get label() { return ""; }',
          '  @wire(getThings) things;',
          '  hidden;',
          '}',
        ].join('\n'),
        'things.js',
      );
      expect([...source.apiMembers]).toEqual(['size', 'label']);
      expect(source.apiComplete).toBe(true);
      expect(source.wiredAdapters).toEqual([{ name: 'getThings', line: 6 }]);
      expect(source.imports.map((imported) => imported.line)).toEqual([1, 2]);
      const inherited = readLwcSource(
        "import Base from 'c/base';\nexport default class X extends Base {}",
        'x.js',
      );
      expect(inherited.apiComplete).toBe(false);
    });
  });
});
