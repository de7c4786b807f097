import { chmodSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCallError } from '../../../src/scanners/account/calls.js';
import { Unknown } from '../../../src/model/values.js';
import { FILE_LIMITS } from '../../../src/scanners/files.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import {
  buildSnapshot,
  createSnapshotCallSource,
  MAX_SNAPSHOT_DEPTH,
  parseSnapshot,
  readSnapshot,
  saveTargetProblem,
  writeSnapshot,
} from '../../../src/scanners/account/snapshot.js';
import { ACCOUNT, fail, ok, snapshotOf } from './helpers.js';

describe('snapshot source', () => {
  it('matches by identifying input, ignoring paging fields, and merges pages in order', async () => {
    const source = createSnapshotCallSource(
      snapshotOf([
        ok('ec2', 'DescribeSecurityGroups', 'eu-west-1', { MaxResults: 1000 }, { SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 't1' }),
        ok('ec2', 'DescribeSecurityGroups', 'eu-west-1', { MaxResults: 1000, NextToken: 't1' }, { SecurityGroups: [{ GroupId: 'sg-2' }], NextToken: 't2' }),
        ok('ec2', 'DescribeSecurityGroups', 'eu-west-1', { MaxResults: 1000, NextToken: 't2' }, { SecurityGroups: [{ GroupId: 'sg-3' }] }),
        ok('ec2', 'DescribeSecurityGroups', 'us-east-1', {}, { SecurityGroups: [{ GroupId: 'sg-other-region' }] }),
      ]),
    );
    const r = await source.call('ec2', 'DescribeSecurityGroups', 'eu-west-1', {});
    expect(isCallError(r)).toBe(false);
    if (isCallError(r)) return;
    expect(r.output).toEqual({ SecurityGroups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }, { GroupId: 'sg-3' }] });
    expect(r.pages).toHaveLength(3);
  });

  it('merges nested CloudFront lists', async () => {
    const source = createSnapshotCallSource(
      snapshotOf([
        ok('cloudfront', 'ListDistributions', 'us-east-1', {}, { DistributionList: { Items: [{ Id: 'A' }], NextMarker: 'm', IsTruncated: true } }),
        ok('cloudfront', 'ListDistributions', 'us-east-1', { Marker: 'm' }, { DistributionList: { Items: [{ Id: 'B' }], IsTruncated: false } }),
      ]),
    );
    const r = await source.call('cloudfront', 'ListDistributions', 'us-east-1', { MaxItems: 1000 });
    expect(isCallError(r) ? undefined : r.output['DistributionList']).toMatchObject({ Items: [{ Id: 'A' }, { Id: 'B' }] });
  });

  it('distinguishes calls by identifying input (Bucket) and region', async () => {
    const source = createSnapshotCallSource(
      snapshotOf([ok('s3', 'GetBucketPolicy', 'eu-west-1', { Bucket: 'a' }, { Policy: '{}' }), fail('s3', 'GetBucketPolicy', 'eu-west-1', { Bucket: 'b' }, 'AccessDenied')]),
    );
    expect(await source.call('s3', 'GetBucketPolicy', 'eu-west-1', { Bucket: 'a' })).toMatchObject({ output: { Policy: '{}' } });
    expect(await source.call('s3', 'GetBucketPolicy', 'eu-west-1', { Bucket: 'b' })).toMatchObject({ error: { name: 'AccessDenied' } });
    expect(await source.call('s3', 'GetBucketPolicy', 'us-east-1', { Bucket: 'a' })).toMatchObject({ error: { name: 'NotInSnapshot' } });
  });

  it('a call the snapshot lacks is a failed read', async () => {
    const source = createSnapshotCallSource(snapshotOf([]));
    const r = await source.call('rds', 'DescribeDBInstances', 'us-east-1', {});
    expect(r).toMatchObject({ error: { name: 'NotInSnapshot' } });
    expect(source.account).toBe(ACCOUNT);
  });
});

