/**
 * Proves the `convert` check (the CLI's converter + package assertions) fails when a
 * TypeScript component has no compiled .js, when the .js is stale, when .forceignore lets
 * TypeScript sources into the package, on a metadata type the registry does not know, on a
 * component no package directory's tsconfig.json compiles, and on a missing or invalid
 * tsconfig.json; and passes on a clean project once `npm run build:lwc`'s compiler has run. Each
 * case works on a temporary copy of tools/fixtures/meta-clean. A package without package.xml
 * cannot be planted by a file (the converter always writes one, shown on a project that converts
 * to nothing), so that rule is proven with a converter that writes nothing.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { check } from '../checks/convert';
import type { Finding } from '../checks/types';

const root = path.resolve(__dirname, '..', '..');
const cleanFixture = path.join(root, 'tools', 'fixtures', 'meta-clean');
const bundle = 'force-app/main/default/lwc/wonBadge';
const temporaryDirs: string[] = [];

function temporaryCopyOf(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'close-won-convert-test-'));
  temporaryDirs.push(dir);
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** The clean fixture after tsc has built it, as `npm run build:lwc` does (built once). */
let builtProject: string;

function copyOfCleanProject(build: boolean): string {
  return temporaryCopyOf(build ? builtProject : cleanFixture);
}

beforeAll(() => {
  builtProject = temporaryCopyOf(cleanFixture);
  const tsc = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', 'force-app/tsconfig.json'],
    { cwd: builtProject, encoding: 'utf8' },
  );
  if (tsc.status !== 0) {
    throw new Error(`tsc could not build the clean fixture: ${tsc.stdout}${tsc.stderr}`);
  }
}, 60_000);

