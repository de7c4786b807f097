import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/index.js';
import { Unknown, ResourceRef } from '../../src/model/values.js';
import type { ValueReader } from '../../src/cost/types.js';
import { linesOf, price, ref, res } from './helpers.js';

const E1 = { region: 'us-east-1' } as const;
const cents = (n: number): number => Math.round(n * 100) / 100;

describe('usage-independent lines equal list price × quantity (us-east-1)', () => {
  it('EC2 instance-hours, EBS by type and size, auto-assigned public IPv4', () => {
    const r = estimateCost(
      [
        res('AWS::EC2::Subnet', 'Pub', { MapPublicIpOnLaunch: true }),
        res('AWS::EC2::Instance', 'Web', {
          InstanceType: 'm5.large',
          SubnetId: ref('Pub'),
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 50, VolumeType: 'gp3', Iops: 4000, Throughput: 250 } },
            { DeviceName: '/dev/xvdb', Ebs: { VolumeSize: 100, VolumeType: 'st1' } },
          ],
        }),
      ],
      E1,
    );
    const l = linesOf(r, 'Web');
    expect(l.find((x) => x.priceKey === 'ec2.instance.m5.large')?.monthly).toBe(cents(730 * 0.096));
    expect(l.find((x) => x.priceKey === 'ebs.gp3.storage')?.monthly).toBe(4.0);
    expect(l.find((x) => x.priceKey === 'ebs.gp3.iops')?.monthly).toBe(5.0);
    expect(l.find((x) => x.priceKey === 'ebs.gp3.throughput')?.monthly).toBe(5.0);
    expect(l.find((x) => x.priceKey === 'ebs.st1.storage')?.monthly).toBe(4.5);
    const ip = l.find((x) => x.priceKey === 'vpc.public_ipv4');
    expect(ip?.monthly).toBe(3.65);
    expect(ip?.count).toBe(1);
    for (const x of r.lines) expect(x.monthly).toBe(cents((x.quantity - (x.freeQuantity ?? 0)) * x.unitPrice));
  });

  it('counts public IPv4: EIP, NetworkInterfaces AssociatePublicIpAddress, not twice when an EIP is attached, none in a private subnet', () => {
    const r = estimateCost(
      [
        res('AWS::EC2::Subnet', 'Priv', { MapPublicIpOnLaunch: false }),
        res('AWS::EC2::Instance', 'A', { InstanceType: 't3.micro', NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: 'true' }] }),
        res('AWS::EC2::Instance', 'B', { InstanceType: 't3.micro', SubnetId: ref('Priv') }),
        res('AWS::EC2::Instance', 'C', { InstanceType: 't3.micro' }),
        res('AWS::EC2::EIP', 'CIp', { InstanceId: ref('C') }),
      ],
      E1,
    );
    const ips = (id: string): number =>
      linesOf(r, id)
        .filter((l) => l.priceKey === 'vpc.public_ipv4')
        .reduce((s, l) => s + (l.count ?? 0), 0);
    expect([ips('A'), ips('B'), ips('C'), ips('CIp')]).toEqual([1, 0, 0, 1]);
    expect(linesOf(r, 'CIp')[0]?.monthly).toBe(3.65);
  });

  it("RDS instance × deployment option, storage by type and AZ, a read replica with its source's storage, NAT and ALB hours, Fargate task-hours", () => {
    const r = estimateCost(
      [
        res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.t3.medium', MultiAZ: true, AllocatedStorage: '100', StorageType: 'gp3' }),
        res('AWS::RDS::DBInstance', 'Replica', { SourceDBInstanceIdentifier: ref('Db'), DBInstanceClass: 'db.t3.medium' }),
        res('AWS::EC2::NatGateway', 'Nat', { ConnectivityType: 'private' }),
        res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', { Scheme: 'internal' }),
        res('AWS::ECS::TaskDefinition', 'Td', { Cpu: '1024', Memory: '2048', RequiresCompatibilities: ['FARGATE'] }),
        res('AWS::ECS::Service', 'Svc', { LaunchType: 'FARGATE', TaskDefinition: ref('Td'), DesiredCount: 3 }),
      ],
      E1,
    );
    const m = (id: string, key: string): number | undefined => linesOf(r, id).find((l) => l.priceKey === key)?.monthly;
    expect(m('Db', 'rds.postgres.db.t3.medium.multi_az')).toBe(cents(730 * price('rds.postgres.db.t3.medium.multi_az')));
    expect(m('Db', 'rds.storage.gp3.multi_az')).toBe(23.0);
    expect(m('Replica', 'rds.postgres.db.t3.medium.single_az')).toBe(52.56);
    // The replica states no storage: it has its source's 100 GB of gp3 (Single-AZ: its own MultiAZ).
    expect(m('Replica', 'rds.storage.gp3.single_az')).toBe(11.5);
    expect(linesOf(r, 'Replica').find((l) => l.priceKey === 'rds.storage.gp3.single_az')?.assumptions).toEqual(["100 GB, the source Db's storage"]);
    expect(m('Nat', 'nat.hour')).toBe(32.85);
    expect(linesOf(r, 'Nat').some((l) => l.priceKey === 'vpc.public_ipv4')).toBe(false);
    expect(m('Alb', 'elb.alb.hour')).toBe(cents(730 * 0.0225));
    expect(linesOf(r, 'Alb').some((l) => l.priceKey === 'vpc.public_ipv4')).toBe(false);
    expect(m('Svc', 'fargate.x86.vcpu')).toBe(cents(3 * 730 * 0.04048));
    expect(m('Svc', 'fargate.x86.gb')).toBe(cents(3 * 2 * 730 * 0.004445));
    expect(r.free.map((f) => f.resource.id)).toEqual(['Td']);
  });

  it('Fargate ARM and Spot (on-demand upper bound unless a discount is given)', () => {
    const td = res('AWS::ECS::TaskDefinition', 'Td', { Cpu: '0.5 vCPU', Memory: '1 GB', RuntimePlatform: { CpuArchitecture: 'ARM64' } });
    const svc = res('AWS::ECS::Service', 'Svc', { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }], TaskDefinition: ref('Td'), DesiredCount: 2 });
    const r = estimateCost([td, svc], E1);
    expect(linesOf(r, 'Svc').find((l) => l.priceKey === 'fargate.arm.vcpu')?.monthly).toBe(cents(0.5 * 2 * 730 * 0.03238));
    expect(linesOf(r, 'Svc')[0]?.description).toMatch(/Spot priced at the on-demand rate/);
    const d = estimateCost([td, svc], { ...E1, usage: { resources: { Svc: { spotDiscount: 0.7 } } } });
    expect(linesOf(d, 'Svc').find((l) => l.priceKey === 'fargate.arm.vcpu')?.monthly).toBe(cents(0.5 * 2 * 730 * 0.03238 * 0.3));
  });

  it('Aurora Serverless v2: ACU-hours from MinCapacity by default, usage acu clamped to MaxCapacity', () => {
    const cluster = res('AWS::RDS::DBCluster', 'Cl', { Engine: 'aurora-postgresql', ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 } });
    const inst = res('AWS::RDS::DBInstance', 'W', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.serverless', DBClusterIdentifier: ref('Cl') });
    const r = estimateCost([cluster, inst], E1);
    const acu = linesOf(r, 'W')[0];
    expect(acu?.monthly).toBe(43.8);
    expect(acu?.description).toMatch(/assumed: .*acu=0.5/);
    const big = estimateCost([cluster, inst], { ...E1, usage: { resources: { W: { acu: 10 } } } });
    expect(linesOf(big, 'W')[0]?.monthly).toBe(cents(4 * 730 * 0.12));
    expect(linesOf(r, 'Cl').map((l) => l.priceKey)).toEqual(['aurora.storage.standard', 'aurora.io.standard']);
  });

  it('reports a price the feeds lack, never guesses: db.t4g.micro PostgreSQL is not offered in ca-west-1', () => {
    const r = estimateCost([res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', AllocatedStorage: 20, PubliclyAccessible: false })], {
      region: 'ca-west-1',
    });
    expect(r.complete).toBe(false);
    expect(r.notPriced).toEqual([
      expect.objectContaining({
        resource: expect.objectContaining({ id: 'Db', region: 'ca-west-1' }),
        reason: expect.stringContaining('no price for RDS PostgreSQL db.t4g.micro Single-AZ in ca-west-1'),
        priceKey: 'rds.postgres.db.t4g.micro.single_az',
      }),
    ]);
    // Storage has a Calgary price, so that part is still priced, from the feed.
    expect(r.lines.map((l) => [l.priceKey, l.region, l.confidence])).toEqual([['rds.storage.gp2.single_az', 'ca-west-1', 'A']]);
    expect(r.notes.join('\n')).toMatch(/1 item\(s\) not priced: the total is a lower bound/);
  });

  it('counts the public IPv4 of a DB instance AWS makes public by default, not of one it keeps private', () => {
    const db = (id: string, extra: Record<string, unknown>) => res('AWS::RDS::DBInstance', id, { Engine: 'mysql', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, ...extra });
    const r = estimateCost(
      [
        res('AWS::EC2::VPC', 'Open'),
        res('AWS::EC2::VPC', 'Closed'),
        res('AWS::EC2::VPCGatewayAttachment', 'Attach', { VpcId: ref('Open'), InternetGatewayId: ref('Igw') }),
        res('AWS::EC2::Subnet', 'OpenA', { VpcId: ref('Open') }),
        res('AWS::EC2::Subnet', 'ClosedA', { VpcId: ref('Closed') }),
        res('AWS::RDS::DBSubnetGroup', 'OpenGroup', { SubnetIds: [ref('OpenA')] }),
        res('AWS::RDS::DBSubnetGroup', 'ClosedGroup', { SubnetIds: [ref('ClosedA')] }),
        db('DefaultVpc', {}),
        db('InOpen', { DBSubnetGroupName: ref('OpenGroup') }),
        db('InClosed', { DBSubnetGroupName: ref('ClosedGroup') }),
        db('Explicit', { DBSubnetGroupName: ref('OpenGroup'), PubliclyAccessible: false }),
        db('External', { DBSubnetGroupName: 'shared-private' }),
      ],
      E1,
    );
    const ip = (id: string) => linesOf(r, id).find((l) => l.priceKey === 'vpc.public_ipv4');
    expect(ip('DefaultVpc')?.description).toMatch(/no DBSubnetGroupName: AWS makes it public in the default VPC/);
    expect(ip('InOpen')?.monthly).toBe(3.65);
    expect([ip('InClosed'), ip('Explicit'), ip('External')]).toEqual([undefined, undefined, undefined]);
  });

  it('lists glue types as free and unknown types as not priced', () => {
    const r = estimateCost(
      [
        res('AWS::EC2::SecurityGroup', 'Sg'),
        res('AWS::IAM::Role', 'Role'),
        res('AWS::EC2::VPC', 'Vpc'),
        res('AWS::KMS::Alias', 'Alias'),
        res('AWS::EC2::TransitGateway', 'Tgw'),
        res('AWS::OpenSearchService::Domain', 'Search'),
        res('AWS::Kinesis::Stream', 'Stream'),
      ],
      E1,
    );
    expect(r.free.map((f) => [f.resource.id, f.reason])).toEqual([
      ['Sg', 'no charge of its own'],
      ['Role', 'no charge of its own'],
      ['Vpc', 'no charge of its own'],
      ['Alias', 'no charge of its own'],
      ['Tgw', 'no charge of its own'],
    ]);
    expect(r.notPriced.map((n) => [n.resource.id, n.reason])).toEqual([
      ['Search', 'no estimator for AWS::OpenSearchService::Domain'],
      ['Stream', 'no estimator for AWS::Kinesis::Stream'],
    ]);
    expect(r.lines).toEqual([]);
    expect(r.monthlyTotal).toBe(0);
  });

  it('treats Unknown / ResourceRef values as unknown: default with a note, or not priced', () => {
    const reader: ValueReader = (r, path) => {
      if (r.id === 'Web' && path[0] === 'InstanceType') return new Unknown('parameter InstanceType has no default');
      if (path.join('.') === 'Size') return new ResourceRef('t', 'SizeParam');
      return undefined;
    };
    const r = estimateCost([res('AWS::EC2::Instance', 'Web'), res('AWS::EC2::Volume', 'Vol')], { ...E1, read: reader });
    expect(r.notPriced.find((n) => n.resource.id === 'Web')?.reason).toBe('instance type unknown: unknown (parameter InstanceType has no default)');
    const vol = linesOf(r, 'Vol')[0];
    expect(vol?.quantity).toBe(8);
    expect(vol?.description).toMatch(/assumed: Size <Ref SizeParam>: assumed 8 GB/);
    expect(vol?.priceKey).toBe('ebs.gp2.storage');
  });
});
