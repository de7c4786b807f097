// The inventory index answers cross-resource questions the same way for a template graph
// (references are ResourceRefs) and for an account (references are physical ids).

import type { FailedRead, GroupUse, InventoryIndex, Reachability, SecurityGroupRule } from '../model/inventory.js';
import { isAnyAddress, parseCidr } from '../model/ip.js';
import type { Path, Resource } from '../model/resource.js';
import { resourceKey } from '../model/resource.js';
import { Composite, ResourceRef, Unknown, dig, isRecord, type Possible } from '../model/values.js';

export type ValueReader = (resource: Resource, path: Path) => readonly Possible[];

/** Where each resource type keeps the security groups it uses. */
const GROUP_PATHS: Readonly<Record<string, readonly Path[]>> = {
  'AWS::EC2::Instance': [['SecurityGroupIds'], ['SecurityGroups'], ['NetworkInterfaces', '*', 'GroupSet']],
  'AWS::EC2::LaunchTemplate': [
    ['LaunchTemplateData', 'SecurityGroupIds'],
    ['LaunchTemplateData', 'SecurityGroups'],
    ['LaunchTemplateData', 'NetworkInterfaces', '*', 'Groups'],
  ],
  'AWS::AutoScaling::LaunchConfiguration': [['SecurityGroups']],
  'AWS::EC2::NetworkInterface': [['GroupSet']],
  'AWS::ECS::Service': [['NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups']],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [['SecurityGroups']],
  'AWS::ElasticLoadBalancing::LoadBalancer': [['SecurityGroups']],
  'AWS::RDS::DBInstance': [['VPCSecurityGroups'], ['DBSecurityGroups']],
  'AWS::RDS::DBCluster': [['VpcSecurityGroupIds']],
  'AWS::ElastiCache::ReplicationGroup': [['SecurityGroupIds']],
  'AWS::ElastiCache::CacheCluster': [['VpcSecurityGroupIds']],
  'AWS::AppRunner::VpcConnector': [['SecurityGroups']],
  'AWS::Lambda::Function': [['VpcConfig', 'SecurityGroupIds']],
};

/**
 * AWS-managed CloudFront origin-facing prefix list ids by region, for templates that name
 * the list by id (live audits resolve it by name).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html#managed-prefix-list
 */
export const CLOUDFRONT_ORIGIN_FACING = 'com.amazonaws.global.cloudfront.origin-facing';
const CLOUDFRONT_PREFIX_LIST_IDS: ReadonlySet<string> = new Set([
  'pl-3b927c52', // us-east-1
  'pl-b6a144df', // us-east-2
  'pl-4ea04527', // us-west-1
  'pl-82a045eb', // us-west-2
  'pl-9aa247f3', // ap-south-1
  'pl-31a34658', // ap-southeast-1
  'pl-b8a742d1', // ap-southeast-2
  'pl-58a04531', // ap-northeast-1
  'pl-4fa04526', // eu-west-1
  'pl-93a247fa', // eu-west-2
  'pl-a3a144ca', // eu-central-1
  'pl-38a64351', // ca-central-1
  'pl-5da64334', // sa-east-1
]);

/** Which list call reads each resource type in a live audit. */
const LISTED_BY: Readonly<Record<string, string>> = {
  'AWS::EC2::SecurityGroup': 'ec2:DescribeSecurityGroups',
  'AWS::EC2::Subnet': 'ec2:DescribeSubnets',
  'AWS::EC2::RouteTable': 'ec2:DescribeRouteTables',
  'AWS::EC2::Route': 'ec2:DescribeRouteTables',
  'AWS::EC2::SubnetRouteTableAssociation': 'ec2:DescribeRouteTables',
  'AWS::EC2::VPC': 'ec2:DescribeVpcs',
  'AWS::EC2::InternetGateway': 'ec2:DescribeInternetGateways',
  'AWS::EC2::VPCGatewayAttachment': 'ec2:DescribeInternetGateways',
  'AWS::EC2::PrefixList': 'ec2:DescribeManagedPrefixLists',
  'AWS::EC2::Instance': 'ec2:DescribeInstances',
  'AWS::RDS::DBInstance': 'rds:DescribeDBInstances',
  'AWS::RDS::DBSubnetGroup': 'rds:DescribeDBInstances',
  'AWS::RDS::DBCluster': 'rds:DescribeDBClusters',
};

