// Turns whatever the SDK (or a snapshot file) gives as an error into `{ name, message }`:
// one line, no control characters, no SDK advice, bounded length. Error messages come from
// AWS or from a snapshot anyone may have written, and end up on a terminal.

export interface CallError {
  readonly name: string;
  readonly message: string;
}

/** Longest message kept; AWS messages that matter fit well within it. */
const MAX_MESSAGE = 300;
const MAX_NAME = 100;

// The SDK appends this to an error whose response it could not parse (an HTML 502 page, a
// truncated body): advice for SDK developers, not for someone reading an audit.
const SDK_HINTS = [/\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/g];

/**
 * One printable line: C0/C1 control characters (ESC, BEL, CR, NUL…) and Unicode line or
 * bidi-override characters become `\xNN`/`\uNNNN` text, whitespace runs become one space.
 */
export function oneLine(text: string, max = MAX_MESSAGE): string {
  const flat = text
    .replace(/[\t\n\r\f\v]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const HTTP_STATUS_TEXT: Readonly<Record<number, string>> = { 500: 'internal error', 502: 'bad gateway', 503: 'service unavailable', 504: 'gateway timeout' };

function field(o: object, key: string): unknown {
  return Object.hasOwn(o, key) || key in o ? (o as Record<string, unknown>)[key] : undefined;
}

function statusOf(o: object): number | undefined {
  const meta = field(o, '$metadata');
  const status = typeof meta === 'object' && meta !== null ? field(meta, 'httpStatusCode') : undefined;
  return typeof status === 'number' ? status : undefined;
}

function attemptsOf(o: object): number | undefined {
  const meta = field(o, '$metadata');
  const attempts = typeof meta === 'object' && meta !== null ? field(meta, 'attempts') : undefined;
  return typeof attempts === 'number' ? attempts : undefined;
}

/** The HTTP handler's timeout messages name the package and a log level; say what happened instead. */
function timeoutText(message: string): string {
  const ms = (re: RegExp): string | undefined => re.exec(message)?.[1];
  const request = ms(/exceeded the configured (\d+) ms requestTimeout/);
  if (request) return `no answer within ${request} ms`;
  const stalled = ms(/timed out after (\d+) ms of inactivity/);
  if (stalled) return `the answer stopped for ${stalled} ms`;
  const connect = ms(/within the configured timeout of (\d+) ms/);
  if (connect) return `no connection within ${connect} ms`;
  return message.replace(/^@smithy\/node-http-handler - (\[[A-Z]+\] )?/, '');
}

/**
 * `{ name, message }` of an SDK error. Node socket errors carry their code (`ECONNRESET`,
 * `ENOTFOUND`) as the name; an unparseable answer is named by its HTTP status; the number of
 * attempts is said when the SDK retried.
 */
export function toCallError(e: unknown): CallError {
  if (typeof e !== 'object' || e === null) return { name: 'Error', message: oneLine(String(e)) };
  const rawName = field(e, 'name');
  const code = field(e, 'code');
  const awsCode = field(e, 'Code');
  let name = typeof rawName === 'string' && rawName !== '' ? rawName : typeof awsCode === 'string' ? awsCode : 'Error';
  // A socket error is `Error` (or the SDK's `TimeoutError`) with a Node code: the code says more.
  if ((name === 'Error' || name === 'TimeoutError') && typeof code === 'string' && /^E[A-Z_]+$/.test(code) && code !== 'ETIMEDOUT') name = code;
  let message = typeof field(e, 'message') === 'string' ? (field(e, 'message') as string) : '';
  for (const hint of SDK_HINTS) message = message.replace(hint, '');
  // The HTTP handler's timeouts name the package and a log level; say what happened instead.
  if (/^@smithy\/node-http-handler - /.test(message)) message = timeoutText(message);
  const status = statusOf(e);
  // The SDK names an error it could not parse `Unknown`/`UnknownError`, or keeps a parser's name.
  if (status !== undefined && status >= 500 && (name === 'Unknown' || name === 'UnknownError' || name === 'Error' || name === 'SyntaxError' || message === 'UnknownError')) {
    name = `HTTP${status}`;
    message = `the service answered HTTP ${status}${HTTP_STATUS_TEXT[status] ? ` (${HTTP_STATUS_TEXT[status]})` : ''} without a readable error`;
  }
  const attempts = attemptsOf(e);
  if (attempts !== undefined && attempts > 1) message = `${message.trim()}${message.trim() ? ' ' : ''}(after ${attempts} attempts)`;
  return { name: oneLine(name, MAX_NAME), message: oneLine(message) };
}

/** A snapshot's recorded error, made printable the same way as a live one. */
export function cleanCallError(e: CallError): CallError {
  return { name: oneLine(e.name, MAX_NAME), message: oneLine(e.message) };
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

export const isThrottling = (name: string): boolean => THROTTLING.has(name);
