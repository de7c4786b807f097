// COST-001/002/003 in `scan`: the same budget rule as `cost --budget` (an incomplete estimate never
// passes), and each advisory on the resource of its own input, priced in that input's region.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ESTIMATORS } from '../../src/cost/estimators/index.js';
import { effectiveConfig } from '../../src/engine/config.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { ADVISORY_SUBJECTS } from '../../src/rules/cost/estimate-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cost-rules-'));
const incomplete = join(dir, 'incomplete.yaml');
writeFileSync(
  incomplete,
  'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n',
);
const cost = (paths: string[], config = effectiveConfig()) => scanTemplates(paths, { config }).findings.filter((f) => f.ruleId.startsWith('COST-'));

describe('COST-001 follows the budget gate of `cost`', () => {
  it('an estimate with unpriced items under the budget still fails, naming why; allowUnpriced lets it pass', () => {
    const f = cost([incomplete], effectiveConfig({ budget: 100 })).filter((x) => x.ruleId === 'COST-001');
    expect(f.map((x) => x.message)).toEqual([
      expect.stringMatching(/^The estimate is incomplete: 1 item\(s\) not priced \(first: Stream: no estimator for AWS::Kinesis::Stream\)/),
    ]);
    expect(cost([incomplete], effectiveConfig({ budget: 100, allowUnpriced: true })).filter((x) => x.ruleId === 'COST-001')).toEqual([]);
    expect(
      cost([incomplete], effectiveConfig({ budget: 10, allowUnpriced: true }))
        .filter((x) => x.ruleId === 'COST-001')
        .map((x) => x.message),
    ).toEqual([expect.stringMatching(/^Estimated at least \$33\.30\/month in us-east-1 exceeds the budget of \$10\.00/)]);
  });
});

describe('advisories land on the resource of their own input', () => {
  it("003 dev and prod share logical ids; each Database gets its own class's advice and each IPv4 is counted once", () => {
    const both = cost(['fixtures/seeds/003-bankapp-dev.yaml', 'fixtures/seeds/003-bankapp-prod.yaml']);
    const alone = [...cost(['fixtures/seeds/003-bankapp-dev.yaml']), ...cost(['fixtures/seeds/003-bankapp-prod.yaml'])];
    const brief = (fs: typeof both) => fs.map((f) => `${f.ruleId} ${f.resource.file} ${f.resource.id} ${f.message}`).sort();
    expect(brief(both)).toEqual(brief(alone));
    const db = both.filter((f) => f.ruleId === 'COST-002' && f.resource.id === 'Database').map((f) => [f.resource.file, f.message.split(' ')[0]]);
    expect(db.sort()).toEqual([
      ['fixtures/seeds/003-bankapp-dev.yaml', 'db.t3.micro'],
      ['fixtures/seeds/003-bankapp-prod.yaml', 'db.t3.medium'],
    ]);
  });

  it('the hardened 002 cdk.out is advised at eu-west-1 prices while 001 stays at us-east-1', () => {
    const f = cost(['fixtures/seeds/001-etf-tracker.yaml', 'fixtures/seeds/hardened/002-expenses-app.cdk.out']);
    const ipv4 = f.filter((x) => x.ruleId === 'COST-003');
    expect(ipv4.filter((x) => x.resource.file === 'fixtures/seeds/001-etf-tracker.yaml').every((x) => / in us-east-1 /.test(x.message))).toBe(true);
    expect(ipv4.filter((x) => x.resource.file?.includes('002-expenses-app.cdk.out')).every((x) => / in eu-west-1 /.test(x.message))).toBe(true);
    expect(ipv4.some((x) => x.resource.file?.includes('002-expenses-app.cdk.out'))).toBe(true);
  });
});

describe('COST-002/003 skip pricing an input with nothing to advise on', () => {
  // The skip must never lose an advisory: scanning with every priced type counted as a subject
  // (no skip at all) gives the same COST findings on the fixtures, the peer corpus, and one
  // template per subject holding that subject alone.
  const corpus = join(fileURLToPath(new URL('../../../shared/corpus/templates', import.meta.url)));
  const alone = mkdtempSync(join(tmpdir(), 'stackaudit-advisory-subjects-'));
  const subjects: Record<string, string> = {
    'AWS::EC2::Instance': 'InstanceType: t3.micro\n      ImageId: ami-1',
    'AWS::AutoScaling::AutoScalingGroup': 'MinSize: "1"\n      MaxSize: "1"\n      LaunchConfigurationName: !Ref Config',
    'AWS::RDS::DBInstance': 'DBInstanceClass: db.t3.micro\n      Engine: mysql\n      AllocatedStorage: "20"',
    'AWS::ElastiCache::CacheCluster': 'CacheNodeType: cache.t3.micro\n      Engine: redis\n      NumCacheNodes: 1',
    'AWS::ElastiCache::ReplicationGroup': 'CacheNodeType: cache.m5.large\n      Engine: redis\n      ReplicationGroupDescription: r',
    'AWS::EC2::EIP': 'Domain: vpc',
    'AWS::EC2::NatGateway': 'SubnetId: subnet-1',
    'AWS::ECS::Service':
      'LaunchType: FARGATE\n      DesiredCount: 1\n      TaskDefinition: !Ref Task\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          AssignPublicIp: ENABLED\n          Subnets: [subnet-1]',
    'AWS::ElasticLoadBalancing::LoadBalancer': 'Listeners: [{LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP}]\n      AvailabilityZones: [us-east-1a]',
    'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Type: application\n      Subnets: [subnet-1, subnet-2]',
  };
  for (const [type, props] of Object.entries(subjects)) {
    // What a subject needs beside it to be priced: never a subject itself.
    const helpers: Record<string, string> = {
      'AWS::AutoScaling::AutoScalingGroup':
        '\n  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: t3.micro\n      AssociatePublicIpAddress: true',
      'AWS::ECS::Service': '\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: "256"\n      Memory: "512"\n      RequiresCompatibilities: [FARGATE]',
    };
    const config = helpers[type] ?? '';
    writeFileSync(join(alone, `${type.replace(/::/g, '-')}.yaml`), `Resources:\n  Subject:\n    Type: ${type}\n    Properties:\n      ${props}${config}\n`);
  }
  const inputs = ['fixtures', alone, ...(existsSync(corpus) ? [corpus] : [])];

  it('lists every subject, and each one alone gets its advisory', () => {
    expect(Object.keys(subjects).sort()).toEqual([...ADVISORY_SUBJECTS].sort());
    for (const type of Object.keys(subjects)) {
      const found = cost([join(alone, `${type.replace(/::/g, '-')}.yaml`)]).filter((f) => f.ruleId === 'COST-002' || f.ruleId === 'COST-003');
      expect(found.length, type).toBeGreaterThan(0);
    }
  });

  it('gives the same advisories as pricing every input', () => {
    const skipped = cost(inputs);
    const all = ADVISORY_SUBJECTS as Set<string>;
    const added = Object.keys(ESTIMATORS).filter((t) => !all.has(t));
    for (const t of added) all.add(t);
    let full: ReturnType<typeof cost>;
    try {
      full = cost(inputs);
    } finally {
      for (const t of added) all.delete(t);
    }
    expect(added.length).toBeGreaterThan(10);
    expect(skipped.length).toBeGreaterThan(20);
    expect(skipped).toEqual(full);
  });
});
