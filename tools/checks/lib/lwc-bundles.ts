/**
 * Finds the project's Lightning web component bundles (`…/lwc/<name>/<name>.js-meta.xml`) and
 * Aura bundles (`…/aura/<name>/`), and reads each LWC bundle: its component module (`<name>.ts`,
 * else `<name>.js`), every other module it ships (not tests, mocks, or `.js` compiled from a `.ts`
 * beside it), its templates, and its `.js-meta.xml` — with attributes, which the shared metadata
 * parser drops (`<targetConfig targets="…">`, `<property name="…">`) — and the line of each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readLwcSource, type LwcSource } from './lwc-source';
import { lineAt } from './project-files';

export interface TargetConfig {
  /** The names in the `targets` attribute, trimmed. */
  targets: string[];
  line: number;
  /** `<property name="…">` names with their lines. */
  properties: { name: string; line: number }[];
  /** `<objects><object>` names (record page configs). */
  objects: string[];
  /** `<actionType>` (record and global actions). */
  actionType?: string;
}

export interface BundleMeta {
  isExposed: boolean;
  isExposedLine?: number;
  targets: { name: string; line: number }[];
  targetConfigs: TargetConfig[];
}

export interface LwcModule {
  file: string;
  source: LwcSource;
}

export interface LwcBundle {
  name: string;
  directory: string;
  metaFile: string;
  meta?: BundleMeta;
  /** The component module, if the bundle has one (service modules may be `.js` only). */
  main?: LwcModule;
  modules: LwcModule[];
  templates: string[];
}

export interface ProjectComponents {
  lwc: Map<string, LwcBundle>;
  /** Aura bundle names, lower case. */
  aura: Set<string>;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  ignoreDeclaration: true,
  // Every element is a list (as the shared metadata parser reads them); attributes stay strings.
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Node = Record<string, unknown>;

function children(node: unknown, name: string): Node[] {
  const value = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  return Array.isArray(value) ? (value as Node[]) : [];
}

/** The text of an element: a string, or `#text` when the element also has attributes. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') {
    return (value as Node)['#text'] as string;
  }
  return undefined;
}

function text(node: unknown, name: string): string | undefined {
  return asText(children(node, name)[0]);
}

function attribute(node: Node, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** Lines of successive matches of `pattern` (global) in `source`, in document order. */
function lines(source: string, pattern: RegExp): number[] {
  const found: number[] = [];
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    found.push(lineAt(source, match.index));
  }
  return found;
}

/** Parses a `.js-meta.xml`; `undefined` when it is not well-formed XML. */
export function readBundleMeta(source: string): BundleMeta | undefined {
  let document: Node;
  try {
    document = xml.parse(source) as Node;
  } catch {
    return undefined;
  }
  const root = children(document, 'LightningComponentBundle')[0];
  if (!root) return undefined;
  const targetLines = lines(source, /<target\s*>/g);
  const targets = children(children(root, 'targets')[0], 'target')
    .map((value, index) => ({
      name: (asText(value) ?? '').trim(),
      line: targetLines[index] ?? 1,
    }))
    .filter((target) => target.name !== '');
  const configLines = lines(source, /<targetConfig[\s>]/g);
  const propertyLines = lines(source, /<property[\s>/]/g);
  let propertyIndex = 0;
  const targetConfigs = children(children(root, 'targetConfigs')[0], 'targetConfig').map(
    (config, index) => {
      const properties = children(config, 'property').map((property) => ({
        name: attribute(property, 'name') ?? '',
        line: propertyLines[propertyIndex++] ?? 1,
      }));
      return {
        targets: (attribute(config, 'targets') ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
        line: configLines[index] ?? 1,
        properties,
        objects: children(children(config, 'objects')[0], 'object')
          .map((value) => (asText(value) ?? '').trim())
          .filter(Boolean),
        actionType: text(config, 'actionType'),
      };
    },
  );
  const exposedLine = lines(source, /<isExposed\s*>/g)[0];
  return {
    isExposed: text(root, 'isExposed')?.trim() === 'true',
    isExposedLine: exposedLine,
    targets,
    targetConfigs,
  };
}

/** True for a bundle file that ships as component code (not a test, mock or compiled twin). */
function isShippedModule(file: string, files: Set<string>): boolean {
  if (!/\.(ts|js)$/.test(file) || file.endsWith('.d.ts')) return false;
  if (/\/(__tests__|__mocks__)\//.test(file) || /\.(test|spec)\.(ts|js)$/.test(file)) return false;
  return file.endsWith('.ts') || !files.has(file.replace(/\.js$/, '.ts'));
}

/** Lists and reads the project's LWC and Aura bundles (paths relative to `projectDir`). */
export function readProjectComponents(projectDir: string, files: string[]): ProjectComponents {
  const fileSet = new Set(files);
  const lwc = new Map<string, LwcBundle>();
  const aura = new Set<string>();
  for (const file of files) {
    const auraMatch = /(?:^|\/)aura\/([^/]+)\//.exec(file);
    if (auraMatch) aura.add(auraMatch[1].toLowerCase());
    const meta = /^(.*(?:^|\/)lwc\/([^/]+))\/\2\.js-meta\.xml$/.exec(file);
    if (!meta) continue;
    const [, directory, name] = meta;
    const inBundle = files.filter((candidate) => candidate.startsWith(`${directory}/`));
    const modules = inBundle
      .filter((candidate) => isShippedModule(candidate, fileSet))
      .map((candidate) => ({
        file: candidate,
        source: readLwcSource(readFileSync(path.join(projectDir, candidate), 'utf8'), candidate),
      }));
    const main =
      modules.find((module) => module.file === `${directory}/${name}.ts`) ??
      modules.find((module) => module.file === `${directory}/${name}.js`);
    lwc.set(name, {
      name,
      directory,
      metaFile: file,
      meta: readBundleMeta(readFileSync(path.join(projectDir, file), 'utf8')),
      main,
      modules,
      templates: inBundle.filter(
        (candidate) => candidate.endsWith('.html') && !/\/(__tests__|__mocks__)\//.test(candidate),
      ),
    });
  }
  return { lwc, aura };
}
