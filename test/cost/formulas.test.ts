// The formulas issue 11 asks for, each against the feed's list price: read replicas with their
// source's storage, CloudFront by edge geography and PriceClass, Aurora I/O-Optimized, Multi-AZ
// provisioned-IOPS storage, Multi-AZ DB clusters, NAT per region; and the rest the feeds now price.
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/index.js';
import type { CostReport } from '../../src/cost/types.js';
import { linesOf, price, ref, res } from './helpers.js';

const cents = (n: number): number => Math.round(n * 100) / 100;
const line = (r: CostReport, id: string, key: string) => linesOf(r, id).find((l) => l.priceKey === key);

describe('RDS storage', () => {
  it("a read replica without storage settings has its source's size, type and IOPS; its own settings win", () => {
    const src = res('AWS::RDS::DBInstance', 'Src', { Engine: 'mysql', DBInstanceClass: 'db.m5.large', AllocatedStorage: 500, StorageType: 'io1', Iops: 5000, MultiAZ: true });
    const inherits = res('AWS::RDS::DBInstance', 'R1', { SourceDBInstanceIdentifier: ref('Src'), DBInstanceClass: 'db.m5.large' });
    const own = res('AWS::RDS::DBInstance', 'R2', { SourceDBInstanceIdentifier: ref('Src'), DBInstanceClass: 'db.m5.large', AllocatedStorage: 600, StorageType: 'gp3' });
    const r = estimateCost([src, inherits, own], { region: 'eu-west-1' });
    expect(line(r, 'R1', 'rds.mysql.db.m5.large.single_az')?.unitPrice).toBe(price('rds.mysql.db.m5.large.single_az', 'eu-west-1'));
    expect(line(r, 'R1', 'rds.storage.io1.single_az')?.quantity).toBe(500);
    expect(line(r, 'R1', 'rds.storage.io1.iops.single_az')?.quantity).toBe(5000);
    expect(line(r, 'R2', 'rds.storage.gp3.single_az')?.quantity).toBe(600);
    // 600 GB of gp3 includes 12,000 IOPS: nothing above the baseline.
    expect(linesOf(r, 'R2').some((l) => l.priceKey.includes('iops'))).toBe(false);
  });

  it('Multi-AZ provisioned IOPS storage and IOPS at the Multi-AZ rates; io2; gp3 IOPS and throughput above the baseline', () => {
    const r = estimateCost(
      [
        res('AWS::RDS::DBInstance', 'Io1', { Engine: 'postgres', DBInstanceClass: 'db.r6g.large', MultiAZ: true, AllocatedStorage: 200, Iops: 3000 }),
        res('AWS::RDS::DBInstance', 'Io2', { Engine: 'postgres', DBInstanceClass: 'db.r6g.large', AllocatedStorage: 200, StorageType: 'io2', Iops: 4000 }),
        res('AWS::RDS::DBInstance', 'Gp3', {
          Engine: 'postgres',
          DBInstanceClass: 'db.r6g.large',
          MultiAZ: true,
          AllocatedStorage: 500,
          StorageType: 'gp3',
          Iops: 15000,
          StorageThroughput: 600,
        }),
      ],
      { region: 'us-east-1' },
    );
    // No StorageType with Iops: io1 (CloudFormation's rule).
    expect(line(r, 'Io1', 'rds.storage.io1.multi_az')?.monthly).toBe(cents(200 * price('rds.storage.io1.multi_az')));
    expect(line(r, 'Io1', 'rds.storage.io1.iops.multi_az')?.monthly).toBe(cents(3000 * price('rds.storage.io1.iops.multi_az')));
    expect(price('rds.storage.io1.multi_az')).toBe(2 * price('rds.storage.io1.single_az'));
    expect(line(r, 'Io2', 'rds.storage.io2.iops.single_az')?.monthly).toBe(cents(4000 * price('rds.storage.io2.iops.single_az')));
    expect(line(r, 'Gp3', 'rds.storage.gp3.iops.multi_az')?.quantity).toBe(3000);
    expect(line(r, 'Gp3', 'rds.storage.gp3.throughput.multi_az')?.quantity).toBe(100);
    expect(r.notPriced).toEqual([]);
  });

  it('a Multi-AZ DB cluster (two readable standbys) is priced for the whole cluster', () => {
    const c = res('AWS::RDS::DBCluster', 'Maz', { Engine: 'postgres', DBClusterInstanceClass: 'db.m6gd.large', AllocatedStorage: 100, StorageType: 'io1', Iops: 3000 });
    const r = estimateCost([c], { region: 'us-east-1' });
    // README "RDS": db.m6gd.large PostgreSQL 0.187 / 0.373 / 0.522 (Single-AZ / Multi-AZ / cluster).
    expect(line(r, 'Maz', 'rds.postgres.db.m6gd.large.multi_az_cluster')?.unitPrice).toBe(0.522);
    expect(line(r, 'Maz', 'rds.storage.io1.multi_az_cluster')?.quantity).toBe(100);
    expect(line(r, 'Maz', 'rds.storage.io1.iops.multi_az_cluster')?.quantity).toBe(3000);
    expect(r.notPriced).toEqual([]);
  });
});

