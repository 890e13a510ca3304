/**
 * Proves the `flows` check reports a flow without a fault path and a flow with a hard-coded record
 * id (file, line and rule) and a flow the scanner cannot parse (file and rule), passes on a clean
 * flow, and applies the configured options of the
 * API-version and naming rules.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../checks/flows';
import { FLOW_RULES, flowScannerConfig } from '../checks/flows-rules';
import type { CheckResult } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const flows = 'force-app/main/default/flows';
const cleanFlow = `${flows}/Widget_Created_Review_Task.flow-meta.xml`;

describe('flows check', () => {
  let broken: CheckResult;
  let clean: CheckResult;

  beforeAll(async () => {
    broken = await check.run({ projectDir: path.join(fixtures, 'flow-broken') });
    clean = await check.run({ projectDir: path.join(fixtures, 'clean-project') });
  });

  it('reports a record create without a fault path', () => {
    expect(broken.findings).toContainEqual({
      file: `${flows}/Widget_Review_Without_Fault_Path.flow-meta.xml`,
      line: 28,
      rule: 'MissingFaultPath',
      message: "Missing Fault Path: recordCreates 'Create_Review_Task'",
    });
  });

  it('reports a hard-coded record id', () => {
    expect(broken.findings).toContainEqual({
      file: `${flows}/Widget_Review_Hardcoded_Queue.flow-meta.xml`,
      line: 28,
      rule: 'HardcodedId',
      message: "Hardcoded Id: recordCreates 'Create_Review_Task'",
    });
  });

  it('reports a flow the scanner cannot parse instead of skipping it', () => {
    // The scanner's XML parser accepts most broken XML (the metadata check reports that as
    // xml-malformed); an unclosed comment is one thing it rejects. No line: the file as a whole.
    expect(broken.findings).toContainEqual({
      file: `${flows}/Widget_Review_Unclosed_Comment.flow-meta.xml`,
      rule: 'flow-unparsable',
      message: 'Comment is not closed.',
    });
  });

  it('reports nothing but the three planted defects', () => {
    expect(broken.findings).toHaveLength(3);
  });

  it('passes on the clean flow, whose fault path logs the failure', () => {
    expect(clean.findings).toEqual([]);
    expect(clean.summary).toBe(`1 flows, ${FLOW_RULES.length} Flow Scanner rules, 0 finding(s)`);
  });
});

describe('flows check rule options', () => {
  let projectDir: string;

  beforeEach(() => {
    projectDir = mkdtempSync(path.join(os.tmpdir(), 'close-won-flows-'));
    cpSync(path.join(fixtures, 'clean-project'), projectDir, { recursive: true });
  });
  afterEach(() => rmSync(projectDir, { recursive: true, force: true }));

  it('fails a flow below the package API version', async () => {
    const file = path.join(projectDir, cleanFlow);
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace('<apiVersion>65.0</apiVersion>', '<apiVersion>58.0</apiVersion>'),
    );
    const result = await check.run({ projectDir });
    expect(result.findings).toEqual([
      expect.objectContaining({ file: cleanFlow, line: 3, rule: 'APIVersion' }),
    ]);
  });

  it('fails a flow not named Object_Purpose', async () => {
    const renamed = `${flows}/widgetreviewtask.flow-meta.xml`;
    renameSync(path.join(projectDir, cleanFlow), path.join(projectDir, renamed));
    const result = await check.run({ projectDir });
    expect(result.findings).toEqual([
      {
        file: renamed,
        rule: 'FlowName',
        message:
          "Flow Naming Convention: name is 'widgetreviewtask' (expected ^[A-Z][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)+$)",
      },
    ]);
  });

  it('runs every configured rule at severity error', () => {
    const rules = flowScannerConfig().rules ?? {};
    expect(Object.keys(rules)).toEqual(FLOW_RULES.map((rule) => rule.name));
    expect(Object.values(rules).every((rule) => rule.severity === 'error')).toBe(true);
  });
});
