/** Runs the CLI in-process against a loopback fake org and captures its output and exit code. */
import { main } from '../../src/cli.js';
import type { FakeSalesforce } from './fake-salesforce.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  server: FakeSalesforce,
  args: string[],
  accessToken?: string,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    connect: async () => server.connection(accessToken),
    today: () => '2026-11-23',
  });
  return { code, stdout, stderr };
}
