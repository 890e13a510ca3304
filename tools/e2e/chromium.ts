/**
 * Finds the Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's `chromium` (what
 * .ci/run installs with apt-get), else other usual names on PATH. Null when there is none.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const directories = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const directory of ['/usr/bin', ...directories]) {
      const candidate = path.join(directory, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** True where a missing Chromium must fail the run: CI, or CLOSE_WON_REQUIRE_E2E (set by .ci/run). */
export function e2eRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) || Boolean(env.CLOSE_WON_REQUIRE_E2E);
}
