import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS, InputFileError, MB, decodeUtf8, readRegularFile, readRegularTextFile } from '../../src/scanners/files.js';

function failure(read: () => unknown): InputFileError {
  try {
    read();
  } catch (e) {
    if (e instanceof InputFileError) return e;
    throw e;
  }
  throw new Error('expected an InputFileError');
}

describe('readRegularFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackaudit-files-'));
    writeFileSync(join(dir, 'a.yaml'), 'x: 1\n');
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const fd = openSync(join(dir, 'sparse.json'), 'w');
    ftruncateSync(fd, 2 * MB);
    closeSync(fd);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file whole', () => {
    expect(readRegularFile(join(dir, 'a.yaml'), { maxBytes: 100 }).toString()).toBe('x: 1\n');
  });

  it.each<[string, string, string, InputFileError['reason']]>([
    ['zero.yaml', 'config file', 'cannot read config file: it is a character device, not a regular file', 'not-regular'],
    ['.', 'config file', 'cannot read config file: it is a directory, not a regular file', 'not-regular'],
    ['missing.yaml', 'usage profile', 'cannot read usage profile: no such file or directory', 'missing'],
    ['sparse.json', 'baseline', 'baseline is 2 MB, over the 1 MB limit; not read', 'too-large'],
  ])('refuses %s before reading it', (name, what, message, reason) => {
    const e = failure(() => readRegularFile(join(dir, name), { maxBytes: MB, what }));
    expect(e.message).toBe(message);
    expect(e.reason).toBe(reason);
    expect(e.file).toBe(join(dir, name));
  });

  it('checks the open descriptor when the caller saw a regular file that has since changed (a directory walk)', () => {
    // The walk skips the stat before opening; a device or directory swapped in is still refused.
    for (const [name, kind] of [
      ['zero.yaml', 'a character device'],
      ['.', 'a directory'],
    ] as const) {
      const e = failure(() => readRegularFile(join(dir, name), { maxBytes: MB, what: 'template', knownRegular: true }));
      expect(e.message).toBe(`cannot read template: it is ${kind}, not a regular file`);
      expect(e.reason).toBe('not-regular');
    }
    expect(readRegularFile(join(dir, 'a.yaml'), { maxBytes: 100, knownRegular: true }).toString()).toBe('x: 1\n');
  });

  it.skipIf(process.platform !== 'linux')('bounds files whose size stat does not tell (procfs reports 0)', () => {
    const status = readRegularFile('/proc/self/status', { maxBytes: FILE_LIMITS.config }).toString();
    expect(status).toMatch(/^Name:/);
    const e = failure(() => readRegularFile('/proc/self/status', { maxBytes: 10, what: 'config file' }));
    expect(e.reason).toBe('too-large');
    expect(e.message).toBe('config file grew past the 10 bytes limit while it was read; not read');
  });
});

describe('text', () => {
  it('drops a BOM and names the line of bad UTF-8', () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]), 'f')).toBe('a');
    const e = failure(() => decodeUtf8(Uint8Array.from([0x61, 0x0a, 0x0a, 0xff]), 'f.yaml', 'config file'));
    expect(e.message).toBe('config file is not valid UTF-8 (line 3)');
    expect(e.reason).toBe('encoding');
  });

  it('reads text files through the same checks', () => {
    expect(failure(() => readRegularTextFile('/dev/zero', { maxBytes: MB, what: 'parameters file' })).message).toBe(
      'cannot read parameters file: it is a character device, not a regular file',
    );
  });
});
