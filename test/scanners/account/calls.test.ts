import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientFactory } from '../../../src/scanners/account/calls.js';
import { createLiveCallSource, incompleteOf, isCallError } from '../../../src/scanners/account/calls.js';
import { createLimiter } from '../../../src/scanners/account/limiter.js';

const ec2 = mockClient(EC2Client);
const s3 = mockClient(S3Client);
afterEach(() => {
  ec2.reset();
  s3.reset();
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-only' };
const factory: ClientFactory = (service, region) => (service === 'ec2' ? new EC2Client({ region, credentials }) : new S3Client({ region, credentials }));

const awsError = (name: string, message = name): Error => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe('live call source', () => {
  it('walks every page, records one entry per page, and merges the lists', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 'p2', $metadata: {} })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-2' }], NextToken: 'p3', $metadata: {} })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-3' }], $metadata: {} });
    const source = createLiveCallSource({ clientFactory: factory });
    const r = await source.call('ec2', 'DescribeSecurityGroups', 'eu-west-1', { MaxResults: 1000 });
    expect(isCallError(r)).toBe(false);
    if (isCallError(r)) return;
    expect(r.output).toEqual({ SecurityGroups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }, { GroupId: 'sg-3' }] });
    expect(r.pages?.map((p) => p.input)).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 'p2' }, { MaxResults: 1000, NextToken: 'p3' }]);
    expect(r.pages?.[0]?.output).toEqual({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 'p2' });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { MaxResults: 1000 },
      { MaxResults: 1000, NextToken: 'p2' },
      { MaxResults: 1000, NextToken: 'p3' },
    ]);
  });

  it('stops when a page echoes the token it was given (the end, for some APIs)', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 'same' });
    const r = await createLiveCallSource({ clientFactory: factory }).call('ec2', 'DescribeVpcs', 'us-east-1', {});
    expect(r.pages).toHaveLength(2);
    expect(incompleteOf(r)).toBeUndefined();
  });

  it('reports a token cycle as an incomplete read, keeping the pages read', async () => {
    ec2
      .on(DescribeVpcsCommand)
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 'a' })
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-2' }], NextToken: 'b' })
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-3' }], NextToken: 'a' });
    const r = await createLiveCallSource({ clientFactory: factory }).call('ec2', 'DescribeVpcs', 'us-east-1', {});
    expect(isCallError(r) ? undefined : r.output).toEqual({ Vpcs: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }, { VpcId: 'vpc-3' }] });
    expect(incompleteOf(r)).toMatchObject({ name: 'PagingLoop' });
  });

  it('never stops paging silently: a page cap is an incomplete read naming the cap', async () => {
    let n = 0;
    ec2.on(DescribeVpcsCommand).callsFake(() => ({ Vpcs: [{ VpcId: `vpc-${n}` }], NextToken: `t${++n}` }));
    const r = await createLiveCallSource({ clientFactory: factory, maxPages: 5 }).call('ec2', 'DescribeVpcs', 'us-east-1', {});
    expect(r.pages).toHaveLength(5);
    expect(incompleteOf(r)).toEqual({ name: 'PageLimit', message: 'stopped after 5 pages; the pages after them were not read' });
  });

  it('a later page that fails keeps the pages read and says the rest is unread', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 'p2' })
      .rejectsOnce(awsError('UnauthorizedOperation', 'You are not authorized'));
    const r = await createLiveCallSource({ clientFactory: factory }).call('ec2', 'DescribeSecurityGroups', 'us-east-1', {});
    expect(isCallError(r) ? undefined : r.output).toEqual({ SecurityGroups: [{ GroupId: 'sg-1' }] });
    expect(incompleteOf(r)).toMatchObject({
      name: 'UnauthorizedOperation',
      message: expect.stringMatching(/^page 2 failed: You are not authorized; the pages after it were not read$/),
    });
    expect(r.pages?.map((p) => (p.error ? 'error' : 'ok'))).toEqual(['ok', 'error']);
  });

  it('returns errors as name and message, and does not retry them', async () => {
    s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const r = await createLiveCallSource({ clientFactory: factory }).call('s3', 'GetBucketPolicy', 'us-east-1', { Bucket: 'b' });
    expect(r).toMatchObject({ error: { name: 'AccessDenied', message: 'Access Denied' } });
    expect(r.pages).toEqual([
      { service: 's3', operation: 'GetBucketPolicy', region: 'us-east-1', input: { Bucket: 'b' }, error: { name: 'AccessDenied', message: 'Access Denied' } },
    ]);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(1);
  });

  it('strips $metadata and turns timestamps into ISO strings, as a saved snapshot holds them', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }], $metadata: { httpStatusCode: 200, requestId: 'x' } });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{}', $metadata: {}, ...({ When: new Date('2026-01-02T03:04:05Z') } as object) });
    const source = createLiveCallSource({ clientFactory: factory });
    expect(await source.call('ec2', 'DescribeVpcs', 'us-east-1', {})).toMatchObject({ output: { Vpcs: [{ VpcId: 'vpc-1' }] } });
    const r = await source.call('s3', 'GetBucketPolicy', 'us-east-1', { Bucket: 'b' });
    expect(isCallError(r) ? undefined : r.output).toEqual({ Policy: '{}', When: '2026-01-02T03:04:05.000Z' });
  });

  it('reports an unknown operation without throwing', async () => {
    const r = await createLiveCallSource({ clientFactory: factory }).call('ec2', 'NoSuchThing', 'us-east-1', {});
    expect(r).toMatchObject({ error: { name: 'UnknownOperation' } });
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    s3.on(GetBucketPolicyCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight--;
      return { Policy: '{}' };
    });
    const source = createLiveCallSource({ clientFactory: factory, concurrency: 3 });
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => source.call('s3', 'GetBucketPolicy', 'us-east-1', { Bucket: `b${i}` })));
    // Let every call that can start, start; then release them one at a time.
    for (let done = 0; done < 10; done++) {
      while (release.length === 0) await new Promise((r) => setImmediate(r));
      expect(inFlight).toBeLessThanOrEqual(3);
      release.shift()?.();
    }
    const results = await all;
    expect(results.every((r) => !isCallError(r))).toBe(true);
    expect(peak).toBe(3);
  });

  it('loads a service module only when first called', async () => {
    const loaded: string[] = [];
    const source = createLiveCallSource({
      clientFactory: factory,
      loadModule: async (service) => {
        loaded.push(service);
        return service === 'ec2' ? await import('@aws-sdk/client-ec2') : await import('@aws-sdk/client-s3');
      },
    });
    expect(loaded).toEqual([]);
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    await source.call('ec2', 'DescribeVpcs', 'us-east-1', {});
    await source.call('ec2', 'DescribeVpcs', 'eu-west-1', {});
    expect(loaded).toEqual(['ec2']);
  });
});

