import type { Resource } from '../../model/resource.js';
import { isRecord } from '../../model/values.js';
import { readArray, readBoolean, readNumber, readString } from '../read.js';
import { hoursOf, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

// Public IPv4 addresses are charged by the hour since 2024-02-01, in use or idle:
// https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/
export function ipv4Item(count: number, hours: number, what: string, assumptions?: readonly string[]): UsageItem {
  return {
    service: 'VPC',
    description: `Public IPv4 address${count === 1 ? '' : 'es'} × ${count} (${what})`,
    quantity: count * hours,
    priceKey: 'vpc.public_ipv4',
    count,
    what: 'public IPv4 address-hours',
    allowances: ['legacy.ipv4'],
    ...(assumptions?.length ? { assumptions } : {}),
  };
}

const MICRO_FREE_TIER = new Set(['t2.micro', 't3.micro']);

interface Ebs {
  size?: number;
  type?: string;
  iops?: number;
  throughput?: number;
}

// Volume types and their storage price keys; `standard` is the previous-generation magnetic type.
// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
const EBS_TYPES: ReadonlySet<string> = new Set(['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard']);
/** gp3 includes 3,000 IOPS and 125 MiB/s: https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type */
const GP3_BASE_IOPS = 3000;
const GP3_BASE_THROUGHPUT = 125;

/** EBS volume lines (storage and gp3/io1/io2 extras) for one volume; `share` volumes' worth of a month (hours × count / month). */
export function ebsItems(label: string, v: Ebs, hours: number, hoursPerMonth: number, assumptions: string[]): { items: UsageItem[]; notPriced: string[] } {
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  const type = v.type ?? 'gp2';
  const size = v.size ?? 8;
  if (!EBS_TYPES.has(type)) return { items, notPriced: [`${label}: volume type ${type} is not an EBS volume type the estimator knows`] };
  // Volumes bill per GB-month provisioned; a part-month volume pays its share.
  const share = hours / hoursPerMonth;
  items.push({
    service: 'EBS',
    description: `${label}: ${type} ${size} GB`,
    quantity: size * share,
    priceKey: `ebs.${type}.storage`,
    what: `EBS ${type} storage`,
    allowances: ['legacy.ebs'],
    ...(assumptions.length ? { assumptions } : {}),
  });
  if (type === 'gp3') {
    if (v.iops !== undefined && v.iops > GP3_BASE_IOPS)
      items.push({
        service: 'EBS',
        description: `${label}: gp3 IOPS above 3,000 (${v.iops})`,
        quantity: (v.iops - GP3_BASE_IOPS) * share,
        priceKey: 'ebs.gp3.iops',
        what: 'EBS gp3 provisioned IOPS',
      });
    if (v.throughput !== undefined && v.throughput > GP3_BASE_THROUGHPUT)
      items.push({
        service: 'EBS',
        description: `${label}: gp3 throughput above 125 MiB/s (${v.throughput})`,
        quantity: (v.throughput - GP3_BASE_THROUGHPUT) * share,
        priceKey: 'ebs.gp3.throughput',
        what: 'EBS gp3 provisioned throughput',
      });
  }
  if (type === 'io1' && v.iops !== undefined)
    items.push({ service: 'EBS', description: `${label}: io1 provisioned IOPS (${v.iops})`, quantity: v.iops * share, priceKey: 'ebs.io1.iops', what: 'EBS io1 IOPS' });
  // io2 IOPS are tiered per volume (32,000 / 64,000): the tier bounds scale with the volumes counted.
  if (type === 'io2' && v.iops !== undefined)
    items.push({
      service: 'EBS',
      description: `${label}: io2 provisioned IOPS (${v.iops})`,
      quantity: v.iops * share,
      priceKey: 'ebs.io2.iops',
      what: 'EBS io2 IOPS',
      tierScale: share,
    });
  if ((type === 'io1' || type === 'io2') && v.iops === undefined) notPriced.push(`${label}: ${type} volume without Iops: provisioned IOPS not priced`);
  return { items, notPriced };
}

function readEbs(ctx: EstimateContext, r: Resource, base: (string | number)[], label: string, assumptions: string[]): Ebs {
  const out: Ebs = {};
  const size = readNumber(ctx.read, r, [...base, 'VolumeSize']);
  if (size.known) out.size = size.value;
  else assumptions.push(`${label} size ${size.why}: assumed 8 GB (typical AMI root volume)`);
  const type = readString(ctx.read, r, [...base, 'VolumeType']);
  if (type.known) out.type = type.value;
  else assumptions.push(`${label} type ${type.why}: assumed gp2 (EC2 default)`);
  const iops = readNumber(ctx.read, r, [...base, 'Iops']);
  if (iops.known) out.iops = iops.value;
  const tp = readNumber(ctx.read, r, [...base, 'Throughput']);
  if (tp.known) out.throughput = tp.value;
  return out;
}

/** Whether an EIP (or EIP association) of the same input targets this instance: its auto-assigned address is then released. */
function hasElasticIp(ctx: EstimateContext, instance: Resource): boolean {
  return ctx.referrers(['AWS::EC2::EIP', 'AWS::EC2::EIPAssociation'], ['InstanceId'], instance).length > 0;
}

/**
 * Public IPv4 addresses the NetworkInterfaces at `base` ask for (AssociatePublicIpAddress),
 * or undefined when none are listed and the subnet decides.
 */
export function eniPublicIps(ctx: EstimateContext, r: Resource, base: (string | number)[]): number | undefined {
  const enis = readArray(ctx.read, r, [...base, 'NetworkInterfaces']);
  if (!enis || enis.length === 0) return undefined;
  return enis.filter((_, i) => {
    const assoc = readBoolean(ctx.read, r, [...base, 'NetworkInterfaces', i, 'AssociatePublicIpAddress']);
    return assoc.known && assoc.value;
  }).length;
}

/** How many auto-assigned public IPv4 addresses an instance gets, with the reason when it is an assumption. */
function instancePublicIps(ctx: EstimateContext, r: Resource, assumptions: string[]): number {
  if (hasElasticIp(ctx, r)) return 0;
  const fromEnis = eniPublicIps(ctx, r, []);
  if (fromEnis !== undefined) return fromEnis;
  const subnetRaw = ctx.read(r, ['SubnetId']);
  if (subnetRaw === undefined) {
    assumptions.push('no SubnetId: launched in the default VPC, whose subnets auto-assign a public IPv4');
    return 1;
  }
  return subnetAssignsPublicIp(ctx, subnetRaw, assumptions) ? 1 : 0;
}

/** Whether a subnet in the scan auto-assigns public IPv4 (MapPublicIpOnLaunch); unknown counts as no, with the reason. */
export function subnetAssignsPublicIp(ctx: EstimateContext, subnetRaw: unknown, assumptions: string[]): boolean {
  const subnet = ctx.ref(subnetRaw);
  if (subnet?.type !== 'AWS::EC2::Subnet') {
    assumptions.push('public IPv4 not counted: the subnet is not in this scan');
    return false;
  }
  const map = readBoolean(ctx.read, subnet, ['MapPublicIpOnLaunch']);
  if (!map.known && map.why !== 'not set') assumptions.push(`public IPv4 not counted: ${subnet.id}.MapPublicIpOnLaunch ${map.why}`);
  return map.known && map.value;
}

/** The on-demand instance-hours line for one instance type (× count instances). */
export function instanceHoursItem(type: string, hours: number, count = 1): UsageItem {
  return {
    service: 'EC2',
    description: `${count === 1 ? '' : `${count} × `}${type} Linux on-demand, ${hours} h`,
    quantity: hours * count,
    priceKey: `ec2.instance.${type}`,
    what: `EC2 ${type}`,
    ...(count === 1 ? {} : { count }),
    ...(MICRO_FREE_TIER.has(type) ? { allowances: ['legacy.ec2.micro'] } : {}),
  };
}

/**
 * EBS lines for the block device mappings at `base` of `r` (an instance, or a launch
 * template's LaunchTemplateData), scaled by `count` instances; without mappings, the AMI's
 * root volume is assumed 8 GB gp3.
 */
export function blockDeviceItems(ctx: EstimateContext, r: Resource, base: (string | number)[], hours: number, count = 1): EstimateResult {
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  const each = count === 1 ? '' : ` (each of ${count} instances)`;
  const bdms = readArray(ctx.read, r, [...base, 'BlockDeviceMappings']);
  if (bdms && bdms.length > 0) {
    bdms.forEach((m, i) => {
      if (!isRecord(m) || !('Ebs' in m)) return;
      const assumptions: string[] = [];
      const dev = readString(ctx.read, r, [...base, 'BlockDeviceMappings', i, 'DeviceName']);
      const label = `volume ${dev.known ? dev.value : i}`;
      const e = ebsItems(label + each, readEbs(ctx, r, [...base, 'BlockDeviceMappings', i, 'Ebs'], label, assumptions), hours * count, ctx.usage.hoursPerMonth, assumptions);
      items.push(...e.items);
      notPriced.push(...e.notPriced);
    });
  } else {
    const e = ebsItems('root volume' + each, { size: 8, type: 'gp3' }, hours * count, ctx.usage.hoursPerMonth, [
      'no BlockDeviceMappings: root volume assumed 8 GB gp3 (from the AMI)',
    ]);
    items.push(...e.items);
  }
  return { items, notPriced };
}

/**
 * The AWS::EC2::LaunchTemplate a LaunchTemplate specification names, when it is in the scan.
 * EC2 and Auto Scaling name the fields LaunchTemplateId/Name; EKS node groups Id/Name.
 */
export function launchTemplateOf(
  ctx: EstimateContext,
  r: Resource,
  path: (string | number)[],
  fields: readonly string[] = ['LaunchTemplateId', 'LaunchTemplateName'],
): Resource | undefined {
  for (const field of fields) {
    const lt = ctx.ref(ctx.read(r, [...path, field]));
    if (lt?.type === 'AWS::EC2::LaunchTemplate') return lt;
  }
  return undefined;
}

export function estimateInstance(r: Resource, ctx: EstimateContext): EstimateResult {
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  const hours = hoursOf(ctx);
  // An instance launched from a launch template takes what it does not set from the template.
  const lt = launchTemplateOf(ctx, r, ['LaunchTemplate']);
  let type = readString(ctx.read, r, ['InstanceType']);
  if (!type.known && type.why === 'not set' && lt) type = readString(ctx.read, lt, ['LaunchTemplateData', 'InstanceType']);
  if (!type.known) {
    // CloudFormation's documented default is m1.small (previous generation).
    if (type.why === 'not set') items.push({ ...instanceHoursItem('m1.small', hours), assumptions: ['InstanceType not set: m1.small, the CloudFormation default'] });
    else notPriced.push(`instance type unknown: ${type.why}`);
  } else {
    items.push(instanceHoursItem(type.value, hours));
  }
  const ownBdms = readArray(ctx.read, r, ['BlockDeviceMappings']);
  const volumes = !ownBdms?.length && lt ? blockDeviceItems(ctx, lt, ['LaunchTemplateData'], hours) : blockDeviceItems(ctx, r, [], hours);
  items.push(...volumes.items);
  notPriced.push(...(volumes.notPriced ?? []));
  const ipAssumptions: string[] = [];
  const ips = instancePublicIps(ctx, r, ipAssumptions);
  if (ips > 0) items.push(ipv4Item(ips, hours, 'auto-assigned', ipAssumptions));
  else if (ipAssumptions.length) notPriced.push(...ipAssumptions);
  return { items, notPriced };
}

export function estimateEip(_r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  return { items: [ipv4Item(1, hours, 'Elastic IP, attached or idle')] };
}

export function estimateVolume(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const assumptions: string[] = [];
  const v: Ebs = {};
  const size = readNumber(ctx.read, r, ['Size']);
  if (size.known) v.size = size.value;
  else assumptions.push(`Size ${size.why}: assumed 8 GB`);
  const type = readString(ctx.read, r, ['VolumeType']);
  if (type.known) v.type = type.value;
  else assumptions.push(`VolumeType ${type.why}: assumed gp2 (EC2 default)`);
  const iops = readNumber(ctx.read, r, ['Iops']);
  if (iops.known) v.iops = iops.value;
  const tp = readNumber(ctx.read, r, ['Throughput']);
  if (tp.known) v.throughput = tp.value;
  const e = ebsItems('volume', v, hours, ctx.usage.hoursPerMonth, assumptions);
  return { items: e.items, notPriced: e.notPriced };
}

export function estimateNatGateway(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const gb = ctx.usage.get('processedGB', 10);
  const items: UsageItem[] = [
    { service: 'NAT Gateway', description: `NAT gateway, ${hours} h`, quantity: hours, priceKey: 'nat.hour', what: 'NAT gateway hours' },
    { service: 'NAT Gateway', description: `data processed, ${gb} GB`, quantity: gb, priceKey: 'nat.gb', what: 'NAT gateway data processed', assumptions: ctx.usage.take() },
  ];
  const conn = readString(ctx.read, r, ['ConnectivityType']);
  const isPrivate = conn.known && conn.value === 'private';
  // A public NAT gateway holds an Elastic IP; when that EIP is in the scan it is priced there.
  if (!isPrivate && ctx.ref(ctx.read(r, ['AllocationId']))?.type !== 'AWS::EC2::EIP') {
    items.push(ipv4Item(1, hours, "the NAT gateway's Elastic IP (allocated outside this scan)"));
  }
  return { items };
}
