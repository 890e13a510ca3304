/**
 * Check `convert`: the source converts to a Metadata API package, and the package is what a
 * deploy must receive.
 *
 * Converts the source with @salesforce/source-deploy-retrieve's MetadataConverter, the library
 * behind `sf project convert source` and `sf project deploy start` (in-process: about 0.1 s
 * against 1-2 s for spawning the CLI), into a temporary folder; a conversion error (unknown
 * metadata type, unresolvable file) is a finding.
 * Then asserts on the package: package.xml exists; every LWC TypeScript source has its compiled
 * `.js` in the package; no `.ts`, `tsconfig.json`, `jsconfig.json`, `__tests__`, `__mocks__` or
 * Jest files are in it; and each compiled `.js` in the source equals what the current `.ts`
 * compiles to with its package directory's tsconfig.json (force-app/tsconfig.json here) (stale output from an older `.ts` is caught by
 * content, not by timestamps, which a checkout or a touch would change).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import {
  listFiles,
  listSourceFiles,
  readSfdxProject,
  sourceRoots,
  toProjectPath,
  type SfdxProject,
} from './lib/project-files';
import { buildLwcInMemory } from './lib/lwc-build';

const BUILD_HINT = 'run npm run build:lwc';

/**
 * Converts the project's package directories to Metadata API format with the CLI's own
 * converter (what `sf project convert source` and a deploy run), honouring .forceignore.
 * Returns a conversion error (unknown metadata type, unresolvable file) as a finding.
 */
async function convertProject(projectDir: string, outputDir: string): Promise<Finding | undefined> {
  let project: SfdxProject;
  try {
    project = readSfdxProject(projectDir);
  } catch (error) {
    return {
      file: 'sfdx-project.json',
      rule: 'convert-failed',
      message: `cannot read sfdx-project.json: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const packagePaths = (project.packageDirectories ?? [])
    .map((directory) => path.join(projectDir, directory.path))
    .filter((directory) => existsSync(directory));
  try {
    const components = ComponentSet.fromSource({ fsPaths: packagePaths });
    // Without an API version, building package.xml asks an org for one (and stalls offline).
    components.sourceApiVersion = project.sourceApiVersion ?? '65.0';
    await new MetadataConverter().convert(components, 'metadata', {
      type: 'directory',
      outputDirectory: outputDir,
      genUniqueDir: false,
    });
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const mentioned = /(\/[^\s:'"]+)/.exec(message)?.[1];
    return {
      file:
        mentioned && mentioned.startsWith(projectDir)
          ? toProjectPath(projectDir, mentioned)
          : 'sfdx-project.json',
      rule: 'convert-failed',
      message: `conversion to Metadata API format failed: ${message}`,
    };
  }
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
  const packaged = listFiles(outputDir);
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

/**
 * The tsconfig that builds the LWC TypeScript of a package directory: `<root>/tsconfig.json`
 * (npm run build:lwc compiles `force-app/tsconfig.json` here). One per source root that has one.
 */
function lwcTsconfigs(projectDir: string): string[] {
  return sourceRoots(projectDir)
    .map((root) => path.join(projectDir, root, 'tsconfig.json'))
    .filter((file) => existsSync(file));
}

function checkStaleJavaScript(projectDir: string, files: string[], findings: Finding[]): void {
  const sources = lwcTypeScriptSources(files);
  if (sources.length === 0) return;
  const tsconfigs = lwcTsconfigs(projectDir);
  if (tsconfigs.length === 0) {
    findings.push({
      file: 'sfdx-project.json',
      rule: 'lwc-build-config',
      message: `${sources.length} LWC TypeScript source(s) but no package directory has a tsconfig.json that compiles them`,
    });
    return;
  }
  const inputs = new Set<string>();
  const outputs = new Map<string, string>();
  for (const tsconfig of tsconfigs) {
    const build = buildLwcInMemory(tsconfig);
    for (const error of build.errors) {
      findings.push({
        file: toProjectPath(projectDir, tsconfig),
        rule: 'lwc-build-config',
        message: error,
      });
    }
    for (const input of build.inputs) inputs.add(input);
    for (const [file, text] of build.outputs) outputs.set(file, text);
  }
  const present = new Set(files);
  // A .js left beside the TypeScript after its .ts was moved or deleted (tsc never removes
  // output) is still deployed, and can carry an old copy of a module into the org.
  const bundles = new Set(sources.map((source) => path.posix.dirname(source)));
  for (const file of files) {
    if (!file.endsWith('.js') || !bundles.has(path.posix.dirname(file))) continue;
    if (!present.has(file.replace(/\.js$/, '.ts'))) {
      findings.push({
        file,
        rule: 'lwc-js-orphan',
        message: `compiled JavaScript with no ${path.posix.basename(file, '.js')}.ts beside it in a TypeScript bundle: left over from a moved or deleted source, it would still be deployed; delete it`,
      });
    }
  }
  for (const source of sources) {
    const absolute = path.join(projectDir, source);
    const jsFile = source.replace(/\.ts$/, '.js');
    if (!inputs.has(absolute)) {
      findings.push({
        file: source,
        rule: 'lwc-ts-not-built',
        message:
          'no package directory tsconfig.json includes this component source, so npm run build:lwc never compiles it',
      });
      continue;
    }
    if (!present.has(jsFile)) continue; // reported as lwc-js-missing from the package
    const expected = outputs.get(path.join(projectDir, jsFile));
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
  async run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const findings: Finding[] = [];
    const files = listSourceFiles(projectDir);
    const tempDir = mkdtempSync(path.join(os.tmpdir(), 'close-won-convert-'));
    const outputDir = path.join(tempDir, 'package');
    let components = 0;
    try {
      const failure = await convertProject(projectDir, outputDir);
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
    return {
      name: 'convert',
      findings,
      summary: `converted ${files.length} source files; ${components} LWC TypeScript sources checked for compiled .js, ${findings.length} issues`,
    };
  },
};
