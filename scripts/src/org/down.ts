/**
 * org:down — deletes the scratch org org:up made (alias close-won unless --alias), without a
 * prompt. An alias the CLI does not know, or one that names an org that is not a scratch org,
 * is refused with exit 2 before anything is deleted.
 */
import { failureText } from './runner.js';
import type { OrgCommandIo } from './io.js';

export interface OrgDownOptions {
  alias: string;
  json: boolean;
}

export async function orgDown(options: OrgDownOptions, io: OrgCommandIo): Promise<number> {
  const org = await io.state.findOrg(options.alias);
  if (!org) {
    return io.fail(options.json, 2, {
      command: 'org:down',
      code: 'NO_SUCH_ORG',
      message:
        `No org is known as "${options.alias}" to the Salesforce CLI on this machine; nothing was ` +
        'deleted. npx sf org list shows the orgs it knows; pass the right one with --alias.',
    });
  }
  if (!org.isScratch) {
    return io.fail(options.json, 2, {
      command: 'org:down',
      code: 'NOT_A_SCRATCH_ORG',
      message:
        `"${options.alias}" (${org.username}) is not a scratch org; org:down deletes scratch orgs ` +
        'only, and nothing was deleted.',
    });
  }
  io.progress(`Deleting the scratch org ${options.alias} (${org.username}) …`);
  const result = await io.runner.run({
    command: 'sf',
    args: ['org', 'delete', 'scratch', '--target-org', options.alias, '--no-prompt', '--json'],
  });
  if (result.code !== 0) {
    return io.fail(options.json, 1, {
      command: 'org:down',
      code: 'DELETE_FAILED',
      message: `sf org delete scratch failed for ${options.alias}:\n${failureText(result)}`,
    });
  }
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ command: 'org:down', status: 'ok', alias: options.alias, username: org.username }, null, 2)}\n`,
    );
  } else {
    io.stdout(`Deleted the scratch org ${options.alias} (${org.username}).\n`);
  }
  return 0;
}
