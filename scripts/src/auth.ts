/**
 * Authentication the Salesforce CLI way: an org alias or username resolved through
 * @salesforce/core (which yields a jsforce Connection with token refresh), or, for CI, an access
 * token and instance URL from the environment (SF_ACCESS_TOKEN + SF_INSTANCE_URL).
 * Tokens never appear in output or error messages.
 */
import { Org } from '@salesforce/core';
import { Connection } from 'jsforce';
import type { RestConnection } from './api/salesforce-api.js';
import { ConnectionError, UsageError, redact } from './errors.js';

export interface AuthOptions {
  targetOrg?: string;
  apiVersion: string;
  env?: NodeJS.ProcessEnv;
}

/** Resolves the connection the commands use. */
export async function connect(options: AuthOptions): Promise<RestConnection> {
  const env = options.env ?? process.env;
  if (!/^\d{2,3}\.0$/.test(options.apiVersion)) {
    throw new UsageError(`--api-version must look like 65.0 (got "${options.apiVersion}").`);
  }
  if (!options.targetOrg && env.SF_ACCESS_TOKEN) {
    return connectWithToken(env.SF_ACCESS_TOKEN, env.SF_INSTANCE_URL, options.apiVersion);
  }
  try {
    const org = await Org.create(options.targetOrg ? { aliasOrUsername: options.targetOrg } : {});
    return org.getConnection(options.apiVersion) as unknown as RestConnection;
  } catch (error) {
    throw describeOrgError(error, options.targetOrg);
  }
}

function connectWithToken(
  accessToken: string,
  instanceUrl: string | undefined,
  version: string,
): RestConnection {
  if (!instanceUrl || !/^https?:\/\//.test(instanceUrl)) {
    throw new ConnectionError(
      'NO_INSTANCE_URL',
      'SF_ACCESS_TOKEN is set but SF_INSTANCE_URL is missing or not a URL (e.g. https://mydomain.my.salesforce.com).',
    );
  }
  return new Connection({ instanceUrl, accessToken, version }) as unknown as RestConnection;
}

function describeOrgError(error: unknown, targetOrg: string | undefined): ConnectionError {
  const name = String((error as { name?: unknown })?.name ?? '');
  if (!targetOrg && /NoDefault|NoOrgFound|NoUsername|NamedOrgNotFound/i.test(name)) {
    return new ConnectionError(
      'NO_ORG',
      'No org given. Pass --target-org <alias|username>, set a default (sf config set target-org <alias>), ' +
        'or set SF_ACCESS_TOKEN and SF_INSTANCE_URL.',
    );
  }
  if (/NamedOrgNotFound|NoAuthInfoFound|AuthInfo/i.test(name)) {
    return new ConnectionError(
      'UNKNOWN_ORG',
      `No authenticated org is known as "${targetOrg ?? ''}". Run sf org list to see aliases, or log in: ` +
        `sf org login web --alias ${targetOrg ?? '<alias>'}`,
    );
  }
  if (
    /expired|invalid_grant|INVALID_SESSION/i.test(`${name} ${String((error as Error)?.message)}`)
  ) {
    return new ConnectionError(
      'INVALID_SESSION_ID',
      `The session for "${targetOrg ?? 'the default org'}" has expired. Log in again: sf org login web --alias ${targetOrg ?? '<alias>'}`,
    );
  }
  return new ConnectionError(
    'AUTH_FAILED',
    redact(
      `Cannot open "${targetOrg ?? 'the default org'}": ${String((error as Error)?.message ?? error)}`,
    ),
  );
}
