/**
 * Guards "no hard-coded user-facing text": every custom label the components import exists in
 * CustomLabels.labels-meta.xml with the category CloseWon, every CloseWon label is used, and the
 * templates carry no literal words (text and label-like attributes come from bindings). Also proves
 * that Jest serves every label with its real text (test/jest-labels.js), so the other tests see the
 * wording the rep sees rather than sfdx-lwc-jest's default, the label's own name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LABELS } from 'c/closeWonLabels';

const lwcDir = path.resolve(__dirname, '..', '..');
const labelsXml = readFileSync(
  path.resolve(lwcDir, '..', 'labels', 'CustomLabels.labels-meta.xml'),
  'utf8',
);

function componentFiles(extension: string): string[] {
  return readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((bundle) =>
      readdirSync(path.join(lwcDir, bundle.name))
        .filter((file) => file.endsWith(extension))
        .map((file) => path.join(lwcDir, bundle.name, file)),
    );
}

const XML_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  amp: '&',
};
const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_entity, name: string) => XML_ENTITIES[name]);

const labelEntries = [...labelsXml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)].map((match) => {
  const body = match[1];
  const name = /<fullName>([^<]+)<\/fullName>/.exec(body)?.[1] ?? '';
  const category = /<categories>([^<]+)<\/categories>/.exec(body)?.[1] ?? '';
  const value = decodeXml(/<value>([^<]*)<\/value>/.exec(body)?.[1] ?? '');
  return { name, category, value };
});
const definedLabels = new Map(labelEntries.map(({ name, category }) => [name, category] as const));

const importedLabels = new Set(
  componentFiles('.ts').flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/'@salesforce\/label\/c\.(\w+)'/g)].map((m) => m[1]),
  ),
);

describe('custom labels of the close wizard', () => {
  it('defines every imported label, in the CloseWon category', () => {
    expect(importedLabels.size).toBeGreaterThan(0);
    for (const name of importedLabels) {
      expect([name, definedLabels.get(name)]).toEqual([name, 'CloseWon']);
    }
  });

  it('uses every CloseWon label it defines', () => {
    const unused = [...definedLabels.keys()].filter((name) => !importedLabels.has(name));
    expect(unused).toEqual([]);
  });

  it('serves every label to Jest with its text from the labels file, never with its name', () => {
    expect(labelEntries.length).toBeGreaterThan(0);
    for (const { name, value } of labelEntries) {
      const served = jest.requireActual<{ default: unknown }>(`@salesforce/label/c.${name}`);
      expect([name, served.default]).toEqual([name, value]);
    }
    const byName = Object.values(LABELS).filter((text) => /^c\.\w+$/.test(text));
    expect(byName).toEqual([]);
  });

  it.each(componentFiles('.html').map((file) => [path.basename(file), file]))(
    '%s has no literal user-facing text',
    (_name, file) => {
      const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      const texts = html
        .split(/<[^>]+>/)
        .map((text) => text.replace(/\{[^}]*\}/g, '').trim())
        .filter((text) => /\p{L}/u.test(text));
      const literalAttributes = [
        ...html.matchAll(
          /\s(label|alternative-text|placeholder|title|header|source-label|selected-label|field-level-help)="([^"]*)"/g,
        ),
      ].map((match) => `${match[1]}="${match[2]}"`);
      expect({ texts, literalAttributes }).toEqual({ texts: [], literalAttributes: [] });
    },
  );
});
