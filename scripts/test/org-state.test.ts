/**
 * sfCoreOrgState reads the Salesforce CLI's own files through @salesforce/core: here a HOME in a
 * temporary directory holds a config naming a Dev Hub, an alias and one org authorization file,
 * written the way the CLI writes them (~/.sf/config.json, ~/.sfdx/alias.json, ~/.sfdx/<user>.json).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { sfCoreOrgState } from '../src/org/org-state.js';

describe('sfCoreOrgState', () => {
  const savedHub = process.env.SF_TARGET_DEV_HUB;
  let home: string;

  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'close-won-sf-state-'));
    mkdirSync(path.join(home, '.sf'));
    mkdirSync(path.join(home, '.sfdx'));
    const write = (file: string, value: unknown) =>
      writeFileSync(path.join(home, file), JSON.stringify(value));
    write('.sf/config.json', { 'target-dev-hub': 'hub' });
    write('.sfdx/alias.json', { orgs: { hub: 'hub@example.com', scratch: 'test-1@example.com' } });
    write('.sfdx/hub@example.com.json', {
      username: 'hub@example.com',
      orgId: '00D000000000001AAA',
      instanceUrl: 'https://hub.my.salesforce.com',
      isDevHub: true,
    });
    write('.sfdx/test-1@example.com.json', {
      username: 'test-1@example.com',
      orgId: '00D000000000002AAA',
      instanceUrl: 'https://test-1.scratch.my.salesforce.com',
      devHubUsername: 'hub@example.com',
    });
    // @salesforce/core finds its state under os.homedir(); Jest's process.env is a copy, so setting
    // HOME here would not reach it.
    jest.spyOn(os, 'homedir').mockReturnValue(home);
    delete process.env.SF_TARGET_DEV_HUB;
  });

  afterAll(() => {
    jest.restoreAllMocks();
    if (savedHub !== undefined) process.env.SF_TARGET_DEV_HUB = savedHub;
    rmSync(home, { recursive: true, force: true });
  });

  it('reads the default Dev Hub from the CLI config', async () => {
    await expect(sfCoreOrgState().defaultDevHub()).resolves.toBe('hub');
  });

  it('finds an org by alias or username on disk, and tells a scratch org from a Dev Hub', async () => {
    const state = sfCoreOrgState();
    await expect(state.findOrg('hub')).resolves.toEqual({
      username: 'hub@example.com',
      instanceUrl: 'https://hub.my.salesforce.com',
      isDevHub: true,
      isScratch: false,
    });
    await expect(state.findOrg('test-1@example.com')).resolves.toMatchObject({
      username: 'test-1@example.com',
      isScratch: true,
    });
  });

  it('finds nothing for an alias or username without an authorization file', async () => {
    const state = sfCoreOrgState();
    await expect(state.findOrg('close-won')).resolves.toBeUndefined();
    await expect(state.findOrg('nobody@example.com')).resolves.toBeUndefined();
  });
});
