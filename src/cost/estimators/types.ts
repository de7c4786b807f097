import type { Resource } from '../../model/resource.js';
import type { UsageView } from '../usage.js';
import type { ValueReader } from '../types.js';

export interface EstimateContext {
  /** The region this resource is priced in. */
  readonly region: string;
  readonly read: ValueReader;
  readonly usage: UsageView;
  readonly hours: number;
  /** The resource a value refers to: a Ref/GetAtt (imported ones included), a raw `{Ref}`, or an account's physical id. */
  ref(value: unknown): Resource | undefined;
  /**
   * The input's resources of `types` whose property at `path` refers to `target` (the Elastic
   * IPs of an instance, the members of a cluster). Lookups stay inside the resource's own input
   * (a template or cloud assembly; an account's region), so inputs priced together do not mix,
   * and are indexed once per input and question: 90,000 resources are not searched per resource.
   */
  referrers(types: readonly string[], path: readonly (string | number)[], target: Resource): readonly Resource[];
}

/** One priced quantity before prices and allowances are applied. */
export interface UsageItem {
  readonly service: string;
  readonly description: string;
  /** In the price's unit (hours, GB-months, 1k requests, …). */
  readonly quantity: number;
  readonly priceKey: string;
  /** Human name for "no price for … in region". */
  readonly what?: string;
  /** Allowance pools that may cover part of the quantity, in order. */
  readonly allowances?: readonly string[];
  readonly assumptions?: readonly string[];
  /** How many things the quantity counts (public IPv4 addresses, tasks), when that is useful downstream. */
  readonly count?: number;
  /** Fraction off the list price (Fargate Spot with a user-given discount). */
  readonly discount?: number;
  /** Tiered prices whose tiers count per thing (per volume): the bounds times this many things. */
  readonly tierScale?: number;
}

export interface EstimateResult {
  readonly items: readonly UsageItem[];
  /** Parts that cannot be priced, with the reason. */
  readonly notPriced?: readonly string[];
  /** Set when the resource costs nothing by itself (e.g. an ECS service on EC2 capacity). */
  readonly free?: string;
}

export type Estimator = (r: Resource, ctx: EstimateContext) => EstimateResult;

/** Hours the resource runs: its usage `hours`, else the whole month. */
export function hoursOf(ctx: EstimateContext): number {
  return ctx.usage.values.hours ?? ctx.hours;
}

/** An item's assumptions field, only when there are some. */
export function withAssumptions(list: readonly string[]): { assumptions?: readonly string[] } {
  return list.length ? { assumptions: list } : {};
}
