// The COST-* rules share one estimate per evaluation; the estimator is pure, so a rule may call it.
// Each resource is priced in its own region and named by its own key (input + stack + logical id,
// or account/region/type/id), so findings land on the right resource when inputs are scanned together.

import { costAdvisories, type CostAdvisory } from '../../cost/advisories.js';
import { ACCOUNT_RESOURCE, estimateResources } from '../../cost/estimate.js';
import type { ResourceId } from '../../cost/types.js';
import type { InventoryIndex } from '../../model/inventory.js';
import { resourceKey, type Path, type Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { outsideRuns } from '../../model/scenario.js';

const cache = new WeakMap<InventoryIndex, readonly CostAdvisory[]>();
/** The resources whose estimates COST-002/003 read, with those their estimators look up (subnets, gateways…). */
const ADVISORY_TYPES = /^AWS::(EC2|ElasticLoadBalancing|ElasticLoadBalancingV2|RDS|ElastiCache|ECS|AutoScaling)::/;
/**
 * The types an advisory can be about: the Graviton candidates of gravitonAdvisories, and the
 * estimators that price a public IPv4 address (ipv4Item). An input with none of them has no
 * COST-002/003 to give, and pricing its security groups and subnets would be wasted.
 */
export const ADVISORY_SUBJECTS: ReadonlySet<string> = new Set([
  'AWS::EC2::Instance',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::RDS::DBInstance',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::EC2::EIP',
  'AWS::EC2::NatGateway',
  'AWS::ECS::Service',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
]);

/** Reads a property as the estimate prices it: the default deployment, nothing recorded. */
export function costReader(ctx: Pick<RuleContext, 'get'>): (r: Resource, path: Path) => unknown {
  return (r, path) => outsideRuns(() => ctx.get(r, path));
}

/** COST-001/002/003 for the input's resources, estimated once per input. */
export function advisories(ctx: RuleContext): readonly CostAdvisory[] {
  const hit = cache.get(ctx.index);
  if (hit) return hit;
  const resources = ctx.index.resources;
  const read = costReader(ctx);
  const budget = ctx.config.budget;
  // Without a budget only COST-002/003 need prices, and they concern compute, databases and
  // public addresses: pricing buckets, distributions and logs for them would be wasted work.
  const nothingToAdvise = budget === undefined && !resources.some((r) => ADVISORY_SUBJECTS.has(r.type));
  const priced = nothingToAdvise ? [] : budget === undefined ? resources.filter((r) => ADVISORY_TYPES.test(r.type)) : resources;
  if (priced.length === 0) {
    cache.set(ctx.index, []);
    return [];
  }
  const report = estimateResources(priced, { read, ...(ctx.config.region ? { region: ctx.config.region } : {}) });
  const result = costAdvisories(resources, report, { read, ...(budget !== undefined ? { budget, allowUnpriced: ctx.config.allowUnpriced } : {}) });
  cache.set(ctx.index, result);
  return result;
}

const byKeyCache = new WeakMap<InventoryIndex, Map<string, Resource>>();

/** The resource an advisory names; account-wide ones (the total) name the input itself. */
export function resourceFor(ctx: Pick<RuleContext, 'index'>, id: ResourceId): Resource {
  let byKey = byKeyCache.get(ctx.index);
  if (!byKey) {
    byKey = new Map();
    for (const r of ctx.index.resources) byKey.set(resourceKey(r), r);
    byKeyCache.set(ctx.index, byKey);
  }
  if (id.key !== undefined && id.key !== ACCOUNT_RESOURCE.key) {
    const found = byKey.get(id.key);
    if (found) return found;
  }
  return ctx.index.inputResource();
}

/** Reports one rule's advisories as findings on the resources they name. */
export function reportAdvisories(ctx: RuleContext<'advisory'>, ruleId: CostAdvisory['ruleId']): void {
  for (const a of advisories(ctx).filter((x) => x.ruleId === ruleId)) {
    const report = { messageId: 'advisory' as const, data: { advice: a.message }, resource: resourceFor(ctx, a.resource) };
    if (a.undecided) ctx.notEvaluated(report);
    else ctx.report(report);
  }
}
