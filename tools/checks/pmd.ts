/**
 * Check `pmd`: PMD's Apex rules through Salesforce Code Analyzer, driven from Node
 * (@salesforce/code-analyzer-core with @salesforce/code-analyzer-pmd-engine; the `sf code-analyzer`
 * plugin does not install here). One PMD run per invocation, over the `.cls` and `.trigger` files
 * under the package directories of sfdx-project.json.
 *
 * Fails on:
 * - a violation of any rule in `pmd-rules.ts` (the list is the threshold; see there why each is on);
 * - an Apex file PMD cannot parse: PMD only logs a syntax error as a processing error, so the
 *   engine's error log events are captured and turned into `apex-syntax-error` findings;
 * - a PMD suppression without a justification: `@SuppressWarnings('PMD.Rule')` needs a `//` comment
 *   on the line above or at the end of the same line, and `// NOPMD` needs a reason after it.
 *   Code Analyzer's own `code-analyzer-suppress` markers are disabled, so these two are the only
 *   ways to silence a rule, and both leave the reason in the code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  type EngineLogEvent,
  type Violation,
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import { requireJava } from './apex-ls-java';
import { listSourceFiles, sourceRoots, toProjectPath } from './lib/project-files';
import { PMD_RULES } from './pmd-rules';
import type { Check, CheckOptions, CheckResult, Finding } from './types';

const APEX_FILE = /\.(cls|trigger)$/;
/** A justification must say something: at least this many characters of comment text. */
const MIN_JUSTIFICATION_LENGTH = 10;
const PROCESSING_ERROR = /^PMD issued a processing error for file '([^']+)':\s*([\s\S]*)$/;
const SYNTAX_ERROR = /Syntax error at (\d+):(\d+): ([\s\S]*)$/;

/** Turns the engine's processing error (an unparsable file) into a finding. */
export function processingErrorToFinding(projectDir: string, logMessage: string): Finding {
  const processing = PROCESSING_ERROR.exec(logMessage);
  if (!processing) return { file: '.', rule: 'pmd-engine-error', message: logMessage.trim() };
  const file = toProjectPath(projectDir, processing[1]);
  const syntax = SYNTAX_ERROR.exec(processing[2]);
  if (!syntax) return { file, rule: 'pmd-processing-error', message: processing[2].trim() };
  // The parser lists every token it would have accepted; the first words say what is wrong.
  const message = syntax[3].replace(/\s+expecting \{[\s\S]*$/, '').trim();
  return {
    file,
    line: Number(syntax[1]),
    rule: 'apex-syntax-error',
    message: `Syntax error at column ${syntax[2]}: ${message}`,
  };
}

/** The text of a `//` comment on this line (after `from`), if there is one. */
function lineComment(line: string, from = 0): string | undefined {
  const index = line.indexOf('//', from);
  return index < 0 ? undefined : line.slice(index + 2).trim();
}

/**
 * Finds PMD suppressions without a justification in one Apex file: `@SuppressWarnings('PMD…')`
 * needs a `//` comment directly above it or at the end of its line; `// NOPMD` needs a reason.
 */
export function findUnjustifiedSuppressions(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const annotation = /@SuppressWarnings\s*\(\s*'([^']*PMD[^']*)'\s*\)/i.exec(line);
    if (annotation) {
      const sameLine = lineComment(line, annotation.index + annotation[0].length);
      const above = index > 0 ? /^\s*\/\/(.*)$/.exec(lines[index - 1])?.[1].trim() : undefined;
      const reason = [sameLine, above].find(
        (text) => (text ?? '').length >= MIN_JUSTIFICATION_LENGTH,
      );
      if (reason === undefined) {
        findings.push({
          file,
          line: index + 1,
          rule: 'pmd-suppression-unjustified',
          message: `@SuppressWarnings('${annotation[1]}') needs a // comment saying why, on the line above or the same line`,
        });
      }
    }
    const noPmd = /\/\/\s*NOPMD\b(.*)$/i.exec(line);
    if (noPmd && noPmd[1].replace(/^[\s:-]+/, '').length < MIN_JUSTIFICATION_LENGTH) {
      findings.push({
        file,
        line: index + 1,
        rule: 'pmd-suppression-unjustified',
        message: '// NOPMD needs a reason after it, e.g. `// NOPMD - <why this is safe>`',
      });
    }
  });
  return findings;
}

function violationToFinding(projectDir: string, violation: Violation): Finding {
  const location = violation.getPrimaryLocation();
  const file = location.getFile();
  if (file === undefined) {
    // Code Analyzer reports an engine that could not start or crashed as a location-less violation.
    throw new Error(`PMD did not run: ${violation.getMessage()}`);
  }
  return {
    file: toProjectPath(projectDir, file),
    line: location.getStartLine(),
    rule: violation.getRule().getName(),
    message: violation.getMessage(),
  };
}

/** One Code Analyzer run of the selected PMD rules over the given Apex source roots. */
async function runPmd(projectDir: string, roots: string[]): Promise<Finding[]> {
  const javaCommand = requireJava('PMD');
  const workFolder = mkdtempSync(path.join(os.tmpdir(), 'close-won-pmd-'));
  try {
    const config = CodeAnalyzerConfig.fromObject({
      log_folder: workFolder,
      root_working_folder: workFolder,
      suppressions: { disable_suppressions: true },
      engines: {
        pmd: {
          java_command: javaCommand,
          rule_languages: ['apex'],
          file_extensions: { apex: ['.cls', '.trigger'] },
        },
        cpd: { disable_engine: true },
      },
    });
    const analyzer = new CodeAnalyzer(config);
    const engineErrors: string[] = [];
    analyzer.onEvent<EngineLogEvent>(EventType.EngineLogEvent, (event) => {
      if (event.logLevel === LogLevel.Error) engineErrors.push(event.message);
    });
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace(roots);
    const selection = await analyzer.selectRules(PMD_RULES.map((rule) => `pmd:${rule.name}`));
    const selected = new Set(selection.getRulesFor('pmd').map((rule) => rule.getName()));
    const missing = PMD_RULES.filter((rule) => !selected.has(rule.name)).map((rule) => rule.name);
    if (missing.length > 0) {
      throw new Error(`PMD rules not found in this PMD engine: ${missing.join(', ')}`);
    }
    const results = await analyzer.run(selection, { workspace });
    return [
      ...engineErrors.map((message) => processingErrorToFinding(projectDir, message)),
      ...results.getViolations().map((violation) => violationToFinding(projectDir, violation)),
    ];
  } finally {
    rmSync(workFolder, { recursive: true, force: true });
  }
}

export const check: Check = {
  name: 'pmd',
  description:
    'PMD Apex rules via Code Analyzer: security, limits in loops, tests, ApexDoc; syntax errors fail',
  async run({ projectDir }: CheckOptions): Promise<CheckResult> {
    const apexFiles = listSourceFiles(projectDir).filter((file) => APEX_FILE.test(file));
    const findings: Finding[] = [];
    for (const file of apexFiles) {
      findings.push(
        ...findUnjustifiedSuppressions(file, readFileSync(path.join(projectDir, file), 'utf8')),
      );
    }
    if (apexFiles.length > 0) {
      const roots = sourceRoots(projectDir)
        .filter((root) => apexFiles.some((file) => file.startsWith(`${root}/`)))
        .map((root) => path.join(projectDir, root));
      findings.push(...(await runPmd(projectDir, roots)));
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    return {
      name: 'pmd',
      findings,
      summary: `${apexFiles.length} Apex files, ${PMD_RULES.length} PMD rules, ${findings.length} finding(s)`,
    };
  },
};
