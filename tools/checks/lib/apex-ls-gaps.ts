/**
 * Known gaps of apex-ls: errors it reports on Apex that compiles in an org, because its platform
 * jars (standard-types / sobject-types 65.0) or its model of metadata lack something the platform
 * has. Measured on public repositories that deploy (docs/offline-gate/precision.md).
 *
 * Each gap matches ONE exact message shape and, where the project can prove it, holds only when
 * the project does: `DataWeaveScriptResource.x` is set aside only when the project has the
 * DataWeave resource x, `SetupOwner` only on a hierarchy custom setting of the project, and so
 * on. A message of the same shape that the project does not prove (a script without its `.dwl`,
 * `SetupOwner` on a list setting) stays a finding. tools/test/apex-ls.test.ts plants the
 * legitimate form and its defective neighbour of every gap, and proves that apex-ls still emits
 * each shape (a gap apex-ls no longer has fails that test and must be removed here).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../types';
import { listSourceFiles, sourceRoots } from './project-files';
import { MISSING_FROM_JAR } from './schema-index';
import { parseMetadataXml, type XmlValue } from './xml-schema-validator';

/** What a gap may ask of the checked project. */
export class ProjectFacts {
  private files?: string[];
  private roots?: string[];
  private readonly texts = new Map<string, string>();

  constructor(readonly projectDir: string) {}

  /** Source files of the package directories, project-relative with `/`. */
  sourceFiles(): string[] {
    this.files ??= listSourceFiles(this.projectDir);
    return this.files;
  }

  /** The project-relative files whose lower-cased path ends with `suffix` (lower case). */
  filesEndingWith(suffix: string): string[] {
    return this.sourceFiles().filter((file) => `/${file.toLowerCase()}`.endsWith(suffix));
  }

  read(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      text = readFileSync(path.join(this.projectDir, file), 'utf8');
      this.texts.set(file, text);
    }
    return text;
  }

  /** The project's `objects/<name>/<name>.object-meta.xml` files (any package directory). */
  objectMetaFiles(name: string): string[] {
    const lower = name.toLowerCase();
    return this.filesEndingWith(`/objects/${lower}/${lower}.object-meta.xml`);
  }

  /** The `customSettingsType` of the project's object `name` (Hierarchy, List) if it is a setting. */
  customSettingsType(name: string): string | undefined {
    for (const file of this.objectMetaFiles(name)) {
      const root = parseMetadataXml(this.read(file)).CustomObject?.[0];
      const type = typeof root === 'object' ? firstText(root.customSettingsType) : undefined;
      if (type !== undefined) return type;
    }
    return undefined;
  }

  /** The package directory (source root) that holds `file`. */
  rootOf(file: string): string | undefined {
    this.roots ??= sourceRoots(this.projectDir);
    return this.roots.find((root) => file.startsWith(`${root}/`));
  }

  /** True when the project has DataWeave resource `name`: `dw/<name>.dwl` with its -meta.xml. */
  hasDataWeaveResource(name: string): boolean {
    const lower = name.toLowerCase();
    return this.filesEndingWith(`/dw/${lower}.dwl`).some((file) =>
      existsSync(path.join(this.projectDir, `${file}-meta.xml`)),
    );
  }
}

function firstText(values: XmlValue[] | undefined): string | undefined {
  const first = values?.[0];
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/** Apex source without comments and string literals, so a declaration is not found in either. */
function apexCode(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, ' ');
}

export interface ApexLsGap {
  name: string;
  /** The one message shape (whole message) this gap explains. */
  message: RegExp;
  why: string;
  /** True when the project proves this message wrong; `match` holds the message's groups. */
  holds(match: RegExpExecArray, finding: Finding, project: ProjectFacts): boolean;
}

const always = (): boolean => true;