async function findingsOf(projectDir: string): Promise<Finding[]> {
  return (await check.run({ projectDir })).findings;
}

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describe('convert check', () => {
  it('passes on a clean project built with tsc (the in-memory compile matches tsc output)', async () => {
    expect(await findingsOf(copyOfCleanProject(true))).toEqual([]);
  }, 60_000);

  it('reports a TypeScript component without its compiled .js and says to build', async () => {
    expect(await findingsOf(copyOfCleanProject(false))).toEqual([
      {
        file: `${bundle}/wonBadge.ts`,
        rule: 'lwc-js-missing',
        message: expect.stringContaining(
          'has no lwc/wonBadge/wonBadge.js compiled from this TypeScript: run npm run build:lwc',
        ),
      },
    ]);
  }, 60_000);

  it('reports a compiled .js that no longer matches its .ts', async () => {
    const dir = copyOfCleanProject(true);
    appendFileSync(path.join(dir, bundle, 'wonBadge.ts'), '\nexport const WON_LABEL = "Won";\n');
    expect(await findingsOf(dir)).toEqual([
      {
        file: `${bundle}/wonBadge.js`,
        rule: 'lwc-js-stale',
        message: 'differs from what wonBadge.ts compiles to now: run npm run build:lwc',
      },
    ]);
  }, 60_000);

  it('reports compiled JavaScript left in a TypeScript bundle after its source moved', async () => {
    const dir = copyOfCleanProject(true);
    writeFileSync(path.join(dir, bundle, 'labels.js'), 'export const LABELS = {};\n');
    expect(await findingsOf(dir)).toEqual([
      {
        file: `${bundle}/labels.js`,
        rule: 'lwc-js-orphan',
        message:
          'compiled JavaScript with no labels.ts beside it in a TypeScript bundle: left over from a moved or deleted source, it would still be deployed; delete it',
      },
    ]);
  });

  it('reports TypeScript sources in the package when .forceignore does not exclude them', async () => {
    const dir = copyOfCleanProject(true);
    const forceignore = path.join(dir, '.forceignore');
    writeFileSync(forceignore, readFileSync(forceignore, 'utf8').replace('**/*.ts\n', ''));
    expect(await findingsOf(dir)).toEqual([
      {
        file: '.forceignore',
        rule: 'package-contains-source',
        message:
          'the converted package contains TypeScript source lwc/wonBadge/wonBadge.ts; .forceignore must exclude it',
      },
    ]);
  }, 60_000);

  it('reports a file of no known metadata type', async () => {
    const dir = copyOfCleanProject(false);
    mkdirSync(path.join(dir, 'force-app/main/default/widgets'), { recursive: true });
    writeFileSync(
      path.join(dir, 'force-app/main/default/widgets/Spinner.widget-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<Widget xmlns="http://soap.sforce.com/2006/04/metadata"/>\n',
    );
    const findings = await findingsOf(dir);
    expect(findings).toEqual([
      {
        file: 'force-app/main/default/widgets/Spinner.widget-meta.xml',
        rule: 'convert-failed',
        message: expect.stringContaining(
          'conversion to Metadata API format failed: TypeInferenceError',
        ),
      },
    ]);
  }, 60_000);

  it('reports a component source that no package directory tsconfig.json includes', async () => {
    const dir = copyOfCleanProject(true);
    const tsconfig = path.join(dir, 'force-app/tsconfig.json');
    writeFileSync(
      tsconfig,
      readFileSync(tsconfig, 'utf8').replace(
        '"exclude": ["**/__tests__/**"]',
        '"exclude": ["**/__tests__/**", "**/wonBadge/**"]',
      ),
    );
    expect(await findingsOf(dir)).toEqual([
      {
        file: `${bundle}/wonBadge.ts`,
        rule: 'lwc-ts-not-built',
        message:
          'no package directory tsconfig.json includes this component source, so npm run build:lwc never compiles it',
      },
    ]);
  }, 60_000);

  it('reports component TypeScript when no package directory has a tsconfig.json', async () => {
    const dir = copyOfCleanProject(true);
    rmSync(path.join(dir, 'force-app/tsconfig.json'));
    expect(await findingsOf(dir)).toEqual([
      {
        file: 'sfdx-project.json',
        rule: 'lwc-build-config',
        message:
          '1 LWC TypeScript source(s) but no package directory has a tsconfig.json that compiles them',
      },
    ]);
  }, 60_000);

  it('reports a tsconfig.json the compiler rejects', async () => {
    const dir = copyOfCleanProject(true);
    const tsconfig = path.join(dir, 'force-app/tsconfig.json');
    writeFileSync(
      tsconfig,
      readFileSync(tsconfig, 'utf8').replace('"strict": true', '"strict": true, "strictt": true'),
    );
    expect(await findingsOf(dir)).toEqual([
      {
        file: 'force-app/tsconfig.json',
        rule: 'lwc-build-config',
        message: "Unknown compiler option 'strictt'. Did you mean 'strict'?",
      },
    ]);
  }, 60_000);

  it('gets a package.xml even from package directories that convert to nothing', async () => {
    // Why package-xml-missing cannot be planted by a file: the converter writes package.xml
    // (with only <version>) whenever it succeeds, also for no component at all.
    const dir = copyOfCleanProject(false);
    rmSync(path.join(dir, 'force-app'), { recursive: true });
    mkdirSync(path.join(dir, 'force-app'));
    writeFileSync(path.join(dir, 'force-app', 'README.md'), 'Nothing to deploy yet.\n');
    expect(await findingsOf(dir)).toEqual([]);
  }, 60_000);

  describe('with a converter that writes no package.xml (no file can make it so)', () => {
    afterEach(() => jest.restoreAllMocks());

    it('reports a conversion that wrote no package at all', async () => {
      jest.spyOn(MetadataConverter.prototype, 'convert').mockResolvedValue({ converted: [] });
      expect(await findingsOf(copyOfCleanProject(true))).toEqual([
        {
          file: 'sfdx-project.json',
          rule: 'package-xml-missing',
          message: 'the conversion wrote no package',
        },
      ]);
    }, 60_000);

    it('reports a package without package.xml', async () => {
      jest
        .spyOn(MetadataConverter.prototype, 'convert')
        .mockImplementation((_components, _format, output) => {
          const outputDir = 'outputDirectory' in output ? output.outputDirectory : undefined;
          if (outputDir === undefined) throw new Error('expected a directory conversion');
          mkdirSync(path.join(outputDir, 'lwc', 'wonBadge'), { recursive: true });
          writeFileSync(path.join(outputDir, 'lwc', 'wonBadge', 'wonBadge.js'), '');
          return Promise.resolve({ converted: [] });
        });
      expect(await findingsOf(copyOfCleanProject(true))).toEqual([
        {
          file: 'sfdx-project.json',
          rule: 'package-xml-missing',
          message: 'the converted package has no package.xml',
        },
      ]);
    }, 60_000);
  });
});
