/**
 * Builds the org-free preview (`npm run preview`, docs/preview.md): compiles the project's LWC
 * TypeScript the way the deploy does (`tsc -p force-app/tsconfig.json`), then bundles the preview
 * page, the project's components and the real Lightning base components with rollup and the LWC
 * compiler into build/preview/app.js (one IIFE; SLDS is served from node_modules by serve.ts).
 *
 * What the platform would supply comes from tools/preview/standins (the smallest faithful stand-ins,
 * listed in docs/preview.md); Apex calls resolve to tools/preview/modules/preview/data, custom labels
 * to their values in the project's CustomLabels metadata. Nothing here changes what deploys.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rollup, type Plugin, type RollupCache, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import ts from 'typescript';
import { readCustomLabels } from './labels';
import { projectComponents } from './components';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OUT_DIR = path.join(ROOT, 'build', 'preview');
const PREVIEW_DIR = path.join(ROOT, 'tools', 'preview');
const node = (...parts: string[]): string => path.join(ROOT, 'node_modules', ...parts);

/** A module record of the LWC resolver: a namespace folder, or one named file. */
type ModuleRecord = { dir: string } | { name: string; path: string };

export interface BuildOptions {
  /** `development` keeps LWC's runtime warnings (default); `production` is smaller and faster. */
  mode?: 'development' | 'production';
  /** Skip `tsc -p force-app/tsconfig.json` (the caller compiled the components already). */
  skipComponentBuild?: boolean;
}

export interface BuildResult {
  bundle: string;
  bytes: number;
  seconds: number;
}

/** The base components' own module list, made absolute (the `{ npm }` form resolves from the wrong folder). */
function baseComponentModules(): ModuleRecord[] {
  const packageDir = node('lightning-base-components');
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    lwc: { modules: Array<{ dir?: string; name?: string; path?: string }> };
  };
  return manifest.lwc.modules.map((record) =>
    record.dir !== undefined
      ? { dir: path.join(packageDir, record.dir) }
      : { name: record.name as string, path: path.join(packageDir, record.path as string) },
  );
}

/**
 * The LWC engine, synthetic shadow and wire service at exactly the pinned 9.4.3: resolving them by
 * package name from the project root would pick sfdx-lwc-jest's older engine, and components
 * compiled by the 9.x compiler fail on it ("is not a valid component").
 */
