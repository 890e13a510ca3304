/**
 * `lwc-contract` rule on templates: every `<c-…>` element names a Lightning web component bundle
 * of the project. The tag is the bundle name in kebab case (`<c-close-wizard>` → `closeWizard`:
 * each `-x` becomes `X`; underscores stay), so a bundle renamed, deleted or misspelt in a tag
 * fails here instead of at deploy. An Aura component cannot be used in an LWC template.
 * `lightning-…` elements are not checked: no complete offline list of base components exists
 * (@salesforce/lightning-types 0.8.0 lacks lightning-input, lightning-datatable and others).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../types';
import { lineAt } from './project-files';
import type { LwcBundle, ProjectComponents } from './lwc-bundles';

/** `close-wizard` (the tag after `c-`) → `closeWizard`; undefined when no bundle name maps to it. */
export function bundleNameOfTag(rest: string): string | undefined {
  if (!/^[a-z][a-z0-9_]*(-[a-z][a-z0-9_]*)*$/.test(rest)) return undefined;
  return rest.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `closeWizard` → `c-close-wizard`. */
export function tagOfBundle(name: string): string {
  return `c-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** Blanks HTML comments, keeping offsets (so lines stay right). */
function withoutComments(source: string): string {
  return source.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

export function templateFindings(
  projectDir: string,
  bundle: LwcBundle,
  components: ProjectComponents,
): Finding[] {
  const findings: Finding[] = [];
  const byLowerCase = new Map([...components.lwc.keys()].map((name) => [name.toLowerCase(), name]));
  for (const template of bundle.templates) {
    const source = withoutComments(readFileSync(path.join(projectDir, template), 'utf8'));
    const tag = /<(c-[A-Za-z0-9_-]+)(?=[\s/>])/g;
    for (let match = tag.exec(source); match; match = tag.exec(source)) {
      const element = match[1];
      const name = bundleNameOfTag(element.slice(2));
      if (name && components.lwc.has(name)) continue;
      const near = name ? byLowerCase.get(name.toLowerCase()) : undefined;
      let message = `<${element}> names no Lightning web component of the project`;
      if (name) message += ` (it would be the bundle lwc/${name})`;
      if (near) message += `; the bundle ${near} is written <${tagOfBundle(near)}>`;
      else if (name && components.aura.has(name.toLowerCase())) {
        message += `; ${name} is an Aura component, which an LWC template cannot contain`;
      }
      findings.push({
        file: template,
        line: lineAt(source, match.index),
        rule: 'unknown-child-component',
        message,
      });
    }
  }
  return findings;
}
