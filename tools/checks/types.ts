/**
 * The contract every offline check implements. A check reads the project (or a fixture tree
 * shaped like one), never writes into it, and reports findings; any finding fails the check.
 */
export interface Finding {
  /** Path relative to the project directory the check ran on. */
  file: string;
  line?: number;
  /** The tool's rule or error code, e.g. `ApexCRUDViolation`, `unknown-field`, `xml-malformed`. */
  rule: string;
  message: string;
}

export interface CheckOptions {
  /** Root of an SFDX project (holds sfdx-project.json). The real project, or a fixture copy. */
  projectDir: string;
}

export interface CheckResult {
  name: string;
  findings: Finding[];
  /** One line on what was checked, e.g. `42 Apex files, 0 issues`. */
  summary: string;
}

export interface Check {
  name: string;
  description: string;
  run(options: CheckOptions): Promise<CheckResult>;
}

/** `file:line: [rule] message`, the format every check prints. */
export function formatFinding(finding: Finding): string {
  const where = finding.line !== undefined ? `${finding.file}:${finding.line}` : finding.file;
  return `${where}: [${finding.rule}] ${finding.message}`;
}
