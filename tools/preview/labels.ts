/**
 * Reads the project's custom labels (every `*.labels-meta.xml` under the package directories) so
 * that the preview shows the same text as the org: `@salesforce/label/c.Name` → its `<value>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { listSourceFiles } from '../checks/lib/project-files';

interface LabelsFile {
  CustomLabels?: { labels?: Array<{ fullName?: unknown; value?: unknown }> };
}

/** Label name → value, from every CustomLabels file of the project's source roots. */
export function readCustomLabels(projectDir: string): Map<string, string> {
  const parser = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false });
  const labels = new Map<string, string>();
  for (const file of listSourceFiles(projectDir)) {
    if (!file.endsWith('.labels-meta.xml')) continue;
    const parsed = parser.parse(readFileSync(path.join(projectDir, file), 'utf8')) as LabelsFile;
    for (const label of parsed.CustomLabels?.labels ?? []) {
      if (typeof label.fullName === 'string') labels.set(label.fullName, String(label.value ?? ''));
    }
  }
  return labels;
}
