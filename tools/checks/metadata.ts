/**
 * Check `metadata`: the XML of the package is well-formed and valid against the Metadata API of
 * the project's deploy API version.
 *
 * (a) every `*.xml` under the package directories of sfdx-project.json parses (fast-xml-parser's XMLValidator);
 * (b) every `-meta.xml` has the root element of the type its suffix or folder names (SDR's
 *     registry) and validates against that type in the Metadata API WSDL of the schema version
 *     (tools/schemas/metadata-<version>.json, generated from the WSDL and committed): unknown
 *     elements, invalid enum values, non-numeric numbers, non-boolean booleans, repeated single
 *     values, text where elements belong and the reverse, and required elements (see
 *     lib/xml-schema-validator.ts). Element order within a sequence is not checked: measured on
 *     code that deploys, the platform does not enforce it for several types (see VALIDATION);
 *     and its `<apiVersion>`, where it has one, is the project's `sourceApiVersion`, which must be
 *     the schema's version (`schema-version-mismatch`);
 * (c) every Apex class and trigger has its `-meta.xml` (and no `-meta.xml` lacks its source), and
 *     every LWC bundle has `<bundle>.js-meta.xml`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { ForceIgnore } from '@salesforce/source-deploy-retrieve';
import type { Check, CheckOptions, CheckResult, Finding } from './types';
import { lineAt, lineOf, listSourceFiles, readSfdxProject } from './lib/project-files';
import { loadMetadataSchema, type MetadataSchema } from './lib/metadata-schema';
import { metadataTypeOf } from './lib/metadata-types';
import {
  parseMetadataXml,
  validateAgainstType,
  type ValidationOptions,
  type XmlValue as XmlNode,
} from './lib/xml-schema-validator';

/**
 * What the schema validation checks beyond names, values and structure, as measured on
 * trailheadapps/apex-recipes, trailheadapps/lwc-recipes and jongpie/NebulaLogger (code that
 * deploys; see docs/offline-gate.md):
 * - required elements (minOccurs ≥ 1, booleans excepted): no finding on the three — enabled;
 * - element order: 89 elements out of sequence order in files that deploy (Flow, FlexiPage,
 *   LightningMessageChannel, Prompt, LWC bundles): the API's parser does not enforce the
 *   sequence order there, so a finding would be a false claim — not enabled.
 */
const VALIDATION: ValidationOptions = { order: false, required: true };

/** The project's `sourceApiVersion` (sfdx-project.json), which every `<apiVersion>` must match. */
function sourceApiVersionOf(projectDir: string): string | undefined {
  try {
    return readSfdxProject(projectDir).sourceApiVersion;
  } catch {
    return undefined;
  }
}

function checkApiVersion(
  file: string,
  text: string,
  root: XmlNode,
  sourceApiVersion: string | undefined,
  findings: Finding[],
): void {
  const declared = typeof root === 'object' ? root.apiVersion?.[0] : undefined;
  if (sourceApiVersion === undefined || typeof declared !== 'string') return;
  if (Number(declared) !== Number(sourceApiVersion)) {
    findings.push({
      file,
      line: lineOf(text, `<apiVersion>${declared}<`),
      rule: 'api-version-mismatch',
      message: `<apiVersion>${declared}</apiVersion> differs from sfdx-project.json's sourceApiVersion ${sourceApiVersion}`,
    });
  }
}

/**
 * The schema is the Metadata API of exactly one version: a project that deploys at another
 * `sourceApiVersion` (or at none, i.e. whatever the CLI and org default to) is validated against
 * the wrong types, so the check fails until the two agree.
 */
function checkSchemaVersion(
  projectDir: string,
  schema: MetadataSchema,
  sourceApiVersion: string | undefined,
  findings: Finding[],
): void {
  if (sourceApiVersion !== undefined && Number(sourceApiVersion) === Number(schema.apiVersion)) {
    return;
  }
  let line: number | undefined;
  try {
    line = lineOf(
      readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'),
      '"sourceApiVersion"',
    );
  } catch {
    line = undefined;
  }
  const declared =
    sourceApiVersion === undefined
      ? "sfdx-project.json sets no sourceApiVersion (the deploy then uses the CLI's or org's version)"
      : `sfdx-project.json deploys at sourceApiVersion ${sourceApiVersion}`;
  findings.push({
    file: 'sfdx-project.json',
    line,
    rule: 'schema-version-mismatch',
    message: `${declared}, but the metadata schema is the Metadata API ${schema.apiVersion} WSDL (${schema.sourceLabel}): set sourceApiVersion to ${schema.apiVersion}, or generate tools/schemas/metadata-<version>.json for the new version with tools/schemas/generate-metadata-schema.ts and point METADATA_SCHEMA_FILE at it`,
  });
}

function checkXmlFile(
  schema: MetadataSchema,
  projectDir: string,
  file: string,
  sourceApiVersion: string | undefined,
  findings: Finding[],
): void {
  const text = readFileSync(path.join(projectDir, file), 'utf8');
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    findings.push({
      file,
      line: wellFormed.err.line,
      rule: 'xml-malformed',
      message: `${wellFormed.err.msg} (${wellFormed.err.code})`,
    });
    return;
  }
  findSplitEntities(text, file, findings);
  if (!file.endsWith('-meta.xml')) return;
  const document = parseMetadataXml(text);
  const roots = Object.keys(document);
  if (roots.length !== 1) {
    findings.push({ file, rule: 'xml-malformed', message: 'expected exactly one root element' });
    return;
  }
  const rootName = roots[0];
  const expected = rootTypeOf(file);
  if (expected === undefined) {
    findings.push({
      file,
      rule: 'metadata-unknown-type',
      message: `no Metadata API type is registered for this file's suffix or folder (root <${rootName}>)`,
    });
    return;
  }
  if (rootName !== expected) {
    findings.push({
      file,
      line: lineOf(text, `<${rootName}`),
      rule: 'metadata-wrong-root',
      message: `a ${expected} file must have root element <${expected}>, found <${rootName}>`,
    });
    return;
  }
  // The root element, once the guard above accepts it for the file, names the WSDL type.
  if (!schema.isComplexType(rootName)) {
    findings.push({
      file,
      rule: 'metadata-unknown-type',
      message: `the Metadata API ${schema.apiVersion} WSDL has no type ${rootName}`,
    });
    return;
  }
  checkApiVersion(file, text, document[rootName][0], sourceApiVersion, findings);
  for (const violation of validateAgainstType(schema, rootName, text, VALIDATION)) {
    findings.push({
      file,
      line: violation.line,
      rule: violation.rule,
      message: violation.message,
    });
  }
}

