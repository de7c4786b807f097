// Every file stackaudit reads comes through here. Input is written by whoever opens the pull
// request, so a "file" may be a FIFO (a read never returns), /dev/zero (a read never ends), a
// socket or a multi-gigabyte blob: only regular files are read, and only up to a size limit.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Why a file could not be read, for callers that treat some cases differently (a walk notes special files). */
export type InputFileReason = 'missing' | 'not-regular' | 'too-large' | 'unreadable' | 'encoding';

/** A file that cannot be read as input: one line, naming the file, never a stack. */
export class InputFileError extends Error {
  readonly reason: InputFileReason;
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown; reason?: InputFileReason },
  ) {
    super(message, options);
    this.reason = options?.reason ?? 'unreadable';
  }
}

export const MB = 1024 * 1024;

/** Default size limits by kind of file (bytes). */
export const FILE_LIMITS = {
  /**
   * CloudFormation accepts at most 1 MB of template (from S3; 51,200 bytes inline), so 20 MB is
   * far beyond any real template and only guards memory.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  template: 20 * MB,
  config: 1 * MB,
  parameters: 1 * MB,
  usage: 1 * MB,
  baseline: 64 * MB,
  manifest: 16 * MB,
  snapshot: 256 * MB,
} as const;

export interface ReadOptions {
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number;
  /** What the file is, for the message ("config file", "template"). */
  readonly what?: string;
  /**
   * The caller saw a regular file (its directory entry said so): no stat before opening. The
   * open is non-blocking and the descriptor is checked, so a FIFO swapped in since cannot hang
   * the run (Windows keeps named pipes out of directories).
   */
  readonly knownRegular?: boolean;
}

/** What a file-system entry is, in words ("a named pipe (FIFO)"), for messages and notes. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function sizeText(bytes: number): string {
  if (bytes < MB) return `${bytes} bytes`;
  return Number.isInteger(bytes / MB) ? `${bytes / MB} MB` : `${(bytes / MB).toFixed(1)} MB`;
}

/** The bytes read so far are kept in chunks; a file whose size stat did not tell (procfs) is still bounded. */
const CHUNK = 64 * 1024;

/**
 * Reads a regular file (symlinks followed) whole, refusing anything else before a byte is read.
 * The file is opened non-blocking, so a FIFO swapped in after the check cannot hang the run,
 * and its type and size are checked again on the open descriptor. At most `maxBytes + 1`
 * bytes are ever read, also when the file grows while it is read or its size is not known
 * in advance (procfs files report 0).
 */
export function readRegularFile(file: string, options: ReadOptions): Buffer {
  const what = options.what ?? 'file';
  if (options.knownRegular !== true) {
    let st: Stats;
    try {
      st = statSync(file);
    } catch (err) {
      throw new InputFileError(file, `cannot read ${what}: ${errorCode(err)}`, { cause: err, reason: reasonOf(err) });
    }
    checkStats(file, st, what, options.maxBytes);
  }
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    checkStats(file, opened, what, options.maxBytes);
    return readBounded(fd, opened.size, file, what, options.maxBytes);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(file, `cannot read ${what}: ${errorCode(err)}`, { cause: err, reason: reasonOf(err) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function checkStats(file: string, st: Stats, what: string, maxBytes: number): void {
  if (!st.isFile()) {
    throw new InputFileError(file, `cannot read ${what}: it is ${kindOf(st)}, not a regular file`, { reason: 'not-regular' });
  }
  if (st.size > maxBytes) {
    throw new InputFileError(file, `${what} is ${sizeText(st.size)}, over the ${sizeText(maxBytes)} limit; not read`, { reason: 'too-large' });
  }
}

/** Reads an open descriptor to its end, refusing more than `maxBytes`. */
function readBounded(fd: number, expected: number, file: string, what: string, maxBytes: number): Buffer {
  // One buffer of the expected size plus one byte (to see growth) is the common case.
  let buf = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  const chunks: Buffer[] = [];
  let total = 0;
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      chunks.push(buf);
      buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      used = 0;
    }
    const n = readSync(fd, buf, used, buf.length - used, null);
    if (n === 0) break;
    used += n;
    total += n;
    if (total > maxBytes) throw new InputFileError(file, `${what} grew past the ${sizeText(maxBytes)} limit while it was read; not read`, { reason: 'too-large' });
  }
  if (chunks.length === 0) return buf.subarray(0, used);
  chunks.push(buf.subarray(0, used));
  return Buffer.concat(chunks, total);
}

const BOM = '\uFEFF';
/** Made once: each new TextDecoder resolves its encoding label again. A decode without `stream` starts afresh, so one is shared. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A regular file as UTF-8 text, without a leading byte-order mark; invalid UTF-8 is an error naming the line. */
export function readRegularTextFile(file: string, options: ReadOptions): string {
  return decodeUtf8(readRegularFile(file, options), file, options.what);
}

/** UTF-8 bytes as text, without a leading BOM; invalid UTF-8 is an error naming the line of the first bad byte. */
export function decodeUtf8(buf: Uint8Array, file: string, what = 'file'): string {
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf);
    throw new InputFileError(file, `${what} is not valid UTF-8 (line ${lineOfByte(buf, bad)})`, { reason: 'encoding' });
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Reads standard input to its end, bounded like a file. Standard input is what the user chose
 * to pipe in, so a pipe or a terminal is expected here; only the size is limited.
 */
export function readStdin(options: ReadOptions): Buffer {
  const what = options.what ?? 'standard input';
  let fd: number | undefined;
  try {
    // A fresh descriptor is blocking even when Node made fd 0 non-blocking (pipes); where
    // /dev/stdin cannot be opened (a socket, Windows), fd 0 is read with EAGAIN retried.
    try {
      fd = openSync('/dev/stdin', 'r');
    } catch {
      fd = undefined;
    }
    return readBoundedRetrying(fd ?? 0, '<stdin>', what, options.maxBytes);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError('<stdin>', `cannot read ${what}: ${errorCode(err)}`, { cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readBoundedRetrying(fd: number, file: string, what: string, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // Windows, at the end of a pipe
      throw err;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > maxBytes) throw new InputFileError(file, `${what} is over the ${sizeText(maxBytes)} limit; not read`, { reason: 'too-large' });
  }
  return Buffer.concat(chunks, total);
}

/** 1-based line of a byte offset. */
export function lineOfByte(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = buf.indexOf(0x0a); i !== -1 && i < offset; i = buf.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (need > 0) {
      // The second byte's range excludes overlong forms and surrogates (Unicode table 3-7).
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      const second = buf[i + 1];
      if (second === undefined || second < lo || second > hi) return i;
      for (let k = 2; k <= need; k++) {
        const c = buf[i + k];
        if (c === undefined || c < 0x80 || c > 0xbf) return i;
      }
    }
    i += need + 1;
  }
  return buf.length;
}

function reasonOf(err: unknown): InputFileReason {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EISDIR' ? 'not-regular' : 'unreadable';
}

/** A failed file-system call in a few words, without the syscall and path noise of Node's message. */
export function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException | null;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EAGAIN':
      return 'it would block (not a regular file)';
    default: {
      if (typeof e?.code === 'string') return e.code;
      const message = err instanceof Error ? err.message : String(err);
      const nl = message.indexOf('\n');
      return (nl === -1 ? message : message.slice(0, nl)).trim();
    }
  }
}
