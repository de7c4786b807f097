import { describe, expect, it } from 'vitest';
import { createLiveCallSource } from '../../../src/scanners/account/calls.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { ACCOUNT } from './helpers.js';

// Shaped like the benchmark (many buckets, groups, DBs, distributions), without timing:
// it checks the number of calls and that the limiter is kept full (no serial loops).
const BUCKETS = 200;
const GROUPS = 1200;
const DBS = 150;
const DISTRIBUTIONS = 10;

function page<T>(items: T[], input: Record<string, unknown>, size: number, tokenIn: string, tokenOut: string, listKey: string): Record<string, unknown> {
  const start = Number(input[tokenIn] ?? 0);
  const end = Math.min(items.length, start + size);
  return { [listKey]: items.slice(start, end), ...(end < items.length ? { [tokenOut]: String(end) } : {}) };
}

describe('collection at scale', () => {
  it('makes one call per page and per bucket read, and keeps every slot busy', async () => {
    let inFlight = 0;
    let peak = 0;
    let calls = 0;
    const source = createLiveCallSource({
      concurrency: 16,
      clientFactory: (service) => ({
        async send(command: unknown) {
          const c = command as { constructor: { name: string }; input: Record<string, unknown> };
          const op = c.constructor.name.replace(/Command$/, '');
          calls++;
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setImmediate(r));
          inFlight--;
          switch (`${service}:${op}`) {
            case 'sts:GetCallerIdentity':
              return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` };
            case 's3:ListBuckets':
              return { Buckets: Array.from({ length: BUCKETS }, (_, i) => ({ Name: `bucket-${i}` })) };
            case 's3:GetBucketLocation':
              return { LocationConstraint: 'eu-west-1' };
            case 'ec2:DescribeSecurityGroups':
              return page(
                Array.from({ length: GROUPS }, (_, i) => ({
                  GroupId: `sg-${i}`,
                  IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
                })),
                c.input,
                Number(c.input['MaxResults'] ?? 1000),
                'NextToken',
                'NextToken',
                'SecurityGroups',
              );
            case 'rds:DescribeDBInstances':
              return page(
                Array.from({ length: DBS }, (_, i) => ({ DBInstanceIdentifier: `db-${i}` })),
                c.input,
                Number(c.input['MaxRecords'] ?? 100),
                'Marker',
                'Marker',
                'DBInstances',
              );
            case 'cloudfront:ListDistributions':
              return { DistributionList: { Items: Array.from({ length: DISTRIBUTIONS }, (_, i) => ({ Id: `E${i}` })) } };
            case 'cloudfront:GetDistributionConfig':
              return { DistributionConfig: { Enabled: true } };
            default:
              return {};
          }
        },
      }),
    });
    const result = await collectAccount({ source, regions: ['us-east-1'], services: ['ec2', 'rds', 's3', 'cloudfront'] });
    expect(result.errors).toEqual([]);
    const expected =
      1 + // GetCallerIdentity
      (1 + 1 + BUCKETS * 8) + // ListBuckets, account block, location + 7 reads per bucket
      (10 + Math.ceil(GROUPS / 1000)) + // EC2 list calls, security groups in 1000-group pages
      (Math.ceil(DBS / 100) + 1) + // DB instances in 100-record pages, clusters
      (3 + DISTRIBUTIONS); // three lists, one config per distribution
    expect(calls).toBe(expected);
    expect(result.calls).toHaveLength(expected);
    expect(peak).toBe(16);
    expect(result.resources.filter((r) => r.type === 'AWS::S3::Bucket')).toHaveLength(BUCKETS);
    expect(result.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroup')).toHaveLength(GROUPS);
    expect(result.resources.filter((r) => r.type === 'AWS::RDS::DBInstance')).toHaveLength(DBS);
    expect(result.resources.filter((r) => r.type === 'AWS::CloudFront::Distribution')).toHaveLength(DISTRIBUTIONS);
  });
});
