import { describe, expect, it } from 'vitest';
import { compareCost, costAdvisories, estimateCost, formatComparisonMarkdown, formatComparisonText, formatCostJson, formatCostMarkdown } from '../../src/cost/index.js';
import { ref, res } from './helpers.js';

const base = [
  res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro', SubnetId: ref('Priv') }),
  res('AWS::EC2::Subnet', 'Priv'),
  res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.t3.small', AllocatedStorage: 20 }),
];
const head = [
  ...base.filter((r) => r.id !== 'Db'),
  res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.t3.small', MultiAZ: true, AllocatedStorage: 20 }),
  res('AWS::EC2::NatGateway', 'Nat'),
  res('AWS::Kinesis::Stream', 'Stream'),
];

describe('formatters', () => {
  const r = estimateCost(base, { region: 'us-east-1' });
  it('JSON keeps the contract fields', () => {
    const j = JSON.parse(formatCostJson(r)) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['currency', 'region', 'monthlyTotal', 'lines', 'notPriced', 'notes']));
    expect((j['lines'] as Record<string, unknown>[])[0]).toMatchObject({
      resource: { id: 'Web', type: 'AWS::EC2::Instance' },
      service: 'EC2',
      quantity: 730,
      unit: 'Hrs',
      unitPrice: 0.0104,
      monthly: 7.59,
    });
  });
  it('Markdown has a table and a total', () => {
    const md = formatCostMarkdown(r);
    expect(md).toMatch(/^### Estimated monthly cost: \$\d+\.\d\d \(us-east-1\)$/m);
    expect(md).toMatch(/^\| EC2 \| Web: t3\.micro Linux on-demand, 730 h .* \| \$7\.59 \|$/m);
    expect(md).toMatch(/^\| \*\*Total\*\* \| \| \*\*\$\d+\.\d\d\*\* \|$/m);
  });
});

describe('compareCost', () => {
  const b = estimateCost(base, { region: 'us-east-1' });
  const h = estimateCost(head, { region: 'us-east-1' });
  const c = compareCost(b, h);
  it('shows what the change adds, per resource and in total', () => {
    expect(c.delta).toBe(Math.round((h.monthlyTotal - b.monthlyTotal) * 100) / 100);
    const byId = Object.fromEntries(c.resources.map((x) => [x.resource.id, [x.status, x.delta]]));
    // Single-AZ → Multi-AZ: 730 × (0.072 − 0.036) + 20 × (0.23 − 0.115).
    expect(byId['Db']).toEqual(['changed', 28.58]);
    expect(byId['Nat']?.[0]).toBe('added');
    expect(byId['Stream']).toEqual(['added', 0]);
    expect(byId['Web']).toBeUndefined();
    expect(c.newlyNotPriced.map((n) => n.resource.id)).toEqual(['Stream']);
    expect(formatComparisonText(c)).toMatch(/^Db\s+AWS::RDS::DBInstance\s+changed\s+\$\d+\.\d\d\s+\$\d+\.\d\d\s+\+\$28\.58$/m);
    expect(formatComparisonMarkdown(c)).toMatch(/^### Monthly cost change: \+\$\d+\.\d\d/);
  });
});

describe('costAdvisories', () => {
  const resources = [
    res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro', SubnetId: ref('Pub') }),
    res('AWS::EC2::Subnet', 'Pub', { MapPublicIpOnLaunch: true }),
    res('AWS::EC2::Instance', 'Big', { InstanceType: 'm5.large', SubnetId: 'subnet-x' }),
    res('AWS::EC2::Instance', 'Arm', { InstanceType: 't4g.micro', SubnetId: 'subnet-x' }),
    res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20 }),
    res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', { Subnets: ['a', 'b'] }),
  ];
  const r = estimateCost(resources, { region: 'us-east-1' });
  const adv = costAdvisories(resources, r, { budget: 50 });
  it('COST-001 over budget', () => {
    // Two instances sit in subnets outside the scan: their public IPv4 is unknown, so the total is a lower bound.
    expect(r.complete).toBe(false);
    expect(adv.filter((a) => a.ruleId === 'COST-001').map((a) => a.message)).toEqual([
      expect.stringMatching(/^Estimated at least \$\d+\.\d\d\/month in us-east-1 exceeds the budget of \$50\.00 by at least/),
    ]);
    // Under the budget but incomplete: still a finding, unless unpriced items are allowed.
    expect(
      costAdvisories(resources, r, { budget: 1000 })
        .filter((a) => a.ruleId === 'COST-001')
        .map((a) => a.message),
    ).toEqual([expect.stringMatching(/^The estimate is incomplete: 2 item\(s\) not priced .*cannot be shown to stay within the budget of \$1000\.00/)]);
    expect(costAdvisories(resources, r, { budget: 1000, allowUnpriced: true }).some((a) => a.ruleId === 'COST-001')).toBe(false);
  });
  it('COST-002 Graviton equivalents with the saving from the catalog', () => {
    const g = Object.fromEntries(adv.filter((a) => a.ruleId === 'COST-002').map((a) => [a.resource.id, a]));
    expect(g['Web']?.monthly).toBe(1.46); // 730 × (0.0104 − 0.0084)
    expect(g['Web']?.message).toMatch(/t3\.micro \(x86\) has a Graviton equivalent t4g\.micro: \$1\.46\/month less \(19%/);
    expect(g['Big']?.monthly).toBe(13.87); // 730 × (0.096 − 0.077)
    expect(g['Db']?.monthly).toBe(1.46); // 730 × (0.018 − 0.016)
    expect(g['Arm']).toBeUndefined();
  });
  it('COST-002 says when a saving cannot be computed', () => {
    // t2 instances are not offered in Cape Town (the feed has t4g there, not t2).
    const x = res('AWS::EC2::Instance', 'X', { InstanceType: 't2.micro', SubnetId: 's' });
    const rr = estimateCost([x], { region: 'af-south-1' });
    const a = costAdvisories([x], rr);
    expect(a[0]?.message).toMatch(/t4g\.micro; saving not computed: no price for t2\.micro in af-south-1/);
  });
  it('COST-003 public IPv4 count and monthly cost', () => {
    const ip = adv.filter((a) => a.ruleId === 'COST-003').map((a) => [a.resource.id, a.monthly, a.message]);
    expect(ip).toEqual([
      ['Web', 3.65, expect.stringMatching(/^1 public IPv4 address: \$3\.65\/month/)],
      // No DBSubnetGroupName and PubliclyAccessible unset: public in the default VPC.
      ['Db', 3.65, expect.stringMatching(/^1 public IPv4 address/)],
      ['Alb', 7.3, expect.stringMatching(/^2 public IPv4 addresses: \$7\.30\/month/)],
    ]);
  });
});
