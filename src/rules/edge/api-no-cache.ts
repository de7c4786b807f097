import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { ResourceRef, Unknown, asNumber, asString, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { behaviors, eachConfig, type Behavior } from './distribution.js';

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

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
}

/** CloudFront path patterns may omit the leading slash. */
const normalize = (p: string): string => (p.startsWith('/') ? p : `/${p}`);

export function isApiBehavior(pattern: string | undefined, apiPatterns: readonly string[]): boolean {
  if (pattern === undefined) return false;
  const p = normalize(pattern);
  return apiPatterns.some((a) => normalize(a) === p || globToRegExp(normalize(a)).test(p));
}

type Policy = { readonly config: Record<string, unknown> } | { readonly managed: 'disabled' | 'caching' | 'all-viewer' } | Unknown;

/** A cache or origin request policy: managed (by id) or defined in the scan. */
function policyOf(ctx: RuleContext, from: Resource, ref: unknown, type: string, configKey: string): Policy {
  if (ref instanceof Unknown) return ref;
  const id = asString(ref);
  if (id === CACHING_DISABLED) return { managed: 'disabled' };
  if (id !== undefined && MANAGED_CACHING.has(id)) return { managed: 'caching' };
  if (id !== undefined && ALL_VIEWER_POLICIES.has(id)) return { managed: 'all-viewer' };
  const target = ctx.index.lookup(from, ref);
  if (target?.type === type) {
    const config = ctx.values(target, [configKey])[0]?.value;
    if (config instanceof Unknown) return config;
    if (isRecord(config)) return { config };
  }
  return new Unknown(`policy ${describe(ref instanceof ResourceRef ? ref.logicalId : ref)} is neither a managed policy nor defined in the scan`);
}

function ttls(source: Record<string, unknown>, defaults: boolean): Record<string, number | Unknown> {
  const out: Record<string, number | Unknown> = {};
  for (const k of ['MinTTL', 'DefaultTTL', 'MaxTTL'] as const) {
    const v = source[k];
    if (v instanceof Unknown) out[k] = v;
    else if (v === undefined) out[k] = defaults ? TTL_DEFAULTS[k] : 0;
    else out[k] = asNumber(v) ?? new Unknown(`${k} is ${describe(v)}, known only at deployment`);
  }
  return out;
}

/** Whether the behavior caches: true/false, or Unknown with the reason. */
function caches(ctx: RuleContext, from: Resource, b: Behavior): { caches: boolean; detail: string; policy?: Policy } | Unknown {
  const cpId = b.node['CachePolicyId'];
  if (cpId !== undefined) {
    const policy = policyOf(ctx, from, cpId, 'AWS::CloudFront::CachePolicy', 'CachePolicyConfig');
    if (policy instanceof Unknown) return policy;
    if ('managed' in policy) return { caches: policy.managed !== 'disabled', detail: policy.managed === 'disabled' ? 'CachingDisabled' : 'a managed caching policy', policy };
    const t = ttls(policy.config, false);
    const u = Object.values(t).find((v) => v instanceof Unknown);
    if (u) return u as Unknown;
    const nonzero = Object.entries(t).filter(([, v]) => v !== 0);
    return { caches: nonzero.length > 0, detail: `cache policy TTLs ${nonzero.map(([k, v]) => `${k}=${String(v)}`).join(', ')}`, policy };
  }
  const t = ttls(b.node, true);
  const u = Object.values(t).find((v) => v instanceof Unknown);
  if (u) return u as Unknown;
  const nonzero = Object.entries(t).filter(([, v]) => v !== 0);
  const absent = nonzero.filter(([k]) => b.node[k] === undefined).map(([k]) => k);
  return { caches: nonzero.length > 0, detail: `${nonzero.map(([k, v]) => `${k}=${String(v)}`).join(', ')}${absent.length ? ` (${absent.join(', ')} absent: the default)` : ''}` };
}

const names = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((h) => (typeof h === 'string' ? [h.toLowerCase()] : []));

