import type { Resource } from '../../model/resource.js';
import { readArray, readString } from '../read.js';
import { ipv4Item } from './ec2.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

/** An internet-facing load balancer holds one public IPv4 per subnet / AZ. */
function lbAddressCount(r: Resource, ctx: EstimateContext, lists: readonly string[]): { n: number; assumptions: string[] } {
  for (const l of lists) {
    const a = readArray(ctx.read, r, [l]);
    if (a && a.length > 0) return { n: a.length, assumptions: [] };
  }
  return { n: 2, assumptions: [`${lists.join('/')} unknown: assumed 2 AZs`] };
}

function internetFacing(r: Resource, ctx: EstimateContext): boolean {
  const scheme = readString(ctx.read, r, ['Scheme']);
  return !(scheme.known && scheme.value === 'internal');
}

export function estimateLoadBalancerV2(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const t = readString(ctx.read, r, ['Type']);
  const type = t.known ? t.value : 'application';
  const items: UsageItem[] = [];
  if (type === 'application') {
    items.push({
      service: 'ELB',
      description: `Application Load Balancer, ${hours} h`,
      quantity: hours,
      priceKey: 'elb.alb.hour',
      what: 'ALB hours',
      allowances: ['legacy.elb.hours'],
    });
    const lcu = ctx.usage.get('lcu', 1);
    items.push({
      service: 'ELB',
      description: `ALB capacity, ${lcu} LCU average`,
      quantity: lcu * hours,
      priceKey: 'elb.alb.lcu',
      what: 'ALB LCU-hours',
      allowances: ['legacy.alb.lcu'],
      ...withAssumptions(ctx.usage.take()),
    });
  } else if (type === 'network') {
    items.push({ service: 'ELB', description: `Network Load Balancer, ${hours} h`, quantity: hours, priceKey: 'elb.nlb.hour', what: 'NLB hours' });
    const lcu = ctx.usage.get('lcu', 1);
    items.push({
      service: 'ELB',
      description: `NLB capacity, ${lcu} NLCU average`,
      quantity: lcu * hours,
      priceKey: 'elb.nlb.nlcu',
      what: 'NLB NLCU-hours',
      ...withAssumptions(ctx.usage.take()),
    });
  } else if (type === 'gateway') {
    // Gateway Load Balancers sit behind endpoints in private subnets: no public address.
    items.push({ service: 'ELB', description: `Gateway Load Balancer, ${hours} h`, quantity: hours, priceKey: 'elb.gwlb.hour', what: 'GWLB hours' });
    const lcu = ctx.usage.get('lcu', 1);
    items.push({
      service: 'ELB',
      description: `GWLB capacity, ${lcu} GLCU average`,
      quantity: lcu * hours,
      priceKey: 'elb.gwlb.lcu',
      what: 'GWLB GLCU-hours',
      ...withAssumptions(ctx.usage.take()),
    });
    return { items };
  } else {
    return { items: [], notPriced: [`load balancer type ${type} is not one the estimator knows`] };
  }
  if (internetFacing(r, ctx)) {
    const { n, assumptions } = lbAddressCount(r, ctx, ['Subnets', 'SubnetMappings']);
    items.push(ipv4Item(n, hours, `internet-facing ${type === 'application' ? 'ALB' : 'NLB'}, one per AZ`, assumptions));
  }
  return { items };
}

export function estimateClassicLoadBalancer(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const gb = ctx.usage.get('processedGB', 10);
  const items: UsageItem[] = [
    { service: 'ELB', description: `Classic Load Balancer, ${hours} h`, quantity: hours, priceKey: 'elb.clb.hour', what: 'Classic LB hours', allowances: ['legacy.elb.hours'] },
    {
      service: 'ELB',
      description: `Classic LB data processed, ${gb} GB`,
      quantity: gb,
      priceKey: 'elb.clb.gb',
      what: 'Classic LB data processed',
      allowances: ['legacy.clb.gb'],
      ...withAssumptions(ctx.usage.take()),
    },
  ];
  if (internetFacing(r, ctx)) {
    const { n, assumptions } = lbAddressCount(r, ctx, ['Subnets', 'AvailabilityZones']);
    items.push(ipv4Item(n, hours, 'internet-facing Classic LB, one per AZ', assumptions));
  }
  return { items };
}