describe('CloudFront by edge geography and PriceClass', () => {
  const dist = (id: string, priceClass?: string) =>
    res('AWS::CloudFront::Distribution', id, { DistributionConfig: { Enabled: true, ...(priceClass ? { PriceClass: priceClass } : {}) } });
  // 2 TB out (1 TB always free) and 20 M HTTPS requests (10 M free), one distribution per estimate.
  const usage = (viewers: unknown) => ({ defaults: { dataOutGB: 2048, requests: 20_000_000 }, resources: new Map([['D', { viewers } as never]]) });

  it("viewers default to the geography of the stack's region", () => {
    const r = estimateCost([dist('D')], { region: 'ap-south-1', usage: { defaults: { dataOutGB: 2048, requests: 20_000_000 } } });
    expect(line(r, 'D', 'cloudfront.dto.india')?.monthly).toBe(cents(1024 * 0.109));
    expect(line(r, 'D', 'cloudfront.requests.india.https')?.monthly).toBe(cents(1000 * 0.012));
    expect(line(r, 'D', 'cloudfront.dto.india')?.assumptions).toContain("viewers in India (nearest the stack's region ap-south-1; set usage viewers)");
  });

  it('shares across geographies, each at its own rate, the free 1 TB taken first', () => {
    const r = estimateCost([dist('D')], { region: 'us-east-1', usage: usage({ united_states: 0.5, japan: 0.5 }) });
    // US 1024 GB: all free. Japan 1024 GB at $0.114 (first 10 TB).
    expect(line(r, 'D', 'cloudfront.dto.united_states')?.monthly).toBe(0);
    expect(line(r, 'D', 'cloudfront.dto.japan')?.monthly).toBe(cents(1024 * 0.114));
    expect(line(r, 'D', 'cloudfront.requests.japan.https')?.monthly).toBe(cents(1000 * 0.012));
  });

  it('PriceClass_100 bills viewers outside North America and Europe at the edge that serves them', () => {
    const all = estimateCost([dist('D')], { region: 'us-east-1', usage: usage('india') });
    const cheap = estimateCost([dist('D', 'PriceClass_100')], { region: 'us-east-1', usage: usage('india') });
    expect(line(all, 'D', 'cloudfront.dto.india')?.monthly).toBe(cents(1024 * 0.109));
    expect(line(cheap, 'D', 'cloudfront.dto.europe')?.monthly).toBe(cents(1024 * 0.085));
    expect(line(cheap, 'D', 'cloudfront.dto.europe')?.assumptions).toContain('India viewers served from Europe edges (PriceClass_100)');
    const c200 = estimateCost([dist('D', 'PriceClass_200')], { region: 'us-east-1', usage: usage('south_america') });
    expect(linesOf(c200, 'D').map((l) => l.priceKey)).toEqual(['cloudfront.dto.united_states', 'cloudfront.requests.united_states.https']);
  });

  it('shares must add up to 1', async () => {
    const { parseUsageProfileText, isInputError } = await import('../../src/cost/index.js');
    const bad = parseUsageProfileText('resources:\n  D:\n    viewers: { europe: 0.5, japan: 0.3 }\n', 'u.yaml');
    expect(isInputError(bad) && bad.message).toBe('usage profile: resources.D.viewers: shares add up to 0.8, not 1');
  });
});

