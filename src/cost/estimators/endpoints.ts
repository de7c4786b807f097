// Per-hour network attachments and control planes: VPC interface endpoints, Transit Gateway
// attachments, EKS clusters (and their managed node groups, which are EC2 instances).
import type { Resource } from '../../model/resource.js';
import { readArray, readNumber, readString } from '../read.js';
import { blockDeviceItems, ebsItems, instanceHoursItem, launchTemplateOf } from './ec2.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

// ---------------------------------------------------------------------------------------
// VPC endpoints: https://aws.amazon.com/privatelink/pricing/

/** Endpoint network interfaces: one per subnet (so per AZ); 1 when the list cannot be read. */
function endpointEnis(r: Resource, ctx: EstimateContext, assumptions: string[]): number {
  const subnets = readArray(ctx.read, r, ['SubnetIds']);
  if (subnets && subnets.length > 0) return subnets.length;
  assumptions.push(`SubnetIds ${subnets ? 'empty' : 'not a literal list'}: assumed 1 AZ`);
  return 1;
}

function interfaceEndpointItems(r: Resource, ctx: EstimateContext): UsageItem[] {
  const hours = hoursOf(ctx);
  const assumptions: string[] = [];
  const enis = endpointEnis(r, ctx, assumptions);
  const gb = ctx.usage.get('processedGB', 0);
  return [
    {
      service: 'VPC',
      description: `interface endpoint × ${enis} AZ${enis === 1 ? '' : 's'}, ${hours} h`,
      quantity: enis * hours,
      priceKey: 'vpc.endpoint.interface.hour',
      what: 'VPC interface endpoint hours',
      count: enis,
      ...withAssumptions(assumptions),
    },
    {
      service: 'VPC',
      description: `interface endpoint data processed, ${gb} GB`,
      quantity: gb,
      priceKey: 'vpc.endpoint.interface.gb',
      what: 'VPC interface endpoint data processed',
      ...withAssumptions(ctx.usage.take()),
    },
  ];
}

/**
 * VpcEndpointType defaults to Gateway when absent:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html#cfn-ec2-vpcendpoint-vpcendpointtype
 * Gateway endpoints (S3, DynamoDB) have no charge:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-pricing
 */
export function estimateVpcEndpoint(r: Resource, ctx: EstimateContext): EstimateResult {
  const t = readString(ctx.read, r, ['VpcEndpointType']);
  if (!t.known && t.why !== 'not set') return { items: [], notPriced: [`VpcEndpointType ${t.why}: endpoint type unknown`] };
  const type = t.known ? t.value : 'Gateway';
  if (type === 'Gateway') return { items: [], free: 'gateway endpoints have no charge' };
  if (type === 'Interface') return { items: interfaceEndpointItems(r, ctx) };
  // GatewayLoadBalancer, Resource and ServiceNetwork endpoints have their own rates.
  return { items: [], notPriced: [`${type} endpoint: no price in the catalog`] };
}

// ---------------------------------------------------------------------------------------
// Transit Gateway: https://aws.amazon.com/transit-gateway/pricing/ . The gateway itself is
// free; each attachment bills by the hour and the data it sends to the gateway by the GB.

