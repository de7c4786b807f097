// Reproduces the cost tables of the seed documents with minimal CloudFormation-shaped
// architectures. Tolerances are stated per line with the reason for any gap.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateCost, formatCostText, isInputError, loadUsageProfile, type UsageProfile } from '../../src/cost/index.js';
import type { Resource } from '../../src/model/resource.js';
import { linesOf, ref, res, sum } from './helpers.js';

const within = (actual: number, expected: number, pct: number): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected} ±${pct}%`).toBeLessThanOrEqual((expected * pct) / 100 + 1e-9);
};

describe('001 ETF tracker (us-east-1)', () => {
  const resources = [
    res('AWS::EC2::Instance', 'Backend', { InstanceType: 't3.micro', BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 20, VolumeType: 'gp3' } }] }),
    res('AWS::EC2::EIP', 'BackendIp', { Domain: 'vpc', InstanceId: ref('Backend') }),
    res('AWS::S3::Bucket', 'Frontend'),
    res('AWS::CloudFront::Distribution', 'Cdn'),
    res('AWS::Logs::LogGroup', 'AppLogs'),
    res('AWS::EC2::SecurityGroup', 'BackendSg'),
  ];
  const usage: UsageProfile = {
    dataTransfer: { internetOutGB: 10 },
    resources: { Frontend: { storageGB: 20, putRequests: 10_000, getRequests: 100_000 }, Cdn: { dataOutGB: 50 }, AppLogs: { logIngestGB: 2 } },
  };
  const r = estimateCost(resources, { region: 'us-east-1', usage });

  it('prices each line within the document range', () => {
    // Doc $7.50 for "730 h × $0.0104" whose own arithmetic is $7.592: we print the exact product.
    expect(linesOf(r, 'Backend').find((l) => l.priceKey === 'ec2.instance.t3.micro')?.monthly).toBe(7.59);
    expect(linesOf(r, 'Backend').find((l) => l.priceKey === 'ebs.gp3.storage')?.monthly).toBe(1.6);
    // Doc $1–5 assumes the retired 50 GB tier; 50 GB is inside today's always-free 1 TB.
    expect(sum(r, ['CloudFront'])).toBe(0);
    // Doc $0.50: 20 GB × 0.023 = 0.46 plus small request volumes.
    expect(sum(r, ['S3'])).toBe(0.55);
    // Doc $0–2 ("first 1 GB free", pre-2021): 10 GB is inside today's 100 GB.
    expect(sum(r, ['Data Transfer'])).toBe(0);
    // Doc $0–1: ingestion inside the 5 GB free, 2 GB stored × 0.03.
    expect(sum(r, ['CloudWatch'])).toBe(0.06);
  });

  it('totals $10–15 and names what the document misses', () => {
    expect(r.monthlyTotal).toBeGreaterThanOrEqual(10);
    expect(r.monthlyTotal).toBeLessThanOrEqual(15);
    expect(r.monthlyTotal).toBe(13.45);
    expect(sum(r, ['VPC'])).toBe(3.65);
    const notes = r.notes.join('\n');
    expect(notes).toMatch(/Public IPv4: 1 address\(es\), \$3\.65\/month/);
    expect(notes).toMatch(/CloudFront: always free for 1 TB out and 10 M requests .* since 2021-12-01; the older "50 GB \+ 2 M requests for 12 months" offer is retired/);
    expect(r.notPriced).toEqual([]);
    expect(r.free.map((f) => f.resource.id)).toEqual(['BackendSg']);
  });

  it('renders a table like the document', () => {
    const text = formatCostText(r);
    expect(text).toMatch(/^Service\s+Configuration\s+Monthly$/m);
    expect(text).toMatch(/^EC2\s+Backend: t3\.micro Linux on-demand, 730 h .*\$7\.59$/m);
    expect(text).toMatch(/^Total\s+us-east-1, USD per month\s+\$13\.45$/m);
  });
});

/** The BankApp architecture of seed 003 for one environment (CloudFormation-shaped, literal). */
function bankapp(env: 'dev' | 'staging' | 'prod'): Resource[] {
  const task = { dev: ['256', '512', 1], staging: ['512', '1024', 2], prod: ['1024', '2048', 3] } as const;
  const [cpu, mem, desired] = task[env];
  const out: Resource[] = [
    res('AWS::EC2::VPC', 'Vpc', { CidrBlock: '10.0.0.0/16' }),
    res('AWS::EC2::Subnet', 'PublicA', { MapPublicIpOnLaunch: true }),
    res('AWS::EC2::Subnet', 'PublicB', { MapPublicIpOnLaunch: true }),
    res('AWS::EC2::Subnet', 'PrivateA', { VpcId: ref('Vpc') }),
    res('AWS::EC2::Subnet', 'PrivateB', { VpcId: ref('Vpc') }),
    res('AWS::EC2::InternetGateway', 'Igw'),
    res('AWS::EC2::VPCGatewayAttachment', 'IgwAttach', { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') }),
    res('AWS::EC2::EIP', 'NatAIp', { Domain: 'vpc' }),
    res('AWS::EC2::NatGateway', 'NatA', { SubnetId: ref('PublicA'), AllocationId: { 'Fn::GetAtt': ['NatAIp', 'AllocationId'] }, Tags: [{ Key: 'Role', Value: 'nat' }] }),
    res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', { Type: 'application', Subnets: [ref('PublicA'), ref('PublicB')] }),
    res('AWS::ElasticLoadBalancingV2::TargetGroup', 'ApiTg'),
    res('AWS::ElasticLoadBalancingV2::Listener', 'Https'),
    res('AWS::ECS::Cluster', 'Cluster'),
    res('AWS::ECS::TaskDefinition', 'ApiTask', { Cpu: cpu, Memory: mem, RequiresCompatibilities: ['FARGATE'], NetworkMode: 'awsvpc' }),
    res('AWS::ECS::Service', 'Api', { LaunchType: 'FARGATE', DesiredCount: desired, TaskDefinition: ref('ApiTask'), NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } } }),
    res('AWS::RDS::DBSubnetGroup', 'DbSubnets', { SubnetIds: [ref('PrivateA'), ref('PrivateB')] }),
    res('AWS::S3::Bucket', 'FrontendBucket', { Tags: [{ Key: 'Tier', Value: 'frontend' }] }),
    res('AWS::Logs::LogGroup', 'AppLogs'),
    res('AWS::EC2::SecurityGroup', 'AlbSg'),
    res('AWS::EC2::SecurityGroup', 'EcsSg'),
    res('AWS::EC2::SecurityGroup', 'RdsSg'),
  ];
  if (env === 'prod') {
    out.push(res('AWS::EC2::EIP', 'NatBIp', { Domain: 'vpc' }));
    out.push(res('AWS::EC2::NatGateway', 'NatB', { SubnetId: ref('PublicB'), AllocationId: { 'Fn::GetAtt': ['NatBIp', 'AllocationId'] }, Tags: [{ Key: 'Role', Value: 'nat' }] }));
  }
  const db = { dev: ['db.t3.micro', false, 20], staging: ['db.t3.small', true, 20], prod: ['db.t3.medium', true, 100] } as const;
  out.push(res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: db[env][0], MultiAZ: db[env][1], AllocatedStorage: String(db[env][2]), StorageType: 'gp3', BackupRetentionPeriod: 35, DBSubnetGroupName: ref('DbSubnets') }));
  if (env === 'prod') out.push(res('AWS::RDS::DBInstance', 'DbReplica', { SourceDBInstanceIdentifier: ref('Db'), DBInstanceClass: 'db.t3.medium', AllocatedStorage: '100', StorageType: 'gp3', DBSubnetGroupName: ref('DbSubnets') }));
  if (env !== 'dev') out.push(res('AWS::CloudFront::Distribution', 'Cdn', { DistributionConfig: { Enabled: true, ...(env === 'prod' ? { WebACLId: { 'Fn::GetAtt': ['Waf', 'Arn'] } } : {}) } }));
  if (env === 'prod') {
    out.push(res('AWS::WAFv2::WebACL', 'Waf', { Scope: 'CLOUDFRONT', Rules: [{ Name: 'common' }, { Name: 'sqli' }, { Name: 'rate' }] }));
    for (let i = 0; i < 30; i++) out.push(res('AWS::CloudWatch::Alarm', `Alarm${i}`, { Period: 300 }));
    for (let i = 0; i < 4; i++) out.push(res('AWS::CloudWatch::Dashboard', `Dashboard${i}`));
  }
  return out;
}

async function profile(env: string): Promise<UsageProfile> {
  const p = await loadUsageProfile(join(import.meta.dirname, '../../fixtures/usage', `bankapp-${env}.yaml`));
  if (isInputError(p)) throw new Error(p.message);
  return p;
}

// Document table (seed 003, "Estimated Monthly Costs") and our recomputation to the cent.
// Each doc figure is checked with the tolerance and the reason given next to it.
const DOC = {
  dev: { fargate: 10, rds: 15, s3cf: 5, alb: 20, nat: 30, dt: 5, cw: 5, total: 90 },
  staging: { fargate: 30, rds: 50, s3cf: 10, alb: 20, nat: 30, dt: 10, cw: 10, total: 160 },
  prod: { fargate: 150, rds: 200, s3cf: 50, alb: 40, nat: 60, dt: 50, cw: 30, total: 580 },
} as const;

describe('003 BankApp dev / staging / prod (us-east-1 assumed: the document names no region)', () => {
  it.each(['dev', 'staging', 'prod'] as const)('%s: each line of the table', async (env) => {
    const r = estimateCost(bankapp(env), { region: 'us-east-1', usage: await profile(env) });
    const doc = DOC[env];
    const notIpv4 = (k: string): boolean => k !== 'vpc.public_ipv4';
    const line = {
      fargate: sum(r, ['ECS Fargate']),
      rds: sum(r, ['RDS']),
      s3cf: sum(r, ['S3', 'CloudFront']),
      alb: sum(r, ['ELB'], notIpv4),
      nat: sum(r, ['NAT Gateway']),
      dt: sum(r, ['Data Transfer']),
      cw: sum(r, ['CloudWatch']),
    };
    const exact = {
      dev: { fargate: 9.01, rds: 15.44, s3cf: 4.1, alb: 19.35, nat: 32.85, dt: 5.04, cw: 4.92 },
      staging: { fargate: 36.04, rds: 57.16, s3cf: 9.6, alb: 19.35, nat: 32.85, dt: 9.99, cw: 10.22 },
      prod: { fargate: 144.16, rds: 192.18, s3cf: 48.37, alb: 39.79, nat: 65.7, dt: 50.04, cw: 30.2 },
    }[env];
    expect(line).toEqual(exact);

    // Fargate: dev 1 task (doc 10 → 9.01, −10%); staging 2 × 0.5 vCPU/1 GB = 36.04 against the
    // doc's 30 (+20%: the doc's figure fits ~1.66 tasks or ARM); prod 4 tasks average (doc 150 = 4.16).
    within(line.fargate, doc.fargate, env === 'staging' ? 21 : 10);
    // RDS: staging's doc 50 is the Multi-AZ instance alone (52.56); storage adds 4.60 (+15%).
    within(line.rds, doc.rds, 15);
    // S3 + CloudFront: usage chosen as in the price research; CloudFront free up to 1 TB.
    within(line.s3cf, doc.s3cf, 18);
    // ALB: 16.43 hourly + LCUs (0.5 dev/staging, 4 prod).
    within(line.alb, doc.alb, 5);
    // NAT: the doc's 30 is one gateway × 730 h × 0.045 = 32.85 rounded down (−9%); prod has two.
    within(line.nat, doc.nat, 10);
    within(line.dt, doc.dt, 1);
    within(line.cw, doc.cw, 3);

    // The total of the document's lines within 15%; public IPv4 and WAF are not in the document.
    const docLines = Object.values(line).reduce((a, b) => a + b, 0);
    within(docLines, doc.total, 15);
    // The databases' addresses count too: PubliclyAccessible is unset and the subnet group's VPC
    // has an internet gateway, so AWS makes them public (DB-001 fails the same templates).
    const ipv4 = sum(r, ['VPC', 'ELB'], (k) => k === 'vpc.public_ipv4');
    expect(ipv4).toBe(env === 'prod' ? 21.9 : 14.6);
    const dbIp = linesOf(r, 'Db').find((l) => l.priceKey === 'vpc.public_ipv4');
    expect(dbIp?.monthly).toBe(3.65);
    expect(dbIp?.description).toMatch(/subnet group's VPC Vpc has an internet gateway/);
    const waf = sum(r, ['WAF']);
    expect(waf).toBe(env === 'prod' ? 12.8 : 0);
    expect(r.monthlyTotal).toBe(Math.round((docLines + ipv4 + waf) * 100) / 100);
    expect(r.notPriced).toEqual([]);
  });

  it('the document\'s own totals add up; the Environment Specifications ranges do not match the table', () => {
    for (const d of Object.values(DOC)) expect(d.fargate + d.rds + d.s3cf + d.alb + d.nat + d.dt + d.cw).toBe(d.total);
    // "Cost: ~$30-50/month" (dev) and "~$100-150" (staging) vs the table's ~$90 and ~$160: the
    // NAT gateway and ALB alone are ~$52 a month, so the specification ranges are too low.
  });
});

describe('000 expense tracker: free-tier claims', () => {
  const resources = [
    res('AWS::EC2::Subnet', 'Public', { MapPublicIpOnLaunch: true }),
    res('AWS::EC2::Instance', 'App', { InstanceType: 't2.micro', SubnetId: ref('Public') }),
    res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, PubliclyAccessible: false }),
    res('AWS::ElasticLoadBalancing::LoadBalancer', 'Clb', { Subnets: [ref('Public')] }),
    res('AWS::CloudFront::Distribution', 'Cdn'),
    res('AWS::Route53::HostedZone', 'Zone'),
    res('AWS::CertificateManager::Certificate', 'Cert'),
  ];
  const usage: UsageProfile = { resources: { Zone: { queriesMillions: 0 }, Clb: { processedGB: 0 } } };

  it('list prices: Route 53 $0.50, Classic LB $18.25 (the doc\'s ~$16 is the ALB hourly rate)', () => {
    const r = estimateCost(resources, { region: 'us-east-1', usage });
    expect(linesOf(r, 'Zone').find((l) => l.priceKey === 'route53.zone')?.monthly).toBe(0.5);
    expect(linesOf(r, 'Clb').find((l) => l.priceKey === 'elb.clb.hour')?.monthly).toBe(18.25);
    expect(linesOf(r, 'App').find((l) => l.priceKey === 'ec2.instance.t2.micro')?.monthly).toBe(8.47);
    expect(linesOf(r, 'Db').find((l) => l.priceKey.startsWith('rds.postgres'))?.monthly).toBe(13.14);
    expect(r.free.map((f) => f.resource.id)).toEqual(['Public', 'Cert']);
  });

  it('legacy free tier: EC2 and RDS micro hours free, CLB hours free too (the doc says it is not), Route 53 never free', () => {
    const r = estimateCost(resources, { region: 'us-east-1', usage, freeTier: 'legacy' });
    const app = linesOf(r, 'App').find((l) => l.priceKey === 'ec2.instance.t2.micro');
    expect(app?.monthly).toBe(0);
    expect(app?.freeAllowance).toBe('legacy free tier 750 h t2/t3.micro');
    expect(linesOf(r, 'Db').every((l) => l.monthly === 0)).toBe(true);
    expect(linesOf(r, 'Clb').find((l) => l.priceKey === 'elb.clb.hour')?.monthly).toBe(0);
    expect(linesOf(r, 'Zone').find((l) => l.priceKey === 'route53.zone')?.monthly).toBe(0.5);
    // The 750 free IPv4 hours cover the instance's address (730 h); the CLB's one address (one subnet) gets the other 20 h.
    expect(linesOf(r, 'App').find((l) => l.priceKey === 'vpc.public_ipv4')?.monthly).toBe(0);
    expect(linesOf(r, 'Clb').find((l) => l.priceKey === 'vpc.public_ipv4')?.monthly).toBe(3.55);
    expect(r.notes[0]).toMatch(/Legacy 12-month free tier applied/);
  });
});

describe('004 PeriodTracker in ap-south-1 (App Runner + Aurora PostgreSQL)', () => {
  const resources = [
    res('AWS::AppRunner::Service', 'Cms', { InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' } }),
    res('AWS::AppRunner::Service', 'Api', { InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' } }),
    res('AWS::RDS::DBCluster', 'Cluster', { Engine: 'aurora-postgresql', ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 } }),
    res('AWS::RDS::DBInstance', 'Writer', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.serverless', DBClusterIdentifier: ref('Cluster') }),
    res('AWS::ECR::Repository', 'CmsRepo'),
    res('AWS::ECR::Repository', 'ApiRepo'),
  ];
  const usage: UsageProfile = { defaults: { activeHours: 61 }, resources: { CmsRepo: { storageGB: 2 }, ApiRepo: { storageGB: 2 } } };

  it('prices what the catalog has for Mumbai and reports the rest, never with us-east-1 prices', () => {
    const r = estimateCost(resources, { region: 'ap-south-1', usage });
    expect(r.region).toBe('ap-south-1');
    const reasons = r.notPriced.map((n) => `${n.resource.id}: ${n.reason}`);
    expect(reasons).toContain('Cms: no price for App Runner active vCPU-hours in ap-south-1 (catalog embedded, 2026-11-22)');
    expect(reasons).toContain('Writer: no price for Aurora Serverless v2 ACU-hours in ap-south-1 (catalog embedded, 2026-11-22)');
    expect(reasons.some((x) => x.startsWith('Cluster: no price for Aurora storage in ap-south-1'))).toBe(true);
    // ECR: one Mumbai bill (cost ÷ quantity, grade C), flagged as unconfirmed.
    expect(r.lines.map((l) => [l.resource.id, l.priceKey, l.monthly, l.confidence])).toEqual([
      ['CmsRepo', 'ecr.storage', 0.2, 'C'],
      ['ApiRepo', 'ecr.storage', 0.2, 'C'],
    ]);
    expect(r.notes.join('\n')).toMatch(/Unconfirmed prices \(grade C\/U\) in 2 line\(s\): ecr\.storage \(C\)/);
    expect(r.notes.join('\n')).toMatch(/not priced; the total leaves them out/);
  });

  it('the same architecture is fully priced in us-east-1 (App Runner 2 h/day active = $14.12 per service)', () => {
    const r = estimateCost(resources, { region: 'us-east-1', usage });
    expect(r.notPriced).toEqual([]);
    expect(sum(r, ['App Runner'])).toBe(28.24);
  });
});
