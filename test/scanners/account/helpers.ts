import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SnapshotCall } from '../../../src/scanners/account/calls.js';
import type { Snapshot } from '../../../src/scanners/account/snapshot.js';

export const ACCOUNT = '111122223333';

export function snapshotOf(calls: SnapshotCall[], account = ACCOUNT): Snapshot {
  return {
    format: 'stackaudit-snapshot/1',
    account,
    collectedAt: '2026-01-01T00:00:00.000Z',
    calls: [
      { service: 'sts', operation: 'GetCallerIdentity', region: 'us-east-1', input: {}, output: { Account: account, Arn: `arn:aws:iam::${account}:user/auditor` } },
      ...calls,
    ],
  };
}

export const ok = (service: string, operation: string, region: string, input: Record<string, unknown>, output: Record<string, unknown>): SnapshotCall => ({
  service,
  operation,
  region,
  input,
  output,
});
export const fail = (service: string, operation: string, region: string, input: Record<string, unknown>, name: string, message = name): SnapshotCall => ({
  service,
  operation,
  region,
  input,
  error: { name, message },
});

// CloudSploit's recorded caches (aws-sdk v2 data; list calls hold only the extracted list).
// Read from ../shared at test time, never copied: see /work/shared/corpus/live/cloudsploit/README.md.
export const CLOUDSPLOIT_CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/live/cloudsploit');

interface Entry {
  readonly data?: unknown;
  readonly err?: { readonly code?: string; readonly message?: string } | null;
}
interface CloudSploitCase {
  readonly name: string;
  readonly api: Record<string, Record<string, unknown>>;
  readonly expected: unknown;
}

export function cloudsploitCase(plugin: string, caseName: string): CloudSploitCase {
  const file = JSON.parse(readFileSync(resolve(CLOUDSPLOIT_CORPUS, `${plugin}.json`), 'utf8')) as { cases: CloudSploitCase[] };
  const found = file.cases.find((c) => c.name === caseName);
  if (!found) throw new Error(`no case "${caseName}" in ${plugin}`);
  return found;
}

/** List calls: CloudSploit stores the extracted list; v3 output wraps it under this member. */
const LIST_CALLS: Readonly<Record<string, { service: string; operation: string; wrap: (data: unknown) => Record<string, unknown> }>> = {
  'EC2:describeSecurityGroups': { service: 'ec2', operation: 'DescribeSecurityGroups', wrap: (d) => ({ SecurityGroups: d }) },
  'EC2:describeVpcs': { service: 'ec2', operation: 'DescribeVpcs', wrap: (d) => ({ Vpcs: d }) },
  'EC2:describeSubnets': { service: 'ec2', operation: 'DescribeSubnets', wrap: (d) => ({ Subnets: d }) },
  'EC2:describeRouteTables': { service: 'ec2', operation: 'DescribeRouteTables', wrap: (d) => ({ RouteTables: d }) },
  'EC2:describeInternetGateways': { service: 'ec2', operation: 'DescribeInternetGateways', wrap: (d) => ({ InternetGateways: d }) },
  'EC2:describeInstances': { service: 'ec2', operation: 'DescribeInstances', wrap: (d) => ({ Reservations: d }) },
  'RDS:describeDBInstances': { service: 'rds', operation: 'DescribeDBInstances', wrap: (d) => ({ DBInstances: d }) },
  'CloudFront:listDistributions': { service: 'cloudfront', operation: 'ListDistributions', wrap: (d) => ({ DistributionList: { Items: d } }) },
  'S3:listBuckets': { service: 's3', operation: 'ListBuckets', wrap: (d) => ({ Buckets: d }) },
};

/** Per-resource calls: CloudSploit stores the full response, keyed by resource. */
const RESOURCE_CALLS: Readonly<
  Record<string, { service: string; operation: string; input: (key: string) => Record<string, unknown>; output?: (d: unknown) => Record<string, unknown> }>
