/**
 * Check `convert`: the source converts to a Metadata API package, and the package is what a
 * deploy must receive.
 *
 * Runs the Salesforce CLI (`sf project convert source`, the same code path as a deploy) into a
 * temporary folder; a conversion error (unknown metadata type, unresolvable file) is a finding.
 * Then asserts on the package: package.xml exists; every LWC TypeScript source has its compiled
 * `.js` in the package; no `.ts`, `tsconfig.json`, `jsconfig.json`, `__tests__`, `__mocks__` or
 * Jest files are in it; and each compiled `.js` in the source equals what the current `.ts`
 * compiles to with force-app/tsconfig.json (stale output from an older `.ts` is caught by
 * content, not by timestamps, which a checkout or a touch would change).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { listSourceFiles, toProjectPath } from './lib/project-files';
import { buildLwcInMemory } from './lib/lwc-build';

const toolsRoot = path.resolve(__dirname, '..', '..');
const sfBin = path.join(toolsRoot, 'node_modules', '.bin', 'sf');
const BUILD_HINT = 'run npm run build:lwc';

interface CliJson {
  status: number;
  name?: string;
  message?: string;
  result?: { location?: string };
}

function listTree(directory: string, base = directory, into: string[] = []): string[] {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) listTree(full, base, into);
    else into.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return into;
}

/** Runs `sf project convert source`; returns the CLI's error as a finding, or undefined. */
function convertWithCli(projectDir: string, outputDir: string): Finding | undefined {
  const result = spawnSync(
    sfBin,
    ['project', 'convert', 'source', '--output-dir', outputDir, '--json'],
    {
      cwd: projectDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_HIDE_RELEASE_NOTES: 'true',
      },
      timeout: 300_000,
    },
  );
  if (result.error) {
    return {
      file: 'sfdx-project.json',
      rule: 'convert-failed',
      message: `could not run sf: ${result.error.message}`,
    };
  }
  let json: CliJson | undefined;
  try {
    json = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as CliJson;
  } catch {
    json = undefined;
  }
  if (result.status === 0 && json?.status === 0) return undefined;
  const message = json?.message ?? `${result.stdout}${result.stderr}`.trim();
  const mentioned = /(?:^|\s)(\/[^\s:'"]+)/.exec(message)?.[1];
  const file =
    mentioned && mentioned.startsWith(projectDir)
      ? toProjectPath(projectDir, mentioned)
      : 'sfdx-project.json';
  return {
    file,
    rule: 'convert-failed',
    message: `sf project convert source failed: ${json?.name ? `${json.name}: ` : ''}${message}`,
  };
}

const FORBIDDEN_IN_PACKAGE: { test: (file: string) => boolean; what: string }[] = [
  { test: (file) => file.endsWith('.ts'), what: 'TypeScript source' },
  { test: (file) => /(^|\/)(tsconfig|jsconfig)\.json$/.test(file), what: 'compiler config' },
  { test: (file) => /(^|\/)__(tests|mocks)__\//.test(file), what: 'Jest test or mock' },
  {
    test: (file) => /\.(test|spec)\.js$/.test(file) || /(^|\/)jest\.config\./.test(file),
    what: 'Jest file',
  },
];

/** TypeScript sources of LWC bundles: `.../lwc/<bundle>/<file>.ts`, no tests, mocks or typings. */
function lwcTypeScriptSources(files: string[]): string[] {
  return files.filter((file) => {
    const parts = file.split('/');
    return (
      file.endsWith('.ts') &&
      !file.endsWith('.d.ts') &&
      !file.endsWith('.test.ts') &&
      parts.length >= 3 &&
      parts[parts.length - 3] === 'lwc' &&
      !parts[parts.length - 2].startsWith('__')
    );
  });
}

function checkPackage(files: string[], outputDir: string, findings: Finding[]): number {
  const packaged = listTree(outputDir);
  if (!packaged.includes('package.xml')) {
    findings.push({
      file: 'sfdx-project.json',
      rule: 'package-xml-missing',
      message: 'the converted package has no package.xml',
    });
  }
  for (const file of packaged) {
    const forbidden = FORBIDDEN_IN_PACKAGE.find((rule) => rule.test(file));
    if (forbidden) {
      findings.push({
        file: '.forceignore',
        rule: 'package-contains-source',
        message: `the converted package contains ${forbidden.what} ${file}; .forceignore must exclude it`,
      });
    }
  }
  const packagedSet = new Set(packaged);
  const sources = lwcTypeScriptSources(files);
  for (const source of sources) {
    const parts = source.split('/');
    const compiled = `lwc/${parts[parts.length - 2]}/${path.posix.basename(source, '.ts')}.js`;
    if (!packagedSet.has(compiled)) {
      findings.push({
        file: source,
        rule: 'lwc-js-missing',
        message: `the converted package has no ${compiled} compiled from this TypeScript: ${BUILD_HINT}`,
      });
    }
  }
  return sources.length;
}

function checkStaleJavaScript(projectDir: string, files: string[], findings: Finding[]): void {
  const sources = lwcTypeScriptSources(files);
  if (sources.length === 0) return;
  const tsconfig = path.join(projectDir, 'force-app', 'tsconfig.json');
  const build = buildLwcInMemory(tsconfig);
  for (const error of build.errors) {
    findings.push({
      file: toProjectPath(projectDir, tsconfig),
      rule: 'lwc-build-config',
      message: error,
    });
  }
  const present = new Set(files);
  for (const source of sources) {
    const absolute = path.join(projectDir, source);
    const jsFile = source.replace(/\.ts$/, '.js');
    if (build.inputs.size === 0 && build.errors.length > 0) break; // reported as lwc-build-config
    if (!build.inputs.has(absolute)) {
      findings.push({
        file: source,
        rule: 'lwc-ts-not-built',
        message:
          'force-app/tsconfig.json does not include this component source, so npm run build:lwc never compiles it',
      });
      continue;
    }
    if (!present.has(jsFile)) continue; // reported as lwc-js-missing from the package
    const expected = build.outputs.get(path.join(projectDir, jsFile));
    const actual = readFileSync(path.join(projectDir, jsFile), 'utf8').replace(/\r\n/g, '\n');
    if (expected !== undefined && expected !== actual) {
      findings.push({
        file: jsFile,
        rule: 'lwc-js-stale',
        message: `differs from what ${path.posix.basename(source)} compiles to now: ${BUILD_HINT}`,
      });
    }
  }
}

export const check: Check = {
  name: 'convert',
  description:
    'sf project convert source, then: package.xml, compiled LWC .js present and current, no sources or tests in the package',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const findings: Finding[] = [];
    const files = listSourceFiles(projectDir);
    const tempDir = mkdtempSync(path.join(os.tmpdir(), 'close-won-convert-'));
    const outputDir = path.join(tempDir, 'package');
    let components = 0;
    try {
      const failure = convertWithCli(projectDir, outputDir);
      if (failure) findings.push(failure);
      else if (existsSync(outputDir)) {
        components = checkPackage(files, outputDir, findings);
      } else {
        findings.push({
          file: 'sfdx-project.json',
          rule: 'package-xml-missing',
          message: 'the conversion wrote no package',
        });
      }
      checkStaleJavaScript(projectDir, files, findings);
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
    return Promise.resolve({
      name: 'convert',
      findings,
      summary: `converted ${files.length} source files; ${components} LWC TypeScript sources checked for compiled .js, ${findings.length} issues`,
    });
  },
};