/**
 * Whether Authorization reaches the origin. An origin request policy cannot list Authorization
 * (CloudFront rejects it); it must be in the cache key — legacy ForwardedValues.Headers or a cache
 * policy — except that with caching disabled the all-viewer origin request policies forward it.
 * https://repost.aws/knowledge-center/cloudfront-authorization-header
 */
function forwardsAuthorization(ctx: RuleContext, from: Resource, b: Behavior, cache: { caches: boolean; policy?: Policy }): boolean | Unknown {
  const fwd = b.node['ForwardedValues'];
  if (fwd instanceof Unknown) return fwd;
  if (isRecord(fwd)) {
    const headers = names(fwd['Headers']);
    if (headers.includes('authorization') || headers.includes('*')) return true;
  }
  const cp = cache.policy;
  if (cp && !(cp instanceof Unknown) && 'config' in cp) {
    const hc = isRecord(cp.config['ParametersInCacheKeyAndForwardedToOrigin']) ? cp.config['ParametersInCacheKeyAndForwardedToOrigin']['HeadersConfig'] : undefined;
    if (isRecord(hc) && names(hc['Headers']).includes('authorization')) return true;
  }
  const orpId = b.node['OriginRequestPolicyId'];
  if (orpId === undefined || cache.caches) return false;
  const orp = policyOf(ctx, from, orpId, 'AWS::CloudFront::OriginRequestPolicy', 'OriginRequestPolicyConfig');
  if (orp instanceof Unknown) return orp;
  if ('managed' in orp) return orp.managed === 'all-viewer';
  const hc = orp.config['HeadersConfig'];
  const behavior = isRecord(hc) ? asString(hc['HeaderBehavior']) : undefined;
  if (behavior === 'allViewer' || behavior === 'allViewerAndWhitelistCloudFront') return true;
  if (behavior === 'allExcept') return isRecord(hc) && !names(hc['Headers']).includes('authorization');
  return false;
}

export const apiNoCache: Rule = {
  meta: {
    id: 'CF-004',
    name: 'api-no-cache',
    title: 'API cache behaviors do not cache and forward the Authorization header',
    area: 'edge',
    severity: 'medium',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'A cached API response can be served to another user; without Authorization the origin cannot authenticate the caller. 000 and 001 set TTLs 0 and forward Authorization on /api/*. Absent legacy TTLs are not 0: DefaultTTL defaults to 86400 and MaxTTL to 31536000. CloudFront never forwards Authorization through an origin request policy unless caching is disabled and the policy forwards all viewer headers (https://repost.aws/knowledge-center/cloudfront-authorization-header).',
    remediation:
      'On each API behavior use the managed CachingDisabled cache policy (4135ea2d-6df8-44a3-9df3-4b5a84be39ad) with the AllViewer (216adef6-5c7f-47e4-b989-5492eafa07d3) or AllViewerExceptHostHeader origin request policy, or legacy ForwardedValues with Headers [Authorization, …] and MinTTL/DefaultTTL/MaxTTL 0.',
    seeds: ['000', '001'],
  },
  check(resource, ctx) {
    eachConfig(ctx, resource, (config, when) => {
      const w = whenText(when);
      for (const b of behaviors(ctx, resource, config)) {
        if (!isApiBehavior(b.pathPattern, ctx.config.apiPathPatterns)) continue;
        const c = caches(ctx, resource, b);
        if (c instanceof Unknown) {
          ctx.notEvaluated(resource, `${b.label}: caching could not be determined: ${c.reason}`, { path: b.path });
          continue;
        }
        if (c.caches) ctx.fail(resource, `API ${b.label} caches responses (${c.detail}); use TTLs 0 or the managed CachingDisabled policy${w}`, { path: b.path });
        const auth = forwardsAuthorization(ctx, resource, b, c);
        if (auth instanceof Unknown) ctx.notEvaluated(resource, `${b.label}: whether Authorization is forwarded could not be determined: ${auth.reason}`, { path: b.path });
        else if (!auth) ctx.fail(resource, `API ${b.label} does not forward the Authorization header to the origin${w}`, { path: b.path });
      }
    });
  },
};
