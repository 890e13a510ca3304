/**
 * `lwc-contract` rules on a component's `@salesforce/…` imports, which the platform resolves only
 * at deploy or run time:
 * - `@salesforce/apex/[Namespace.]Class.method` and `@salesforce/apexContinuation/…` name a
 *   public or global class of the project with a public or global `static` method annotated
 *   `@AuraEnabled` (continuations: `continuation=true`); a method used by `@wire` has
 *   `cacheable=true`;
 * - `@salesforce/label/c.X` names a custom label, `@salesforce/customPermission/X` a custom
 *   permission, `@salesforce/resourceUrl/X` a static resource, `@salesforce/contentAssetUrl/X`
 *   a content asset and `@salesforce/messageChannel/X__c` a Lightning message channel of the
 *   project.
 * Names in another namespace (`ns.X`, `ns__X`) belong to an installed package and are not checked.
 * `@salesforce/schema/…` imports are the `references` check's.
 */
import type { Finding } from '../types';
import { annotation, isTrue, type ApexModel } from './apex-model';
import type { LwcBundle } from './lwc-bundles';
import type { ComponentType, ProjectComponents } from './project-components';

interface Context {
  model: ApexModel;
  /** The project's labels, custom permissions, static resources, assets and channels. */
  names: ProjectComponents;
  /** The project's namespace (sfdx-project.json), lower case; '' when none. */
  namespace: string;
}

function apexFindings(
  file: string,
  line: number,
  specifier: string,
  continuation: boolean,
  wired: boolean,
  context: Context,
): Finding[] {
  const parts = specifier.split('.');
  if (parts.length === 3) {
    if (parts[0].toLowerCase() !== context.namespace) return [];
    parts.shift();
  }
  const finding = (rule: string, message: string): Finding[] => [{ file, line, rule, message }];
  const module = continuation ? '@salesforce/apexContinuation' : '@salesforce/apex';
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    return finding(
      'apex-import-malformed',
      `${module}/${specifier}: expected ${module}/Class.method (or Namespace.Class.method)`,
    );
  }
  const [className, methodName] = parts;
  if (context.model.isUnparsed(className)) return [];
  const apexClass = context.model.get(className);
  if (!apexClass) {
    return finding(
      'apex-import-unknown-class',
      `${module}/${specifier}: the project has no Apex class ${className}`,
    );
  }
  const methods = apexClass.methods.filter(
    (method) => method.name.toLowerCase() === methodName.toLowerCase(),
  );
  if (methods.length === 0) {
    return finding(
      'apex-import-unknown-method',
      `${module}/${specifier}: class ${apexClass.name} (${apexClass.file}) has no method ${methodName}`,
    );
  }
  const enabled = methods.filter((method) => annotation(method, 'auraenabled'));
  if (enabled.length === 0) {
    return finding(
      'apex-import-not-aura-enabled',
      `${module}/${specifier}: ${apexClass.name}.${methodName} (${apexClass.file}:${methods[0].line}) is not annotated @AuraEnabled, so components cannot call it`,
    );
  }
  const method = enabled[0];
  const where = `${apexClass.name}.${method.name} (${apexClass.file}:${method.line})`;
  if (!method.isStatic) {
    return finding(
      'apex-import-not-static',
      `${module}/${specifier}: ${where} is an instance method; components can call only static @AuraEnabled methods`,
    );
  }
  if (!['public', 'global'].includes(apexClass.access)) {
    return finding(
      'apex-import-not-accessible',
      `${module}/${specifier}: class ${apexClass.name} is ${apexClass.access}; it must be public or global`,
    );
  }
  if (!['public', 'global'].includes(method.access)) {
    return finding(
      'apex-import-not-accessible',
      `${module}/${specifier}: ${where} is ${method.access}; an @AuraEnabled method must be public or global`,
    );
  }
  const aura = annotation(method, 'auraenabled');
  if (continuation && !isTrue(aura, 'continuation')) {
    return finding(
      'apex-continuation-not-enabled',
      `${module}/${specifier}: ${where} lacks @AuraEnabled(continuation=true)`,
    );
  }
  if (wired && !isTrue(aura, 'cacheable')) {
    return finding(
      'apex-wire-not-cacheable',
      `@wire(${specifier}): ${where} must be @AuraEnabled(cacheable=true) to be wired`,
    );
  }
  return [];
}

