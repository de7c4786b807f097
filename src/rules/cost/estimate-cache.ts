// The COST-* rules share one estimate per evaluation; the estimator is pure, so a rule may call it.

import { costAdvisories, type CostAdvisory } from '../../cost/advisories.js';
import { estimateCost } from '../../cost/estimate.js';
import type { InventoryIndex } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';

const cache = new WeakMap<InventoryIndex, readonly CostAdvisory[]>();
const ADVISORY_TYPES = /^AWS::(EC2|ElasticLoadBalancing|ElasticLoadBalancingV2|RDS|ElastiCache|ECS|AutoScaling)::/;

/** The region a scan is priced in: the account's, or the template's cdk.out environment / --region, else us-east-1. */
export function regionOf(resources: readonly Resource[]): string {
  for (const r of resources) if (r.origin.region) return r.origin.region;
  return 'us-east-1';
}

export function advisories(ctx: RuleContext): readonly CostAdvisory[] {
  const hit = cache.get(ctx.index);
  if (hit) return hit;
  const resources = ctx.index.resources;
  const read = (r: Resource, path: readonly (string | number)[]): unknown => {
    const poss = ctx.values(r, path);
    return poss.find((p) => !(p.value instanceof Unknown))?.value ?? poss[0]?.value;
  };
  // Without a budget only COST-002/003 need prices, and they concern compute, databases and
  // public addresses: pricing buckets, distributions and logs for them would be wasted work.
  const priced = ctx.config.budget === undefined ? resources.filter((r) => ADVISORY_TYPES.test(r.type)) : resources;
  const report = estimateCost(priced, { region: regionOf(resources), read });
  const result = costAdvisories(resources, report, { read, ...(ctx.config.budget !== undefined ? { budget: ctx.config.budget } : {}) });
  cache.set(ctx.index, result);
  return result;
}

/** Findings name real resources; account-wide ones (the total, internet data) name the first input's stack. */
const byIdCache = new WeakMap<InventoryIndex, Map<string, Resource>>();

export function resourceFor(ctx: RuleContext, id: { id: string; type: string }): Resource | undefined {
  let byId = byIdCache.get(ctx.index);
  if (!byId) {
    byId = new Map();
    for (const r of ctx.index.resources) if (!byId.has(`${r.type}|${r.id}`)) byId.set(`${r.type}|${r.id}`, r);
    byIdCache.set(ctx.index, byId);
  }
  const found = byId.get(`${id.type}|${id.id}`);
  if (found) return found;
  const first = ctx.index.resources[0];
  if (!first) return undefined;
  const name = first.origin.kind === 'template' ? (first.origin.stack ?? first.origin.file) : first.origin.account;
  return { type: first.origin.kind === 'template' ? 'AWS::CloudFormation::Stack' : 'AWS::Account', id: name, properties: {}, origin: first.origin };
}

/** Reports one rule's advisories as findings on the resources they name. */
export function reportAdvisories(ctx: RuleContext, ruleId: CostAdvisory['ruleId']): void {
  for (const a of advisories(ctx).filter((x) => x.ruleId === ruleId)) {
    const r = resourceFor(ctx, a.resource);
    if (r) ctx.fail(r, a.message);
  }
}
