/**
 * Check `project`: the project files the Salesforce CLI reads are valid against Salesforce's own
 * JSON schemas (npm `@salesforce/schemas`, validated with ajv):
 * - sfdx-project.json against sfdx-project.schema.json (unknown attributes of the project or of a
 *   package directory, wrong types, missing `path`);
 * - every scratch-org definition — each `packageDirectories[].definitionFile` and every
 *   `config/**\/*-def.json` — against project-scratch-def.schema.json (an `edition` it does not
 *   know, an invented feature, a setting of the wrong type);
 * each scratch definition's `settings` against the Metadata API WSDL of the deploy version
 * (setting types and their members; the JSON schema leaves them open);
 * and what the schemas describe without enforcing: a package directory's `versionNumber` is
 * `major.minor.patch.build` (build a number or `NEXT`), and a `definitionFile` names a file that
 * exists. The CLI reads these files before any deploy or scratch-org creation; a mistake here
 * fails `sf org create scratch` or `sf package version create`, or is silently ignored.
 *
 * Packaging (what `sf package version create` of @salesforce/packaging 4.27 rejects before or while
 * it builds a version, and the schema lets through; see docs/packaging.md):
 * - `ancestorId`/`ancestorVersion` in a project without a namespace: such a package can only be
 *   unlocked (`--no-namespace` exists only for unlocked packages) and the CLI refuses ancestors
 *   for unlocked packages (errorAncestorNotApplicableToUnlockedPackage);
 * - `unpackagedMetadata.path` that is not a directory (unpackagedMDDirectoryDoesNotExist), or
 *   that overlaps the package's own path (the same metadata may not be both packaged and
 *   unpackaged);
 * - once `packageAliases` exists (`sf package create` writes it), a packaged directory whose
 *   `package` is not one of its keys (the CLI then takes the name for a 0Ho id and fails), or
 *   whose alias does not name a package id (0Ho).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { lineAt } from './lib/project-files';
import { jsonLocations } from './lib/json-locations';
import { loadMetadataSchema, type MetadataSchema } from './lib/metadata-schema';

const SCHEMAS_DIR = path.dirname(
  require.resolve('@salesforce/schemas/sfdx-project.schema.json', {
    paths: [path.resolve(__dirname, '..', '..')],
  }),
);

/** What `sf package version create` accepts: four parts, the last a number or NEXT. */
const VERSION_NUMBER = /^\d+\.\d+\.\d+\.(\d+|NEXT)$/;

interface PackageDirectory {
  path?: unknown;
  versionNumber?: unknown;
  definitionFile?: unknown;
  package?: unknown;
  ancestorId?: unknown;
  ancestorVersion?: unknown;
  unpackagedMetadata?: unknown;
}

/**
 * Scratch-org features the schema's list lacks although the CLI accepts them: each is used by a
 * scratch-org definition of a public project whose CI creates scratch orgs from it
 * (trailheadapps/apex-recipes and lwc-recipes: Walkthroughs; jongpie/NebulaLogger:
 * EinsteinGPTPlatform, OmniStudioDesigner, OmniStudioRuntime). @salesforce/schemas 1.10.3 trails
 * the documented feature list (Salesforce DX Developer Guide, "Scratch Org Features").
 */
const FEATURES_MISSING_FROM_SCHEMA = [
  'Walkthroughs',
  'EinsteinGPTPlatform',
  'OmniStudioDesigner',
  'OmniStudioRuntime',
];

interface FeatureSchema {
  definitions?: { features?: { items?: { anyOf?: { enum?: string[] }[] } } };
}

interface Validators {
  project: ValidateFunction;
  scratch: ValidateFunction;
  /** Feature names the scratch schema enumerates (plus the missing ones), by lower case. */
  featureNames: Map<string, string>;
}

let validators: Validators | undefined;

