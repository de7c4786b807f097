// The live call layer against the real SDK v3 clients and a loopback server speaking the AWS
// wire protocols: every fixture account reads the same over the wire as from its snapshot,
// and retries, per-attempt timeouts and error lines behave as the README says.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incompleteOf, isCallError } from '../../../src/scanners/account/calls.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { createSnapshotCallSource, parseSnapshot, type Snapshot } from '../../../src/scanners/account/snapshot.js';
import { faultAccountSnapshot } from '../../helpers/aws-wire/fault-account.js';
import { snapshotResponder, startAwsWire, wireSource, type AwsWireServer } from '../../helpers/aws-wire/index.js';

const root = resolve(__dirname, '../../..');
const load = (name: string): Snapshot => {
  const r = parseSnapshot(readFileSync(join(root, 'fixtures/accounts', `${name}.json`), 'utf8'), name);
  if (!r.ok) throw new Error(r.error.message);
  return r.snapshot;
};

describe('every protocol round-trips: a fixture account read over the wire equals its snapshot', () => {
  it.each(['000-expense-tracker', '001-etf-tracker', '003-bankapp-prod', '004-period-tracker'])('%s', async (name) => {
    const snapshot = load(name);
    const server = await startAwsWire({ respond: snapshotResponder(snapshot) });
    try {
      const live = await collectAccount({ source: wireSource(server) });
      const replay = await collectAccount({ source: createSnapshotCallSource(snapshot) });
      expect(server.requests.filter((r) => r.problem)).toEqual([]);
      // Query XML (ec2, rds, elbv2, elb, elasticache, sts), REST XML (s3, s3-control,
      // cloudfront), JSON 1.0/1.1 and REST JSON all answered and parsed.
      expect(new Set(server.requests.map((r) => r.call?.service))).toEqual(new Set(snapshot.calls.map((c) => c.service)));
      expect(live.errors).toEqual(replay.errors);
      expect(live.resources).toEqual(replay.resources);
      expect(live.failedReads).toEqual(replay.failedReads);
    } finally {
      await server.close();
    }
  });
});

describe('one call through the real clients', () => {
  let server: AwsWireServer;
  beforeAll(async () => {
    server = await startAwsWire({ respond: snapshotResponder(faultAccountSnapshot()) });
  });
  afterAll(async () => {
    await server.close();
  });
  const call = async (
    faults: Parameters<AwsWireServer['setFaults']>[0],
    service: string,
    operation: string,
    input: Record<string, unknown>,
    options: Parameters<typeof wireSource>[1] = {},
  ) => {
    server.setFaults(faults);
    server.requests.length = 0;
    const r = await wireSource(server, options).call(service, operation, 'us-east-1', input);
    return { r, attempts: server.requests.filter((x) => x.call?.operation === operation).length };
  };

  it('four quick throttles, then an answer: the SDK retries, and the backoff between attempts (4 × 150 ms) never counts against --timeout 250', async () => {
    const { r, attempts } = await call(
      [{ kind: 'throttled', operation: 'DescribeSecurityGroups', times: 4 }],
      'ec2',
      'DescribeSecurityGroups',
      { MaxResults: 1000 },
      { timeoutMs: 250, backoffMs: 150 },
    );
    expect(isCallError(r)).toBe(false);
    expect(attempts).toBe(5);
  });

  it('throttled on every attempt: one error naming the code, with the number of attempts', async () => {
    const { r, attempts } = await call([{ kind: 'throttled', operation: 'DescribeSecurityGroups' }], 'ec2', 'DescribeSecurityGroups', { MaxResults: 1000 }, { maxAttempts: 3 });
    expect(r).toMatchObject({ error: { name: 'RequestLimitExceeded', message: 'Request limit exceeded. (after 3 attempts)' } });
    expect(attempts).toBe(3);
  });

  it('--timeout is per attempt: one slow answer costs one attempt and the call succeeds', async () => {
    const { r, attempts } = await call(
      [{ kind: 'slow', operation: 'DescribeDBInstances', times: 1, delayMs: 3_000 }],
      'rds',
      'DescribeDBInstances',
      { MaxRecords: 100 },
      { timeoutMs: 250 },
    );
    expect(isCallError(r) ? r.error : undefined).toBeUndefined();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('an answer slower than every attempt: a TimeoutError in words, after the attempts', async () => {
    const { r } = await call(
      [{ kind: 'slow', operation: 'DescribeDBInstances', delayMs: 3_000 }],
      'rds',
      'DescribeDBInstances',
      { MaxRecords: 100 },
      { timeoutMs: 200, maxAttempts: 2 },
    );
    expect(r).toMatchObject({ error: { name: 'TimeoutError', message: 'no answer within 200 ms (after 2 attempts)' } });
  });

  it("an unreadable 5xx answer is named by its status, without the SDK's advice", async () => {
    const { r } = await call([{ kind: 'garbage', operation: 'DescribeAlarms' }], 'cloudwatch', 'DescribeAlarms', { MaxRecords: 100 }, { maxAttempts: 2 });
    expect(r).toMatchObject({ error: { name: 'HTTP502', message: 'the service answered HTTP 502 (bad gateway) without a readable error (after 2 attempts)' } });
    expect(JSON.stringify(r)).not.toMatch(/\$response|Deserialization/);
  });

  it('a dropped connection is retried, then named by its socket code', async () => {
    const once = await call([{ kind: 'drop', operation: 'ListFunctions', times: 1 }], 'lambda', 'ListFunctions', { MaxItems: 50 });
    expect(isCallError(once.r)).toBe(false);
    const always = await call([{ kind: 'drop', operation: 'ListFunctions' }], 'lambda', 'ListFunctions', { MaxItems: 50 }, { maxAttempts: 2 });
    expect(always.r).toMatchObject({ error: { name: 'ECONNRESET', message: 'socket hang up (after 2 attempts)' } });
  });

  it('access denied is not retried', async () => {
    const { r, attempts } = await call([{ kind: 'denied', service: 's3', operation: 'GetBucketPolicy' }], 's3', 'GetBucketPolicy', { Bucket: 'orders-assets-111122223333' });
    expect(r).toMatchObject({ error: { name: 'AccessDenied', message: 'Access Denied' } });
    expect(attempts).toBe(1);
  });

  it('a page cap is an incomplete read: the pages read are kept and the stop is named', async () => {
    // Three pages served by a dedicated responder: the cap is two.
    const pages = await startAwsWire({
      respond: (c) =>
        c.operation === 'DescribeVpcs'
          ? {
              output: {
                Vpcs: [{ VpcId: `vpc-${String(c.input['NextToken'] ?? '0')}` }],
                ...(c.input['NextToken'] === '2' ? {} : { NextToken: String(Number(c.input['NextToken'] ?? 0) + 1) }),
              },
            }
          : undefined,
    });
    try {
      const r = await wireSource(pages, { maxPages: 2 }).call('ec2', 'DescribeVpcs', 'us-east-1', { MaxResults: 5 });
      expect(isCallError(r) ? undefined : r.output).toEqual({ Vpcs: [{ VpcId: 'vpc-0' }, { VpcId: 'vpc-1' }] });
      expect(incompleteOf(r)).toMatchObject({ name: 'PageLimit' });
      const all = await wireSource(pages).call('ec2', 'DescribeVpcs', 'us-east-1', { MaxResults: 5 });
      expect(isCallError(all) ? undefined : all.output).toEqual({ Vpcs: [{ VpcId: 'vpc-0' }, { VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }] });
      expect(incompleteOf(all)).toBeUndefined();
    } finally {
      await pages.close();
    }
  });
});
