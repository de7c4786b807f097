import type { Resource } from '../../model/resource.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { cfnTags, compact, listCall, notRead, obj, records, str } from './collector.js';

export const ec2Operations: readonly Operation[] = [
  ['ec2', 'DescribeSecurityGroups'],
  ['ec2', 'DescribeManagedPrefixLists'],
  ['ec2', 'DescribeVpcs'],
  ['ec2', 'DescribeSubnets'],
  ['ec2', 'DescribeRouteTables'],
  ['ec2', 'DescribeInternetGateways'],
  ['ec2', 'DescribeNatGateways'],
  ['ec2', 'DescribeInstances'],
  ['ec2', 'DescribeLaunchTemplateVersions'],
  ['ec2', 'DescribeVolumes'],
  ['ec2', 'DescribeAddresses'],
];

export const ec2Lists: readonly ListedBy[] = [
  { service: 'ec2', operation: 'DescribeSecurityGroups', types: ['AWS::EC2::SecurityGroup'] },
  { service: 'ec2', operation: 'DescribeManagedPrefixLists', types: ['AWS::EC2::PrefixList'] },
  { service: 'ec2', operation: 'DescribeVpcs', types: ['AWS::EC2::VPC'] },
  { service: 'ec2', operation: 'DescribeSubnets', types: ['AWS::EC2::Subnet'] },
  { service: 'ec2', operation: 'DescribeRouteTables', types: ['AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation'] },
  { service: 'ec2', operation: 'DescribeInternetGateways', types: ['AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment'] },
  { service: 'ec2', operation: 'DescribeNatGateways', types: ['AWS::EC2::NatGateway'] },
  { service: 'ec2', operation: 'DescribeInstances', types: ['AWS::EC2::Instance'] },
  { service: 'ec2', operation: 'DescribeLaunchTemplateVersions', types: ['AWS::EC2::LaunchTemplate'] },
  { service: 'ec2', operation: 'DescribeVolumes', types: ['AWS::EC2::Volume'] },
  { service: 'ec2', operation: 'DescribeAddresses', types: ['AWS::EC2::EIP'] },
];

type Direction = 'ingress' | 'egress';

/**
 * One IpPermission becomes one CloudFormation rule per source, as a template writes them.
 * `-1` keeps no ports: the API omits FromPort/ToPort for all traffic.
 */
export function permissionToRules(permission: Record<string, unknown>, direction: Direction): Record<string, unknown>[] {
  const base = compact({
    IpProtocol: str(permission['IpProtocol']) ?? String(permission['IpProtocol'] ?? ''),
    FromPort: typeof permission['FromPort'] === 'number' ? permission['FromPort'] : undefined,
    ToPort: typeof permission['ToPort'] === 'number' ? permission['ToPort'] : undefined,
  });
  const rules: Record<string, unknown>[] = [];
  const add = (source: Record<string, unknown>, description: unknown): void => {
    rules.push(compact({ ...base, ...source, Description: str(description) }));
  };
  for (const r of records(permission['IpRanges'])) add({ CidrIp: str(r['CidrIp']) }, r['Description']);
  for (const r of records(permission['Ipv6Ranges'])) add({ CidrIpv6: str(r['CidrIpv6']) }, r['Description']);
  for (const g of records(permission['UserIdGroupPairs'])) {
    if (direction === 'ingress') {
      add(compact({ SourceSecurityGroupId: str(g['GroupId']), SourceSecurityGroupOwnerId: str(g['UserId']) }), g['Description']);
    } else {
      add({ DestinationSecurityGroupId: str(g['GroupId']) }, g['Description']);
    }
  }
  for (const pl of records(permission['PrefixListIds'])) {
    add(direction === 'ingress' ? { SourcePrefixListId: str(pl['PrefixListId']) } : { DestinationPrefixListId: str(pl['PrefixListId']) }, pl['Description']);
  }
  return rules;
}

export function mapSecurityGroup(ctx: CollectorContext, g: Record<string, unknown>): Resource | undefined {
  const id = str(g['GroupId']);
  if (!id) return undefined;
  return ctx.resource(
    'AWS::EC2::SecurityGroup',
    id,
    compact({
      GroupId: id,
      GroupName: str(g['GroupName']),
      GroupDescription: str(g['Description']),
      VpcId: str(g['VpcId']),
      Tags: cfnTags(g['Tags']),
      SecurityGroupIngress: records(g['IpPermissions']).flatMap((p) => permissionToRules(p, 'ingress')),
      SecurityGroupEgress: records(g['IpPermissionsEgress']).flatMap((p) => permissionToRules(p, 'egress')),
    }),
    str(g['SecurityGroupArn']) ?? ec2Arn(ctx, 'security-group', id),
  );
}

