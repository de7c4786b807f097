// Which bucket a value designates, the same way for templates (Ref / GetAtt / Sub, a literal
// BucketName) and for accounts (bucket names and S3 endpoint names), and which policies and
// distributions point at a bucket. Used by the storage, edge and resilience rules.
//
// Cross-resource questions are answered per input through `ctx.index`, in the scenario of the
// check that asks: candidates come from the index's reverse references (syntactic, every
// scenario at once) or from a name table built once per input; each candidate is confirmed by
// reading it under the current scenario.

import type { InventoryIndex } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { outsideRuns } from '../../model/scenario.js';
import { Composite, ResourceRef, Unknown, asString, isRecord } from '../../model/values.js';

const BUCKET = 'AWS::S3::Bucket';
const POLICY = 'AWS::S3::BucketPolicy';
const DISTRIBUTION = 'AWS::CloudFront::Distribution';

/**
 * S3 REST endpoints CloudFront uses for S3 origins: bucket.s3.amazonaws.com, bucket.s3.region.amazonaws.com,
 * the legacy bucket.s3-region.amazonaws.com, and dualstack forms.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHostingBuckets.html
 */
const S3_REST = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/i;
/**
 * Static-website endpoints: bucket.s3-website-region.amazonaws.com / bucket.s3-website.region.amazonaws.com.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
 */
const S3_WEBSITE = /^(.+)\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/i;

/** The host of a URL or domain: `http://b.s3-website-us-east-1.amazonaws.com/x` → `b.s3-website-us-east-1.amazonaws.com`. */
export function stripScheme(text: string): string {
  return text
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^\/\//, '')
    .replace(/\/.*$/, '');
}

export type S3Endpoint = { readonly kind: 'rest' | 'website'; readonly bucket: string } | undefined;

/** The bucket and endpoint kind a literal domain name designates. */
export function s3Endpoint(domain: string): S3Endpoint {
  const d = stripScheme(domain);
  const w = S3_WEBSITE.exec(d);
  if (w) return { kind: 'website', bucket: w[1]! };
  const r = S3_REST.exec(d);
  if (r && !/\.s3-website/i.test(d)) return { kind: 'rest', bucket: r[1]! };
  return undefined;
}

/**
 * The kind of S3 endpoint a resolved domain value is, whatever way it is written: a literal
 * name, `!GetAtt Bucket.RegionalDomainName`, `!GetAtt Bucket.WebsiteURL` (or a part of it:
 * `!Select [2, !Split ['/', !GetAtt Site.WebsiteURL]]`), `!Sub '${Site}.s3-website-${AWS::Region}.amazonaws.com'`.
 * `undefined` when the value is known and is not an S3 endpoint; an Unknown is returned as is.
 */
export function s3EndpointKind(ctx: RuleContext, from: Resource, domain: unknown): 'rest' | 'website' | undefined | Unknown {
  if (domain instanceof Unknown) return domain;
  if (domain instanceof ResourceRef) {
    if (ctx.index.lookup(from, domain)?.type !== BUCKET) return undefined;
    return domain.attribute === 'WebsiteURL' ? 'website' : 'rest';
  }
  if (domain instanceof Composite) {
    const text = stripScheme(domain.text());
    if (/\.s3-website[.-]/i.test(text)) return 'website';
    const bucketRef = domain.parts.find((p): p is ResourceRef => p instanceof ResourceRef && ctx.index.lookup(from, p)?.type === BUCKET);
    if (bucketRef?.attribute === 'WebsiteURL') return 'website';
    if (/\.s3[.-]/i.test(text) && /amazonaws\.com/i.test(text)) return 'rest';
    if (bucketRef?.attribute !== undefined && /DomainName$/.test(bucketRef.attribute)) return 'rest';
    return undefined;
  }
  const text = asString(domain);
  return text === undefined ? undefined : s3Endpoint(text)?.kind;
}

const namesCache = new WeakMap<InventoryIndex, ReadonlyMap<string, readonly Resource[]>>();

/**
 * Buckets by literal name (BucketName as the input writes it; an account's mapper writes the
 * bucket's name there). Built once per input, outside scenarios: callers confirm a hit under
 * theirs with `ctx.exists`.
 */
function bucketsByName(ctx: RuleContext): ReadonlyMap<string, readonly Resource[]> {
  let map = namesCache.get(ctx.index);
  if (!map) {
    const out = new Map<string, Resource[]>();
    outsideRuns(() => {
      for (const b of ctx.index.ofType(BUCKET)) {
        const name = asString(ctx.get(b, ['BucketName']));
        if (name !== undefined) out.set(name, [...(out.get(name) ?? []), b]);
      }
    });
    namesCache.set(ctx.index, (map = out));
  }
  return map;
}

