/**
 * Typed errors of the command-line layer. Each carries the exit code the CLI ends with and a
 * message a user can act on. Messages never contain access tokens or passwords.
 *
 * Exit codes: 0 ok, 1 verification or audit found problems (or the org rejected rows),
 * 2 usage or connection error.
 */

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  abstract readonly code: string;
}

/** A flag is missing, malformed or out of range, or the org holds nothing the command can work on. */
export class UsageError extends CliError {
  readonly exitCode = EXIT_USAGE;
  constructor(
    message: string,
    readonly code = 'INVALID_FLAG',
  ) {
    super(message);
  }
}

/** No org, an unknown alias or an expired session. */
export class ConnectionError extends CliError {
  readonly exitCode = EXIT_USAGE;
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The org does not know an object or field of the package: the package (or the seed fields) is not deployed. */
export class PackageNotInstalledError extends CliError {
  readonly exitCode = EXIT_USAGE;
  readonly code = 'PACKAGE_NOT_INSTALLED';
  constructor(readonly missing: string) {
    super(
      `The org does not know ${missing}. Deploy the Close Won package (force-app) and, for seeding, ` +
        `the seed fields (unpackaged): sf project deploy start --target-org <alias>`,
    );
  }
}

/** The org's daily API request limit is used up. */
export class ApiLimitError extends CliError {
  readonly exitCode = EXIT_USAGE;
  readonly code = 'REQUEST_LIMIT_EXCEEDED';
  constructor(detail: string) {
    super(
      `The org's API request limit is reached (${detail}). Wait for the 24-hour window to free ` +
        `requests, or check Setup > Company Information > API Requests.`,
    );
  }
}

/** One rejected row of a collection or bulk call. */
export interface RowFailure {
  sobject: string;
  /** The row's seed key or record id, whichever identifies it. */
  ref: string;
  reason: string;
}

/** Some rows of a write were rejected: never reported as success. */
export class PartialFailureError extends CliError {
  readonly exitCode = EXIT_PROBLEMS;
  readonly code = 'PARTIAL_FAILURE';
  constructor(readonly failures: RowFailure[]) {
    super(
      `${failures.length} row(s) were rejected:\n` +
        failures
          .slice(0, 20)
          .map((f) => `  ${f.sobject} ${f.ref}: ${f.reason}`)
          .join('\n') +
        (failures.length > 20 ? `\n  … and ${failures.length - 20} more` : ''),
    );
  }
}

/** Any other error the API returned, with its error code. */
export class ApiError extends CliError {
  readonly exitCode = EXIT_USAGE;
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

const UNSUPPORTED_TYPE = /sObject type '([^']+)' is not supported/i;
const NO_SUCH_COLUMN =
  /No such column '([^']+)' on (?:entity|sobject of type) '?([A-Za-z0-9_]+)'?/i;
const TOKEN_LIKE = /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g;

/** Removes anything that looks like a Salesforce access token from a message. */
export function redact(message: string): string {
  return message.replace(TOKEN_LIKE, '<redacted>');
}

interface ErrorLike {
  errorCode?: unknown;
  name?: unknown;
  message?: unknown;
}

/**
 * Maps an error thrown by jsforce (HttpApiError: `errorCode` + `message`) or by this layer to a
 * CliError with an actionable message.
 */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const e = (error ?? {}) as ErrorLike;
  const code = String(e.errorCode ?? e.name ?? 'ERROR');
  const message = redact(String(e.message ?? error));
  if (code === 'INVALID_SESSION_ID' || /session expired or invalid/i.test(message)) {
    return new ConnectionError(
      'INVALID_SESSION_ID',
      'The session has expired or is invalid. Log in again: sf org login web --alias <alias> ' +
        '(or refresh SF_ACCESS_TOKEN).',
    );
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') return new ApiLimitError(message);
  const unsupported = UNSUPPORTED_TYPE.exec(message);
  if (code === 'INVALID_TYPE' || code === 'NOT_FOUND' || unsupported) {
    if (unsupported) return new PackageNotInstalledError(`the object ${unsupported[1]}`);
  }
  const column = NO_SUCH_COLUMN.exec(message);
  if (code === 'INVALID_FIELD' && column) {
    return new PackageNotInstalledError(`the field ${column[2]}.${column[1]}`);
  }
  if (/ECONNREFUSED|ENOTFOUND|getaddrinfo/i.test(message)) {
    return new ConnectionError('UNREACHABLE', `Cannot reach the org's instance: ${message}`);
  }
  return new ApiError(code, message);
}
