// Which bucket a policy, an origin or a name refers to, the same way for templates
// (Ref/GetAtt/Sub) and for accounts (bucket names and S3 domain names).

import type { InventoryIndex } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import { tagsOf } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, isRecord } from '../../model/values.js';

/** Literal names a bucket is known by: its physical name live, its BucketName in a template. */
export function bucketNames(ctx: RuleContext, bucket: Resource): string[] {
  if (bucket.origin.kind === 'account') return [bucket.id];
  return ctx.values(bucket, ['BucketName']).flatMap((p) => (typeof p.value === 'string' ? [p.value] : []));
}

const refersTo = (v: unknown, bucket: Resource): boolean =>
  v instanceof ResourceRef && v.logicalId === bucket.id && bucket.origin.kind === 'template' && v.scope === bucket.origin.scope;

/**
 * S3 REST endpoints CloudFront uses for S3 origins: bucket.s3.amazonaws.com, bucket.s3.region.amazonaws.com,
 * the legacy bucket.s3-region.amazonaws.com, and dualstack forms.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHostingBuckets.html
 */
const S3_REST = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/i;
/** Static-website endpoints: bucket.s3-website-region.amazonaws.com / bucket.s3-website.region.amazonaws.com. */
const S3_WEBSITE = /^(.+)\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/i;

export function stripScheme(text: string): string {
  return text.replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
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

/** Whether a policy's Bucket value (or any reference-bearing value) designates this bucket. */
export function valueRefersToBucket(ctx: RuleContext, v: unknown, bucket: Resource): boolean {
  if (refersTo(v, bucket)) return true;
  if (v instanceof Composite) return v.parts.some((p) => refersTo(p, bucket));
  return typeof v === 'string' && bucketNames(ctx, bucket).includes(v);
}

/** The bucket policies attached to a bucket. */
export function policiesOf(ctx: RuleContext, bucket: Resource): Resource[] {
  return ctx.index
    .ofType('AWS::S3::BucketPolicy')
    .filter((p) => sameInput(p, bucket) && ctx.values(p, ['Bucket']).some((v) => valueRefersToBucket(ctx, v.value, bucket)));
}

/** The bucket a policy is attached to, when it is in the scan. */
export function bucketOfPolicy(ctx: RuleContext, policy: Resource): Resource | undefined {
  return ctx.index.ofType('AWS::S3::Bucket').find((b) => sameInput(b, policy) && ctx.values(policy, ['Bucket']).some((v) => valueRefersToBucket(ctx, v.value, b)));
}

function sameInput(a: Resource, b: Resource): boolean {
  if (a.origin.kind === 'template' && b.origin.kind === 'template') return a.origin.scope === b.origin.scope;
  if (a.origin.kind === 'account' && b.origin.kind === 'account') return a.origin.account === b.origin.account;
  return false;
}

const servingCache = new WeakMap<InventoryIndex, ReadonlyMap<Resource, Resource[]>>();

/**
 * Distributions with an origin whose DomainName refers to the bucket. Built once per
 * evaluation in one pass over the origins (several rules ask, for every bucket). An origin
 * refers to a bucket by a reference in the same template, or by an S3 REST endpoint name.
 */
export function distributionsServing(ctx: RuleContext, bucket: Resource): readonly Resource[] {
  let serving = servingCache.get(ctx.index);
  if (!serving) {
    const byName = new Map<string, Resource[]>();
    for (const b of ctx.index.ofType('AWS::S3::Bucket')) for (const name of bucketNames(ctx, b)) byName.set(name, [...(byName.get(name) ?? []), b]);
    const map = new Map<Resource, Resource[]>();
    const add = (b: Resource, d: Resource) => {
      const list = map.get(b) ?? [];
      if (!list.includes(d)) list.push(d);
      map.set(b, list);
    };
    const targets = (d: Resource, domain: unknown): Resource[] => {
      const refs = domain instanceof Composite ? domain.parts : [domain];
      const out = refs.flatMap((v) => {
        const r = v instanceof ResourceRef ? ctx.index.lookup(d, v) : undefined;
        return r && r.type === 'AWS::S3::Bucket' && refersTo(v, r) ? [r] : [];
      });
      const ep = typeof domain === 'string' ? s3Endpoint(domain) : undefined;
      return ep ? [...out, ...(byName.get(ep.bucket) ?? [])] : out;
    };
    for (const d of ctx.index.ofType('AWS::CloudFront::Distribution')) {
      for (const p of ctx.values(d, ['DistributionConfig', 'Origins'])) {
        if (!Array.isArray(p.value)) continue;
        for (const o of p.value) if (isRecord(o)) for (const b of targets(d, o['DomainName'])) add(b, d);
      }
    }
    servingCache.set(ctx.index, (serving = map));
  }
  return serving.get(bucket) ?? [];
}

/**
 * The heuristic for S3-005's "backup bucket": the logical id, the bucket name or any tag key or
 * value contains "backup" (Purpose=backup, Backup=true, my-db-backups…).
 */
export function backupHint(ctx: RuleContext, bucket: Resource): string | undefined {
  if (/backup/i.test(bucket.id)) return `its ${bucket.origin.kind === 'account' ? 'name' : 'logical id'} ${bucket.id}`;
  for (const p of ctx.values(bucket, ['BucketName'])) {
    const t = typeof p.value === 'string' ? p.value : p.value instanceof Composite ? p.value.text() : undefined;
    if (t && /backup/i.test(t)) return `its name ${t}`;
  }
  const tagsValue = ctx.values(bucket, ['Tags'])[0]?.value;
  if (tagsValue instanceof Unknown) return undefined;
  for (const [k, v] of Object.entries(tagsOf({ Tags: tagsValue }))) if (/backup/i.test(k) || /backup/i.test(v)) return `its tag ${k}=${v}`;
  return undefined;
}
