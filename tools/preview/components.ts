/**
 * Finds the project's Lightning web components (folders `lwc/<name>/` under the package
 * directories) and the compiled `.js` entry of each, for the preview's `c/<name>` modules.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listSourceFiles } from '../checks/lib/project-files';

export interface ProjectComponent {
  name: string;
  /** Absolute path of `<name>.js` (compiled by `npm run build:lwc`). */
  entry: string;
}

export function projectComponents(projectDir: string): ProjectComponent[] {
  const components: ProjectComponent[] = [];
  for (const file of listSourceFiles(projectDir)) {
    const match = /(?:^|\/)lwc\/([^/]+)\/\1\.js-meta\.xml$/.exec(file);
    if (!match) continue;
    const entry = path.join(projectDir, file.replace(/\.js-meta\.xml$/, '.js'));
    if (!existsSync(entry)) {
      throw new Error(`${path.relative(projectDir, entry)} is missing: run npm run build:lwc`);
    }
    components.push({ name: match[1], entry });
  }
  return components;
}
