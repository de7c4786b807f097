// Auto Scaling groups bill nothing themselves: their instances do. The group's instance
// type, volumes and public addressing come from its launch template (or legacy launch
// configuration), the count from the usage profile, else DesiredCapacity, else MinSize.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-autoscalinggroup.html
import type { Resource } from '../../model/resource.js';
import { readArray, readBoolean, readNumber, readString } from '../read.js';
import { blockDeviceItems, eniPublicIps, instanceHoursItem, ipv4Item, launchTemplateOf, subnetAssignsPublicIp } from './ec2.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

/** Average running instances: usage `instanceCount`, else DesiredCapacity, else MinSize. */
function instanceCount(r: Resource, ctx: EstimateContext, assumptions: string[]): number | undefined {
  const desired = readNumber(ctx.read, r, ['DesiredCapacity']);
  const min = readNumber(ctx.read, r, ['MinSize']);
  const max = readNumber(ctx.read, r, ['MaxSize']);
  const given = ctx.usage.peek('instanceCount', desired.known ? desired.value : min.known ? min.value : 1, desired.known ? 'DesiredCapacity' : 'MinSize');
  if (given !== undefined) return given;
  if (desired.known) return desired.value;
  if (!min.known) return undefined;
  assumptions.push(`DesiredCapacity ${desired.why}: assumed MinSize ${min.value} instances${max.known ? ` (MaxSize ${max.value}); set instanceCount in the usage profile` : ''}`);
  return min.value;
}

/** Where the instances' settings live: a launch template's data, or a launch configuration. */
interface LaunchSource {
  readonly resource: Resource;
  readonly base: (string | number)[];
  readonly label: string;
}

function launchSourceOf(r: Resource, ctx: EstimateContext): LaunchSource | undefined {
  const spec = ctx.read(r, ['LaunchTemplate']) !== undefined ? ['LaunchTemplate'] : ['MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification'];
  const lt = launchTemplateOf(ctx, r, spec);
  if (lt) return { resource: lt, base: ['LaunchTemplateData'], label: lt.id };
  const lc = ctx.ref(ctx.read(r, ['LaunchConfigurationName']));
  if (lc?.type === 'AWS::AutoScaling::LaunchConfiguration') return { resource: lc, base: [], label: lc.id };
  return undefined;
}

/** The instance type: the first MixedInstancesPolicy override (AWS launches it first), else the launch source's. */
function instanceTypeOf(r: Resource, ctx: EstimateContext, source: LaunchSource | undefined, assumptions: string[]): string | undefined {
  const overrides = readArray(ctx.read, r, ['MixedInstancesPolicy', 'LaunchTemplate', 'Overrides']);
  if (overrides && overrides.length > 0) {
    const first = readString(ctx.read, r, ['MixedInstancesPolicy', 'LaunchTemplate', 'Overrides', 0, 'InstanceType']);
    if (first.known) {
      if (overrides.length > 1) assumptions.push(`MixedInstancesPolicy lists ${overrides.length} instance types: all priced as the first, ${first.value}`);
      return first.value;
    }
  }
  if (!source) return undefined;
  const t = readString(ctx.read, source.resource, [...source.base, 'InstanceType']);
  return t.known ? t.value : undefined;
}

/** Public IPv4 per instance: the launch source's AssociatePublicIpAddress, else the group's subnets' MapPublicIpOnLaunch. */
function publicIpsPerInstance(r: Resource, ctx: EstimateContext, source: LaunchSource | undefined, assumptions: string[]): number {
  if (source) {
    const lcAssoc = source.base.length === 0 ? readBoolean(ctx.read, source.resource, ['AssociatePublicIpAddress']) : undefined;
    if (lcAssoc?.known) return lcAssoc.value ? 1 : 0;
    const fromEnis = eniPublicIps(ctx, source.resource, source.base);
    if (fromEnis !== undefined) return fromEnis;
  }
  const subnets = readArray(ctx.read, r, ['VPCZoneIdentifier']);
  if (!subnets || subnets.length === 0) {
    // No subnets: the default VPC (via AvailabilityZones), whose subnets assign public IPv4.
    if (ctx.read(r, ['VPCZoneIdentifier']) === undefined) {
      assumptions.push('no VPCZoneIdentifier: instances launch in the default VPC, whose subnets auto-assign a public IPv4');
      return 1;
    }
    assumptions.push('public IPv4 not counted: VPCZoneIdentifier is not a literal list');
    return 0;
  }
  // Instances spread over the subnets; count an address when every subnet assigns one.
  const notes: string[] = [];
  const mapped = subnets.map((s) => subnetAssignsPublicIp(ctx, s, notes));
  if (mapped.every(Boolean)) return 1;
  if (mapped.some(Boolean)) assumptions.push("public IPv4 not counted: only some of the group's subnets auto-assign one");
  assumptions.push(...new Set(notes));
  return 0;
}

export function estimateAutoScalingGroup(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const assumptions: string[] = [];
  const count = instanceCount(r, ctx, assumptions);
  if (count === undefined) return { items: [], notPriced: ['instance count unknown: no DesiredCapacity or MinSize; set instanceCount in the usage profile'] };
  if (count === 0) return { items: [], free: 'no running instances (DesiredCapacity/MinSize 0)' };
  const source = launchSourceOf(r, ctx);
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  const type = instanceTypeOf(r, ctx, source, assumptions);
  // Spot prices move hourly and have no catalog: on-demand is the upper bound.
  const onDemandShare = readNumber(ctx.read, r, ['MixedInstancesPolicy', 'InstancesDistribution', 'OnDemandPercentageAboveBaseCapacity']);
  if (onDemandShare.known && onDemandShare.value < 100) assumptions.push(`Spot share (${100 - onDemandShare.value}% above base capacity) priced at on-demand: an upper bound`);
  if (type) items.push({ ...instanceHoursItem(type, hours, count), ...withAssumptions(assumptions) });
  else notPriced.push(source ? `instance type unknown in ${source.label}` : 'launch template or configuration is not in this scan: instance type unknown');
  // Without a launch source in the scan, the group itself has no mappings: the AMI root volume is assumed.
  const volumes = source ? blockDeviceItems(ctx, source.resource, source.base, hours, count) : blockDeviceItems(ctx, r, [], hours, count);
  items.push(...volumes.items);
  notPriced.push(...(volumes.notPriced ?? []));
  const ipNotes: string[] = [];
  const perInstance = publicIpsPerInstance(r, ctx, source, ipNotes);
  if (perInstance > 0) items.push(ipv4Item(perInstance * count, hours, "auto-assigned to the group's instances", ipNotes));
  else notPriced.push(...ipNotes);
  return { items, notPriced };
}