describe('default clients', () => {
  it('are real SDK clients per service and region with adaptive retry, loaded on demand (mocked send)', async () => {
    const { createDefaultClientFactory } = await import('../../../src/scanners/account/clients.js');
    const factory = await createDefaultClientFactory({ maxAttempts: 3, timeoutMs: 5000 });
    const client = (await factory('ec2', 'eu-west-1')) as unknown as EC2Client;
    expect(client).toBeInstanceOf(EC2Client);
    expect(await client.config.region()).toBe('eu-west-1');
    expect(await client.config.maxAttempts()).toBe(3);
    const strategy = await (client.config.retryStrategy as () => Promise<object>)();
    expect(strategy.constructor.name).toBe('AdaptiveRetryStrategy');
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-default-path' }] });
    const r = await createLiveCallSource().call('ec2', 'DescribeVpcs', 'eu-west-1', {});
    expect(r).toMatchObject({ output: { Vpcs: [{ VpcId: 'vpc-default-path' }] } });
  });
});

describe('limiter', () => {
  it('rejects a non-positive limit', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });

  it('runs queued tasks in arrival order and frees the slot on failure', async () => {
    const limiter = createLimiter(1);
    const order: number[] = [];
    const failing = limiter.run(async () => {
      order.push(1);
      throw new Error('boom');
    });
    const second = limiter.run(async () => {
      order.push(2);
      return 2;
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await second).toBe(2);
    expect(order).toEqual([1, 2]);
    expect(limiter.inFlight).toBe(0);
  });
});
