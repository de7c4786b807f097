import type { Path, Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { printValue } from '../../engine/printer.js';
import { asKnownNumber, asKnownString } from '../lib/known.js';
import { behaviors, distributionConfig, type Behavior } from './distribution.js';

// Managed policy ids: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
// and https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const MANAGED_CACHING = new Set(['658327ea-f89d-4fab-a63d-7e88639e58f6', '08627262-05a9-4f76-9ded-b50ca2e3a84f', 'b2884449-e4de-46a7-ac36-70bc7f1ddd6d']);
const ALL_VIEWER_POLICIES = new Set([
  '216adef6-5c7f-47e4-b989-5492eafa07d3', // AllViewer
  'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
  '33f36d7e-f396-46d9-90e0-52428a34d9dc', // AllViewerAndCloudFrontHeaders-2022-06
]);
// Legacy ForwardedValues defaults when the TTL is absent.
const TTL_DEFAULTS = { MinTTL: 0, DefaultTTL: 86400, MaxTTL: 31536000 } as const;
const TTL_KEYS = ['MinTTL', 'DefaultTTL', 'MaxTTL'] as const;

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    '^' +
      glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
}

/** CloudFront path patterns may omit the leading slash. */
const normalize = (p: string): string => (p.startsWith('/') ? p : `/${p}`);

export function isApiBehavior(pattern: string | undefined, apiPatterns: readonly string[]): boolean {
  if (pattern === undefined) return false;
  const p = normalize(pattern);
  return apiPatterns.some((a) => normalize(a) === p || globToRegExp(normalize(a)).test(p));
}

type Policy = { readonly config: Readonly<Record<string, unknown>> } | { readonly managed: 'disabled' | 'caching' | 'all-viewer' };

/** A cache or origin request policy: managed (by id) or defined in the input; an Unknown (recorded) otherwise. */
function policyOf(ctx: RuleContext, from: Resource, ref: unknown, type: string, configKey: string, path: Path): Policy | Unknown {
  if (ref instanceof Unknown) return ref;
  const id = asString(ref);
  if (id === CACHING_DISABLED) return { managed: 'disabled' };
  if (id !== undefined && MANAGED_CACHING.has(id)) return { managed: 'caching' };
  if (id !== undefined && ALL_VIEWER_POLICIES.has(id)) return { managed: 'all-viewer' };
  const target = ctx.index.lookup(from, ref);
  if (target?.type === type) {
    const config = ctx.get(target, [configKey]);
    if (config instanceof Unknown) return config;
    if (isRecord(config)) return { config };
  }
  return ctx.unknown(`policy ${printValue(ref)} is neither a managed policy nor defined in the scan`, path);
}

/** MinTTL/DefaultTTL/MaxTTL of a behavior or cache policy config (legacy defaults when absent), or an Unknown (recorded). */
function ttls(ctx: RuleContext, source: Readonly<Record<string, unknown>>, legacy: boolean, path: Path | undefined): Record<(typeof TTL_KEYS)[number], number> | Unknown {
  const out = {} as Record<(typeof TTL_KEYS)[number], number>;
  for (const k of TTL_KEYS) {
    const v = asKnownNumber(ctx, source[k], k, path && [...path, k]);
    if (v instanceof Unknown) return v;
    out[k] = v ?? (legacy ? TTL_DEFAULTS[k] : 0);
  }
  return out;
}

interface Caching {
  readonly caches: boolean;
  readonly detail: string;
  readonly policy?: Policy;
}

/** Whether the behavior caches, or an Unknown (recorded). */
function caching(ctx: RuleContext, from: Resource, b: Behavior): Caching | Unknown {
  const cpId = b.node['CachePolicyId'];
  if (cpId !== undefined) {
    const policy = policyOf(ctx, from, cpId, 'AWS::CloudFront::CachePolicy', 'CachePolicyConfig', [...b.path, 'CachePolicyId']);
    if (policy instanceof Unknown) return policy;
    if ('managed' in policy) return { caches: policy.managed !== 'disabled', detail: policy.managed === 'disabled' ? 'CachingDisabled' : 'a managed caching policy', policy };
    const t = ttls(ctx, policy.config, false, undefined);
    if (t instanceof Unknown) return t;
    const nonzero = TTL_KEYS.filter((k) => t[k] !== 0);
    return { caches: nonzero.length > 0, detail: `cache policy TTLs ${nonzero.map((k) => `${k}=${t[k]}`).join(', ')}`, policy };
  }
  const t = ttls(ctx, b.node, true, b.path);
  if (t instanceof Unknown) return t;
  const nonzero = TTL_KEYS.filter((k) => t[k] !== 0);
  const absent = nonzero.filter((k) => b.node[k] === undefined);
  return { caches: nonzero.length > 0, detail: `${nonzero.map((k) => `${k}=${t[k]}`).join(', ')}${absent.length ? ` (${absent.join(', ')} absent: the default)` : ''}` };
}