export function buildInventoryIndex(resources: readonly Resource[], read: ValueReader, failedReads: readonly FailedRead[] = []): InventoryIndex {
  const byType = new Map<string, Resource[]>();
  const byScopeId = new Map<string, Resource>();
  const byPhysical = new Map<string, Resource[]>();
  for (const r of resources) {
    let list = byType.get(r.type);
    if (!list) byType.set(r.type, (list = []));
    list.push(r);
    byScopeId.set(resourceKey(r), r);
    if (r.origin.kind === 'account') {
      for (const key of [r.id, r.arn]) {
        if (!key) continue;
        const same = byPhysical.get(key) ?? [];
        same.push(r);
        byPhysical.set(key, same);
      }
    }
  }
  const ofType = (type: string): readonly Resource[] => byType.get(type) ?? [];
  const values = (r: Resource, path: Path): unknown[] => read(r, path).map((p) => p.value);

  function unreadable(from: Resource, type: string): string | undefined {
    const call = LISTED_BY[type];
    if (!call || from.origin.kind !== 'account') return undefined;
    const region = from.origin.region;
    const f = failedReads.find((x) => x.call === call && x.region === region);
    return f ? `${f.call} failed in ${f.region}: ${f.error}` : undefined;
  }
  /** "… is not in the scan", with the failed call that explains it when there is one. */
  const notInScan = (from: Resource, what: string, type: string): Unknown => {
    const why = unreadable(from, type);
    return new Unknown(why ? `${what} could not be read (${why})` : `${what} is not in the scan`);
  };

  function lookup(from: Resource, ref: unknown): Resource | undefined {
    if (ref instanceof ResourceRef) return byScopeId.get(`${ref.scope}#${ref.logicalId}`);
    if (typeof ref !== 'string' || ref === '') return undefined;
    const candidates = byPhysical.get(ref);
    if (!candidates) return undefined;
    if (from.origin.kind === 'account') {
      const o = from.origin;
      return candidates.find((c) => c.origin.kind === 'account' && c.origin.account === o.account && c.origin.region === o.region) ?? candidates[0];
    }
    return candidates[0];
  }

  /** Every value found at a path that may contain '*' (each list item), across possibilities. */
  function collect(r: Resource, path: Path): unknown[] {
    const star = path.indexOf('*');
    if (star < 0) return values(r, path);
    const out: unknown[] = [];
    for (const list of values(r, path.slice(0, star))) {
      if (list instanceof Unknown) out.push(list);
      if (!Array.isArray(list)) continue;
      for (const item of list) out.push(dig(item, path.slice(star + 1)));
    }
    return out;
  }

  // Security groups used by each resource, and the reverse.
  const groupUses = new Map<Resource, GroupUse[]>();
  const groupUsers = new Map<Resource, Resource[]>();
  for (const r of resources) {
    const paths = GROUP_PATHS[r.type];
    if (!paths) continue;
    const uses: GroupUse[] = [];
    const seen = new Set<unknown>();
    for (const path of paths) {
      for (const v of collect(r, path)) {
        const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
        for (const ref of items) {
          const group = lookup(r, ref);
          const key = group ?? (ref instanceof Unknown ? ref.reason : JSON.stringify(ref));
          if (seen.has(key)) continue;
          seen.add(key);
          uses.push(group ? { group, ref } : { ref });
          if (group) {
            const users = groupUsers.get(group) ?? [];
            users.push(r);
            groupUsers.set(group, users);
          }
        }
      }
    }
    groupUses.set(r, uses);
  }

  // Standalone ingress/egress rules, joined to their group when it is in the inventory.
  const standalone = new Map<Resource, SecurityGroupRule[]>();
  const detached: SecurityGroupRule[] = [];
  for (const [type, direction] of [
    ['AWS::EC2::SecurityGroupIngress', 'ingress'],
    ['AWS::EC2::SecurityGroupEgress', 'egress'],
  ] as const) {
    for (const r of ofType(type)) {
      for (const p of read(r, [])) {
        if (!isRecord(p.value)) continue;
        const rule: SecurityGroupRule = { direction, rule: p.value, owner: r, path: ['Properties'], when: p.when };
        const groupRef = p.value['GroupId'] ?? p.value['GroupName'];
        const group = lookup(r, groupRef);
        if (group) {
          const list = standalone.get(group) ?? [];
          list.push(rule);
          standalone.set(group, list);
        } else detached.push(rule);
      }
    }
  }

  const rulesCache = new Map<Resource, readonly SecurityGroupRule[] | Unknown>();
  function securityGroupRules(group: Resource): readonly SecurityGroupRule[] | Unknown {
    const cached = rulesCache.get(group);
    if (cached) return cached;
    const out: SecurityGroupRule[] = [];
    const seen = new Set<string>();
    let unreadable: Unknown | undefined;
    for (const [prop, direction] of [
      ['SecurityGroupIngress', 'ingress'],
      ['SecurityGroupEgress', 'egress'],
    ] as const) {
      let declared = false;
      for (const p of read(group, [prop])) {
        if (p.value instanceof Unknown) {
          if (group.origin.kind === 'account') unreadable = p.value;
          else out.push({ direction, rule: { IpProtocol: p.value }, owner: group, path: ['Properties', prop], when: p.when });
          declared = true;
          continue;
        }
        if (!Array.isArray(p.value)) continue;
        declared = true;
        p.value.forEach((item, i) => {
          const rule = isRecord(item) ? item : { IpProtocol: item instanceof Unknown ? item : new Unknown('a rule known only at deployment') };
          const key = `${prop}|${i}|${safeJson(rule)}`;
          if (seen.has(key)) return;
          seen.add(key);
          out.push({ direction, rule, owner: group, path: ['Properties', prop, i], when: p.when });
        });
      }
      // A template group without inline egress keeps EC2's default allow-all egress rule.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html
      if (direction === 'egress' && !declared && group.origin.kind === 'template') {
        out.push({ direction, rule: { IpProtocol: '-1', CidrIp: '0.0.0.0/0', Implicit: true }, owner: group, path: ['Properties'], when: {} });
      }
    }
    out.push(...(standalone.get(group) ?? []));
    const result = unreadable ?? out;
    rulesCache.set(group, result);
    return result;
  }

  function refersTo(value: unknown, target: Resource): boolean {
    if (value instanceof ResourceRef) return lookup(target, value) === target;
    if (value instanceof Composite) return value.parts.some((p) => refersTo(p, target));
    if (typeof value === 'string') {
      if (value === target.id) return true;
      const props = target.properties;
      return [props['PublicDnsName'], props['PublicIpAddress'], props['PrivateDnsName']].some((x) => typeof x === 'string' && x !== '' && value === x);
    }
    if (Array.isArray(value)) return value.some((v) => refersTo(v, target));
    if (isRecord(value)) return Object.values(value).some((v) => refersTo(v, target));
    return false;
  }

  function isBehindLoadBalancerOrCdn(r: Resource): boolean {
    if (r.type === 'AWS::ECS::Service') {
      return values(r, ['LoadBalancers']).some((v) => Array.isArray(v) && v.length > 0) || values(r, ['ServiceConnectConfiguration']).some((v) => v !== undefined);
    }
    if (r.type === 'AWS::EC2::LaunchTemplate' || r.type === 'AWS::AutoScaling::LaunchConfiguration') {
      return ofType('AWS::AutoScaling::AutoScalingGroup').some((asg) => {
        const usesIt = [['LaunchTemplate'], ['LaunchConfigurationName'], ['MixedInstancesPolicy']].some((p) => values(asg, p).some((v) => refersTo(v, r)));
        const balanced = [['TargetGroupARNs'], ['LoadBalancerNames']].some((p) => values(asg, p).some((v) => Array.isArray(v) && v.length > 0));
        return usesIt && balanced;
      });
    }
    // An instance: a Classic LB lists it, a target group targets it, or CloudFront fetches from it.
    const eips = ofType('AWS::EC2::EIP').filter((e) => values(e, ['InstanceId']).some((v) => refersTo(v, r)));
    const targets = [r, ...eips];
    if (ofType('AWS::ElasticLoadBalancing::LoadBalancer').some((lb) => values(lb, ['Instances']).some((v) => targets.some((t) => refersTo(v, t))))) return true;
    if (ofType('AWS::ElasticLoadBalancingV2::TargetGroup').some((tg) => values(tg, ['Targets']).some((v) => targets.some((t) => refersTo(v, t))))) return true;
    return ofType('AWS::CloudFront::Distribution').some((d) =>
      collect(d, ['DistributionConfig', 'Origins', '*', 'DomainName']).some((v) => targets.some((t) => refersTo(v, t))),
    );
  }

  function routeTableOf(subnet: Resource): Resource | Unknown {
    for (const a of ofType('AWS::EC2::SubnetRouteTableAssociation')) {
      if (values(a, ['SubnetId']).some((v) => lookup(a, v) === subnet)) {
        const rt = values(a, ['RouteTableId']).map((v) => lookup(a, v)).find((x) => x);
        return rt ?? notInScan(subnet, `the route table associated with ${subnet.id}`, 'AWS::EC2::RouteTable');
      }
    }
    // No explicit association: the subnet uses its VPC's main route table.
    const vpc = values(subnet, ['VpcId']).map((v) => lookup(subnet, v)).find((x) => x);
    if (subnet.origin.kind === 'account') {
      const main = ofType('AWS::EC2::RouteTable').find((t) => t.properties['Main'] === true && values(t, ['VpcId']).some((v) => lookup(t, v) === vpc));
      return main ?? notInScan(subnet, `the main route table of ${subnet.id}'s VPC`, 'AWS::EC2::RouteTable');
    }
    // A template cannot add routes to the main table of a VPC it creates, so it is local-only.
    if (vpc) return vpc;
    return new Unknown(`subnet ${subnet.id} has no route table association and its VPC is not in the scan`);
  }

  function subnetReachability(from: Resource, subnetRef: unknown): Reachability | Unknown {
    if (subnetRef instanceof Unknown) return subnetRef;
    const subnet = lookup(from, subnetRef);
    if (!subnet) return notInScan(from, `subnet ${describeRef(subnetRef)}`, 'AWS::EC2::Subnet');
    const table = routeTableOf(subnet);
    if (table instanceof Unknown) return table;
    if (table.type === 'AWS::EC2::VPC') return 'private';
    for (const route of ofType('AWS::EC2::Route')) {
      for (const p of read(route, [])) {
        if (!isRecord(p.value) || lookup(route, p.value['RouteTableId']) !== table) continue;
        const dest = p.value['DestinationCidrBlock'] ?? p.value['DestinationIpv6CidrBlock'];
        const cidr = typeof dest === 'string' ? parseCidr(dest) : undefined;
        if (!cidr || !isAnyAddress(cidr)) continue;
        const gw = p.value['GatewayId'];
        if (gw instanceof Unknown) return new Unknown(`route ${route.id} goes to a gateway known only at deployment`);
        const target = lookup(route, gw);
        if (target?.type === 'AWS::EC2::InternetGateway' || (typeof gw === 'string' && gw.startsWith('igw-'))) return 'public';
      }
    }
    return 'private';
  }

  function subnetsOfGroup(from: Resource, ref: unknown): readonly unknown[] | Unknown {
    if (ref instanceof Unknown) return ref;
    const group = lookup(from, ref);
    if (!group) return notInScan(from, `subnet group ${describeRef(ref)}`, 'AWS::RDS::DBSubnetGroup');
    const lists = values(group, ['SubnetIds']);
    const unknown = lists.find((l) => l instanceof Unknown);
    if (unknown instanceof Unknown) return unknown;
    return lists.flatMap((l) => (Array.isArray(l) ? l : []));
  }

  function vpcHasInternetGateway(from: Resource, vpcRef: unknown): boolean | Unknown {
    if (vpcRef instanceof Unknown) return vpcRef;
    const vpc = lookup(from, vpcRef);
    if (!vpc) return notInScan(from, `VPC ${describeRef(vpcRef)}`, 'AWS::EC2::VPC');
    return ofType('AWS::EC2::VPCGatewayAttachment').some(
      (a) => values(a, ['VpcId']).some((v) => lookup(a, v) === vpc) && values(a, ['InternetGatewayId']).some((v) => v !== undefined && !(v instanceof Unknown)),
    );
  }

  function prefixListName(from: Resource, ref: unknown): string | undefined {
    const list = lookup(from, ref);
    if (list) {
      const name = values(list, ['PrefixListName']).find((v) => typeof v === 'string');
      if (typeof name === 'string') return name;
    }
    if (typeof ref === 'string' && CLOUDFRONT_PREFIX_LIST_IDS.has(ref)) return CLOUDFRONT_ORIGIN_FACING;
    return undefined;
  }

  return {
    resources,
    ofType,
    lookup,
    securityGroupRules,
    detachedSecurityGroupRules: () => detached,
    securityGroupsOf: (r) => groupUses.get(r) ?? [],
    usersOfSecurityGroup: (g) => groupUsers.get(g) ?? [],
    isBehindLoadBalancerOrCdn,
    subnetReachability,
    subnetsOfGroup,
    vpcHasInternetGateway,
    prefixListName,
    unreadable,
  };
}

export function describeRef(ref: unknown): string {
  if (ref instanceof ResourceRef) return ref.logicalId;
  if (typeof ref === 'string') return ref;
  return JSON.stringify(ref) ?? String(ref);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}
