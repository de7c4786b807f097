import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCallError } from '../../../src/scanners/account/calls.js';
import { buildSnapshot, createSnapshotCallSource, parseSnapshot, readSnapshot, writeSnapshot } from '../../../src/scanners/account/snapshot.js';
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
    for (const text of ['{', '[]', JSON.stringify({ format: 'other/1', account: '1', collectedAt: 'x', calls: [] }), JSON.stringify({ ...snapshotOf([]), calls: [{ service: 'ec2' }] })]) {
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
    expect(await readSnapshot(join(dir, 'missing.json'))).toMatchObject({ ok: false, error: { message: 'cannot read snapshot: no such file' } });
  });
});
