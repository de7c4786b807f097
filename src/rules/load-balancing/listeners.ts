// Reading ELBv2 listeners: their properties per scenario, the load balancer they belong to,
// and whether only CloudFront can reach that load balancer.

import { CLOUDFRONT_ORIGIN_FACING } from '../../engine/inventory-index.js';
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown, asNumber, isRecord, type Assumptions } from '../../model/values.js';
import { covers, isInternet, sourceOf, tcpPortsOf } from '../network/sg-rule.js';

export interface Scenario {
  readonly props: Readonly<Record<string, unknown>>;
  readonly when: Assumptions;
}

/** The resource's properties once per condition/parameter scenario (consistent across keys). */
export function scenarios(ctx: RuleContext, resource: Resource): Scenario[] {
  return ctx.values(resource, []).flatMap((p) => (isRecord(p.value) ? [{ props: p.value, when: p.when }] : p.value === undefined || p.value === null ? [{ props: {}, when: p.when }] : []));
}

export function loadBalancerOf(ctx: RuleContext, listener: Resource): Resource | undefined {
  for (const p of ctx.values(listener, ['LoadBalancerArn'])) {
    const lb = ctx.index.lookup(listener, p.value);
    if (lb) return lb;
  }
  return undefined;
}

/**
 * Whether only CloudFront reaches the load balancer on `port`: every ingress rule covering the
 * port admits the CloudFront origin-facing managed prefix list, another security group, or a
 * private range, and at least one admits CloudFront. Anything unreadable means "not shown".
 */
export function onlyCloudFrontReaches(ctx: RuleContext, lb: Resource, port: unknown): boolean {
  const groups = ctx.index.securityGroupsOf(lb);
  if (groups.length === 0) return false;
  const p = asNumber(port);
  let cloudfront = false;
  for (const use of groups) {
    if (!use.group) return false;
    const rules = ctx.index.securityGroupRules(use.group);
    if (rules instanceof Unknown) return false;
    for (const r of rules) {
      if (r.direction !== 'ingress') continue;
      if (p !== undefined && covers(tcpPortsOf(r.rule), p) === false) continue;
      const source = sourceOf(r);
      if (source.kind === 'prefix-list') {
        if (ctx.index.prefixListName(r.owner, source.ref) !== CLOUDFRONT_ORIGIN_FACING) return false;
        cloudfront = true;
      } else if (source.kind === 'unknown' || (source.kind === 'cidr' && isInternet(source))) return false;
    }
  }
  return cloudfront;
}
