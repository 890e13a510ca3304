/**
 * Runs the CLI in-process against a loopback fake org and captures its output and exit code.
 * Time is virtual by default (polls and back-off take no real time); the request timeout is real.
 */
import { main } from '../../src/cli.js';
import { VirtualClock, type Clock } from '../../src/clock.js';
import type { RestConnection } from '../../src/api/salesforce-api.js';
import type { FakeSalesforce } from './fake-salesforce.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  accessToken?: string;
  clock?: Clock;
  /** Another connection than the server's (an unreachable instance URL). */
  connection?: () => RestConnection;
}

export async function runCli(
  server: FakeSalesforce,
  args: string[],
  accessToken?: string | CliRunOptions,
): Promise<CliRun> {
  const options: CliRunOptions = typeof accessToken === 'object' ? accessToken : { accessToken };
  const clock = options.clock ?? new VirtualClock(Date.parse('2026-11-23T10:00:00Z'));
  server.now = () => clock.now();
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    connect: async () => options.connection?.() ?? server.connection(options.accessToken),
    today: () => '2026-11-23',
    clock,
  });
  return { code, stdout, stderr };
}