const ec2Arn = (ctx: CollectorContext, kind: string, id: string): string => `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.account}:${kind}/${id}`;

function routeDestination(r: Record<string, unknown>): Record<string, unknown> | undefined {
  const v4 = str(r['DestinationCidrBlock']);
  if (v4) return { DestinationCidrBlock: v4 };
  const v6 = str(r['DestinationIpv6CidrBlock']);
  if (v6) return { DestinationIpv6CidrBlock: v6 };
  const pl = str(r['DestinationPrefixListId']);
  if (pl) return { DestinationPrefixListId: pl };
  return undefined;
}

function mapRouteTable(ctx: CollectorContext, t: Record<string, unknown>): Resource[] {
  const id = str(t['RouteTableId']);
  if (!id) return [];
  const associations = records(t['Associations']);
  const out: Resource[] = [
    ctx.resource(
      'AWS::EC2::RouteTable',
      id,
      compact({ RouteTableId: id, VpcId: str(t['VpcId']), Main: associations.some((a) => a['Main'] === true), Tags: cfnTags(t['Tags']) }),
      ec2Arn(ctx, 'route-table', id),
    ),
  ];
  for (const r of records(t['Routes'])) {
    const dest = routeDestination(r);
    if (!dest) continue;
    out.push(
      ctx.resource(
        'AWS::EC2::Route',
        `${id}:${String(Object.values(dest)[0])}`,
        compact({
          RouteTableId: id,
          ...dest,
          GatewayId: str(r['GatewayId']),
          NatGatewayId: str(r['NatGatewayId']),
          InstanceId: str(r['InstanceId']),
          NetworkInterfaceId: str(r['NetworkInterfaceId']),
          TransitGatewayId: str(r['TransitGatewayId']),
          VpcPeeringConnectionId: str(r['VpcPeeringConnectionId']),
          EgressOnlyInternetGatewayId: str(r['EgressOnlyInternetGatewayId']),
          CarrierGatewayId: str(r['CarrierGatewayId']),
          LocalGatewayId: str(r['LocalGatewayId']),
          CoreNetworkArn: str(r['CoreNetworkArn']),
          // Extension: a blackhole route carries no traffic.
          State: str(r['State']),
        }),
      ),
    );
  }
  for (const a of associations) {
    const subnet = str(a['SubnetId']);
    const assoc = str(a['RouteTableAssociationId']);
    if (!subnet || !assoc) continue;
    out.push(ctx.resource('AWS::EC2::SubnetRouteTableAssociation', assoc, { SubnetId: subnet, RouteTableId: id }));
  }
  return out;
}

function mapInternetGateway(ctx: CollectorContext, g: Record<string, unknown>): Resource[] {
  const id = str(g['InternetGatewayId']);
  if (!id) return [];
  const out = [ctx.resource('AWS::EC2::InternetGateway', id, compact({ InternetGatewayId: id, Tags: cfnTags(g['Tags']) }), ec2Arn(ctx, 'internet-gateway', id))];
  for (const a of records(g['Attachments'])) {
    const vpc = str(a['VpcId']);
    const state = str(a['State']);
    // Attached gateways report "available" (documented as "attached" for some callers).
    if (!vpc || state === 'detached' || state === 'detaching') continue;
    out.push(ctx.resource('AWS::EC2::VPCGatewayAttachment', `${id}:${vpc}`, { VpcId: vpc, InternetGatewayId: id }));
  }
  return out;
}

