import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { permissionToRules } from '../../../src/scanners/account/ec2.js';
import { createSnapshotCallSource } from '../../../src/scanners/account/snapshot.js';
import { ACCOUNT, ok, snapshotOf } from './helpers.js';

const R = 'eu-west-1';

async function collectEc2(outputs: Record<string, Record<string, unknown>>): Promise<Resource[]> {
  // Versions selects what DescribeLaunchTemplateVersions returns, so it is identifying input.
  const calls = Object.entries(outputs).map(([op, output]) => ok('ec2', op, R, op === 'DescribeLaunchTemplateVersions' ? { Versions: ['$Default'] } : {}, output));
  const result = await collectAccount({ source: createSnapshotCallSource(snapshotOf(calls)), regions: [R], services: ['ec2'] });
  return result.resources;
}

describe('security group rules', () => {
  it('maps each source of a permission to one rule, per direction', () => {
    const permission = {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'vpn' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      UserIdGroupPairs: [{ GroupId: 'sg-lb', UserId: ACCOUNT }],
      PrefixListIds: [{ PrefixListId: 'pl-3b927c52', Description: 'cloudfront' }],
    };
    expect(permissionToRules(permission, 'ingress')).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8', Description: 'vpn' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'sg-lb', SourceSecurityGroupOwnerId: ACCOUNT },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: 'pl-3b927c52', Description: 'cloudfront' },
    ]);
    expect(permissionToRules(permission, 'egress').slice(2)).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: 'sg-lb' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-3b927c52', Description: 'cloudfront' },
    ]);
  });

  it('keeps numeric protocols and ICMP type/code as given', () => {
    expect(permissionToRules({ IpProtocol: '50', IpRanges: [{ CidrIp: '1.2.3.4/32' }] }, 'ingress')).toEqual([{ IpProtocol: '50', CidrIp: '1.2.3.4/32' }]);
    expect(permissionToRules({ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'ingress')).toEqual([
      { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, CidrIp: '0.0.0.0/0' },
    ]);
  });
});

