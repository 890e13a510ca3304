/**
 * Proves the newcomer's guard against an old Node (issue 12, item 4):
 * - tools/require-node.cjs, run by the machine's own older Node (/usr/bin/node is Node 20 on the
 *   build machines; CLOSE_WON_OLD_NODE names another), exits 1 within two seconds with exactly one
 *   line on stderr naming Node 22 and how to get it, and nothing on stdout;
 * - under the Node running these tests (22) it exits 0 silently;
 * - its minimum is the lowest Node 22 that every locked dependency's `engines` accepts, so the
 *   guard and `npm ci` agree (a dependency update that raises the floor fails here);
 * - every npm script has the guard as its `pre` hook, and .npmrc makes `npm ci` refuse an old Node
 *   before it downloads anything (run for real with the old Node's npm, `--dry-run --offline`).
 * The tests that need an older Node are skipped, with a message, where the machine has none.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { satisfies } from 'semver';

interface Guard {
  MINIMUM: [number, number, number];
  MAXIMUM_MAJOR: number;
  isSupported(version: string): boolean;
  problem(version: string, projectDir: string): string | undefined;
}

const root = path.resolve(__dirname, '..', '..');
const guardFile = path.join(root, 'tools', 'require-node.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the guard is plain CommonJS written for any old Node; it has no types to import
const guard = require(guardFile) as Guard;
const minimum = guard.MINIMUM.join('.');

/**
 * A Node older than 22 on this machine with its version and the npm installed beside it
 * (<prefix>/lib/node_modules/npm, as Debian's and the official packages lay it out), or undefined.
 */
function findOldNode(): { node: string; version: string; npmCli: string } | undefined {
  const candidates = [process.env.CLOSE_WON_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node'];
  for (const node of candidates) {
    if (!node || !existsSync(node)) continue;
    const probe = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const version = probe.stdout?.trim();
    const npmCli = path.join(
      path.dirname(path.dirname(node)),
      'lib/node_modules/npm/bin/npm-cli.js',
    );
    if (probe.status === 0 && version && Number(version.split('.')[0]) < 22 && existsSync(npmCli)) {
      return { node, version, npmCli };
    }
  }
  return undefined;
}

const oldNode = findOldNode();
const describeWithOldNode = oldNode ? describe : describe.skip;
if (!oldNode) {
  console.warn(
    'require-node: no Node older than 22 with its npm on this machine (looked at $CLOSE_WON_OLD_NODE, /usr/bin/node, /usr/local/bin/node); the old-Node tests are skipped',
  );
}

function runGuard(node: string): {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
} {
  const started = Date.now();
  const result = spawnSync(node, [guardFile], { cwd: root, encoding: 'utf8', timeout: 10_000 });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: Date.now() - started,
  };
}

describe('the Node guard (tools/require-node.cjs)', () => {
  describeWithOldNode("under the machine's older Node", () => {
    it('stops it at once with one line naming Node 22 and how to get it', () => {
      const { node, version } = oldNode!;
      const result = runGuard(node);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.ms).toBeLessThan(2000);
      const lines = result.stderr.split('\n').filter((line) => line !== '');
      expect(lines).toEqual([
        `Close Won needs Node 22 (${minimum} or a newer 22.x), this is Node ${version}: get it with nvm install (reads .nvmrc) or the LTS 22 from https://nodejs.org/en/download, then run npm ci.`,
      ]);
    });
  });

  it('lets the Node running the tests (22) through silently', () => {
    const result = runGuard(process.execPath);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it.each([
    ['0.10.48', false],
    ['v20.20.2', false],
    ['22.0.0', false],
    ['22.22.1', false],
    ['22.22.2', true],
    ['v22.23.3', true],
    ['v22.99.0', true],
    ['23.11.0', false],
    ['v24.21.0', false],
    ['26.0.0', false],
  ])('judges Node %s supported: %s', (version, supported) => {
    expect(guard.isSupported(version)).toBe(supported);
  });

  it('says to run npm ci first where the dependencies are not installed', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'close-won-guard-'));
    try {
      expect(guard.problem('22.23.3', empty)).toBe(
        'Close Won: the dependencies are not installed; run npm ci first (Node 22).',
      );
      expect(guard.problem('22.23.3', root)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('requires exactly the lowest Node 22 every locked dependency accepts', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optional?: boolean; engines?: { node?: string } | string[] }>;
    };
    const ranges = Object.entries(lock.packages).flatMap(([name, entry]) => {
      const engines = entry.engines;
      const node = engines && !Array.isArray(engines) ? engines.node : undefined;
      return node && !entry.optional ? [{ name, range: node }] : [];
    });
    expect(ranges.length).toBeGreaterThan(0);
    const refusing = (version: string): string[] =>
      ranges
        .filter(({ range }) => !satisfies(version, range, { includePrerelease: true }))
        .map(({ name, range }) => `${name} (${range})`);
    expect(refusing(minimum)).toEqual([]);
    const [major, minor, patch] = guard.MINIMUM;
    const below = patch > 0 ? `${major}.${minor}.${patch - 1}` : `${major}.${minor - 1}.99`;
    expect(refusing(below).length).toBeGreaterThan(0);
    expect(refusing(`${guard.MAXIMUM_MAJOR}.99.0`)).toEqual([]);
    for (const major of [guard.MAXIMUM_MAJOR + 1, guard.MAXIMUM_MAJOR + 2]) {
      expect(refusing(`${major}.99.0`).length).toBeGreaterThan(0);
    }
  });

  it('names the same range as package.json "engines" (what npm ci says under engine-strict)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${minimum} <${guard.MAXIMUM_MAJOR + 1}`);
  });

  it('runs before every npm script (a pre hook)', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const names = Object.keys(scripts);
    const isHook = (name: string): boolean =>
      /^(pre|post)/.test(name) && names.includes(name.replace(/^(pre|post)/, ''));
    const unguarded = names
      .filter((name) => !isHook(name))
      .filter((name) => scripts[`pre${name}`] !== 'node tools/require-node.cjs')
      .map((name) => `add "pre${name}": "node tools/require-node.cjs" to package.json scripts`);
    expect(unguarded).toEqual([]);
  });

  describeWithOldNode("npm ci under the machine's older Node", () => {
    it('is refused before anything is downloaded (.npmrc engine-strict)', () => {
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'close-won-npmci-'));
      try {
        for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
          copyFileSync(path.join(root, file), path.join(scratch, file));
        }
        const started = Date.now();
        const result = spawnSync(
          oldNode!.node,
          [oldNode!.npmCli, 'ci', '--dry-run', '--offline', '--no-audit', '--no-fund'],
          {
            cwd: scratch,
            encoding: 'utf8',
            timeout: 60_000,
            // Without the npm_* variables of an enclosing `npm test` (npm_config_local_prefix would
            // point npm at this repository instead of the scratch copy).
            env: {
              ...Object.fromEntries(
                Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
              ),
              npm_config_update_notifier: 'false',
            },
          },
        );
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('npm error code EBADENGINE');
        expect(result.stderr).toContain(
          `Required: {"node":">=${minimum} <${guard.MAXIMUM_MAJOR + 1}"}`,
        );
        expect(existsSync(path.join(scratch, 'node_modules'))).toBe(false);
        expect(Date.now() - started).toBeLessThan(30_000);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }, 70_000);
  });
});
