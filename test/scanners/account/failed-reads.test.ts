// What the collectors record when a read fails, stops early or is never made: a FailedRead
// naming the call and the CloudFormation types it would have listed, in every region it
// would have covered, and Unknown values (never missing fields) for properties of resources
// that were listed.

import { describe, expect, it, vi } from 'vitest';
import { Unknown } from '../../../src/model/values.js';
import { createLiveCallSource } from '../../../src/scanners/account/calls.js';
import { collectAccount, collectors, SERVICE_IDS } from '../../../src/scanners/account/collect.js';
import { elbv2Collector } from '../../../src/scanners/account/elbv2.js';
import { createSnapshotCallSource } from '../../../src/scanners/account/snapshot.js';
import { FAULT_ACCOUNT, IDS, faultAccountSnapshot } from '../../helpers/aws-wire/fault-account.js';
import { ACCOUNT, awsError, fakeClients, ok, snapshotOf, type Handler } from './helpers.js';

const fault = faultAccountSnapshot();
const replay = (services?: string[], regions = ['us-east-1']) => collectAccount({ source: createSnapshotCallSource(fault), regions, ...(services ? { services } : {}) });
const without = (s: string): string[] => SERVICE_IDS.filter((x) => x !== s);

describe('FailedRead.types', () => {
  it('every list call of every collector is one of its operations and names the CloudFormation types it lists', () => {
    for (const c of collectors) {
      expect(c.lists.length, c.id).toBeGreaterThan(0);
      for (const l of c.lists) {
        expect(c.operations, `${c.id} ${l.operation}`).toContainEqual([l.service, l.operation]);
        expect(l.types.length, `${c.id} ${l.operation}`).toBeGreaterThan(0);
        for (const t of l.types) expect(t).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
      }
    }
  });

  it('a denied list call is a failed read carrying its types, and one error line', async () => {
    const snapshot = {
      ...fault,
      calls: fault.calls.map((c) => (c.operation === 'DescribeAlarms' ? { ...c, output: undefined, error: { name: 'AccessDenied', message: 'User is not authorized' } } : c)),
    };
    const r = await collectAccount({ source: createSnapshotCallSource(snapshot), regions: ['us-east-1'] });
    expect(r.failedReads).toEqual([
      { region: 'us-east-1', call: 'cloudwatch:DescribeAlarms', error: 'AccessDenied', types: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'] },
    ]);
    expect(r.errors).toEqual([{ file: `account ${FAULT_ACCOUNT} region us-east-1`, message: 'cloudwatch:DescribeAlarms failed: AccessDenied: User is not authorized' }]);
  });

  it('a service left out with --services is a failed read of each of its lists, in every region it covers, and not an error', async () => {
    const r = await replay(['ec2', 's3'], ['eu-west-1', 'us-east-1']);
    expect(r.errors.filter((e) => !/NotInSnapshot/.test(e.message))).toEqual([]);
    const why = 'not collected (--services ec2,s3)';
    // CloudWatch billing alarms live in us-east-1 only: covered whatever the regions.
    expect(r.failedReads.filter((f) => f.call === 'cloudwatch:DescribeAlarms')).toEqual([
      { region: 'eu-west-1', call: 'cloudwatch:DescribeAlarms', error: why, types: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'] },
      { region: 'us-east-1', call: 'cloudwatch:DescribeAlarms', error: why, types: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'] },
    ]);
    const rds = r.failedReads.filter((f) => f.call.startsWith('rds:') && f.error === why);
    expect(rds.map((f) => `${f.region} ${f.call} ${f.types?.join(',')}`).sort()).toEqual([
      'eu-west-1 rds:DescribeDBClusters AWS::RDS::DBCluster',
      'eu-west-1 rds:DescribeDBInstances AWS::RDS::DBInstance,AWS::RDS::DBSubnetGroup',
      'us-east-1 rds:DescribeDBClusters AWS::RDS::DBCluster',
      'us-east-1 rds:DescribeDBInstances AWS::RDS::DBInstance,AWS::RDS::DBSubnetGroup',
    ]);
    // CloudFront is global: once, in the home region.
    expect(r.failedReads.filter((f) => f.call === 'cloudfront:ListDistributions').map((f) => f.region)).toEqual(['us-east-1']);
    // Per-parent calls (a cluster's services) are covered by their top-level list.
    expect(r.failedReads.some((f) => f.call === 'ecs:ListServices')).toBe(false);
    expect(r.failedReads.some((f) => f.call === 'ecs:ListClusters' && f.types?.includes('AWS::ECS::TaskDefinition'))).toBe(true);
    // Nothing "not collected" for the services that were read.
    expect(r.failedReads.some((f) => (f.call.startsWith('ec2:') || f.call.startsWith('s3:')) && f.error === why)).toBe(false);
  });

  it('the services run and the regions covered are reported', async () => {
    const r = await replay(without('cloudwatch'));
    expect(r.services).toEqual(without('cloudwatch'));
    expect(r.regions).toEqual(['us-east-1']);
    expect(r.callsFailed).toBe(0);
  });

  it('a per-parent list that fails names its parent in the error and records its types', async () => {
    const snapshot = {
      ...fault,
      calls: fault.calls.map((c) => (c.operation === 'DescribeListeners' ? { ...c, output: undefined, error: { name: 'AccessDenied', message: 'denied' } } : c)),
    };
    const r = await collectAccount({ source: createSnapshotCallSource(snapshot), regions: ['us-east-1'], services: ['elbv2'] });
    expect(r.errors.map((e) => e.message)).toEqual([`elasticloadbalancing:DescribeListeners for load balancer ${IDS.alb} failed: AccessDenied: denied`]);
    expect(r.failedReads.find((f) => f.call === 'elasticloadbalancing:DescribeListeners')).toEqual({
      region: 'us-east-1',
      call: 'elasticloadbalancing:DescribeListeners',
      error: 'AccessDenied',
      types: ['AWS::ElasticLoadBalancingV2::Listener'],
    });
  });

  it('a snapshot whose recorded pages stop before the last is an incomplete read: the pages held are mapped, the rest is a failed read', async () => {
    const snapshot = snapshotOf([
      ok('ec2', 'DescribeSecurityGroups', 'us-east-1', { MaxResults: 1000 }, { SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 'p2' }),
      ok('ec2', 'DescribeVpcs', 'us-east-1', { MaxResults: 1000 }, { Vpcs: [] }),
    ]);
    const r = await collectAccount({ source: createSnapshotCallSource(snapshot), regions: ['us-east-1'], services: ['ec2'] });
    expect(r.resources.filter((x) => x.type === 'AWS::EC2::SecurityGroup').map((x) => x.id)).toEqual(['sg-1']);
    expect(r.failedReads.find((f) => f.call === 'ec2:DescribeSecurityGroups')).toEqual({
      region: 'us-east-1',
      call: 'ec2:DescribeSecurityGroups',
      error: 'NotInSnapshot',
      types: ['AWS::EC2::SecurityGroup'],
    });
    expect(r.errors.map((e) => e.message)).toContain(
      'ec2:DescribeSecurityGroups failed: NotInSnapshot: the snapshot holds 1 page(s) and the last one points to a next page it does not hold',
    );
  });

  it('a collector that crashes records every list it owns in that region as unread', async () => {
    vi.spyOn(elbv2Collector, 'collect').mockRejectedValueOnce(new Error('mapping bug\nsecond line'));
    const r = await collectAccount({ source: createSnapshotCallSource(fault), regions: ['us-east-1'], services: ['elbv2'] });
    expect(r.errors.map((e) => e.message)).toEqual(['elbv2 collector failed: mapping bug second line']);
    const crashed = r.failedReads.filter((f) => f.error === 'CollectorFailed');
    expect(crashed.map((f) => f.call).sort()).toEqual([
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTargetGroups',
    ]);
    expect(crashed.find((f) => f.call === 'elasticloadbalancing:DescribeTargetGroups')?.types).toEqual(['AWS::ElasticLoadBalancingV2::TargetGroup']);
  });
});

describe('Unknown, never a missing field', () => {
  const deny = (operation: string) => ({
    ...fault,
    calls: fault.calls.map((c) => (c.operation === operation ? { ...c, output: undefined, error: { name: 'AccessDenied', message: 'denied' } } : c)),
  });

  it('a target group whose DescribeTargetHealth failed has Targets as an Unknown naming the call', async () => {
    const r = await collectAccount({ source: createSnapshotCallSource(deny('DescribeTargetHealth')), regions: ['us-east-1'], services: ['elbv2'] });
    const tg = r.resources.find((x) => x.type === 'AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(tg?.properties['Targets']).toEqual(new Unknown('elasticloadbalancing:DescribeTargetHealth failed: AccessDenied'));
  });

  it('a task definition whose DescribeTaskDefinition failed has every mapped property Unknown', async () => {
    const r = await collectAccount({ source: createSnapshotCallSource(deny('DescribeTaskDefinition')), regions: ['us-east-1'], services: ['ecs'] });
    const td = r.resources.find((x) => x.type === 'AWS::ECS::TaskDefinition');
    const unknown = new Unknown('ecs:DescribeTaskDefinition failed: AccessDenied');
    for (const p of ['Family', 'ContainerDefinitions', 'Cpu', 'Memory', 'NetworkMode', 'RequiresCompatibilities', 'RuntimePlatform', 'ExecutionRoleArn', 'TaskRoleArn', 'Tags']) {
      expect(td?.properties[p], p).toEqual(unknown);
    }
  });

  it('a replication group whose member clusters could not be read has Unknown groups and subnet group, naming the error', async () => {
    const snapshot = snapshotOf([
      ok('elasticache', 'DescribeReplicationGroups', 'us-east-1', { MaxRecords: 100 }, { ReplicationGroups: [{ ReplicationGroupId: 'rg', MemberClusters: ['rg-001'] }] }),
      { service: 'elasticache', operation: 'DescribeCacheClusters', region: 'us-east-1', input: { MaxRecords: 100 }, error: { name: 'AccessDenied', message: 'denied' } },
    ]);
    const r = await collectAccount({ source: createSnapshotCallSource(snapshot), regions: ['us-east-1'], services: ['elasticache'] });
    const rg = r.resources.find((x) => x.type === 'AWS::ElastiCache::ReplicationGroup');
    expect(rg?.properties['SecurityGroupIds']).toEqual(new Unknown('elasticache:DescribeCacheClusters failed: AccessDenied'));
    expect(rg?.properties['CacheSubnetGroupName']).toEqual(new Unknown('elasticache:DescribeCacheClusters failed: AccessDenied'));
  });
});

describe('regions and DNS', () => {
  const handler: Handler = (s, _o, r) => {
    if (s === 'sts') return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/a` };
    if (s === 'apprunner' || (s === 'ecr' && r === 'eu-north-1')) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${s}.${r}.amazonaws.com`), { code: 'ENOTFOUND' });
    return {};
  };
  const live = () => createLiveCallSource({ clientFactory: fakeClients(handler) });

  it('a mistyped region is an error naming the valid regions, before any call', async () => {
    let calls = 0;
    const r = await collectAccount({ source: createLiveCallSource({ clientFactory: fakeClients(() => (calls++, {})) }), regions: ['us-east-1', 'us-eats-1'] });
    expect(calls).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/^unknown region "us-eats-1" \(did you mean us-east-1\?\); valid regions: af-south-1, /);
    expect(r.resources).toEqual([]);
  });

  it('ENOTFOUND means "not offered here" only for App Runner; for any other service it is a failed read', async () => {
    const r = await collectAccount({ source: live(), regions: ['eu-north-1'], services: ['apprunner', 'ecr'] });
    expect(r.errors.map((e) => e.message)).toEqual(['ecr:DescribeRepositories failed: ENOTFOUND: getaddrinfo ENOTFOUND ecr.eu-north-1.amazonaws.com']);
    expect(r.failedReads.filter((f) => !f.error.startsWith('not collected')).map((f) => `${f.call} ${f.error}`)).toEqual(['ecr:DescribeRepositories ENOTFOUND']);
  });
});

describe('scale', () => {
  it('130,000 security groups are all kept (no argument spread drops the EC2 inventory)', async () => {
    const N = 130_000;
    const groups = Array.from({ length: N }, (_, i) => ({ GroupId: `sg-${i}`, IpPermissions: [], IpPermissionsEgress: [] }));
    const source = createLiveCallSource({
      clientFactory: fakeClients((s, o, _r, input) => {
        if (s === 'sts') return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/a` };
        if (o !== 'DescribeSecurityGroups') return {};
        const from = Number(input['NextToken'] ?? 0);
        const to = Math.min(N, from + 1000);
        return { SecurityGroups: groups.slice(from, to), ...(to < N ? { NextToken: String(to) } : {}) };
      }),
    });
    const r = await collectAccount({ source, regions: ['us-east-1'], services: ['ec2'] });
    expect(r.errors).toEqual([]);
    expect(r.resources.filter((x) => x.type === 'AWS::EC2::SecurityGroup')).toHaveLength(N);
  });

  it('progress counts runs (service × region) and failed calls', async () => {
    const seen: { runsDone: number; runsTotal: number; callsFailed: number }[] = [];
    await collectAccount({
      source: createLiveCallSource({
        clientFactory: fakeClients((s, o) => {
          if (s === 'sts') return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/a` };
          if (o === 'DescribeVpcs') throw awsError('UnauthorizedOperation', 'no');
          return {};
        }),
      }),
      regions: ['us-east-1', 'eu-west-1'],
      services: ['ec2', 'rds', 's3'],
      onProgress: (p) => seen.push({ runsDone: p.runsDone, runsTotal: p.runsTotal, callsFailed: p.callsFailed }),
    });
    const last = seen[seen.length - 1];
    // ec2 and rds in two regions, s3 once.
    expect(last).toEqual({ runsDone: 5, runsTotal: 5, callsFailed: 2 });
    expect(seen.map((p) => p.runsDone)).toEqual([...seen.map((p) => p.runsDone)].sort((a, b) => a - b));
  });
});
