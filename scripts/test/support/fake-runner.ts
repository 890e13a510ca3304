/**
 * A CommandRunner that records every command org:up / org:down / deploy would run and answers
 * each like the real `sf --json` / `npm run` would, so the step sequence is tested without an org.
 * `failOn` makes the first command matching a key fail.
 */
import type { Command, CommandResult, CommandRunner } from '../../src/org/runner.js';
import type { KnownOrg, OrgState } from '../../src/org/org-state.js';

/** A short name for a command: `npm build:lwc`, `npm seed`, `sf org create scratch`, `sf deploy unpackaged/record-page`. */
export function keyOf(command: Command): string {
  if (command.command === 'npm') return `npm ${command.args[2]}`;
  if (command.args[0] === 'project' && command.args[1] === 'deploy') {
    const dirs = command.args.flatMap((a, i) =>
      command.args[i - 1] === '--source-dir' ? [a] : [],
    );
    return `sf deploy ${dirs.join(' ')}`;
  }
  return `sf ${command.args.slice(0, 3).join(' ')}`;
}

export const SCRATCH_USERNAME = 'test-abc123@example.com';
export const SCRATCH_URL = 'https://flow-power-1234-dev-ed.scratch.my.salesforce.com';

const json = (value: unknown, code = 0): CommandResult => ({
  code,
  stdout: JSON.stringify(value),
  stderr: '',
});

function defaultAnswer(command: Command): CommandResult {
  const key = keyOf(command);
  if (key === 'npm build:lwc') return { code: 0, stdout: '', stderr: '' };
  if (key === 'npm seed') {
    return json({
      status: 'ok',
      steps: [{ sobject: 'Account', desired: 20, created: 20, unchanged: 0 }],
    });
  }
  if (key === 'sf org create scratch') {
    return json({
      status: 0,
      result: {
        username: SCRATCH_USERNAME,
        orgId: '00D000000000001',
        authFields: { instanceUrl: SCRATCH_URL, accessToken: 'REDACTED' },
      },
    });
  }
  if (key === 'sf org assign permset') {
    return json({ status: 0, result: { successes: [{ name: 'close-won' }], failures: [] } });
  }
  if (key === 'sf data query --query')
    return json({ status: 0, result: { totalSize: 0, records: [] } });
  return json({ status: 0, result: { status: 'Succeeded' } });
}

export class FakeRunner implements CommandRunner {
  readonly calls: Command[] = [];
  private readonly overrides = new Map<string, CommandResult>();

  /** Answers the first command with this key with `result` instead of success. */
  answer(key: string, result: CommandResult): this {
    this.overrides.set(key, result);
    return this;
  }

  async run(command: Command): Promise<CommandResult> {
    this.calls.push(command);
    const key = keyOf(command);
    const override = this.overrides.get(key);
    if (override) {
      this.overrides.delete(key);
      return override;
    }
    return defaultAnswer(command);
  }

  get keys(): string[] {
    return this.calls.map(keyOf);
  }
}

/** A CLI state with the given default Dev Hub and known orgs (by alias or username). */
export function fakeState(
  defaultDevHub: string | undefined,
  orgs: Record<string, KnownOrg>,
): OrgState {
  return {
    defaultDevHub: async () => defaultDevHub,
    findOrg: async (name) => orgs[name],
  };
}

export const DEV_HUB: KnownOrg = {
  username: 'hub@example.com',
  instanceUrl: 'https://hub.my.salesforce.com',
  isDevHub: true,
  isScratch: false,
};