describe('snapshot file', () => {
  it('rejects malformed snapshots with one line naming the file', () => {
    for (const text of [
      '{',
      '[]',
      JSON.stringify({ format: 'other/1', account: '1', collectedAt: 'x', calls: [] }),
      JSON.stringify({ ...snapshotOf([]), calls: [{ service: 'ec2' }] }),
    ]) {
      const r = parseSnapshot(text, 'snap.json');
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.file).toBe('snap.json');
      expect(r.error.message).not.toContain('\n');
    }
    const both = parseSnapshot(JSON.stringify({ ...snapshotOf([]), calls: [{ service: 'ec2', operation: 'X', region: 'r', input: {} }] }), 's.json');
    expect(both.ok).toBe(false);
  });

  it('round-trips through a file, sorted deterministically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stackaudit-snap-'));
    const file = join(dir, 'snap.json');
    const snap = buildSnapshot(
      ACCOUNT,
      [ok('s3', 'ListBuckets', 'us-east-1', {}, { Buckets: [] }), ok('ec2', 'DescribeVpcs', 'us-east-1', {}, { Vpcs: [] })],
      new Date('2026-02-03T04:05:06Z'),
    );
    expect(snap.calls.map((c) => c.service)).toEqual(['ec2', 's3']);
    await writeSnapshot(file, snap);
    const back = await readSnapshot(file);
    expect(back).toEqual({ ok: true, snapshot: snap });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'stackaudit-snapshot/1', collectedAt: '2026-02-03T04:05:06.000Z' });
    await writeFile(file, 'not json');
    expect(await readSnapshot(file)).toMatchObject({ ok: false, error: { file } });
    expect(await readSnapshot(join(dir, 'missing.json'))).toMatchObject({ ok: false, error: { message: 'cannot read snapshot: no such file or directory' } });
  });
});