function runtimeModules(): ModuleRecord[] {
  const lwcDir = node('lwc');
  const nested = path.join(lwcDir, 'node_modules', '@lwc', 'engine-dom', 'dist', 'index.js');
  const engine = existsSync(nested) ? nested : node('@lwc', 'engine-dom', 'dist', 'index.js');
  const version = (
    JSON.parse(readFileSync(path.join(engine, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const wanted = (
    JSON.parse(readFileSync(path.join(lwcDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  if (version !== wanted)
    throw new Error(`@lwc/engine-dom ${version} found, lwc ${wanted} needs its own`);
  const shadow = node('@lwc', 'synthetic-shadow', 'dist', 'index.js');
  const wire = node('@lwc', 'wire-service', 'dist', 'index.js');
  return [
    { name: 'lwc', path: engine },
    { name: '@lwc/synthetic-shadow', path: shadow },
    { name: '@lwc/wire-service', path: wire },
    { name: 'wire-service', path: wire },
  ];
}

/** Stand-ins first, so that they win over anything of the same name. */
function moduleRecords(): ModuleRecord[] {
  const standins = path.join(PREVIEW_DIR, 'standins');
  return [
    { dir: standins },
    { name: '@salesforce/client/formFactor', path: path.join(standins, 'client', 'formFactor.ts') },
    {
      // Comboboxes call attachInternals() when this gate is open; synthetic shadow has no
      // ElementInternals, so the preview keeps the gate closed (see docs/preview.md).
      name: '@salesforce/gate/bc.260.enableComboboxElementInternals',
      path: path.join(standins, 'client', 'closedGate.ts'),
    },
    { dir: path.join(PREVIEW_DIR, 'modules') },
    ...projectComponents(ROOT).map((component) => ({
      name: `c/${component.name}`,
      path: component.entry,
    })),
    ...baseComponentModules(),
  ];
}

/** Strips TypeScript from the preview's own modules (the project's are compiled by tsc first). */
function typescriptPlugin(): Plugin {
  return {
    name: 'preview-typescript',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('\0')) return null;
      const output = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: false,
          verbatimModuleSyntax: false,
          isolatedModules: true,
          sourceMap: false,
        },
      });
      return { code: output.outputText, map: null };
    },
  };
}

const APEX_PREFIX = '@salesforce/apex/';
const LABEL_PREFIX = '@salesforce/label/';

/** `@salesforce/apex/*` → the preview data module; `@salesforce/label/c.*` → the label's value. */
function platformImportsPlugin(labels: ReadonlyMap<string, string>): Plugin {
  const dataModule = path.join(PREVIEW_DIR, 'modules', 'preview', 'data', 'data.ts');
  return {
    name: 'preview-platform-imports',
    resolveId(source) {
      if (source.startsWith(APEX_PREFIX)) return `\0apex:${source.slice(APEX_PREFIX.length)}`;
      if (source.startsWith(`${LABEL_PREFIX}c.`))
        return `\0label:${source.slice(LABEL_PREFIX.length + 2)}`;
      return null;
    },
    load(id) {
      if (id.startsWith('\0apex:')) {
        const method = id.slice('\0apex:'.length);
        return [
          `import { callApex } from ${JSON.stringify(dataModule)};`,
          `export default (params) => callApex(${JSON.stringify(method)}, params);`,
        ].join('\n');
      }
      if (id.startsWith('\0label:')) {
        const name = id.slice('\0label:'.length);
        const value = labels.get(name);
        if (value === undefined) {
          this.error(`custom label c.${name} is imported but not defined in any CustomLabels file`);
        }
        return `export default ${JSON.stringify(value)};`;
      }
      return null;
    },
  };
}

function compileComponents(): void {
  const tsc = node('.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', path.join(ROOT, 'force-app', 'tsconfig.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('tsc -p force-app/tsconfig.json failed');
}

/** Noise the base components always produce (their own templates); anything else is printed. */
function isExpectedWarning(log: RollupLog): boolean {
  const inBaseComponents = `${log.id ?? ''} ${log.message}`.includes('lightning-base-components');
  return log.code === 'CIRCULAR_DEPENDENCY' || log.code === 'THIS_IS_UNDEFINED' || inBaseComponents;
}

/**
 * Rollup's module cache from the last build: unchanged modules (nearly all of them, the base
 * components) are not compiled again. Rollup re-checks each cached module's source itself.
 */
function readCache(file: string): RollupCache | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RollupCache;
  } catch {
    return undefined;
  }
}

export async function buildPreview(options: BuildOptions = {}): Promise<BuildResult> {
  const started = Date.now();
  const mode = options.mode ?? 'development';
  if (!options.skipComponentBuild) compileComponents();
  const labels = readCustomLabels(ROOT);
  const cacheFile = path.join(OUT_DIR, `rollup-cache-${mode}.json`);
  const bundle = await rollup({
    cache: readCache(cacheFile),
    input: path.join(PREVIEW_DIR, 'main.ts'),
    onwarn(log, warn) {
      if (!isExpectedWarning(log)) warn(log);
    },
    plugins: [
      platformImportsPlugin(labels),
      typescriptPlugin(),
      replace({
        preventAssignment: true,
        values: {
          'process.env.NODE_ENV': JSON.stringify(mode),
          'import.meta.env.SSR': 'false',
        },
      }),
      lwc({
        rootDir: PREVIEW_DIR,
        modules: moduleRecords(),
        defaultModules: runtimeModules(),
        enableDynamicComponents: true,
      }),
    ],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, 'app.js');
  await bundle.write({ file, format: 'iife', inlineDynamicImports: true, sourcemap: false });
  if (bundle.cache) writeFileSync(cacheFile, JSON.stringify(bundle.cache));
  await bundle.close();
  writeFileSync(
    path.join(OUT_DIR, 'index.html'),
    readFileSync(path.join(PREVIEW_DIR, 'index.html')),
  );
  const bytes = readFileSync(file).length;
  return { bundle: file, bytes, seconds: (Date.now() - started) / 1000 };
}

if (require.main === module) {
  const mode = process.argv.includes('--production') ? 'production' : 'development';
  buildPreview({ mode })
    .then((result) => {
      const size = (result.bytes / 1024 / 1024).toFixed(1);
      console.log(
        `preview: built ${path.relative(ROOT, result.bundle)} (${size} MB, ${mode}) in ${result.seconds.toFixed(1)} s`,
      );
    })
    .catch((error: unknown) => {
      console.error(
        `preview: build failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 1;
    });
}
