/**
 * Check `flows`: Lightning Flow Scanner (@flow-scanner/lightning-flow-scanner-core 6.6.0) on every
 * `*.flow-meta.xml` under the package directories of sfdx-project.json, with the rules of
 * `flows-rules.ts`. Every violation of a rule configured with severity `error` is a finding; a
 * flow the scanner cannot parse, and a rule that crashes on a flow, are findings too (a check that
 * silently skips a flow proves nothing about it).
 *
 * The scanner does not see unknown fields (`$Record.Bogus__c`), connectors to missing elements or
 * undefined variables; the `references` check covers unknown fields, `flow-structure` connectors
 * and references to undefined elements, variables and resources. Its XML parser is lenient (most
 * malformed XML still yields a flow); `metadata` reports malformed XML.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  getRules,
  parse,
  scan,
  type RuleResult,
  type Violation,
} from '@flow-scanner/lightning-flow-scanner-core';
import { FLOW_RULES, flowScannerConfig } from './flows-rules';
import { lineOf, listSourceFiles } from './lib/project-files';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

const FLOW_FILE = /\.flow-meta\.xml$/;

/**
 * The violation's line in the source file. The scanner numbers lines of the XML it re-serialises,
 * which can differ from the file on disk, so the element is looked up in the file itself.
 */
function sourceLine(text: string, violation: Violation): number | undefined {
  if (violation.metaType === 'attribute') {
    // A flow-level value, e.g. <apiVersion>58.0 or <status>Draft; none for the file name.
    return lineOf(text, `<${violation.type}>${violation.name}`);
  }
  return lineOf(text, `<name>${violation.name}</name>`) ?? violation.lineNumber;
}

function describe(result: RuleResult, violation: Violation): string {
  const label = result.ruleDefinition.label;
  if (violation.metaType === 'attribute') {
    const expected = (violation.details as { expression?: string } | undefined)?.expression;
    return `${label}: ${violation.type} is '${violation.name}'${expected ? ` (expected ${expected})` : ''}`;
  }
  return `${label}: ${violation.type} '${violation.name}'`;
}

/** Fails when a configured rule is unknown to this scanner version (it would be skipped silently). */
function assertRulesExist(): void {
  const known = new Set(getRules().map((rule) => rule.name));
  const unknown = FLOW_RULES.filter((rule) => !known.has(rule.name)).map((rule) => rule.name);
  if (unknown.length > 0) {
    throw new Error(`Flow Scanner rules not found in this scanner version: ${unknown.join(', ')}`);
  }
}

export const check: Check = {
  name: 'flows',
  description:
    'Lightning Flow Scanner: fault paths, hard-coded ids, DML/SOQL in loops, unconnected elements, …',
  async run(options: CheckOptions): Promise<CheckResult> {
    // The scanner reports absolute paths; a relative project directory would not join with them.
    const projectDir = path.resolve(options.projectDir);
    assertRulesExist();
    const flowFiles = listSourceFiles(projectDir).filter((file) => FLOW_FILE.test(file));
    const findings: Finding[] = [];
    const absolute = flowFiles.map((file) => path.join(projectDir, file));
    const parsed = await parse(absolute);
    /** Scan results name a flow by the path it was parsed from; findings name it relative. */
    const fileOf = new Map(absolute.map((full, index) => [full, flowFiles[index] ?? full]));
    for (const flow of parsed) {
      if (flow.errorMessage !== undefined || flow.flow === undefined) {
        findings.push({
          file: fileOf.get(flow.uri) ?? flow.uri,
          rule: 'flow-unparsable',
          message: flow.errorMessage ?? 'not a flow',
        });
      }
    }
    for (const result of scan(parsed, flowScannerConfig())) {
      const parsedFrom = result.flow.fsPath ?? result.flow.uri ?? '';
      const file = fileOf.get(parsedFrom) ?? parsedFrom;
      const text = readFileSync(path.join(projectDir, file), 'utf8');
      for (const ruleResult of result.ruleResults) {
        if (ruleResult.errorMessage) {
          findings.push({ file, rule: ruleResult.ruleName, message: ruleResult.errorMessage });
        }
        if (!ruleResult.occurs || ruleResult.severity !== 'error') continue;
        for (const violation of ruleResult.details) {
          findings.push({
            file,
            line: sourceLine(text, violation),
            rule: ruleResult.ruleName,
            message: describe(ruleResult, violation),
          });
        }
      }
    }
    return {
      name: 'flows',
      findings,
      summary: `${flowFiles.length} flows, ${FLOW_RULES.length} Flow Scanner rules, ${findings.length} finding(s)`,
    };
  },
};