export function estimateTransitGatewayAttachment(_r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const gb = ctx.usage.get('processedGB', 0);
  return {
    items: [
      { service: 'Transit Gateway', description: `attachment, ${hours} h`, quantity: hours, priceKey: 'transitgateway.attachment.hour', what: 'Transit Gateway attachment hours' },
      {
        service: 'Transit Gateway',
        description: `data processed, ${gb} GB`,
        quantity: gb,
        priceKey: 'transitgateway.gb',
        what: 'Transit Gateway data processed',
        ...withAssumptions(ctx.usage.take()),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// EKS: https://aws.amazon.com/eks/pricing/

export function estimateEksCluster(_r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  // A Kubernetes version past standard support bills the extended-support rate (6× higher).
  return {
    items: [{ service: 'EKS', description: `cluster control plane (standard support), ${hours} h`, quantity: hours, priceKey: 'eks.cluster.hour', what: 'EKS cluster hours' }],
  };
}

// Managed node group defaults: t3.medium when no instance type is given anywhere, and a
// 20 GiB root disk for Linux and Bottlerocket AMIs:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-eks-nodegroup.html
const NODEGROUP_DEFAULT_TYPE = 't3.medium';
const NODEGROUP_DEFAULT_DISK_GB = 20;
/** Used when ScalingConfig is missing or unreadable; the usage profile's instanceCount overrides it. */
const NODEGROUP_FALLBACK_NODES = 2;

/** Average nodes: usage `instanceCount`, else ScalingConfig DesiredSize, else MinSize, else 2. */
function nodeCount(r: Resource, ctx: EstimateContext, assumptions: string[]): number {
  const desired = readNumber(ctx.read, r, ['ScalingConfig', 'DesiredSize']);
  const min = readNumber(ctx.read, r, ['ScalingConfig', 'MinSize']);
  const given = ctx.usage.peek('instanceCount', desired.known ? desired.value : min.known ? min.value : NODEGROUP_FALLBACK_NODES, 'DesiredSize');
  if (given !== undefined) return given;
  if (desired.known) return desired.value;
  const nodes = (n: number): string => `${n} node${n === 1 ? '' : 's'}`;
  if (min.known) {
    assumptions.push(`DesiredSize ${desired.why}: assumed MinSize ${nodes(min.value)}; set instanceCount in the usage profile`);
    return min.value;
  }
  const what = ctx.read(r, ['ScalingConfig']) === undefined ? 'ScalingConfig not set' : `DesiredSize ${desired.why}, MinSize ${min.why}`;
  assumptions.push(`${what}: assumed ${nodes(NODEGROUP_FALLBACK_NODES)}; set instanceCount in the usage profile`);
  return NODEGROUP_FALLBACK_NODES;
}

function nodeInstanceType(r: Resource, ctx: EstimateContext, lt: Resource | undefined, assumptions: string[]): string | undefined {
  const types = readArray(ctx.read, r, ['InstanceTypes']);
  if (types && types.length > 0) {
    const first = readString(ctx.read, r, ['InstanceTypes', 0]);
    if (!first.known) return undefined;
    if (types.length > 1) assumptions.push(`InstanceTypes lists ${types.length} types: all priced as the first, ${first.value}`);
    return first.value;
  }
  if (lt) {
    const t = readString(ctx.read, lt, ['LaunchTemplateData', 'InstanceType']);
    if (t.known) return t.value;
  }
  if (ctx.read(r, ['InstanceTypes']) !== undefined) return undefined;
  assumptions.push(`no instance type: assumed ${NODEGROUP_DEFAULT_TYPE} (EKS default)`);
  return NODEGROUP_DEFAULT_TYPE;
}

/** Root volumes: the launch template's mappings, else DiskSize (default 20 GiB) on the gp2 volume EKS's own launch template uses. */
function nodeVolumes(r: Resource, ctx: EstimateContext, lt: Resource | undefined, hours: number, nodes: number): EstimateResult {
  if (lt) return blockDeviceItems(ctx, lt, ['LaunchTemplateData'], hours, nodes);
  const size = readNumber(ctx.read, r, ['DiskSize']);
  const assumptions = [
    ...(size.known ? [] : [`DiskSize ${size.why}: assumed ${NODEGROUP_DEFAULT_DISK_GB} GiB (EKS default for Linux)`]),
    'gp2, the type EKS-created launch templates use (https://github.com/aws/containers-roadmap/issues/1417)',
  ];
  const label = `root volume${nodes === 1 ? '' : ` (each of ${nodes} nodes)`}`;
  return ebsItems(label, { size: size.known ? size.value : NODEGROUP_DEFAULT_DISK_GB, type: 'gp2' }, hours * nodes, ctx.usage.hoursPerMonth, assumptions);
}

/** A managed node group bills nothing itself: its EC2 instances and their volumes do. */
export function estimateEksNodegroup(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const assumptions: string[] = [];
  const lt = launchTemplateOf(ctx, r, ['LaunchTemplate'], ['Id', 'Name']);
  const nodes = nodeCount(r, ctx, assumptions);
  const type = nodeInstanceType(r, ctx, lt, assumptions);
  if (!type) return { items: [], notPriced: ['node instance type unknown'] };
  if (nodes === 0) return { items: [], free: 'node group scaled to 0 nodes' };
  const capacity = readString(ctx.read, r, ['CapacityType']);
  if (capacity.known && capacity.value === 'SPOT') assumptions.push('Spot nodes priced at on-demand (upper bound)');
  const ami = readString(ctx.read, r, ['AmiType']);
  if (ami.known && ami.value.startsWith('WINDOWS')) assumptions.push(`${ami.value}: priced as Linux (Windows licence not included)`);
  const instances = instanceHoursItem(type, hours, nodes);
  const volumes = nodeVolumes(r, ctx, lt, hours, nodes);
  return { items: [{ ...instances, ...withAssumptions(assumptions) }, ...volumes.items], notPriced: volumes.notPriced ?? [] };
}