describe('hostile snapshot files', () => {
  const dirP = mkdtemp(join(tmpdir(), 'stackaudit-snap-hostile-'));

  it('/dev/zero, a directory and an oversize file are one line each, never read', async () => {
    const dir = await dirP;
    const big = join(dir, 'big.json');
    // Sparse: the size is checked before a byte is read.
    truncateSync((await writeFile(big, ''), big), FILE_LIMITS.snapshot + 1);
    for (const [file, message] of [
      ['/dev/zero', /^cannot read snapshot: it is a character device, not a regular file$/],
      [dir, /^cannot read snapshot: it is a directory, not a regular file$/],
      [big, /^snapshot is 256\.0 MB, over the 256 MB limit; not read$/],
    ] as const) {
      const r = await readSnapshot(file);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.file).toBe(file);
      expect(r.error.message).toMatch(message);
    }
  });

  it('absurd nesting is refused before parsing, naming the line, at any depth', () => {
    for (const depth of [65, 10_000, 2_000_000]) {
      const text = `{"format":"stackaudit-snapshot/1","account":"1","collectedAt":"x","calls":[{"service":"ec2","operation":"X","region":"r",\n"input":${'['.repeat(depth)}${']'.repeat(depth)},"output":{}}]}`;
      const r = parseSnapshot(text, 'deep.json');
      expect(r).toMatchObject({
        ok: false,
        error: { file: 'deep.json', line: 2, message: `not a usable snapshot: nested deeper than ${MAX_SNAPSHOT_DEPTH} levels (no AWS answer is)` },
      });
    }
    // Brackets inside strings do not count.
    const fine = parseSnapshot(JSON.stringify({ ...snapshotOf([]), calls: [ok('ec2', 'DescribeVpcs', 'r', { X: '['.repeat(500) }, {})] }), 'ok.json');
    expect(fine.ok).toBe(true);
  });

  it('a problem names the field and never echoes the value', () => {
    const r = parseSnapshot(JSON.stringify({ ...snapshotOf([]), calls: [{ service: 'ec2', operation: 'X', region: 'r', input: 'tok_live_secret' }] }), 's.json');
    expect(r).toMatchObject({ ok: false, error: { message: 'not a valid stackaudit-snapshot/1 snapshot at calls.0.input must be an object' } });
    expect(JSON.stringify(r)).not.toContain('tok_live_secret');
  });

  it('names from the file (service, operation, bucket, tag keys, environment names) behave like any name', async () => {
    const snapshot = snapshotOf([
      // Calls for services and operations named like JavaScript built-ins: ignored, never matched to anything.
      ok('constructor', '__proto__', 'us-east-1', {}, { toString: 'x' }),
      ok('__proto__', 'toString', 'us-east-1', { constructor: 1 }, {}),
      ok(
        's3',
        'ListBuckets',
        'us-east-1',
        { MaxBuckets: 10000 },
        { Buckets: ['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((Name) => ({ Name, BucketRegion: 'us-east-1' })) },
      ),
      ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].flatMap((b) => [
        ok('s3', 'GetBucketVersioning', 'us-east-1', { Bucket: b }, { Status: 'Enabled' }),
        ok(
          's3',
          'GetBucketTagging',
          'us-east-1',
          { Bucket: b },
          {
            TagSet: [
              { Key: '__proto__', Value: 'p' },
              { Key: 'constructor', Value: 'c' },
            ],
          },
        ),
      ]),
      ok(
        'lambda',
        'ListFunctions',
        'us-east-1',
        { MaxItems: 50 },
        { Functions: [{ FunctionName: 'f', Environment: { Variables: JSON.parse('{"__proto__":"polluted","constructor":"c"}') as Record<string, unknown> } }] },
      ),
    ]);
    const parsed = parseSnapshot(JSON.stringify(snapshot).replace('"toString":"x"', '"__proto__":{"polluted":true}'), 'names.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = await collectAccount({ source: createSnapshotCallSource(parsed.snapshot), regions: ['us-east-1'], services: ['s3', 'lambda'] });
    const buckets = r.resources.filter((x) => x.type === 'AWS::S3::Bucket');
    expect(buckets.map((b) => b.id).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    for (const b of buckets) {
      expect(b.properties['VersioningConfiguration'], b.id).toEqual({ Status: 'Enabled' });
      expect(b.properties['Tags'], b.id).toEqual([
        { Key: '__proto__', Value: 'p' },
        { Key: 'constructor', Value: 'c' },
      ]);
      // The rest of the calls are missing from the file: unknown, whatever the bucket is called.
      expect(b.properties['BucketEncryption'], b.id).toBeInstanceOf(Unknown);
    }
    const fn = r.resources.find((x) => x.type === 'AWS::Lambda::Function');
    const vars = (fn?.properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('replayed error messages are one escaped line', async () => {
    const source = createSnapshotCallSource(snapshotOf([fail('rds', 'DescribeDBInstances', 'us-east-1', {}, 'Access\nDenied', 'line one\n\u001b[31mred\u001b[0m\r\nline two')]));
    const r = await source.call('rds', 'DescribeDBInstances', 'us-east-1', {});
    expect(r).toMatchObject({ error: { name: 'Access Denied', message: 'line one \\x1b[31mred\\x1b[0m line two' } });
  });
});

describe('saving', () => {
  it('always writes mode 0600, also over an existing world-readable file, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stackaudit-save-'));
    const file = join(dir, 'snap.json');
    await writeFile(file, 'old', { mode: 0o644 });
    chmodSync(file, 0o644);
    await writeSnapshot(file, buildSnapshot(ACCOUNT, []));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['snap.json']);
    expect((await readSnapshot(file)).ok).toBe(true);
  });

  it('checks the target before any call: a missing folder, a folder, a file used as a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stackaudit-save-'));
    await writeFile(join(dir, 'plain'), '');
    expect(saveTargetProblem(join(dir, 'missing', 'x.json'))).toBe(`the folder ${join(dir, 'missing')} does not exist`);
    expect(saveTargetProblem(dir)).toBe('it is a folder');
    expect(saveTargetProblem(join(dir, 'plain', 'x.json'))).toBe(`${join(dir, 'plain')} is not a folder`);
    expect(saveTargetProblem(join(dir, 'new.json'))).toBeUndefined();
    // The probe leaves nothing behind.
    expect(readdirSync(dir)).toEqual(['plain']);
  });
});
