#!/usr/bin/env node
/**
 * Repairs package-lock.json after `npm install` on these machines.
 *
 * The npm registry our machines reach does not serve rollup's per-platform binaries for other
 * platforms (e.g. @rollup/rollup-darwin-x64 answers 404), so npm writes a lock file that names
 * them in rollup's optionalDependencies but has no entry for them — and `npm ci` then refuses the
 * lock file ("Missing: @rollup/rollup-darwin-x64@ from lock file"). This script adds an entry for
 * each missing platform package with its os/cpu/libc, without a tarball: npm skips them on every
 * other platform before fetching anything, exactly as it does for any optional platform binary.
 *
 * Usage: node tools/lockfile-platform-entries.mjs   (after any `npm install`; idempotent)
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const pattern = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/;
const added = [];

for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    const match = pattern.exec(name);
    if (!match || packages[nested] || packages[hoisted]) continue;
    const [, os, cpu, abi] = match;
    const platform = { version, dev: true, optional: true, license: 'MIT', os: [os], cpu: [cpu] };
    if (os === 'linux' && abi?.startsWith('gnu')) platform.libc = ['glibc'];
    if (os === 'linux' && abi?.startsWith('musl')) platform.libc = ['musl'];
    packages[hoisted] = platform;
    added.push(name);
  }
}

writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length ? `added lock entries: ${added.join(', ')}` : 'lock file already complete',
);