/** Header names, lower-cased; an Unknown (recorded) when one is known only at deployment. */
function headerNames(ctx: RuleContext, v: unknown, what: string): string[] | Unknown {
  if (v instanceof Unknown) return v;
  const out: string[] = [];
  for (const h of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
    const s = asKnownString(ctx, h, what);
    if (s instanceof Unknown) return s;
    if (s !== undefined) out.push(s.toLowerCase());
  }
  return out;
}

/**
 * Whether Authorization reaches the origin. An origin request policy cannot list Authorization
 * (CloudFront rejects it); it must be in the cache key — legacy ForwardedValues.Headers or a cache
 * policy — except that with caching disabled the all-viewer origin request policies forward it.
 * https://repost.aws/knowledge-center/cloudfront-authorization-header
 */
function forwardsAuthorization(ctx: RuleContext, from: Resource, b: Behavior, cache: Caching): boolean | Unknown {
  const fwd = b.node['ForwardedValues'];
  if (fwd instanceof Unknown) return fwd;
  if (isRecord(fwd)) {
    const headers = headerNames(ctx, fwd['Headers'], 'ForwardedValues.Headers');
    if (headers instanceof Unknown) return headers;
    if (headers.includes('authorization') || headers.includes('*')) return true;
  }
  const cp = cache.policy;
  if (cp && 'config' in cp) {
    const keyed = cp.config['ParametersInCacheKeyAndForwardedToOrigin'];
    const hc = isRecord(keyed) ? keyed['HeadersConfig'] : undefined;
    if (isRecord(hc)) {
      const headers = headerNames(ctx, hc['Headers'], 'the cache policy headers');
      if (headers instanceof Unknown) return headers;
      if (headers.includes('authorization')) return true;
    }
  }
  const orpId = b.node['OriginRequestPolicyId'];
  if (orpId === undefined || cache.caches) return false;
  const orp = policyOf(ctx, from, orpId, 'AWS::CloudFront::OriginRequestPolicy', 'OriginRequestPolicyConfig', [...b.path, 'OriginRequestPolicyId']);
  if (orp instanceof Unknown) return orp;
  if ('managed' in orp) return orp.managed === 'all-viewer';
  const hc = orp.config['HeadersConfig'];
  if (!isRecord(hc)) return false;
  const behavior = asKnownString(ctx, hc['HeaderBehavior'], 'the origin request policy HeaderBehavior');
  if (behavior instanceof Unknown) return behavior;
  if (behavior === 'allViewer' || behavior === 'allViewerAndWhitelistCloudFront') return true;
  if (behavior !== 'allExcept') return false;
  const excluded = headerNames(ctx, hc['Headers'], 'the origin request policy headers');
  return excluded instanceof Unknown ? excluded : !excluded.includes('authorization');
}

export const apiNoCache = defineRule({
  meta: {
    id: 'CF-004',
    name: 'api-no-cache',
    title: 'API cache behaviors do not cache and forward the Authorization header',
    area: 'edge',
    severity: 'medium',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'A cached API response can be served to another user; without Authorization the origin cannot authenticate the caller. API behaviors should set TTLs 0 and forward Authorization. Absent legacy TTLs are not 0: DefaultTTL defaults to 86400 and MaxTTL to 31536000. CloudFront never forwards Authorization through an origin request policy unless caching is disabled and the policy forwards all viewer headers (https://repost.aws/knowledge-center/cloudfront-authorization-header).',
    remediation:
      'On each API behavior use the managed CachingDisabled cache policy (4135ea2d-6df8-44a3-9df3-4b5a84be39ad) with the AllViewer (216adef6-5c7f-47e4-b989-5492eafa07d3) or AllViewerExceptHostHeader origin request policy, or legacy ForwardedValues with Headers [Authorization, …] and MinTTL/DefaultTTL/MaxTTL 0.',
    messages: {
      caches: 'API {{behavior}} caches responses ({{detail}}); use TTLs 0 or the managed CachingDisabled policy',
      'no-authorization': 'API {{behavior}} does not forward the Authorization header to the origin',
    },
    seeds: ['000', '001'],
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    for (const b of behaviors(ctx, distribution, config)) {
      const pattern = asKnownString(ctx, b.pathPattern(), `${b.label()}: PathPattern`, [...b.path, 'PathPattern']);
      if (pattern instanceof Unknown || !isApiBehavior(pattern, ctx.config.apiPathPatterns)) continue;
      const c = caching(ctx, distribution, b);
      if (c instanceof Unknown) continue;
      if (c.caches) ctx.report({ messageId: 'caches', data: { behavior: b.label(), detail: c.detail }, path: b.path });
      if (forwardsAuthorization(ctx, distribution, b, c) === false) ctx.report({ messageId: 'no-authorization', data: { behavior: b.label() }, path: b.path });
    }
  },
});