/** The bucket of the input with this name, if it exists in the current scenario. */
export function bucketNamed(ctx: RuleContext, name: string): Resource | undefined {
  return bucketsByName(ctx)
    .get(name)
    ?.find((b) => ctx.exists(b));
}

/** The bucket a reference-bearing value designates: a Ref/GetAtt, a Sub/Join that names one, or a literal bucket name. */
export function bucketOfValue(ctx: RuleContext, from: Resource, v: unknown): Resource | undefined {
  const refs = v instanceof ResourceRef ? [v] : v instanceof Composite ? v.parts.filter((p): p is ResourceRef => p instanceof ResourceRef) : [];
  for (const ref of refs) {
    const target = ctx.index.lookup(from, ref);
    if (target?.type === BUCKET && ctx.exists(target)) return target;
  }
  const name = asString(v);
  return name === undefined ? undefined : bucketNamed(ctx, name);
}

/** The bucket an origin domain designates (by reference or by its S3 endpoint name). */
export function bucketOfDomain(ctx: RuleContext, from: Resource, domain: unknown): Resource | undefined {
  if (domain instanceof ResourceRef || domain instanceof Composite) return bucketOfValue(ctx, from, domain);
  const text = asString(domain);
  const ep = text === undefined ? undefined : s3Endpoint(text);
  return ep ? bucketNamed(ctx, ep.bucket) : undefined;
}

/** Whether a value (a policy's Bucket, a log destination) designates this bucket. */
export function valueRefersToBucket(ctx: RuleContext, v: unknown, bucket: Resource): boolean {
  return bucketOfValue(ctx, bucket, v) === bucket;
}

/** The bucket a policy is attached to, when it is in the input (reads the policy's Bucket). */
export function bucketOfPolicy(ctx: RuleContext, policy: Resource): Resource | undefined {
  return bucketOfValue(ctx, policy, ctx.get(policy, ['Bucket']));
}

const policiesByName = new WeakMap<InventoryIndex, ReadonlyMap<string, readonly Resource[]>>();

/** The bucket policies of the input attached to a bucket in the current scenario. */
export function policiesOf(ctx: RuleContext, bucket: Resource): Resource[] {
  let byName = policiesByName.get(ctx.index);
  if (!byName) {
    const out = new Map<string, Resource[]>();
    outsideRuns(() => {
      for (const p of ctx.index.ofType(POLICY)) {
        const name = asString(ctx.get(p, ['Bucket']));
        if (name !== undefined) out.set(name, [...(out.get(name) ?? []), p]);
      }
    });
    policiesByName.set(ctx.index, (byName = out));
  }
  const names = outsideRuns(() => asString(ctx.get(bucket, ['BucketName'])));
  const candidates = new Set([...ctx.index.referrers(bucket, POLICY), ...(names !== undefined ? (byName.get(names) ?? []) : [])]);
  return [...candidates].filter((p) => ctx.exists(p) && bucketOfPolicy(ctx, p) === bucket);
}

const servingCandidates = new WeakMap<InventoryIndex, ReadonlyMap<string, readonly Resource[]>>();

/** Origin domains of a distribution as read (views in templates, literals in accounts). */
function originDomains(ctx: RuleContext, d: Resource): unknown[] {
  const origins = ctx.get(d, ['DistributionConfig', 'Origins']);
  return Array.isArray(origins) ? origins.flatMap((o) => (isRecord(o) ? [o['DomainName']] : [])) : [];
}

/**
 * Distributions with an origin whose DomainName designates the bucket, in the current scenario:
 * by a reference (any reference to the bucket makes a candidate) or by its S3 endpoint name
 * (a table of literal endpoint names, built once per input).
 */
export function distributionsServing(ctx: RuleContext, bucket: Resource): readonly Resource[] {
  let byName = servingCandidates.get(ctx.index);
  if (!byName) {
    const out = new Map<string, Resource[]>();
    outsideRuns(() => {
      for (const d of ctx.index.ofType(DISTRIBUTION)) {
        for (const domain of originDomains(ctx, d)) {
          const text = asString(domain);
          const ep = text === undefined ? undefined : s3Endpoint(text);
          if (ep && !(out.get(ep.bucket) ?? []).includes(d)) out.set(ep.bucket, [...(out.get(ep.bucket) ?? []), d]);
        }
      }
    });
    servingCandidates.set(ctx.index, (byName = out));
  }
  const name = outsideRuns(() => asString(ctx.get(bucket, ['BucketName'])));
  const candidates = new Set([...ctx.index.referrers(bucket, DISTRIBUTION), ...(name !== undefined ? (byName.get(name) ?? []) : [])]);
  return [...candidates].filter((d) => ctx.exists(d) && originDomains(ctx, d).some((domain) => bucketOfDomain(ctx, d, domain) === bucket));
}
