import type { Resource } from '../../model/resource.js';
import type { UsageView } from '../usage.js';
import type { ValueReader } from '../types.js';

export interface EstimateContext {
  readonly region: string;
  readonly read: ValueReader;
  readonly usage: UsageView;
  readonly hours: number;
  readonly resources: readonly Resource[];
  /** Resources of the same scan by logical (or physical) id. */
  readonly byId: ReadonlyMap<string, Resource>;
  /** Usage of another resource (e.g. the ECS service of a task definition). */
  usageOf(r: Resource): UsageView;
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
