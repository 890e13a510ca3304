/**
 * What the Salesforce CLI on this machine knows, read with @salesforce/core from its own state
 * (~/.sf: aliases, org authorizations; config: target-dev-hub, also from SF_TARGET_DEV_HUB). No
 * network call: whether an org is reachable is for the commands that use it to find out. Injected
 * into org:up/org:down/deploy so tests run against a state they describe.
 */
import { ConfigAggregator, OrgConfigProperties, StateAggregator } from '@salesforce/core';

/** An org the CLI holds an authorization for. */
export interface KnownOrg {
  username: string;
  instanceUrl?: string;
  /** What the CLI recorded when the org was authorized (undefined: not recorded). */
  isDevHub?: boolean;
  isScratch: boolean;
}

export interface OrgState {
  /** The Dev Hub the CLI uses by default: the target-dev-hub config value, or undefined. */
  defaultDevHub(): Promise<string | undefined>;
  /** The authorization an alias or username resolves to, or undefined when there is none. */
  findOrg(aliasOrUsername: string): Promise<KnownOrg | undefined>;
}

/** The CLI's real state, through @salesforce/core. */
export function sfCoreOrgState(): OrgState {
  return {
    async defaultDevHub() {
      const config = await ConfigAggregator.create();
      const value = config.getPropertyValue<string>(OrgConfigProperties.TARGET_DEV_HUB);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    },
    async findOrg(aliasOrUsername) {
      const state = await StateAggregator.getInstance();
      const username = state.aliases.resolveUsername(aliasOrUsername);
      // hasFile looks at the disk; exists() only knows orgs this process has already read.
      if (!(await state.orgs.hasFile(username))) return undefined;
      const fields = await state.orgs.read(username, false, false);
      if (!fields) return undefined;
      return {
        username,
        ...(typeof fields.instanceUrl === 'string' ? { instanceUrl: fields.instanceUrl } : {}),
        ...(typeof fields.isDevHub === 'boolean' ? { isDevHub: fields.isDevHub } : {}),
        isScratch: Boolean(fields.devHubUsername) || fields.isScratch === true,
      };
    },
  };
}
