import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InputError } from '../../model/finding.js';
import { FILE_LIMITS, InputFileError, readRegularTextFile } from '../files.js';
import type { CallError, CallResult, CallSource, SnapshotCall } from './calls.js';
import { cleanCallError, oneLine } from './errors.js';
import { identifyingKey, isContinuation, mergePages, nextToken, pagingOf } from './paging.js';
import { redactCall } from './redact.js';

export const SNAPSHOT_FORMAT = 'stackaudit-snapshot/1';

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly account: string;
  readonly collectedAt: string;
  /** True when secret-looking values were redacted on saving (the default; `--save-raw` keeps them). */
  readonly redacted?: boolean;
  readonly calls: readonly SnapshotCall[];
}

export type SnapshotResult = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly error: InputError };

/**
 * Deepest nesting accepted anywhere in a snapshot. Real outputs nest about 15 levels (a
 * CloudFront cache behaviour's cookie names); the limit keeps every later walk of a value
 * (matching, merging, mapping, saving) far from the stack's end.
 */
export const MAX_SNAPSHOT_DEPTH = 64;

/**
 * The position where nesting first passes `limit`, scanning the text once before parsing:
 * JSON.parse itself accepts any depth (and takes seconds on millions of brackets), but every
 * recursive use of the result would then overflow the stack.
 */
export function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, key: string): boolean => Object.hasOwn(o, key);

/** Checks one call; the problem names the field, never echoes a value. */
function callProblem(c: unknown): string | undefined {
  if (!isObject(c)) return 'is not an object';
  for (const key of ['service', 'operation'] as const) if (!has(c, key) || typeof c[key] !== 'string' || c[key] === '') return `.${key} must be a non-empty string`;
  if (!has(c, 'region') || typeof c['region'] !== 'string') return '.region must be a string';
  if (!has(c, 'input') || !isObject(c['input'])) return '.input must be an object';
  const hasOutput = has(c, 'output') && c['output'] !== undefined;
  const hasError = has(c, 'error') && c['error'] !== undefined;
  if (hasOutput === hasError) return 'needs exactly one of output or error';
  if (hasOutput && !isObject(c['output'])) return '.output must be an object';
  if (hasError) {
    const e = c['error'];
    if (!isObject(e) || !has(e, 'name') || typeof e['name'] !== 'string' || !has(e, 'message') || typeof e['message'] !== 'string')
      return '.error must have a string name and message';
  }
  return undefined;
}

/**
 * Validates snapshot text; any problem is one InputError line naming the first offending
 * field. Objects are kept as JSON.parse made them, so every name in the file (`__proto__`,
 * `constructor`) stays an ordinary own key.
 */
export function parseSnapshot(text: string, file: string): SnapshotResult {
  const fail = (message: string, line?: number): SnapshotResult => ({ ok: false, error: { file, ...(line !== undefined ? { line } : {}), message } });
  const deep = tooDeepAt(text, MAX_SNAPSHOT_DEPTH);
  if (deep !== undefined) return fail(`not a usable snapshot: nested deeper than ${MAX_SNAPSHOT_DEPTH} levels (no AWS answer is)`, lineAt(text, deep));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`not a stackaudit snapshot: invalid JSON (${oneLine(e instanceof Error ? e.message : String(e), 120)})`);
  }
  if (!isObject(json)) return fail(`not a valid ${SNAPSHOT_FORMAT} snapshot: the file is not a JSON object`);
  if (!has(json, 'format') || json['format'] !== SNAPSHOT_FORMAT) return fail(`not a valid ${SNAPSHOT_FORMAT} snapshot at format: expected "${SNAPSHOT_FORMAT}"`);
  for (const key of ['account', 'collectedAt'] as const)
    if (!has(json, key) || typeof json[key] !== 'string') return fail(`not a valid ${SNAPSHOT_FORMAT} snapshot at ${key}: expected a string`);
  if (has(json, 'redacted') && typeof json['redacted'] !== 'boolean') return fail(`not a valid ${SNAPSHOT_FORMAT} snapshot at redacted: expected true or false`);
  if (!has(json, 'calls') || !Array.isArray(json['calls'])) return fail(`not a valid ${SNAPSHOT_FORMAT} snapshot at calls: expected a list`);
  const calls = json['calls'] as unknown[];
  for (let i = 0; i < calls.length; i++) {
    const problem = callProblem(calls[i]);
    if (problem) return fail(`not a valid ${SNAPSHOT_FORMAT} snapshot at calls.${i}${problem.startsWith('.') ? problem : `: ${problem}`}`);
  }
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    account: json['account'] as string,
    collectedAt: json['collectedAt'] as string,
    ...(has(json, 'redacted') ? { redacted: json['redacted'] as boolean } : {}),
    calls: calls as SnapshotCall[],
  };
  return { ok: true, snapshot };
}

/** Reads a snapshot file: a regular file under the size limit (never a FIFO or a device), then parsed. */
export async function readSnapshot(file: string): Promise<SnapshotResult> {
  let text: string;
  try {
    text = readRegularTextFile(file, { maxBytes: FILE_LIMITS.snapshot, what: 'snapshot' });
  } catch (e) {
    if (e instanceof InputFileError) return { ok: false, error: { file, message: e.message } };
    throw e;
  }
  return parseSnapshot(text, file);
}

