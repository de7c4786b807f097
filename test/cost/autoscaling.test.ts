import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/index.js';
import { linesOf, ref, res } from './helpers.js';

const E1 = { region: 'us-east-1' } as const;
const cents = (n: number): number => Math.round(n * 100) / 100;

const lt = (data: Record<string, unknown>) => res('AWS::EC2::LaunchTemplate', 'Lt', { LaunchTemplateData: data });

describe('Auto Scaling groups are priced through their launch template or configuration', () => {
  it("DesiredCapacity × instance-hours, each instance's volumes, public IPv4 from the subnets", () => {
    const r = estimateCost(
      [
        res('AWS::EC2::Subnet', 'PubA', { MapPublicIpOnLaunch: true }),
        res('AWS::EC2::Subnet', 'PubB', { MapPublicIpOnLaunch: true }),
        lt({ InstanceType: 'm5.large', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, VolumeType: 'gp3' } }] }),
        res('AWS::AutoScaling::AutoScalingGroup', 'Asg', {
          MinSize: '1',
          MaxSize: '6',
          DesiredCapacity: '3',
          VPCZoneIdentifier: [ref('PubA'), ref('PubB')],
          LaunchTemplate: { LaunchTemplateId: ref('Lt'), Version: '1' },
        }),
      ],
      E1,
    );
    const l = linesOf(r, 'Asg');
    const hours = l.find((x) => x.priceKey === 'ec2.instance.m5.large');
    expect(hours?.quantity).toBe(3 * 730);
    expect(hours?.monthly).toBe(cents(3 * 730 * 0.096));
    expect(l.find((x) => x.priceKey === 'ebs.gp3.storage')?.monthly).toBe(cents(3 * 30 * 0.08));
    const ip = l.find((x) => x.priceKey === 'vpc.public_ipv4');
    expect(ip?.count).toBe(3);
    expect(ip?.monthly).toBe(10.95);
    // The launch template itself costs nothing.
    expect(r.notPriced.map((n) => n.resource.id)).not.toContain('Lt');
  });

  it("without DesiredCapacity takes MinSize and says so; the usage profile's instanceCount wins", () => {
    const resources = [
      res('AWS::EC2::Subnet', 'Priv', { MapPublicIpOnLaunch: false }),
      lt({ InstanceType: 't3.small' }),
      res('AWS::AutoScaling::AutoScalingGroup', 'Asg', { MinSize: '2', MaxSize: '8', VPCZoneIdentifier: [ref('Priv')], LaunchTemplate: { LaunchTemplateName: ref('Lt') } }),
    ];
    const byMin = linesOf(estimateCost(resources, E1), 'Asg');
    const line = byMin.find((x) => x.priceKey === 'ec2.instance.t3.small');
    expect(line?.quantity).toBe(2 * 730);
    expect(line?.description).toMatch(/assumed MinSize 2 instances \(MaxSize 8\)/);
    // Private subnets: no public address; no mappings: the AMI root volume (8 GB gp3) per instance.
    expect(byMin.some((x) => x.priceKey === 'vpc.public_ipv4')).toBe(false);
    expect(byMin.find((x) => x.priceKey === 'ebs.gp3.storage')?.quantity).toBe(16);
    const given = linesOf(estimateCost(resources, { ...E1, usage: { resources: { Asg: { instanceCount: 5 } } } }), 'Asg');
    expect(given.find((x) => x.priceKey === 'ec2.instance.t3.small')?.quantity).toBe(5 * 730);
  });

  it('a legacy launch configuration; MixedInstancesPolicy prices its first override and flags Spot as an upper bound', () => {
    const r = estimateCost(
      [
        res('AWS::AutoScaling::LaunchConfiguration', 'Lc', { InstanceType: 'c5.large', AssociatePublicIpAddress: true }),
        res('AWS::AutoScaling::AutoScalingGroup', 'Legacy', { MinSize: '1', MaxSize: '1', LaunchConfigurationName: ref('Lc'), AvailabilityZones: ['us-east-1a'] }),
        lt({ InstanceType: 'm5.large' }),
        res('AWS::AutoScaling::AutoScalingGroup', 'Mixed', {
          MinSize: '2',
          MaxSize: '2',
          MixedInstancesPolicy: {
            InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 25 },
            LaunchTemplate: {
              LaunchTemplateSpecification: { LaunchTemplateId: ref('Lt'), Version: '1' },
              Overrides: [{ InstanceType: 'c5.xlarge' }, { InstanceType: 'm5.xlarge' }],
            },
          },
        }),
      ],
      E1,
    );
    expect(linesOf(r, 'Legacy').find((x) => x.priceKey === 'ec2.instance.c5.large')?.monthly).toBe(cents(730 * 0.085));
    expect(linesOf(r, 'Legacy').find((x) => x.priceKey === 'vpc.public_ipv4')?.count).toBe(1);
    expect(r.notPriced.map((n) => n.resource.id)).not.toContain('Lc');
    const mixed = linesOf(r, 'Mixed').find((x) => x.priceKey.startsWith('ec2.instance.'));
    expect(mixed?.priceKey).toBe('ec2.instance.c5.xlarge');
    expect(mixed?.description).toMatch(/2 instance types: all priced as the first/);
    expect(mixed?.description).toMatch(/Spot share \(75% above base capacity\) priced at on-demand/);
  });

  it('a group whose launch template is outside the scan is reported, not dropped; zero instances cost nothing', () => {
    const r = estimateCost(
      [
        res('AWS::AutoScaling::AutoScalingGroup', 'Ext', { MinSize: '1', MaxSize: '2', LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', Version: '$Latest' } }),
        res('AWS::AutoScaling::AutoScalingGroup', 'Off', { MinSize: '0', MaxSize: '2', DesiredCapacity: 0, LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0' } }),
      ],
      E1,
    );
    expect(r.notPriced.find((n) => n.resource.id === 'Ext')?.reason).toMatch(/instance type unknown/);
    expect(linesOf(r, 'Off')).toEqual([]);
    expect(r.notPriced.some((n) => n.resource.id === 'Off')).toBe(false);
  });

  it('an EC2 instance launched from a launch template takes its type and volumes from it', () => {
    const r = estimateCost(
      [
        lt({ InstanceType: 't3.medium', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 40, VolumeType: 'gp3' } }] }),
        res('AWS::EC2::Instance', 'Box', { LaunchTemplate: { LaunchTemplateId: ref('Lt') }, SubnetId: 'subnet-1' }),
      ],
      E1,
    );
    const l = linesOf(r, 'Box');
    expect(l.find((x) => x.priceKey === 'ec2.instance.t3.medium')?.monthly).toBe(cents(730 * 0.0416));
    expect(l.find((x) => x.priceKey === 'ebs.gp3.storage')?.quantity).toBe(40);
  });
});

describe('COST-002 on Auto Scaling groups', () => {
  it("proposes the Graviton type of the launch template's instances, with the saving for the whole group", async () => {
    const { costAdvisories } = await import('../../src/cost/index.js');
    const resources = [
      lt({ InstanceType: 't3.medium' }),
      res('AWS::AutoScaling::AutoScalingGroup', 'Asg', { MinSize: '2', MaxSize: '2', LaunchTemplate: { LaunchTemplateId: ref('Lt') } }),
    ];
    const report = estimateCost(resources, E1);
    const adv = costAdvisories(resources, report).filter((a) => a.ruleId === 'COST-002');
    expect(adv).toHaveLength(1);
    expect(adv[0]?.resource.id).toBe('Asg');
    expect(adv[0]?.monthly).toBe(cents((0.0416 - 0.0336) * 2 * 730));
    expect(adv[0]?.message).toMatch(/t3\.medium \(x86\) has a Graviton equivalent t4g\.medium/);
  });
});
