/**
 * Which Dev Hub org:up uses, decided before anything else runs: --dev-hub, else the CLI's
 * target-dev-hub config. Without one, or when the CLI holds no authorization for it, org:up stops
 * with exit 2 and says how to get and authorize a Dev Hub, having built and deployed nothing.
 */
import type { KnownOrg, OrgState } from './org-state.js';

export type DevHubResolution =
  | { ok: true; name: string; source: 'flag' | 'config'; org: KnownOrg }
  | { ok: false; code: 'NO_DEV_HUB' | 'DEV_HUB_NOT_AUTHORIZED'; message: string; howTo: string[] };

/** The how-to every "no Dev Hub" message ends with. */
export function devHubHowTo(alias = 'devhub'): string[] {
  return [
    'To get a Dev Hub (free) and authorize it:',
    '  1. Sign up for a Developer Edition org: https://developer.salesforce.com/signup',
    '  2. In that org: Setup → Dev Hub → Enable Dev Hub.',
    '  3. Log in to it with the Salesforce CLI and make it the default Dev Hub:',
    `       npx sf org login web --set-default-dev-hub --alias ${alias}`,
    '     (CI: npx sf org login sfdx-url --sfdx-url-file <file> --set-default-dev-hub, or sf org login jwt)',
    `  4. Run npm run org:up again (or npm run org:up -- --dev-hub ${alias}).`,
    'No Dev Hub needed: npm run preview (the wizard with sample data, no org) and',
    'npm run deploy -- --target-org <alias> (deploys to an org or sandbox you already have).',
  ];
}

export async function resolveDevHub(
  state: OrgState,
  flag: string | undefined,
): Promise<DevHubResolution> {
  const name = flag?.trim() || (await state.defaultDevHub());
  if (!name) {
    return {
      ok: false,
      code: 'NO_DEV_HUB',
      message:
        'No Dev Hub: org:up creates a scratch org, and only a Dev Hub can create one. None was ' +
        'given (--dev-hub) and the Salesforce CLI has no default Dev Hub (target-dev-hub).',
      howTo: devHubHowTo(),
    };
  }
  const org = await state.findOrg(name);
  if (!org) {
    const where = flag?.trim() ? '--dev-hub' : 'the target-dev-hub config';
    return {
      ok: false,
      code: 'DEV_HUB_NOT_AUTHORIZED',
      message:
        `The Dev Hub "${name}" (from ${where}) is not authorized in the Salesforce CLI on this ` +
        'machine: no login is stored for that alias or username (npx sf org list shows the ones there are).',
      howTo: devHubHowTo(/^[A-Za-z0-9._-]+$/.test(name) && !name.includes('@') ? name : 'devhub'),
    };
  }
  return { ok: true, name, source: flag?.trim() ? 'flag' : 'config', org };
}