/** `ns__Name` in another namespace than the project's. */
function inOtherNamespace(name: string, namespace: string): boolean {
  const match = /^([A-Za-z]\w*?)__(?!c$)/.exec(name);
  return match !== null && match[1].toLowerCase() !== namespace;
}

function withoutNamespace(name: string, namespace: string): string {
  return namespace && name.toLowerCase().startsWith(`${namespace}__`)
    ? name.slice(namespace.length + 2)
    : name;
}

/** Imports that name a component of the project by its (optionally namespaced) API name. */
const NAMED_COMPONENT_IMPORTS = new Map<
  string,
  { type: ComponentType; rule: string; what: string }
>([
  [
    'customPermission',
    { type: 'CustomPermission', rule: 'unknown-custom-permission', what: 'custom permission' },
  ],
  [
    'resourceUrl',
    { type: 'StaticResource', rule: 'unknown-static-resource', what: 'static resource' },
  ],
  [
    'contentAssetUrl',
    { type: 'ContentAsset', rule: 'unknown-content-asset', what: 'content asset' },
  ],
]);

/** Every finding on the `@salesforce/…` imports of one bundle's modules. */
export function importFindings(bundle: LwcBundle, context: Context): Finding[] {
  const findings: Finding[] = [];
  const { names, namespace } = context;
  for (const module of bundle.modules) {
    const wired = new Map(module.source.wiredAdapters.map((wire) => [wire.name, wire.line]));
    for (const imported of module.source.imports) {
      const match = /^@salesforce\/([A-Za-z]+)\/(.+)$/.exec(imported.module);
      if (!match) continue;
      const [, kind, name] = match;
      const named = NAMED_COMPONENT_IMPORTS.get(kind);
      const at = (rule: string, message: string): void => {
        findings.push({ file: module.file, line: imported.line, rule, message });
      };
      if (kind === 'apex' || kind === 'apexContinuation') {
        const wireLine = imported.defaultName ? wired.get(imported.defaultName) : undefined;
        const found = apexFindings(
          module.file,
          imported.line,
          name,
          kind === 'apexContinuation',
          wireLine !== undefined,
          context,
        );
        // The cacheable rule is about the @wire, so it points there.
        for (const finding of found) {
          if (finding.rule === 'apex-wire-not-cacheable' && wireLine) finding.line = wireLine;
        }
        findings.push(...found);
      } else if (kind === 'label') {
        const [labelNamespace, ...rest] = name.split('.');
        const label = rest.join('.');
        const own = labelNamespace === 'c' || labelNamespace.toLowerCase() === namespace;
        if (own && !names.has('CustomLabel', label)) {
          at(
            'unknown-label',
            `@salesforce/label/${name}: the project has no custom label ${label}`,
          );
        }
      } else if (named) {
        if (inOtherNamespace(name, namespace)) continue;
        if (!names.has(named.type, withoutNamespace(name, namespace))) {
          at(named.rule, `@salesforce/${kind}/${name}: the project has no ${named.what} ${name}`);
        }
      } else if (kind === 'messageChannel') {
        if (inOtherNamespace(name, namespace)) continue;
        const channel = withoutNamespace(name, namespace);
        if (!/__c$/i.test(channel)) {
          at(
            'unknown-message-channel',
            `@salesforce/messageChannel/${name}: a message channel is imported as Name__c`,
          );
        } else if (!names.has('LightningMessageChannel', channel.replace(/__c$/i, ''))) {
          at(
            'unknown-message-channel',
            `@salesforce/messageChannel/${name}: the project has no Lightning message channel ${channel.replace(/__c$/i, '')}`,
          );
        }
      }
    }
  }
  return findings;
}