describe('EC2 collector', () => {
  it('maps the network: VPCs, subnets, route tables with routes and associations, gateways, prefix lists', async () => {
    const resources = await collectEc2({
      DescribeVpcs: { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: true }] },
      DescribeSubnets: { Subnets: [{ SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a', MapPublicIpOnLaunch: true }] },
      DescribeRouteTables: {
        RouteTables: [
          {
            RouteTableId: 'rtb-main',
            VpcId: 'vpc-1',
            Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-main', RouteTableId: 'rtb-main' }],
            Routes: [
              { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
              { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' },
              { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1' },
            ],
          },
          {
            RouteTableId: 'rtb-private',
            VpcId: 'vpc-1',
            Associations: [{ Main: false, SubnetId: 'subnet-a', RouteTableAssociationId: 'rtbassoc-1', RouteTableId: 'rtb-private' }],
            Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }],
          },
        ],
      },
      DescribeInternetGateways: {
        InternetGateways: [
          { InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-1', State: 'available' }] },
          { InternetGatewayId: 'igw-loose', Attachments: [] },
        ],
      },
      DescribeNatGateways: {
        NatGateways: [
          { NatGatewayId: 'nat-1', SubnetId: 'subnet-a', VpcId: 'vpc-1', ConnectivityType: 'public', State: 'available' },
          { NatGatewayId: 'nat-old', SubnetId: 'subnet-a', State: 'deleted' },
        ],
      },
      DescribeManagedPrefixLists: {
        PrefixLists: [
          {
            PrefixListId: 'pl-3b927c52',
            AddressFamily: 'IPv4',
            PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing',
            OwnerId: 'AWS',
            PrefixListArn: 'arn:aws:ec2:eu-west-1:aws:prefix-list/pl-3b927c52',
          },
        ],
      },
    });
    const byType = (t: string): Resource[] => resources.filter((r) => r.type === t);
    expect(byType('AWS::EC2::VPC')[0]?.properties).toEqual({ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: true });
    expect(byType('AWS::EC2::Subnet')[0]?.properties).toMatchObject({ SubnetId: 'subnet-a', MapPublicIpOnLaunch: true, AvailabilityZone: 'eu-west-1a' });
    expect(byType('AWS::EC2::RouteTable').map((r) => [r.id, r.properties['Main']])).toEqual([
      ['rtb-main', true],
      ['rtb-private', false],
    ]);
    expect(byType('AWS::EC2::Route').map((r) => r.id)).toEqual(['rtb-main:0.0.0.0/0', 'rtb-main:10.0.0.0/16', 'rtb-main:::/0', 'rtb-private:0.0.0.0/0']);
    expect(byType('AWS::EC2::Route').find((r) => r.id === 'rtb-main:0.0.0.0/0')?.properties).toEqual({
      RouteTableId: 'rtb-main',
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: 'igw-1',
      State: 'active',
    });
    expect(byType('AWS::EC2::Route').find((r) => r.id === 'rtb-private:0.0.0.0/0')?.properties).toMatchObject({ NatGatewayId: 'nat-1' });
    // Only explicit associations: the main table's implicit one is its Main flag.
    expect(byType('AWS::EC2::SubnetRouteTableAssociation').map((r) => r.properties)).toEqual([{ SubnetId: 'subnet-a', RouteTableId: 'rtb-private' }]);
    expect(byType('AWS::EC2::InternetGateway').map((r) => r.id)).toEqual(['igw-1', 'igw-loose']);
    expect(byType('AWS::EC2::VPCGatewayAttachment').map((r) => r.properties)).toEqual([{ VpcId: 'vpc-1', InternetGatewayId: 'igw-1' }]);
    expect(byType('AWS::EC2::NatGateway').map((r) => r.id)).toEqual(['nat-1']);
    expect(byType('AWS::EC2::PrefixList')[0]).toMatchObject({
      id: 'pl-3b927c52',
      properties: { PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing', AddressFamily: 'IPv4' },
    });
  });

  it('maps instances (IMDS, groups, public IP, user data unknown), launch templates, volumes and addresses', async () => {
    const resources = await collectEc2({
      DescribeInstances: {
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-1',
                InstanceType: 't3.small',
                ImageId: 'ami-1',
                SubnetId: 'subnet-a',
                State: { Name: 'running', Code: 16 },
                Placement: { AvailabilityZone: 'eu-west-1a' },
                SecurityGroups: [{ GroupId: 'sg-web', GroupName: 'web' }],
                MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', State: 'applied' },
                PublicIpAddress: '203.0.113.10',
                NetworkInterfaces: [
                  { NetworkInterfaceId: 'eni-1', SubnetId: 'subnet-a', Attachment: { DeviceIndex: 0 }, Groups: [{ GroupId: 'sg-web' }], Association: { PublicIp: '203.0.113.10' } },
                ],
                BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', DeleteOnTermination: true } }],
                Tags: [{ Key: 'Environment', Value: 'prod' }],
              },
              { InstanceId: 'i-gone', State: { Name: 'terminated' } },
            ],
          },
        ],
      },
      DescribeLaunchTemplateVersions: {
        LaunchTemplateVersions: [
          {
            LaunchTemplateId: 'lt-1',
            LaunchTemplateName: 'web',
            VersionNumber: 3,
            DefaultVersion: true,
            LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' }, SecurityGroupIds: ['sg-web'] },
          },
        ],
      },
      DescribeVolumes: { Volumes: [{ VolumeId: 'vol-1', Size: 8, VolumeType: 'gp3', Encrypted: false, Iops: 3000, AvailabilityZone: 'eu-west-1a' }] },
      DescribeAddresses: { Addresses: [{ AllocationId: 'eipalloc-1', PublicIp: '203.0.113.20', Domain: 'vpc' }] },
    });
    const instances = resources.filter((r) => r.type === 'AWS::EC2::Instance');
    expect(instances.map((r) => r.id)).toEqual(['i-1']);
    expect(instances[0]?.properties).toMatchObject({
      InstanceType: 't3.small',
      SecurityGroupIds: ['sg-web'],
      MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      PublicIpAddress: '203.0.113.10',
      NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', DeviceIndex: 0, GroupSet: ['sg-web'], AssociatePublicIpAddress: true }],
      Tags: [{ Key: 'Environment', Value: 'prod' }],
    });
    expect(instances[0]?.properties['UserData']).toBeInstanceOf(Unknown);
    expect(resources.find((r) => r.type === 'AWS::EC2::LaunchTemplate')).toMatchObject({
      id: 'lt-1',
      properties: { LaunchTemplateName: 'web', LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } },
    });
    expect(resources.find((r) => r.type === 'AWS::EC2::Volume')?.properties).toMatchObject({ Size: 8, VolumeType: 'gp3', Encrypted: false, Iops: 3000 });
    expect(resources.find((r) => r.type === 'AWS::EC2::EIP')).toMatchObject({ id: 'eipalloc-1', properties: { Domain: 'vpc', PublicIp: '203.0.113.20' } });
  });
});
