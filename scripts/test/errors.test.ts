import { FakeSalesforce } from './support/fake-salesforce.js';
import { installCloseAutomation, installOrg } from './support/org-fixture.js';
import { runCli } from './support/cli-run.js';
import { connect } from '../src/auth.js';
import { redact, toCliError } from '../src/errors.js';

describe('errors a user can act on', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    server = await new FakeSalesforce().start();
    installOrg(server);
  });
  afterEach(() => server.stop());

  it('an expired session exits 2 with a login hint and never prints the token', async () => {
    const run = await runCli(server, ['seed'], '00D000000000001!expired.token.value');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /session has expired or is invalid\. Log in again: sf org login web/,
    );
    expect(run.stderr).not.toMatch(/expired\.token\.value/);
  });

  it('a missing package object exits 2 and names the object', async () => {
    server.knownObjects.delete('Close_Won_Setting__mdt');
    const run = await runCli(server, ['audit', '--json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as { status: string; code: string; message: string };
    expect(json).toMatchObject({ status: 'error', code: 'PACKAGE_NOT_INSTALLED' });
    expect(json.message).toMatch(/does not know the object Close_Won_Setting__mdt/);
  });

  it('a seed field the user cannot see exits 2, names the field and the permission set', () => {
    const error = toCliError({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Seed_Key__c' on sobject of type Account",
    });
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('SEED_FIELD_NOT_ACCESSIBLE');
    expect(error.message).toMatch(
      /cannot see the seed field Account\.Seed_Key__c\. Assign the seed permission set: sf org assign permset --name Close_Won_Seed/,
    );
  });

  it('a missing package field still says to deploy the package', () => {
    const error = toCliError({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Close_Key__c' on sobject of type Order",
    });
    expect(error.code).toBe('PACKAGE_NOT_INSTALLED');
    expect(error.message).toMatch(/does not know the field Order\.Close_Key__c/);
  });

  it('a missing invocable action exits 2 and names it', async () => {
    await runCli(server, ['seed', '--accounts', '2', '--opportunities', '2']);
    const run = await runCli(server, ['verify', '--count', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/does not know the invocable action CloseOpportunityAction/);
  });

  it('the API request limit exits 2 and says so', async () => {
    server.failRequest(1, {
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    const run = await runCli(server, ['metrics']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/API request limit is reached \(TotalRequests Limit exceeded\.\)/);
  });

  it.each([
    [
      ['seed', '--opportunities', '20000'],
      /--opportunities must be a whole number from 1 to 10000/,
    ],
    [['seed', '--accounts', 'many'], /must be a whole number/],
    [['audit', '--since', '23/11/2026'], /must be a date as YYYY-MM-DD/],
    [['metrics', '--period', 'week'], /--period must be month, quarter or year/],
    [['frobnicate'], /unknown command/],
  ])('invalid flags %j exit 2 with a message', async (args, message) => {
    const run = await runCli(server, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('no usable org in the environment is a connection error, not a crash', async () => {
    await expect(
      connect({ apiVersion: '65.0', env: { SF_ACCESS_TOKEN: 'x' } }),
    ).rejects.toMatchObject({ code: 'NO_INSTANCE_URL', exitCode: 2 });
    await expect(connect({ apiVersion: 'latest', env: {} })).rejects.toMatchObject({
      code: 'INVALID_FLAG',
      exitCode: 2,
    });
  });

  it('verify without seeded opportunities exits 2 and says how to seed', async () => {
    const run = await runCli(server, ['verify', '--seed', '9', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      status: 'error',
      code: 'NOTHING_TO_VERIFY',
      message: 'No open seeded opportunities for seed "9". Run: npm run seed -- --seed 9',
    });
  });

  it('redacts anything shaped like an access token', () => {
    expect(redact('failed with 00D5g000000abcd!AQ0AQH.x_y-z in header')).toBe(
      'failed with <redacted> in header',
    );
  });

  it('an action row failure is reported as a failed check, never as success', async () => {
    await runCli(server, ['seed', '--accounts', '2', '--opportunities', '2']);
    installCloseAutomation(server);
    const handler = server.actions.get('CloseOpportunityAction');
    server.actions.set('CloseOpportunityAction', (inputs, s) =>
      (handler?.(inputs, s) ?? []).map(() => ({
        success: false,
        opportunityId: null,
        stageName: null,
        errorMessages: ['Explanation is too short'],
        errorFields: ['explanation'],
      })),
    );
    const run = await runCli(server, ['verify', '--count', '2', '--timeout', '0', '--json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as {
      opportunities: { checks: { check: string; passed: boolean; detail: string }[] }[];
    };
    expect(json.opportunities[0].checks[0]).toEqual({
      check: 'close action',
      passed: false,
      detail: 'Explanation is too short',
    });
  });
});
