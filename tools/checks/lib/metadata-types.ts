/**
 * Maps a source-format file to its Metadata API type with the registry of
 * @salesforce/source-deploy-retrieve (the table the Salesforce CLI itself uses): by suffix
 * (`.flow-meta.xml` → Flow), by child suffix inside a decomposed parent (`fields/X.field-meta.xml`
 * → CustomField), or by bundle folder (`lwc/<name>/<name>.js-meta.xml` →
 * LightningComponentBundle).
 */
import { registry } from '@salesforce/source-deploy-retrieve';

interface RegistryType {
  name: string;
  directoryName?: string;
  suffix?: string;
  children?: { suffixes: Record<string, string>; types: Record<string, RegistryType> };
}

const types = registry.types as unknown as Record<string, RegistryType>;
const suffixes = registry.suffixes as Record<string, string>;

/** Suffix → type name: every type's own suffix, then the registry's index (which wins on clashes). */
const typeBySuffix = new Map<string, string>();
for (const type of Object.values(types)) {
  if (type.suffix && !typeBySuffix.has(type.suffix)) typeBySuffix.set(type.suffix, type.name);
}
for (const [suffix, id] of Object.entries(suffixes)) {
  if (types[id]) typeBySuffix.set(suffix, types[id].name);
}

const childTypeBySuffix = new Map<string, string>();
const typeByDirectory = new Map<string, string>();
for (const type of Object.values(types)) {
  if (type.directoryName && !type.suffix) typeByDirectory.set(type.directoryName, type.name);
  if (!type.children) continue;
  for (const [suffix, id] of Object.entries(type.children.suffixes)) {
    const child = type.children.types[id];
    if (child) childTypeBySuffix.set(suffix, child.name);
  }
}

/**
 * The Metadata API type name of a `-meta.xml` file (project-relative path with `/`), or
 * undefined when the registry does not know the file's suffix or folder.
 */
export function metadataTypeOf(file: string): string | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/-meta\.xml$/, '');
  const suffix = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  const folders = file.split('/').slice(0, -1);
  // Bundles (lwc, aura, static resources, …) are typed by their folder, not by suffix.
  for (let i = folders.length - 1; i >= 0; i -= 1) {
    const byFolder = typeByDirectory.get(folders[i]);
    if (byFolder && i >= folders.length - 2) return byFolder;
  }
  return typeBySuffix.get(suffix) ?? childTypeBySuffix.get(suffix);
}