function mapInstance(ctx: CollectorContext, i: Record<string, unknown>): Resource | undefined {
  const id = str(i['InstanceId']);
  const state = str(obj(i['State'])['Name']);
  if (!id || state === 'terminated' || state === 'shutting-down') return undefined;
  const metadata = obj(i['MetadataOptions']);
  const profile = obj(i['IamInstanceProfile']);
  return ctx.resource(
    'AWS::EC2::Instance',
    id,
    compact({
      InstanceType: str(i['InstanceType']),
      ImageId: str(i['ImageId']),
      SubnetId: str(i['SubnetId']),
      AvailabilityZone: str(obj(i['Placement'])['AvailabilityZone']),
      SecurityGroupIds: records(i['SecurityGroups']).flatMap((g) => (str(g['GroupId']) ? [str(g['GroupId'])] : [])),
      MetadataOptions: Object.keys(metadata).length > 0 ? compact({ HttpTokens: str(metadata['HttpTokens']), HttpEndpoint: str(metadata['HttpEndpoint']) }) : undefined,
      NetworkInterfaces: records(i['NetworkInterfaces']).map((n) =>
        compact({
          NetworkInterfaceId: str(n['NetworkInterfaceId']),
          DeviceIndex: obj(n['Attachment'])['DeviceIndex'],
          SubnetId: str(n['SubnetId']),
          GroupSet: records(n['Groups']).flatMap((g) => (str(g['GroupId']) ? [str(g['GroupId'])] : [])),
          PrivateIpAddress: str(n['PrivateIpAddress']),
          AssociatePublicIpAddress: str(obj(n['Association'])['PublicIp']) !== undefined,
          // Extension: the address itself (billed, COST-003).
          PublicIp: str(obj(n['Association'])['PublicIp']),
        }),
      ),
      BlockDeviceMappings: records(i['BlockDeviceMappings']).map((b) =>
        compact({ DeviceName: str(b['DeviceName']), Ebs: compact({ VolumeId: str(obj(b['Ebs'])['VolumeId']), DeleteOnTermination: obj(b['Ebs'])['DeleteOnTermination'] }) }),
      ),
      IamInstanceProfile: str(profile['Arn']),
      Tags: cfnTags(i['Tags']),
      // DescribeInstanceAttribute is one call per instance; not worth it for one control.
      UserData: notRead('ec2', 'DescribeInstanceAttribute', 'user data is not collected (one call per instance)'),
      PublicIpAddress: str(i['PublicIpAddress']),
      // CloudFront origins name the instance by its public DNS name (NET-005's "behind CloudFront"); the API gives "" when there is none.
      PublicDnsName: str(i['PublicDnsName']) || undefined,
      State: state,
    }),
    ec2Arn(ctx, 'instance', id),
  );
}

function mapLaunchTemplateVersion(ctx: CollectorContext, v: Record<string, unknown>): Resource | undefined {
  const id = str(v['LaunchTemplateId']);
  if (!id) return undefined;
  return ctx.resource(
    'AWS::EC2::LaunchTemplate',
    id,
    compact({
      LaunchTemplateName: str(v['LaunchTemplateName']),
      // The API's ResponseLaunchTemplateData uses the same member names as CloudFormation's LaunchTemplateData.
      LaunchTemplateData: obj(v['LaunchTemplateData']),
      VersionNumber: v['VersionNumber'],
    }),
    ec2Arn(ctx, 'launch-template', id),
  );
}

function mapVolume(ctx: CollectorContext, v: Record<string, unknown>): Resource | undefined {
  const id = str(v['VolumeId']);
  if (!id) return undefined;
  return ctx.resource(
    'AWS::EC2::Volume',
    id,
    compact({
      Size: v['Size'],
      VolumeType: str(v['VolumeType']),
      Encrypted: v['Encrypted'],
      KmsKeyId: str(v['KmsKeyId']),
      Iops: v['Iops'],
      Throughput: v['Throughput'],
      AvailabilityZone: str(v['AvailabilityZone']),
      Tags: cfnTags(v['Tags']),
      Attachments: records(v['Attachments']).map((a) => compact({ InstanceId: str(a['InstanceId']), Device: str(a['Device']) })),
    }),
    ec2Arn(ctx, 'volume', id),
  );
}

function mapAddress(ctx: CollectorContext, a: Record<string, unknown>): Resource | undefined {
  const id = str(a['AllocationId']) ?? str(a['PublicIp']);
  if (!id) return undefined;
  return ctx.resource(
    'AWS::EC2::EIP',
    id,
    compact({
      Domain: str(a['Domain']),
      InstanceId: str(a['InstanceId']),
      PublicIp: str(a['PublicIp']),
      NetworkInterfaceId: str(a['NetworkInterfaceId']),
      AssociationId: str(a['AssociationId']),
      Tags: cfnTags(a['Tags']),
    }),
    str(a['AllocationId']) ? ec2Arn(ctx, 'elastic-ip', id) : undefined,
  );
}