function loadValidators(): Validators {
  if (validators) return validators;
  // strict: false — the schemas use annotations (title, markdownDescription, $comment) that
  // Ajv's strict mode rejects as unknown keywords; they carry no validation.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const read = (file: string): object =>
    JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as object;
  const scratchSchema = read('project-scratch-def.schema.json') as FeatureSchema;
  const named = scratchSchema.definitions?.features?.items?.anyOf?.find((form) => form.enum);
  if (!named?.enum) throw new Error('project-scratch-def.schema.json lists no feature names');
  named.enum.push(...FEATURES_MISSING_FROM_SCHEMA);
  validators = {
    project: ajv.compile(read('sfdx-project.schema.json')),
    scratch: ajv.compile(scratchSchema),
    featureNames: new Map(named.enum.map((name) => [name.toLowerCase(), name])),
  };
  return validators;
}

/** The readable part of an instance path: `/packageDirectories/0` → `packageDirectories[0]`. */
function describePath(pointer: string): string {
  if (pointer === '') return 'the file';
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((token, index) => (/^\d+$/.test(token) ? `[${token}]` : index === 0 ? token : `.${token}`))
    .join('');
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const token of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/**
 * Turns Ajv's errors into one finding per problem. Where a value must match one of several
 * schemas (`anyOf`: a package directory is a plain or a packaging directory; a feature is one of
 * many forms), Ajv reports every branch's complaint: an attribute is then unknown only if every
 * branch rejects it, and a value no branch accepts is reported once.
 */
function findingsFromErrors(
  file: string,
  text: string,
  data: unknown,
  errors: ErrorObject[],
  what: string,
): Finding[] {
  const locations = jsonLocations(text);
  const lineOfPointer = (pointer: string): number | undefined => {
    const offset = locations.get(pointer);
    return offset === undefined ? undefined : lineAt(text, offset);
  };
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const push = (finding: Finding): void => {
    const key = `${finding.line ?? ''}|${finding.rule}|${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };

  // Unknown attributes: per instance path, the names every reporting schema rejected.
  const rejected = new Map<string, Map<string, Set<string>>>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const bySchema = rejected.get(error.instancePath) ?? new Map<string, Set<string>>();
    const names = bySchema.get(error.schemaPath) ?? new Set<string>();
    names.add(String((error.params as { additionalProperty: string }).additionalProperty));
    bySchema.set(error.schemaPath, names);
    rejected.set(error.instancePath, bySchema);
  }
  const unknownAt = new Map<string, string[]>();
  for (const [instancePath, bySchema] of rejected) {
    const sets = [...bySchema.values()];
    const common = [...sets[0]].filter((name) => sets.every((set) => set.has(name)));
    unknownAt.set(instancePath, common);
    for (const name of common) {
      const pointer = `${instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      push({
        file,
        line: lineOfPointer(pointer),
        rule: 'project-unknown-attribute',
        message: `"${name}" is not an attribute of ${describePath(instancePath)} in ${what}`,
      });
    }
  }

  for (const error of errors) {
    if (error.keyword === 'additionalProperties') continue;
    const pointer = error.instancePath;
    if (anyOfPaths.has(pointer)) {
      if (error.keyword !== 'anyOf') continue;
      if ((unknownAt.get(pointer) ?? []).length > 0) continue; // already explained
      const value = valueAt(data, pointer);
      const shown = typeof value === 'string' ? `"${value}"` : describePath(pointer);
      push({
        file,
        line: lineOfPointer(pointer),
        rule: 'project-invalid-value',
        message: `${shown} at ${describePath(pointer)} is none of the values ${what} allows`,
      });
      continue;
    }
    if (
      [...anyOfPaths].some(
        (parent) => pointer.startsWith(`${parent}/`) && error.keyword === 'required',
      )
    ) {
      continue;
    }
    const value = valueAt(data, pointer);
    const detail =
      error.keyword === 'enum'
        ? `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(', ')}`
        : (error.message ?? error.keyword);
    push({
      file,
      line: lineOfPointer(pointer),
      rule: 'project-invalid-value',
      message: `${describePath(pointer)}${typeof value === 'string' ? ` ("${value}")` : ''} ${detail} (${what})`,
    });
  }
  return findings;
}

function readJson(
  projectDir: string,
  file: string,
  findings: Finding[],
): { text: string; data: unknown } | undefined {
  const text = readFileSync(path.join(projectDir, file), 'utf8');
  try {
    return { text, data: JSON.parse(text) as unknown };
  } catch (error) {
    findings.push({
      file,
      rule: 'project-malformed-json',
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
}

/** Scratch-org definitions under config/ by the CLI's naming convention (`*-def.json`). */
function configDefinitionFiles(projectDir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    const full = path.join(projectDir, relative);
    if (!existsSync(full)) return;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('-def.json')) found.push(child);
    }
  };
  walk('config');
  return found;
}

const SETTING_FORMATS: Record<string, { pattern: RegExp; expected: string }> = {
  'xsd:boolean': { pattern: /^(true|false)$/, expected: 'true or false' },
  'xsd:int': { pattern: /^[+-]?\d+$/, expected: 'an integer' },
  'xsd:long': { pattern: /^[+-]?\d+$/, expected: 'an integer' },
  'xsd:double': { pattern: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, expected: 'a number' },
};

/**
 * The scratch definition's `settings` against the Metadata API WSDL of the deploy version (the
 * JSON schema types each setting only as an object): `opportunitySettings` is the Metadata type
 * OpportunitySettings, each of its members an element of that type, a boolean element takes
 * true/false (or the strings "true"/"false") and a number element a number.
 */
function checkSettings(
  file: string,
  text: string,
  data: unknown,
  schema: MetadataSchema,
  findings: Finding[],
): void {
  const settings = (data as { settings?: unknown } | null)?.settings;
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return;
  const locations = jsonLocations(text);
  const lineAtPointer = (pointer: string): number | undefined => {
    const offset = locations.get(pointer);
    return offset === undefined ? undefined : lineAt(text, offset);
  };
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    const typeName = key.charAt(0).toUpperCase() + key.slice(1);
    const type = schema.complexType(typeName);
    if (!type || !typeName.endsWith('Settings')) {
      findings.push({
        file,
        line: lineAtPointer(`/settings/${key}`),
        rule: 'project-unknown-setting',
        message: `settings.${key}: the Metadata API ${schema.apiVersion} has no settings type ${typeName}`,
      });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [member, memberValue] of Object.entries(value as Record<string, unknown>)) {
      const element = type.byName.get(member);
      const pointer = `/settings/${key}/${member}`;
      if (!element) {
        findings.push({
          file,
          line: lineAtPointer(pointer),
          rule: 'project-unknown-setting',
          message: `settings.${key}.${member}: ${typeName} has no element ${member} in Metadata API ${schema.apiVersion}`,
        });
        continue;
      }
      // The CLI writes each value into the settings' XML as text, so "true" works like true.
      const written =
        typeof memberValue === 'string' ||
        typeof memberValue === 'number' ||
        typeof memberValue === 'boolean'
          ? String(memberValue)
          : undefined;
      const format = SETTING_FORMATS[element.type];
      if (format && written !== undefined && !format.pattern.test(written)) {
        findings.push({
          file,
          line: lineAtPointer(pointer),
          rule: 'project-invalid-value',
          message: `settings.${key}.${member} must be ${format.expected} (${typeName}.${member} is ${element.type}), found ${JSON.stringify(memberValue)}`,
        });
      }
    }
  }
}

