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

/** Any other error the API returned, with its error code and the body's error data (if any). */
export class ApiError extends CliError {
  readonly exitCode = EXIT_USAGE;
  readonly code: string;
  constructor(
    code: string,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

/**
 * The org cannot see a seed field: Seed_Key__c exists only with the unpackaged metadata, and a
 * field deployed through the Metadata API is visible to no one until a permission set grants it.
 */
export class SeedFieldError extends CliError {
  readonly exitCode = EXIT_USAGE;
  readonly code = 'SEED_FIELD_NOT_ACCESSIBLE';
  constructor(readonly field: string) {
    super(
      `The running user cannot see the seed field ${field}. Assign the seed permission set: ` +
        `sf org assign permset --name Close_Won_Seed --target-org <alias>. If the field is not ` +
        `deployed at all, deploy the unpackaged metadata first: sf project deploy start --source-dir unpackaged --target-org <alias>`,
    );
  }
}

/** Where an error happened, so its message can name the host and the timeout. */
export interface ErrorContext {
  instanceUrl?: string;
  requestTimeoutSeconds?: number;
}

const EXTERNAL_ID_NOT_ACCESSIBLE =
  /Provided external ID field does not exist or is not accessible: ?([A-Za-z0-9_]+)/i;
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
  data?: unknown;
  cause?: unknown;
}

const CERTIFICATE_CODE =
  /^(CERT_|UNABLE_TO_(GET|VERIFY)|SELF_SIGNED|DEPTH_ZERO_SELF_SIGNED|ERR_TLS_CERT|ERR_SSL|HOSTNAME_MISMATCH)/;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * The system error code of a failed request. Node's fetch (undici, under jsforce) throws
 * "TypeError: fetch failed" and puts the code on `cause` (a socket error one level deeper).
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

function hostOf(context: ErrorContext, error: unknown): string {
  if (context.instanceUrl) {
    try {
      return new URL(context.instanceUrl).host;
    } catch {
      // fall through to the host the error names
    }
  }
  const cause = (error as ErrorLike | undefined)?.cause as { hostname?: unknown } | undefined;
  return typeof cause?.hostname === 'string' ? cause.hostname : "the org's instance";
}

/** ` (cause message)` when the error has a cause with a message of its own. */
function causeOf(error: unknown): string {
  const cause = (error as ErrorLike | undefined)?.cause as { message?: unknown } | undefined;
  return typeof cause?.message === 'string' && cause.message ? ` (${redact(cause.message)})` : '';
}

/** True when the request never got an answer within the request timeout. */
export function isTimeout(error: unknown): boolean {
  const e = (error ?? {}) as ErrorLike;
  return (
    e.name === 'AbortError' ||
    e.name === 'TimeoutError' ||
    /Request was aborted due to timeout|^Request Timeout$/.test(String(e.message ?? ''))
  );
}

/** A connection-level failure (no HTTP answer) as a message a person can act on, or undefined. */
export function describeNetworkError(
  error: unknown,
  context: ErrorContext = {},
): ConnectionError | undefined {
  const host = hostOf(context, error);
  if (isTimeout(error)) {
    const seconds = context.requestTimeoutSeconds;
    return new ConnectionError(
      'REQUEST_TIMEOUT',
      `${host} did not answer within ${seconds === undefined ? 'the request timeout' : `${seconds} seconds`} ` +
        `(--request-timeout). The org or the network is slow or dropping the request: try again, or pass a larger --request-timeout.`,
    );
  }
  const code = networkErrorCode(error);
  const message = String((error as ErrorLike | undefined)?.message ?? '');
  const known = code !== undefined && (NETWORK_CODES.has(code) || CERTIFICATE_CODE.test(code));
  if (!known && !/fetch failed|socket hang up/i.test(message)) return undefined;
  const proxyHint = 'check the network, VPN or proxy (HTTPS_PROXY)';
  switch (code) {
    case 'ECONNREFUSED':
      return new ConnectionError(
        'CONNECTION_REFUSED',
        `Cannot connect to ${host}: the connection was refused (ECONNREFUSED). Check the instance URL ` +
          `(SF_INSTANCE_URL, or the org's My Domain: sf org display --target-org <alias>) and ${proxyHint}.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectionError(
        'HOST_NOT_FOUND',
        `The host ${host} cannot be resolved (${code}). Check the instance URL (SF_INSTANCE_URL, or ` +
          `sf org display --target-org <alias>): a deleted or expired scratch org's domain no longer exists; otherwise ${proxyHint} and DNS.`,
      );
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return new ConnectionError(
        'CONNECTION_TIMEOUT',
        `Cannot connect to ${host}: the network did not answer (${code}). ${proxyHint[0].toUpperCase()}${proxyHint.slice(1)}, then try again.`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new ConnectionError(
        'CONNECTION_RESET',
        `The connection to ${host} was closed before the answer arrived (${code}). Try again; if it ` +
          `keeps happening, a proxy or firewall may be cutting connections: ${proxyHint}.`,
      );
    default:
      if (code && CERTIFICATE_CODE.test(code)) {
        return new ConnectionError(
          'CERTIFICATE_REJECTED',
          `The TLS certificate of ${host} was not accepted (${code}). If a proxy inspects HTTPS ` +
            `traffic, point NODE_EXTRA_CA_CERTS at its CA certificate; check the instance URL.`,
        );
      }
      return new ConnectionError(
        'CONNECTION_FAILED',
        `Cannot reach ${host}${code ? ` (${code})` : ''}: ${redact(message)}${causeOf(error)}. Check the instance URL and ${proxyHint}.`,
      );
  }
}

/**
 * Maps an error thrown by jsforce (HttpApiError: `errorCode` + `message`) or by this layer to a
 * CliError with an actionable message.
 */
export function toCliError(error: unknown, context: ErrorContext = {}): CliError {
  if (error instanceof CliError) return error;
  const network = describeNetworkError(error, context);
  if (network) return network;
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
  const externalId = EXTERNAL_ID_NOT_ACCESSIBLE.exec(message);
  if (externalId) return new SeedFieldError(externalId[1]);
  const unsupported = UNSUPPORTED_TYPE.exec(message);
  if (code === 'INVALID_TYPE' || code === 'NOT_FOUND' || unsupported) {
    if (unsupported) return new PackageNotInstalledError(`the object ${unsupported[1]}`);
  }
  const column = NO_SUCH_COLUMN.exec(message);
  if (code === 'INVALID_FIELD' && column) {
    if (/^Seed_Key__c$/i.test(column[1])) return new SeedFieldError(`${column[2]}.${column[1]}`);
    return new PackageNotInstalledError(`the field ${column[2]}.${column[1]}`);
  }
  return new ApiError(code, message, e.data);
}
