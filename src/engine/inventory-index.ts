// The inventory index answers cross-resource questions about one input the same way for a
// template graph (references are ResourceRefs) and for an account (references are physical
// ids), in the scenario of the check that asks. Relations come from a reverse index of what
// each resource names, built once per input, so a scan is linear in the number of inputs.

import type { GroupUse, InventoryIndex, Reachability, SecurityGroupRule } from '../model/inventory.js';
import { isAnyAddress, parseCidr } from '../model/ip.js';
import type { Path, Resource } from '../model/resource.js';
import { resourceKey } from '../model/resource.js';
import { outsideRuns, recordUnknown } from '../model/scenario.js';
import { Composite, ResourceRef, Unknown, asString, dig, isRecord } from '../model/values.js';
import type { InputSource } from './sources.js';

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

const GLOBAL_TYPES = new Set(['AWS::CloudFront::Distribution', 'AWS::S3::Bucket', 'AWS::S3::AccountPublicAccessBlock', 'AWS::IAM::Role']);
const INGRESS = 'AWS::EC2::SecurityGroupIngress';
const EGRESS = 'AWS::EC2::SecurityGroupEgress';

export function buildInventoryIndex(source: InputSource): InventoryIndex {
  const { resources } = source;
  const byType = new Map<string, Resource[]>();
  const byKey = new Map<string, Resource>();
  const byPhysical = new Map<string, Resource[]>();
  for (const r of resources) {
    let list = byType.get(r.type);
    if (!list) byType.set(r.type, (list = []));
    list.push(r);
    byKey.set(resourceKey(r), r);
    if (r.origin.kind === 'account') {
      const names = [r.id, r.arn];
      // CloudFront and load balancers name an instance by its DNS name or address.
      if (r.type === 'AWS::EC2::Instance') for (const k of ['PublicDnsName', 'PublicIpAddress', 'PrivateDnsName']) names.push(asString(r.properties[k]));
      for (const key of names) {
        if (!key) continue;
        const same = byPhysical.get(key);
        if (same) same.push(r);
        else byPhysical.set(key, [r]);
      }
    }
  }
  const ofType = (type: string): readonly Resource[] => byType.get(type) ?? [];
  const get = (r: Resource, path: Path): unknown => dig(source.props(r), path);
  const exists = (r: Resource): boolean => source.exists(r);

  let referrerMap: Map<Resource, Resource[]> | undefined;
  function referrers(target: Resource, type?: string): readonly Resource[] {
    if (!referrerMap) {
      const map = new Map<Resource, Resource[]>();
      const physical = (id: string) => byPhysical.get(id)?.[0];
      outsideRuns(() => {
        for (const r of resources) {
          for (const t of source.references(r, physical)) {
            const list = map.get(t);
            if (list) list.push(r);
            else map.set(t, [r]);
          }
        }
      });
      referrerMap = map;
    }
    const all = referrerMap.get(target) ?? [];
    return type === undefined ? all : all.filter((r) => r.type === type);
  }

  function lookup(from: Resource, ref: unknown, type?: string): Resource | undefined {
    if (ref instanceof ResourceRef) {
      const hit = byKey.get(`${ref.scope}#${ref.logicalId}`);
      return type === undefined || hit?.type === type ? hit : undefined;
    }
    if (typeof ref !== 'string' || ref === '') return undefined;
    const all = byPhysical.get(ref);
    const candidates = type === undefined ? all : all?.filter((c) => c.type === type);
    if (!candidates || candidates.length === 0) return undefined;
    if (from.origin.kind === 'account') {
      const o = from.origin;
      return candidates.find((c) => c.origin.kind === 'account' && c.origin.account === o.account && c.origin.region === o.region) ?? candidates[0];
    }
    return candidates[0];
  }

  function incomplete(type: string, from: Resource): Unknown | undefined {
    const why = source.incomplete(type, from);
    if (why === undefined) return undefined;
    const u = new Unknown(why);
    recordUnknown({ reason: why, path: [] });
    return u;
  }

  function near(from: Resource, r: Resource): boolean {
    if (from.origin.kind !== 'account' || r.origin.kind !== 'account' || GLOBAL_TYPES.has(r.type)) return true;
    return r.origin.account === from.origin.account && r.origin.region === from.origin.region;
  }

  function find(type: string, from: Resource, match?: (r: Resource) => boolean): Resource | Unknown | undefined {
    for (const r of ofType(type)) if (near(from, r) && exists(r) && (!match || match(r))) return r;
    return incomplete(type, from);
  }

  /** "… is not in the scan", with the failed call that explains it when there is one. */
  const notInScan = (from: Resource, what: string, type: string): Unknown => {
    const why = source.incomplete(type, from);
    const reason = why ? `${what} could not be read (${why})` : `${what} is not in the scan`;
    recordUnknown({ reason, path: [] });
    return new Unknown(reason);
  };

  /** Every value found at a path that may contain '*' (each list item). */
  function collect(r: Resource, path: Path): unknown[] {
    const star = path.indexOf('*');
    if (star < 0) return [get(r, path)];
    const list = get(r, path.slice(0, star));
    if (list instanceof Unknown) return [list];
    if (!Array.isArray(list)) return [];
    return list.map((item) => dig(item, path.slice(star + 1)));
  }

  function securityGroupsOf(r: Resource): GroupUse[] {
    const paths = GROUP_PATHS[r.type];
    if (!paths) return [];
    const uses: GroupUse[] = [];
    const seen = new Set<unknown>();
    for (const path of paths) {
      for (const v of collect(r, path)) {
        const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
        for (const ref of items) {
          const group = lookup(r, ref);
          const key = group ?? (ref instanceof Unknown ? ref.reason : ref instanceof ResourceRef ? ref.toJSON() : String(asString(ref) ?? JSON.stringify(ref)));
          if (seen.has(key)) continue;
          seen.add(key);
          uses.push(group ? { group, ref } : { ref });
        }
      }
    }
    return uses;
  }

  function usersOfSecurityGroup(group: Resource): Resource[] {
    return referrers(group).filter((c) => GROUP_PATHS[c.type] !== undefined && exists(c) && securityGroupsOf(c).some((u) => u.group === group));
  }

  /** The group a standalone ingress/egress joins, in the current scenario. */
  function groupOfStandalone(owner: Resource): Resource | undefined {
    const ref = get(owner, ['GroupId']) ?? get(owner, ['GroupName']);
    return lookup(owner, ref);
  }

  function standaloneRule(owner: Resource): SecurityGroupRule | undefined {
    const props = source.props(owner);
    if (!isRecord(props)) return undefined;
    return { direction: owner.type === INGRESS ? 'ingress' : 'egress', rule: props, owner, path: ['Properties'] };
  }

  function securityGroupRules(group: Resource): readonly SecurityGroupRule[] | Unknown {
    const out: SecurityGroupRule[] = [];
    for (const [prop, direction] of [
      ['SecurityGroupIngress', 'ingress'],
      ['SecurityGroupEgress', 'egress'],
    ] as const) {
      const list = get(group, [prop]);
      if (list instanceof Unknown) return list;
      if (Array.isArray(list)) {
        list.forEach((item, i) => {
          const rule = isRecord(item) ? item : { IpProtocol: item instanceof Unknown ? item : new Unknown('a rule known only at deployment') };
          out.push({ direction, rule, owner: group, path: ['Properties', prop, i] });
        });
      } else if (direction === 'egress' && list === undefined && group.origin.kind === 'template') {
        // A template group without inline egress keeps EC2's default allow-all egress rule.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
        out.push({ direction, rule: { IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, owner: group, path: ['Properties'], implicit: true });
      }
    }
    for (const owner of referrers(group)) {
      if ((owner.type !== INGRESS && owner.type !== EGRESS) || !exists(owner) || groupOfStandalone(owner) !== group) continue;
      const rule = standaloneRule(owner);
      if (rule) out.push(rule);
    }
    return out;
  }

  function detachedRule(owner: Resource): SecurityGroupRule | undefined {
    if (owner.type !== INGRESS && owner.type !== EGRESS) return undefined;
    return groupOfStandalone(owner) ? undefined : standaloneRule(owner);
  }

  function refersTo(value: unknown, target: Resource, depth = 0): boolean {
    if (depth > 32) return false;
    if (value instanceof ResourceRef) return lookup(target, value) === target;
    if (value instanceof Composite) return value.parts.some((p) => refersTo(p, target, depth + 1));
    if (typeof value === 'string') return value !== '' && lookup(target, value) === target;
    if (Array.isArray(value)) return value.some((v) => refersTo(v, target, depth + 1));
    if (isRecord(value)) return Object.keys(value).some((k) => refersTo(value[k], target, depth + 1));
    return false;
  }

  const nonEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : v !== undefined && !(v instanceof Unknown));

  function isBehindLoadBalancerOrCdn(r: Resource): boolean | Unknown {
    if (r.type === 'AWS::ECS::Service') {
      const lbs = get(r, ['LoadBalancers']);
      if (lbs instanceof Unknown) return lbs;
      return nonEmpty(lbs) || get(r, ['ServiceConnectConfiguration']) !== undefined;
    }
    if (r.type === 'AWS::EC2::LaunchTemplate' || r.type === 'AWS::AutoScaling::LaunchConfiguration') {
      for (const asg of referrers(r, 'AWS::AutoScaling::AutoScalingGroup')) {
        if (!exists(asg)) continue;
        const usesIt = [['LaunchTemplate'], ['LaunchConfigurationName'], ['MixedInstancesPolicy']].some((p) => refersTo(get(asg, p), r));
        if (usesIt && [['TargetGroupARNs'], ['LoadBalancerNames']].some((p) => nonEmpty(get(asg, p)))) return true;
      }
      return false;
    }
    // An instance: a Classic LB lists it, a target group targets it, or CloudFront fetches from it.
    const targets = [r, ...referrers(r, 'AWS::EC2::EIP').filter((e) => exists(e) && refersTo(get(e, ['InstanceId']), r))];
    for (const t of targets) {
      for (const c of referrers(t)) {
        if (!exists(c)) continue;
        if (c.type === 'AWS::ElasticLoadBalancing::LoadBalancer' && refersTo(get(c, ['Instances']), t)) return true;
        if (c.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && refersTo(get(c, ['Targets']), t)) return true;
        if (c.type === 'AWS::CloudFront::Distribution' && refersTo(collectOrigins(c), t)) return true;
      }
    }
    // Nothing found: that is an answer only when every list that could have named it was read,
    // and every target group near it could say whom it targets (target health read).
    for (const type of ['AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::CloudFront::Distribution']) {
      const u = incomplete(type, r);
      if (u) return u;
    }
    if (r.origin.kind === 'account') {
      for (const tg of ofType('AWS::ElasticLoadBalancingV2::TargetGroup')) {
        if (!near(r, tg)) continue;
        const targets = get(tg, ['Targets']);
        if (targets instanceof Unknown) return targets;
      }
    }
    return false;
  }

  function collectOrigins(d: Resource): unknown[] {
    const origins = get(d, ['DistributionConfig', 'Origins']);
    return Array.isArray(origins) ? origins.map((o) => dig(o, ['DomainName'])) : [];
  }

  let unknownTableRoutes: Resource[] | undefined;
  /** Routes whose route table cannot be named before deployment: each may be any table's. */
  function routesWithUnknownTable(): Resource[] {
    unknownTableRoutes ??= outsideRuns(() => ofType('AWS::EC2::Route').filter((route) => !lookup(route, get(route, ['RouteTableId']))));
    return unknownTableRoutes;
  }

  function routeTableOf(subnet: Resource): Resource | Unknown {
    for (const a of referrers(subnet, 'AWS::EC2::SubnetRouteTableAssociation')) {
      if (!exists(a) || lookup(a, get(a, ['SubnetId'])) !== subnet) continue;
      const ref = get(a, ['RouteTableId']);
      if (ref instanceof Unknown) return ref;
      return lookup(a, ref) ?? notInScan(subnet, `the route table associated with ${subnet.id}`, 'AWS::EC2::RouteTable');
    }
    // No explicit association: the subnet uses its VPC's main route table.
    const vpcRef = get(subnet, ['VpcId']);
    if (vpcRef instanceof Unknown) return vpcRef;
    const vpc = lookup(subnet, vpcRef);
    if (subnet.origin.kind === 'account') {
      const main = vpc ? referrers(vpc, 'AWS::EC2::RouteTable').find((t) => get(t, ['Main']) === true) : undefined;
      return main ?? notInScan(subnet, `the main route table of ${subnet.id}'s VPC`, 'AWS::EC2::RouteTable');
    }
    // A template cannot add routes to the main table of a VPC it creates, so it is local-only.
    if (vpc) return vpc;
    return notInScan(subnet, `the VPC of subnet ${subnet.id}, whose main route table it uses,`, 'AWS::EC2::VPC');
  }

  function subnetReachability(from: Resource, subnetRef: unknown): Reachability | Unknown {
    if (subnetRef instanceof Unknown) return subnetRef;
    const subnet = lookup(from, subnetRef);
    if (!subnet) return notInScan(from, `subnet ${describeRef(subnetRef)}`, 'AWS::EC2::Subnet');
    const table = routeTableOf(subnet);
    if (table instanceof Unknown) return table;
    if (table.type === 'AWS::EC2::VPC') return 'private';
    let unknown: Unknown | undefined;
    const candidates = new Set([...referrers(table, 'AWS::EC2::Route'), ...routesWithUnknownTable()]);
    const inline = get(table, ['Routes']);
    const routes: { owner: Resource; route: unknown; tableKnown: boolean }[] = Array.isArray(inline) ? inline.map((route) => ({ owner: table, route, tableKnown: true })) : [];
    for (const route of candidates) {
      if (!exists(route)) continue;
      const rt = get(route, ['RouteTableId']);
      const target = lookup(route, rt);
      if (target !== table && target !== undefined) continue;
      routes.push({ owner: route, route: source.props(route), tableKnown: target === table });
    }
    for (const { owner, route, tableKnown } of routes) {
      if (!isRecord(route)) continue;
      const dest = route['DestinationCidrBlock'] ?? route['DestinationIpv6CidrBlock'];
      const gw = route['GatewayId'];
      const toIgw = gw instanceof Unknown ? undefined : lookup(owner, gw)?.type === 'AWS::EC2::InternetGateway' || (typeof gw === 'string' && gw.startsWith('igw-'));
      if (toIgw === false) continue;
      const cidr = typeof dest === 'string' ? parseCidr(dest) : undefined;
      const anyAddress = dest instanceof Unknown || (dest !== undefined && !cidr) ? undefined : cidr ? isAnyAddress(cidr) : false;
      if (anyAddress === false) continue;
      if (toIgw === true && anyAddress === true && tableKnown) return 'public';
      // A default route that may go to an internet gateway, or a route that may be this table's.
      unknown ??= new Unknown(
        !tableKnown
          ? `route ${owner.id} goes to an internet gateway from a route table known only at deployment`
          : anyAddress === undefined
            ? `route ${owner.id} to an internet gateway has a destination known only at deployment`
            : `route ${owner.id} goes to a gateway known only at deployment`,
      );
    }
    if (unknown) recordUnknown({ reason: unknown.reason, path: [] });
    return unknown ?? 'private';
  }

  function subnetsOfGroup(from: Resource, ref: unknown): readonly unknown[] | Unknown {
    if (ref instanceof Unknown) return ref;
    const group = lookup(from, ref);
    if (!group) return notInScan(from, `subnet group ${describeRef(ref)}`, 'AWS::RDS::DBSubnetGroup');
    const list = get(group, ['SubnetIds']);
    if (list instanceof Unknown) return list;
    return Array.isArray(list) ? list : [];
  }

  function vpcHasInternetGateway(from: Resource, vpcRef: unknown): boolean | Unknown {
    if (vpcRef instanceof Unknown) return vpcRef;
    const vpc = lookup(from, vpcRef);
    if (!vpc) return notInScan(from, `VPC ${describeRef(vpcRef)}`, 'AWS::EC2::VPC');
    for (const a of referrers(vpc, 'AWS::EC2::VPCGatewayAttachment')) {
      if (!exists(a) || lookup(a, get(a, ['VpcId'])) !== vpc) continue;
      const igw = get(a, ['InternetGatewayId']);
      if (igw !== undefined && !(igw instanceof Unknown)) return true;
    }
    return incomplete('AWS::EC2::InternetGateway', vpc) ?? false;
  }

  function prefixListName(from: Resource, ref: unknown): string | undefined {
    const list = lookup(from, ref);
    if (list) {
      const name = get(list, ['PrefixListName']);
      if (typeof name === 'string') return name;
    }
    if (typeof ref === 'string' && CLOUDFRONT_PREFIX_LIST_IDS.has(ref)) return CLOUDFRONT_ORIGIN_FACING;
    return undefined;
  }

  let inputRes: Resource | undefined;
  function inputResource(): Resource {
    if (inputRes) return inputRes;
    const first = resources[0];
    if (source.kind === 'account') {
      const account = first?.origin.kind === 'account' ? first.origin.account : source.key.replace(/^account /, '');
      inputRes = { type: 'AWS::::Account', id: account, properties: {}, origin: { kind: 'account', account, region: 'us-east-1' } };
    } else {
      const file = first?.origin.kind === 'template' ? first.origin.file : source.key;
      const name = source.key.split(/[\\/]/).pop() ?? source.key;
      inputRes = { type: 'AWS::CloudFormation::Stack', id: name, properties: {}, origin: { kind: 'template', file, scope: source.key, input: source.key } };
    }
    return inputRes;
  }

  return {
    resources,
    ofType,
    find,
    incomplete,
    lookup,
    referrers,
    exists,
    securityGroupRules,
    detachedRule,
    securityGroupsOf,
    usersOfSecurityGroup,
    isBehindLoadBalancerOrCdn,
    subnetReachability,
    subnetsOfGroup,
    vpcHasInternetGateway,
    prefixListName,
    inputResource,
  };
}

/** A reference as a message shows it: the logical id, or the physical id. */
export function describeRef(ref: unknown): string {
  if (ref instanceof ResourceRef) return ref.logicalId;
  if (typeof ref === 'string') return ref;
  if (ref instanceof Composite) return ref.text();
  if (ref instanceof Unknown) return `(unknown: ${ref.reason})`;
  return '(a value)';
}
