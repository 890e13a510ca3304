/**
 * Finds a public repository under a directory and lays it out as an SFDX project the checks can
 * read: a normal checkout is used in place; a bare git directory (as mirrored on this machine:
 * `<dir>/<owner>+<name>/repo`) is exported into a temporary directory from its HEAD tree with
 * `git ls-tree -r HEAD` and one `git cat-file --batch` for the blobs. Blobs the mirror lacks (large
 * images may be absent) are skipped and counted; symlinks and submodules are skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LaidOutRepo {
  repo: string;
  /** The SFDX project directory the checks run on. */
  projectDir: string;
  /** Where it came from: the checkout or the bare git directory. */
  source: string;
  /** Commit the tree was read from (bare directories), when known. */
  commit?: string;
  /** Blobs that could not be read (absent from the mirror). */
  skipped: string[];
  /** True when projectDir is a temporary export to delete afterwards. */
  temporary: boolean;
}

function isBareGitDir(dir: string): boolean {
  return (
    existsSync(path.join(dir, 'HEAD')) &&
    existsSync(path.join(dir, 'objects')) &&
    existsSync(path.join(dir, 'refs'))
  );
}

/** Candidate locations of `owner/name` under `baseDir`, in the order they are tried. */
function candidates(baseDir: string, repo: string): string[] {
  const [owner, name] = repo.split('/');
  return [
    path.join(baseDir, `${owner}+${name}`, 'repo'),
    path.join(baseDir, `${owner}+${name}`),
    path.join(baseDir, owner, name),
    path.join(baseDir, name),
    path.join(baseDir, `${name}.git`),
  ];
}

/** The checkout (holds sfdx-project.json) or bare git directory of `repo`, or undefined. */
export function locateRepo(
  baseDir: string,
  repo: string,
): { kind: 'checkout' | 'bare'; dir: string } | undefined {
  for (const dir of candidates(baseDir, repo)) {
    if (existsSync(path.join(dir, 'sfdx-project.json'))) return { kind: 'checkout', dir };
    if (isBareGitDir(dir)) return { kind: 'bare', dir };
  }
  return undefined;
}

function git(gitDir: string, args: string[], input?: string): Buffer {
  const result = spawnSync('git', [`--git-dir=${gitDir}`, ...args], {
    input,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed: ${result.stderr.toString().trim()}`);
  }
  return result.stdout;
}

/** Exports the HEAD tree of a bare git directory into `targetDir`. */
export function exportBareRepo(
  gitDir: string,
  targetDir: string,
): { commit: string; skipped: string[] } {
  const commit = git(gitDir, ['rev-parse', 'HEAD']).toString().trim();
  const entries = git(gitDir, ['ls-tree', '-r', '-z', 'HEAD'])
    .toString()
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta, file] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, file };
    });
  const skipped: string[] = [];
  const blobs = entries.filter((entry) => {
    if (entry.type === 'blob' && entry.mode !== '120000') return true;
    skipped.push(entry.file);
    return false;
  });
  // One process for every blob: `<sha> blob <size>\n<bytes>\n`, or `<sha> missing\n`.
  const output = spawnSync('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], {
    input: blobs.map((blob) => blob.sha).join('\n') + '\n',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (output.error) throw output.error;
  const data = output.stdout;
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = data.indexOf(10, offset);
    if (headerEnd < 0) {
      skipped.push(blob.file);
      continue;
    }
    const header = data.subarray(offset, headerEnd).toString().split(' ');
    offset = headerEnd + 1;
    if (header[1] !== 'blob') {
      skipped.push(blob.file);
      continue;
    }
    const size = Number(header[2]);
    const target = path.join(targetDir, blob.file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data.subarray(offset, offset + size));
    offset += size + 1;
  }
  return { commit, skipped };
}

/** Lays out `repo` found under `baseDir`; throws when it is not there. */
export function layOutRepo(baseDir: string, repo: string): LaidOutRepo {
  const found = locateRepo(baseDir, repo);
  if (!found) {
    throw new Error(
      `${repo} not found under ${baseDir} (tried ${candidates(baseDir, repo).join(', ')})`,
    );
  }
  if (found.kind === 'checkout') {
    return { repo, projectDir: found.dir, source: found.dir, skipped: [], temporary: false };
  }
  const projectDir = mkdtempSync(path.join(os.tmpdir(), `precision-${repo.replace('/', '+')}-`));
  const { commit, skipped } = exportBareRepo(found.dir, projectDir);
  return { repo, projectDir, source: found.dir, commit, skipped, temporary: true };
}