> = {
  'S3:getBucketPolicy': { service: 's3', operation: 'GetBucketPolicy', input: (Bucket) => ({ Bucket }) },
  'S3:getPublicAccessBlock': { service: 's3', operation: 'GetPublicAccessBlock', input: (Bucket) => ({ Bucket }) },
  'S3:getBucketAcl': { service: 's3', operation: 'GetBucketAcl', input: (Bucket) => ({ Bucket }) },
  'S3:getBucketVersioning': { service: 's3', operation: 'GetBucketVersioning', input: (Bucket) => ({ Bucket }) },
  'S3:getBucketEncryption': { service: 's3', operation: 'GetBucketEncryption', input: (Bucket) => ({ Bucket }) },
  'S3:getBucketLifecycleConfiguration': { service: 's3', operation: 'GetBucketLifecycleConfiguration', input: (Bucket) => ({ Bucket }) },
  'S3:getBucketTagging': { service: 's3', operation: 'GetBucketTagging', input: (Bucket) => ({ Bucket }) },
  'CloudFront:getDistribution': {
    service: 'cloudfront',
    operation: 'GetDistributionConfig',
    input: (Id) => ({ Id }),
    output: (d) => ({ DistributionConfig: ((d as Record<string, unknown>)['Distribution'] as Record<string, unknown> | undefined)?.['DistributionConfig'] }),
  },
};

const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && ('data' in v || 'err' in v);

function toCall(
  service: string,
  operation: string,
  region: string,
  input: Record<string, unknown>,
  entry: Entry,
  wrap: (d: unknown) => Record<string, unknown>,
): SnapshotCall | undefined {
  if (entry.err) return { service, operation, region, input, error: { name: entry.err.code ?? 'Error', message: entry.err.message ?? '' } };
  // `data: null` (or an entry without data) is "not collected": left out, so the read fails as NotInSnapshot.
  if (entry.data === null || entry.data === undefined) return undefined;
  return { service, operation, region, input, output: wrap(entry.data) };
}

/** Turns one CloudSploit case's cache into snapshot calls in SDK v3 shapes. */
export function cloudsploitToCalls(c: CloudSploitCase): SnapshotCall[] {
  const calls: SnapshotCall[] = [];
  // S3 per-bucket calls go to the bucket's region, which GetBucketLocation tells.
  const bucketRegion = new Map<string, string>();
  for (const [region, byBucket] of Object.entries(c.api['S3:getBucketLocation'] ?? {})) {
    for (const [bucket, entry] of Object.entries((byBucket ?? {}) as Record<string, unknown>)) {
      if (!isEntry(entry)) continue;
      const call = toCall('s3', 'GetBucketLocation', region, { Bucket: bucket }, entry, (d) => d as Record<string, unknown>);
      if (!call) continue;
      calls.push(call);
      const constraint = (entry.data as Record<string, unknown> | undefined)?.['LocationConstraint'];
      bucketRegion.set(bucket, typeof constraint === 'string' && constraint !== '' ? constraint : 'us-east-1');
    }
  }
  for (const [api, regions] of Object.entries(c.api)) {
    const list = LIST_CALLS[api];
    const perResource = RESOURCE_CALLS[api];
    for (const [region, value] of Object.entries(regions ?? {})) {
      if (list && isEntry(value)) {
        const call = toCall(list.service, list.operation, region, {}, value, list.wrap);
        if (call) calls.push(call);
      } else if (perResource && value && typeof value === 'object') {
        for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
          if (!isEntry(entry)) continue;
          const callRegion = perResource.service === 's3' ? (bucketRegion.get(key) ?? region) : region;
          const call = toCall(perResource.service, perResource.operation, callRegion, perResource.input(key), entry, perResource.output ?? ((d) => d as Record<string, unknown>));
          if (call) calls.push(call);
        }
      }
    }
  }
  return calls;
}

export type Handler = (service: string, operation: string, region: string, input: Record<string, unknown>) => unknown;

/** A client factory whose clients answer from `handler` (throw to fail a call), built from the real command objects. */
export function fakeClients(handler: Handler): (service: string, region: string) => { send(command: unknown): Promise<unknown> } {
  return (service, region) => ({
    async send(command: unknown) {
      const c = command as { constructor: { name: string }; input: Record<string, unknown> };
      return handler(service, c.constructor.name.replace(/Command$/, ''), region, c.input);
    },
  });
}

export const awsError = (name: string, message = name): Error => Object.assign(new Error(message), { name });