describe('other prices the feeds made possible', () => {
  it("NAT gateways at each region's own rate", () => {
    for (const [region, usd] of [
      ['us-east-1', 0.045],
      ['eu-west-1', 0.048],
      ['ap-south-1', 0.056],
      ['sa-east-1', price('nat.hour', 'sa-east-1')],
    ] as const) {
      const r = estimateCost([res('AWS::EC2::NatGateway', 'Nat', { ConnectivityType: 'private' })], { region });
      expect(line(r, 'Nat', 'nat.hour')?.monthly, region).toBe(cents(730 * usd));
    }
  });

  it('ElastiCache Valkey at its own (lower) rate; replication groups default to Redis OSS', () => {
    const r = estimateCost(
      [
        res('AWS::ElastiCache::ReplicationGroup', 'Valkey', { Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2 }),
        res('AWS::ElastiCache::ReplicationGroup', 'Redis', { CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2 }),
      ],
      { region: 'us-east-1' },
    );
    expect(line(r, 'Valkey', 'elasticache.valkey.cache.t3.micro')?.monthly).toBe(cents(2 * 730 * 0.0136));
    expect(line(r, 'Redis', 'elasticache.redis.cache.t3.micro')?.monthly).toBe(cents(2 * 730 * 0.017));
  });

  it('EBS io2 IOPS tiers count per volume; magnetic volumes; the m1.small CloudFormation default', () => {
    const vol = res('AWS::EC2::Volume', 'Io2', { Size: 100, VolumeType: 'io2', Iops: 40000 });
    const mag = res('AWS::EC2::Volume', 'Mag', { Size: 100, VolumeType: 'standard' });
    const bare = res('AWS::EC2::Instance', 'Bare', { SubnetId: 'subnet-1' });
    const r = estimateCost([vol, mag, bare], { region: 'us-east-1' });
    const iops = linesOf(r, 'Io2').filter((l) => l.priceKey === 'ebs.io2.iops');
    expect(iops.map((l) => [l.quantity, l.unitPrice])).toEqual([
      [32000, price('ebs.io2.iops')],
      [8000, 0.0455],
    ]);
    expect(line(r, 'Mag', 'ebs.standard.storage')?.monthly).toBe(cents(100 * 0.05));
    expect(line(r, 'Bare', 'ec2.instance.m1.small')?.assumptions).toEqual(['InstanceType not set: m1.small, the CloudFormation default']);
  });

  it('Gateway Load Balancers, App Runner automatic deployments', () => {
    const r = estimateCost(
      [
        res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Gwlb', { Type: 'gateway' }),
        res('AWS::AppRunner::Service', 'App', { SourceConfiguration: { AutoDeploymentsEnabled: true } }),
      ],
      { region: 'eu-west-1', usage: { resources: new Map([['App', { activeHours: 730 }]]) } },
    );
    expect(line(r, 'Gwlb', 'elb.gwlb.hour')?.unitPrice).toBe(price('elb.gwlb.hour', 'eu-west-1'));
    expect(linesOf(r, 'Gwlb').some((l) => l.priceKey === 'vpc.public_ipv4')).toBe(false);
    expect(line(r, 'App', 'apprunner.auto_deploy')?.monthly).toBe(1);
  });

  it('AWS Backup: plans and selections are free; a vault is free until backups are stored in it, which are then reported', () => {
    const resources = [res('AWS::Backup::BackupVault', 'Vault'), res('AWS::Backup::BackupPlan', 'Plan'), res('AWS::Backup::BackupSelection', 'Sel')];
    const empty = estimateCost(resources, { region: 'us-east-1' });
    expect(empty.complete).toBe(true);
    expect(empty.free.map((f) => f.resource.id)).toEqual(['Vault', 'Plan', 'Sel']);
    const used = estimateCost(resources, { region: 'us-east-1', usage: { resources: new Map([['Vault', { storageGB: 50 }]]) } });
    expect(used.complete).toBe(false);
    expect(used.notPriced.map((n) => n.reason)).toEqual(['50 GB of AWS Backup storage: AWS Backup prices are not in the price feeds']);
  });
});
