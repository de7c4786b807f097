// Every file stackaudit reads comes through here. Input is written by whoever opens the pull
// request, so a "file" may be a FIFO (a read never returns), /dev/zero (a read never ends), a
// socket or a multi-gigabyte blob: only regular files are read, and only up to a size limit.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** A file that cannot be read as input: one line, naming the file, never a stack. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const MB = 1024 * 1024;

/** Default size limits by kind of file (bytes). */
export const FILE_LIMITS = {
  template: 64 * MB,
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
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${bytes} bytes`;
}

/**
 * Reads a regular file (symlinks followed) whole, refusing anything else before a byte is read.
 * The file is opened non-blocking, so a FIFO swapped in after the check cannot hang the run,
 * and its type and size are checked again on the open descriptor.
 */
export function readRegularFile(file: string, options: ReadOptions): Buffer {
  const what = options.what ?? 'file';
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    throw new InputFileError(file, `cannot read ${what}: ${errorCode(err)}`, { cause: err });
  }
  if (!st.isFile()) throw new InputFileError(file, `cannot read ${what}: it is ${kindOf(st)}, not a regular file`);
  if (st.size > options.maxBytes) throw new InputFileError(file, `${what} is ${sizeText(st.size)}, over the ${sizeText(options.maxBytes)} limit`);
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new InputFileError(file, `cannot read ${what}: it is ${kindOf(opened)}, not a regular file`);
    if (opened.size > options.maxBytes) throw new InputFileError(file, `${what} is ${sizeText(opened.size)}, over the ${sizeText(options.maxBytes)} limit`);
    // Read at most one byte past the limit: a file that grows while read is still bounded.
    const buf = Buffer.allocUnsafe(Math.min(opened.size, options.maxBytes) + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > options.maxBytes) throw new InputFileError(file, `${what} grew past the ${sizeText(options.maxBytes)} limit while it was read`);
      if (total === buf.length) break;
    }
    return buf.subarray(0, total);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(file, `cannot read ${what}: ${errorCode(err)}`, { cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A regular file as UTF-8 text; invalid UTF-8 is an error naming the byte offset's line. */
export function readRegularTextFile(file: string, options: ReadOptions): string {
  const buf = readRegularFile(file, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf);
    const line = buf.subarray(0, bad).toString('latin1').split('\n').length;
    throw new InputFileError(file, `${options.what ?? 'file'} is not valid UTF-8 (line ${line})`);
  }
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

function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'it is a directory';
  if (e?.code === 'ELOOP') return 'too many symbolic links';
  return e?.code ?? (err instanceof Error ? err.message : String(err));
}