/**
 * The root element a `-meta.xml` file must have: its Metadata API type, except for settings,
 * whose type is `Settings` but whose root names the setting (`Security.settings-meta.xml` →
 * `<SecuritySettings>`).
 */
function rootTypeOf(file: string): string | undefined {
  const type = metadataTypeOf(file);
  if (type !== 'Settings') return type;
  return `${path.posix.basename(file, '.settings-meta.xml')}Settings`;
}

const SOURCE_WITH_META: Record<string, string> = {
  '.cls': 'Apex class',
  '.trigger': 'Apex trigger',
};

/**
 * `ignored` tells whether .forceignore keeps a file or folder out of every deploy: such a file
 * needs no companion (lwc-recipes keeps a README-only `lwc/pubsub` folder, ignored).
 */
function checkCompanionFiles(
  files: string[],
  findings: Finding[],
  ignored: (file: string) => boolean = () => false,
): void {
  const present = new Set(files);
  for (const file of files) {
    if (ignored(file)) continue;
    for (const [extension, kind] of Object.entries(SOURCE_WITH_META)) {
      if (file.endsWith(extension) && !present.has(`${file}-meta.xml`)) {
        findings.push({
          file,
          rule: 'missing-meta-xml',
          message: `${kind} has no ${path.posix.basename(file)}-meta.xml beside it`,
        });
      }
      if (file.endsWith(`${extension}-meta.xml`) && !present.has(file.replace(/-meta\.xml$/, ''))) {
        findings.push({
          file,
          rule: 'orphan-meta-xml',
          message: `${kind} metadata without its source file ${path.posix.basename(file, '-meta.xml')}`,
        });
      }
    }
  }
  const bundles = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    const lwcIndex = parts.lastIndexOf('lwc', parts.length - 3);
    if (lwcIndex < 0) continue;
    const bundle = parts[lwcIndex + 1];
    if (bundle.startsWith('__') || bundle.startsWith('.')) continue;
    bundles.add(parts.slice(0, lwcIndex + 2).join('/'));
  }
  for (const bundle of bundles) {
    if (ignored(bundle)) continue;
    const name = path.posix.basename(bundle);
    if (!present.has(`${bundle}/${name}.js-meta.xml`)) {
      findings.push({
        file: bundle,
        rule: 'missing-meta-xml',
        message: `LWC bundle ${name} has no ${name}.js-meta.xml`,
      });
    }
  }
}

export const check: Check = {
  name: 'metadata',
  description:
    'XML well-formedness, Metadata API schema of the deploy API version (WSDL) and missing -meta.xml files',
  run(options: CheckOptions): Promise<CheckResult> {
    const projectDir = path.resolve(options.projectDir);
    const files = listSourceFiles(projectDir);
    const xmlFiles = files.filter((file) => file.endsWith('.xml'));
    const schema = loadMetadataSchema();
    const findings: Finding[] = [];
    const sourceApiVersion = sourceApiVersionOf(projectDir);
    checkSchemaVersion(projectDir, schema, sourceApiVersion, findings);
    for (const file of xmlFiles) {
      checkXmlFile(schema, projectDir, file, sourceApiVersion, findings);
    }
    const forceIgnore = ForceIgnore.findAndCreate(projectDir);
    checkCompanionFiles(files, findings, (file) => forceIgnore.denies(path.join(projectDir, file)));
    return Promise.resolve({
      name: 'metadata',
      findings,
      summary: `${xmlFiles.length} XML files against the Metadata API ${schema.apiVersion} WSDL (${schema.sourceLabel}), ${findings.length} issues`,
    });
  },
};

/**
 * A formula operator split by white space: `&amp; &amp;` (`&&`), `&lt; &gt;` (`<>`), `&lt; =`
 * and `&gt; =` (`<=`, `>=`). Prettier's XML plugin splits `&amp;&amp;`, `&lt;&gt;` and `&lt;=`
 * this way, which turns a formula's operator into invalid syntax (seen on a validation rule).
 * Only operator pairs: other entities side by side are ordinary text — `&apos; &apos;` is the
 * formula string `' '` (NebulaLogger's formula fields), `&gt; &lt;` the text `> <`.
 */
const SPLIT_ENTITIES = /&amp;[ \t\r\n]+&amp;|&lt;[ \t\r\n]+&gt;|&(?:lt|gt);[ \t\r\n]+=/g;

function findSplitEntities(text: string, file: string, findings: Finding[]): void {
  for (const match of text.matchAll(SPLIT_ENTITIES)) {
    findings.push({
      file,
      line: lineAt(text, match.index),
      rule: 'xml-split-entities',
      message: `"${match[0].replace(/\s+/g, ' ')}": entities split by white space (a formatter breaks &&, <> and <= this way); write them adjacent or rephrase`,
    });
  }
}