export const ec2Collector: Collector = {
  id: 'ec2',
  scope: 'regional',
  operations: ec2Operations,
  lists: ec2Lists,
  async collect(ctx) {
    const [groups, prefixLists, vpcs, subnets, routeTables, igws, nats, instances, templates, volumes, addresses] = await Promise.all([
      listCall(ctx, 'ec2', 'DescribeSecurityGroups', { MaxResults: 1000 }),
      listCall(ctx, 'ec2', 'DescribeManagedPrefixLists', { MaxResults: 100 }),
      listCall(ctx, 'ec2', 'DescribeVpcs', { MaxResults: 1000 }),
      listCall(ctx, 'ec2', 'DescribeSubnets', { MaxResults: 1000 }),
      listCall(ctx, 'ec2', 'DescribeRouteTables', { MaxResults: 100 }),
      listCall(ctx, 'ec2', 'DescribeInternetGateways', { MaxResults: 1000 }),
      listCall(ctx, 'ec2', 'DescribeNatGateways', { MaxResults: 1000 }),
      listCall(ctx, 'ec2', 'DescribeInstances', { MaxResults: 1000 }),
      // Without a template id, $Default returns the default version of every template in one paginated call.
      listCall(ctx, 'ec2', 'DescribeLaunchTemplateVersions', { Versions: ['$Default'], MaxResults: 200 }),
      listCall(ctx, 'ec2', 'DescribeVolumes', { MaxResults: 500 }),
      listCall(ctx, 'ec2', 'DescribeAddresses', {}),
    ]);
    // Pushed one by one: a spread of 100,000+ items exceeds the engine's argument limit.
    const out: Resource[] = [];
    const add = (r: Resource | undefined): void => {
      if (r) out.push(r);
    };
    for (const g of records(groups?.['SecurityGroups'])) add(mapSecurityGroup(ctx, g));
    for (const pl of records(prefixLists?.['PrefixLists'])) {
      const id = str(pl['PrefixListId']);
      if (!id) continue;
      out.push(
        ctx.resource(
          'AWS::EC2::PrefixList',
          id,
          compact({
            PrefixListName: str(pl['PrefixListName']),
            AddressFamily: str(pl['AddressFamily']),
            MaxEntries: pl['MaxEntries'],
            OwnerId: str(pl['OwnerId']),
            Tags: cfnTags(pl['Tags']),
          }),
          str(pl['PrefixListArn']),
        ),
      );
    }
    for (const v of records(vpcs?.['Vpcs'])) {
      const id = str(v['VpcId']);
      if (id)
        out.push(
          ctx.resource('AWS::EC2::VPC', id, compact({ VpcId: id, CidrBlock: str(v['CidrBlock']), IsDefault: v['IsDefault'], Tags: cfnTags(v['Tags']) }), ec2Arn(ctx, 'vpc', id)),
        );
    }
    for (const s of records(subnets?.['Subnets'])) {
      const id = str(s['SubnetId']);
      if (!id) continue;
      out.push(
        ctx.resource(
          'AWS::EC2::Subnet',
          id,
          compact({
            SubnetId: id,
            VpcId: str(s['VpcId']),
            CidrBlock: str(s['CidrBlock']),
            AvailabilityZone: str(s['AvailabilityZone']),
            MapPublicIpOnLaunch: s['MapPublicIpOnLaunch'],
            Tags: cfnTags(s['Tags']),
          }),
          str(s['SubnetArn']) ?? ec2Arn(ctx, 'subnet', id),
        ),
      );
    }
    for (const t of records(routeTables?.['RouteTables'])) for (const r of mapRouteTable(ctx, t)) add(r);
    for (const g of records(igws?.['InternetGateways'])) for (const r of mapInternetGateway(ctx, g)) add(r);
    for (const n of records(nats?.['NatGateways'])) {
      const id = str(n['NatGatewayId']);
      const state = str(n['State']);
      if (!id || state === 'deleted' || state === 'deleting' || state === 'failed') continue;
      out.push(
        ctx.resource(
          'AWS::EC2::NatGateway',
          id,
          compact({
            SubnetId: str(n['SubnetId']),
            VpcId: str(n['VpcId']),
            ConnectivityType: str(n['ConnectivityType']),
            // The primary address's Elastic IP, as a template names it: the EIP is priced once, on the EIP (COST-003).
            AllocationId: str(records(n['NatGatewayAddresses']).find((a) => a['IsPrimary'] !== false)?.['AllocationId']),
            State: state,
            Tags: cfnTags(n['Tags']),
          }),
          ec2Arn(ctx, 'natgateway', id),
        ),
      );
    }
    for (const r of records(instances?.['Reservations'])) for (const i of records(r['Instances'])) add(mapInstance(ctx, i));
    for (const v of records(templates?.['LaunchTemplateVersions'])) add(mapLaunchTemplateVersion(ctx, v));
    for (const v of records(volumes?.['Volumes'])) add(mapVolume(ctx, v));
    for (const a of records(addresses?.['Addresses'])) add(mapAddress(ctx, a));
    return out;
  },
};