/** A copy of a scratch definition with each feature name spelled as the schema spells it. */
function withCanonicalFeatures(data: unknown, featureNames: Map<string, string>): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const features = (data as { features?: unknown }).features;
  if (!Array.isArray(features)) return data;
  return {
    ...data,
    features: features.map((feature) =>
      typeof feature === 'string' ? (featureNames.get(feature.toLowerCase()) ?? feature) : feature,
    ),
  };
}

function normalize(file: string): string {
  return path.posix.normalize(file.split(path.sep).join('/')).replace(/^\.\//, '');
}

/** `force-app/` and `./force-app` name the same directory; `a` contains `a/b`. */
function sameOrInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

/** A package id (0Ho, 15 or 18 characters), the only thing a package's alias may name. */
const PACKAGE_ID = /^0Ho[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/;

/**
 * The packaging rules of the header: what `sf package version create` would reject in the
 * packaged directories (those with a `package`) of sfdx-project.json.
 */
function checkPackaging(
  projectDir: string,
  projectFile: string,
  text: string,
  data: unknown,
  findings: Finding[],
): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
  const project = data as {
    namespace?: unknown;
    packageDirectories?: unknown;
    packageAliases?: unknown;
  };
  const locations = jsonLocations(text);
  const lineOf = (pointer: string): number | undefined => {
    const offset = locations.get(pointer);
    return offset === undefined ? undefined : lineAt(text, offset);
  };
  const directories = Array.isArray(project.packageDirectories)
    ? (project.packageDirectories as PackageDirectory[])
    : [];
  const aliases =
    project.packageAliases !== null &&
    typeof project.packageAliases === 'object' &&
    !Array.isArray(project.packageAliases)
      ? (project.packageAliases as Record<string, unknown>)
      : undefined;
  const hasNamespace = typeof project.namespace === 'string' && project.namespace.trim() !== '';

  directories.forEach((directory, index) => {
    if (directory === null || typeof directory !== 'object') return;
    const at = (key: string): number | undefined => lineOf(`/packageDirectories/${index}/${key}`);
    const where = `packageDirectories[${index}]`;
    const packaged = typeof directory.package === 'string' && directory.package !== '';

    if (packaged && !hasNamespace) {
      for (const key of ['ancestorId', 'ancestorVersion'] as const) {
        if (directory[key] === undefined) continue;
        findings.push({
          file: projectFile,
          line: at(key),
          rule: 'project-ancestor-unlocked',
          message: `${where}.${key}: a project without a namespace builds an unlocked package, and sf package version create refuses an ancestor for an unlocked package (ancestors are for second-generation managed packages); remove it`,
        });
      }
    }

    const unpackaged = directory.unpackagedMetadata as { path?: unknown } | undefined;
    if (packaged && unpackaged && typeof unpackaged.path === 'string') {
      const unpackagedPath = normalize(unpackaged.path).replace(/\/$/, '');
      const full = path.join(projectDir, unpackagedPath);
      if (!existsSync(full) || !statSync(full).isDirectory()) {
        findings.push({
          file: projectFile,
          line: lineOf(`/packageDirectories/${index}/unpackagedMetadata/path`),
          rule: 'project-unpackaged-metadata',
          message: `${where}.unpackagedMetadata.path "${unpackaged.path}" is not a directory: sf package version create stops ("Un-packaged metadata directory ... does not exist")`,
        });
      } else if (typeof directory.path === 'string') {
        const packagePath = normalize(directory.path).replace(/\/$/, '');
        if (
          sameOrInside(unpackagedPath, packagePath) ||
          sameOrInside(packagePath, unpackagedPath)
        ) {
          findings.push({
            file: projectFile,
            line: lineOf(`/packageDirectories/${index}/unpackagedMetadata/path`),
            rule: 'project-unpackaged-metadata',
            message: `${where}.unpackagedMetadata.path "${unpackaged.path}" overlaps the package's own path "${directory.path}": the same metadata cannot be both in the package and unpackaged; keep test-only metadata in a directory of its own`,
          });
        }
      }
    }

    if (packaged && aliases && Object.keys(aliases).length > 0) {
      const name = directory.package as string;
      if (PACKAGE_ID.test(name)) return; // an id instead of an alias: the CLI accepts it
      if (!Object.prototype.hasOwnProperty.call(aliases, name)) {
        findings.push({
          file: projectFile,
          line: at('package'),
          rule: 'project-package-alias',
          message: `${where}.package "${name}" is not a key of packageAliases (${Object.keys(
            aliases,
          )
            .map((key) => `"${key}"`)
            .join(
              ', ',
            )}): sf package version create would take the name for a package id and fail; use the alias sf package create wrote`,
        });
      } else if (typeof aliases[name] !== 'string' || !PACKAGE_ID.test(aliases[name])) {
        findings.push({
          file: projectFile,
          line: lineOf(`/packageAliases/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`),
          rule: 'project-package-alias',
          message: `packageAliases["${name}"] is ${JSON.stringify(aliases[name])}, not a package id (0Ho…): the package's alias must name the package, not a version (04t…)`,
        });
      }
    }
  });
}

export const check: Check = {
  name: 'project',
  description:
    'sfdx-project.json and scratch-org definitions against Salesforce’s JSON schemas (@salesforce/schemas)',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const { project, scratch, featureNames } = loadValidators();
    const findings: Finding[] = [];
    const projectFile = 'sfdx-project.json';
    const definitions = new Set(configDefinitionFiles(projectDir));
    const parsed = readJson(projectDir, projectFile, findings);
    if (parsed) {
      if (!project(parsed.data)) {
        findings.push(
          ...findingsFromErrors(
            projectFile,
            parsed.text,
            parsed.data,
            project.errors ?? [],
            'sfdx-project.schema.json',
          ),
        );
      }
      const locations = jsonLocations(parsed.text);
      const directories = (parsed.data as { packageDirectories?: unknown }).packageDirectories;
      (Array.isArray(directories) ? (directories as PackageDirectory[]) : []).forEach(
        (directory, index) => {
          const at = (key: string): number | undefined => {
            const offset = locations.get(`/packageDirectories/${index}/${key}`);
            return offset === undefined ? undefined : lineAt(parsed.text, offset);
          };
          if (
            typeof directory.versionNumber === 'string' &&
            !VERSION_NUMBER.test(directory.versionNumber)
          ) {
            findings.push({
              file: projectFile,
              line: at('versionNumber'),
              rule: 'project-version-number',
              message: `packageDirectories[${index}].versionNumber "${directory.versionNumber}" is not major.minor.patch.build (build a number or NEXT), e.g. 1.2.0.NEXT`,
            });
          }
          if (typeof directory.definitionFile === 'string') {
            const definition = normalize(directory.definitionFile);
            const full = path.join(projectDir, definition);
            if (!existsSync(full) || !statSync(full).isFile()) {
              findings.push({
                file: projectFile,
                line: at('definitionFile'),
                rule: 'project-definition-file-missing',
                message: `packageDirectories[${index}].definitionFile "${directory.definitionFile}" does not exist: a package version build would have no org shape`,
              });
            } else {
              definitions.add(definition);
            }
          }
        },
      );
      checkPackaging(projectDir, projectFile, parsed.text, parsed.data, findings);
    }
    for (const definition of [...definitions].sort()) {
      const json = readJson(projectDir, definition, findings);
      // Feature names are not case-sensitive (Salesforce DX Developer Guide); the schema's are.
      const data = json && withCanonicalFeatures(json.data, featureNames);
      if (json) checkSettings(definition, json.text, json.data, loadMetadataSchema(), findings);
      if (json && !scratch(data)) {
        findings.push(
          ...findingsFromErrors(
            definition,
            json.text,
            json.data,
            scratch.errors ?? [],
            'project-scratch-def.schema.json',
          ),
        );
      }
    }
    return Promise.resolve({
      name: 'project',
      findings,
      summary: `sfdx-project.json and ${definitions.size} scratch-org definition(s) against @salesforce/schemas, ${findings.length} issues`,
    });
  },
};