export interface BuildOptions {
  readonly collectedAt?: Date;
  /** Keep secret-looking values as AWS returned them (`--save-raw`). Default: redacted. */
  readonly raw?: boolean;
}

/**
 * Calls sorted by service, operation, region and identifying input (pages keep their order),
 * for diffable files, with secret-looking values redacted unless `raw`.
 */
export function buildSnapshot(account: string, calls: readonly SnapshotCall[], options: BuildOptions | Date = {}): Snapshot {
  const o: BuildOptions = options instanceof Date ? { collectedAt: options } : options;
  const keyed = calls.map((c, i) => ({ c, i, k: identifyingKey(c.service, c.operation, c.region, c.input) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return {
    format: SNAPSHOT_FORMAT,
    account,
    collectedAt: (o.collectedAt ?? new Date()).toISOString(),
    redacted: !o.raw,
    calls: keyed.map((x) => (o.raw ? x.c : redactCall(x.c))),
  };
}

/**
 * Writes a snapshot readable by its owner only (raw outputs can hold environment values as
 * AWS returns them). The text goes to a new file created 0600 beside the target, then renamed
 * over it: an existing file's looser mode is never kept, and a reader never sees half a file.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const tmp = join(dirname(file), `.${randomBytes(6).toString('hex')}.stackaudit-snapshot.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    // The umask can only remove bits; fchmod makes the mode exact.
    fchmodSync(fd, 0o600);
    writeSync(fd, `${JSON.stringify(snapshot, null, 1)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Checks before any call that `--save FILE` can be written: the folder exists and takes a new
 * file, and FILE is not a folder. Returns the problem, in words, or undefined.
 */
export function saveTargetProblem(file: string): string | undefined {
  const probe = join(dirname(file), `.${randomBytes(6).toString('hex')}.stackaudit-probe.tmp`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    rmSync(probe, { force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `the folder ${dirname(file)} does not exist`;
    if (code === 'ENOTDIR') return `${dirname(file)} is not a folder`;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot create files in ${dirname(file)} (${code})`;
    return `cannot create files in ${dirname(file)} (${code ?? 'error'})`;
  }
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return undefined; // absent: it will be created
  }
  if (st.isDirectory()) return 'it is a folder';
  if (!st.isFile()) return 'it exists and is not a regular file';
  return undefined;
}

// Calls that say nothing about which regions were audited: global services, and CloudWatch,
// which is always read in us-east-1 for billing alarms.
const NOT_REGIONAL = new Set(['sts', 's3', 's3-control', 'cloudfront', 'cloudwatch']);

function auditedRegions(calls: readonly SnapshotCall[]): string[] {
  const regions = calls.filter((c) => !NOT_REGIONAL.has(c.service) && c.operation !== 'DescribeRegions').map((c) => c.region);
  return [...new Set(regions)].sort();
}

/**
 * Replays a snapshot: a call matches by service, operation, region and input minus paging
 * fields; its recorded pages are merged in order. A call the snapshot lacks is a failed read;
 * a sequence whose last recorded page still has a next-page token, or that ends on a failed
 * page, is an incomplete read of the pages it holds.
 */
export function createSnapshotCallSource(snapshot: Snapshot): CallSource {
  // Each key maps to its recorded sequences: a sequence starts at a page without a continuation token.
  const sequences = new Map<string, SnapshotCall[][]>();
  for (const c of snapshot.calls) {
    const key = identifyingKey(c.service, c.operation, c.region, c.input);
    let seqs = sequences.get(key);
    if (!seqs) sequences.set(key, (seqs = []));
    const last = seqs[seqs.length - 1];
    if (last && isContinuation(c.input)) last.push(c);
    else seqs.push([c]);
  }
  return {
    kind: 'snapshot',
    account: snapshot.account,
    regions: auditedRegions(snapshot.calls),
    async call(service, operation, region, input): Promise<CallResult> {
      const pages = sequences.get(identifyingKey(service, operation, region, input as Record<string, unknown>))?.[0];
      if (!pages) {
        return { error: { name: 'NotInSnapshot', message: `the snapshot has no ${oneLine(service, 60)} ${oneLine(operation, 80)} call in ${oneLine(region, 40)} for this input` } };
      }
      const spec = pagingOf(service, operation);
      const failedAt = pages.findIndex((p) => p.error);
      if (failedAt === 0) return { error: cleanCallError(pages[0]!.error!), pages };
      const read = failedAt < 0 ? pages : pages.slice(0, failedAt);
      const output = mergePages(
        spec,
        read.map((p) => p.output ?? {}),
      );
      let incomplete: CallError | undefined;
      if (failedAt > 0) {
        const e = cleanCallError(pages[failedAt]!.error!);
        incomplete = { name: e.name, message: `page ${failedAt + 1} failed${e.message ? `: ${e.message}` : ''}; the pages after it were not read` };
      } else if (spec) {
        const last = read[read.length - 1];
        const token = nextToken(spec, last?.output);
        // A last page that echoes its own token is the end (as the live source reads it).
        if (token !== undefined && token !== last?.input[spec.inputToken]) {
          incomplete = { name: 'NotInSnapshot', message: `the snapshot holds ${read.length} page(s) and the last one points to a next page it does not hold` };
        }
      }
      return incomplete ? { output, incomplete, pages } : { output, pages };
    },
  };
}
