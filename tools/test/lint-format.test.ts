/**
 * Proves the lint and format steps of the gate can fail: ESLint with the project's config reports
 * planted LWC and TypeScript defects, and Prettier with the project's config (Apex and XML
 * plugins) rejects unformatted Apex and metadata XML. Sources are linted as if they lived in the
 * project, so the real config (file globs, rules) applies.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

interface EslintMessage {
  line: number;
  ruleId: string | null;
}

describe('ESLint with the project config', () => {
  // The CLI, not the Node API: ESLint loads its flat config with a dynamic import, which Jest's
  // VM does not allow. stdin + --stdin-filename lints the text as if it were that project file.
  async function lint(relativePath: string, code: string): Promise<string[]> {
    const result = spawnSync(
      bin('eslint'),
      ['--format', 'json', '--stdin', '--stdin-filename', path.join(root, relativePath)],
      { cwd: root, input: code, encoding: 'utf8' },
    );
    const [report] = JSON.parse(result.stdout) as Array<{ messages: EslintMessage[] }>;
    return report.messages.map((m) => `${m.line}:${m.ruleId ?? 'parse'}`);
  }

  it('reports an @api property reassigned by its own component and an unexplained any', async () => {
    const code = [
      "import { LightningElement, api } from 'lwc';",
      'export default class Planted extends LightningElement {',
      '  @api recordId = "";',
      '  connectedCallback(): void {',
      '    this.recordId = "changed";',
      '  }',
      '  parse(raw: string): any {',
      '    return JSON.parse(raw);',
      '  }',
      '}',
      '',
    ].join('\n');
    const messages = await lint('force-app/main/close-wizard/lwc/planted/planted.ts', code);
    expect(messages).toEqual(
      expect.arrayContaining([
        '5:@lwc/lwc/no-api-reassignments',
        '7:@typescript-eslint/no-explicit-any',
      ]),
    );
  });

  it('reports a focused test in a Jest suite', async () => {
    // Assembled so that no focused test stands in this file's own source.
    const focused = ['it', 'only'].join('.');
    const code = `${focused}('runs alone', () => {\n  expect(1).toBe(1);\n});\n`;
    const messages = await lint('scripts/test/planted.test.ts', code);
    expect(messages).toContain('1:jest/no-focused-tests');
  });

  it('passes a clean component', async () => {
    const code = [
      "import { LightningElement, api } from 'lwc';",
      'export default class Clean extends LightningElement {',
      "  @api recordId = '';",
      '}',
      '',
    ].join('\n');
    expect(await lint('force-app/main/close-wizard/lwc/clean/clean.ts', code)).toEqual([]);
  });
});

describe('Prettier with the project config', () => {
  // Formats the text as that project file would be (config and plugins resolved from the path).
  async function isFormatted(relativePath: string, source: string): Promise<boolean> {
    const result = spawnSync(bin('prettier'), ['--stdin-filepath', path.join(root, relativePath)], {
      cwd: root,
      input: source,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout === source;
  }

  const apexFormatted =
    'public with sharing class Planted {\n  public static Integer twice(Integer value) {\n    return value * 2;\n  }\n}\n';

  it('rejects Apex written on one line and accepts it formatted', async () => {
    const file = 'force-app/main/close-engine/classes/Planted.cls';
    await expect(
      isFormatted(
        file,
        'public with sharing class Planted { public static Integer twice(Integer value){return value*2;} }\n',
      ),
    ).resolves.toBe(false);
    await expect(isFormatted(file, apexFormatted)).resolves.toBe(true);
  });

  it('rejects metadata XML with broken indentation', async () => {
    const file = 'force-app/main/close-engine/objects/Opportunity/fields/Planted__c.field-meta.xml';
    const formatted =
      '<?xml version="1.0" encoding="UTF-8" ?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n  <fullName>Planted__c</fullName>\n  <label>Planted</label>\n  <type>Checkbox</type>\n</CustomField>\n';
    const broken = formatted.replace('  <label>', '<label>');
    await expect(isFormatted(file, broken)).resolves.toBe(false);
    await expect(isFormatted(file, formatted)).resolves.toBe(true);
  });
});