export const APEX_LS_GAPS: ApexLsGap[] = [
  {
    name: 'dataweave-script-resource',
    message: /^No type declaration found for 'DataWeaveScriptResource\.(\w+)'$/i,
    why: 'the platform compiles every DataWeave resource dw/<name>.dwl into the class DataWeaveScriptResource.<name> (a subclass of DataWeave.Script); apex-ls does not read .dwl files',
    holds: ([, script], _finding, project) => project.hasDataWeaveResource(script),
  },
  {
    name: 'dataweave-script-exception',
    message: /^No type declaration found for '(?:System\.)?DataWeaveScriptException'$/i,
    why: 'System.DataWeaveScriptException is the documented catchable exception of DataWeave in Apex; the standard-types jar has DataWeave.Script and DataWeave.Result but not this exception',
    holds: always,
  },
  {
    name: 'cache-partition-subclass',
    message:
      /^(?:Incompatible types in assignment, from 'cache\.(?:Org|Session)Partition' to 'cache\.Partition'|Incompatible return type, 'cache\.(?:Org|Session)Partition' is not assignable to 'cache\.Partition')$/i,
    why: 'Cache.Partition is the documented base class of Cache.OrgPartition and Cache.SessionPartition; the standard-types jar declares both without that parent',
    holds: always,
  },
  {
    name: 'session-cache-exception',
    message: /^No type declaration found for 'Cache\.Session\.SessionCacheException'$/i,
    why: 'Cache.Session.SessionCacheException is a documented Cache exception; the standard-types jar has it only as Cache.SessionCacheException',
    holds: always,
  },
  {
    name: 'quiddity-undefined',
    message: /^Unknown field or type 'UNDEFINED' on 'System\.Quiddity'$/i,
    why: "System.Quiddity has the value UNDEFINED on the platform (NebulaLogger's Logger deploys with it); the standard-types jar names that value UD",
    holds: always,
  },
  {
    name: 'relationship-missing-from-jar',
    message: /^Unknown field '(\w+)' on SObject 'Schema\.(\w+)'$/i,
    why: 'relationships the sobject-types jar lacks although the platform has them (FlowDefinitionView.TriggerObjectOrEvent): the list MISSING_FROM_JAR of lib/schema-index.ts, each entry tested to be absent from the jar',
    holds: ([, field, object]) =>
      Object.entries(MISSING_FROM_JAR).some(
        ([name, fields]) =>
          name.toLowerCase() === object.toLowerCase() &&
          fields.some((known) => known.name.toLowerCase() === field.toLowerCase()),
      ),
  },
  {
    name: 'hierarchy-setting-setup-owner',
    message: /^Unknown field 'SetupOwner' on SObject 'Schema\.(\w+__c)'$/i,
    why: 'a hierarchy custom setting has SetupOwnerId and its relationship SetupOwner (org, profile or user); apex-ls knows the id but not the relationship. Only for objects of the project whose customSettingsType is Hierarchy',
    holds: ([, object], _finding, project) => project.customSettingsType(object) === 'Hierarchy',
  },
  {
    name: 'big-object-sobjecttype',
    message: /^Unknown field 'SObjectType' on SObject 'Schema\.(\w+__b)'$/i,
    why: 'every SObject type, big objects (__b) included, has the describe token SObjectType; apex-ls gives big objects none. Only for big objects the project defines',
    holds: ([, object], _finding, project) => project.objectMetaFiles(object).length > 0,
  },
  {
    name: 'event-defined-in-other-package-directory',
    message:
      /^Components of type 'Schema\.(\w+__e)' are defined, but the required object-meta\.xml file is missing$/i,
    why: "apex-ls wants a platform event's .object-meta.xml in the package directory of each of its fields; the deploy needs it only somewhere in what is deployed. Only when the project has the event's .object-meta.xml in another package directory",
    holds: ([, event], finding, project) =>
      project
        .objectMetaFiles(event)
        .some((file) => project.rootOf(file) !== project.rootOf(finding.file)),
  },
  {
    name: 'exception-named-interface',
    message: /^Exception class '(\w+)' must extend another Exception class$/i,
    why: 'the rule that a type named …Exception extends Exception is for classes; apex-ls applies it to interfaces too (NebulaLogger declares interfaces named like System exceptions on purpose). Only when the file declares an interface, and no class, of that name',
    holds: ([, name], finding, project) => {
      const code = apexCode(project.read(finding.file));
      const declares = (keyword: string): boolean =>
        new RegExp(`\\b${keyword}\\s+${name}\\b`, 'i').test(code);
      return declares('interface') && !declares('class');
    },
  },
];

/** The gap that explains `finding` in `project`, if any. */
export function knownGap(finding: Finding, project: ProjectFacts): ApexLsGap | undefined {
  return APEX_LS_GAPS.find((gap) => {
    const match = gap.message.exec(finding.message);
    return match !== null && gap.holds(match, finding, project);
  });
}

/** Splits apex-ls's findings into those that stand and those a known gap explains. */
export function setAsideKnownGaps(
  findings: Finding[],
  projectDir: string,
): { kept: Finding[]; explained: Finding[] } {
  const project = new ProjectFacts(projectDir);
  const kept: Finding[] = [];
  const explained: Finding[] = [];
  for (const finding of findings) {
    (knownGap(finding, project) ? explained : kept).push(finding);
  }
  return { kept, explained };
}
