// Walking a distribution's config: every scenario of DistributionConfig, its cache behaviors
// and origins, with paths that point at the right line.

import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asString, isRecord, type Assumptions } from '../../model/values.js';
import { s3Endpoint } from '../storage/buckets.js';

export const CONFIG_PATH = ['Properties', 'DistributionConfig'] as const;

/** Calls `fn` for every possible DistributionConfig; an unreadable one is reported not-evaluated. */
export function eachConfig(ctx: RuleContext, resource: Resource, fn: (config: Record<string, unknown>, when: Assumptions) => void): void {
  for (const p of ctx.values(resource, ['DistributionConfig'])) {
    if (p.value instanceof Unknown) ctx.notEvaluated(resource, `the distribution config could not be read: ${p.value.reason}`, { path: [...CONFIG_PATH] });
    else if (isRecord(p.value)) fn(p.value, p.when);
  }
}

export interface Behavior {
  readonly node: Record<string, unknown>;
  readonly pathPattern: string | undefined;
  readonly label: string;
  readonly path: Path;
}

export function behaviors(ctx: RuleContext, resource: Resource, config: Record<string, unknown>): Behavior[] {
  const out: Behavior[] = [];
  const d = config['DefaultCacheBehavior'];
  if (isRecord(d)) out.push({ node: d, pathPattern: undefined, label: 'the default cache behavior', path: ctx.sourcePath(resource, d) ?? [...CONFIG_PATH, 'DefaultCacheBehavior'] });
  const list = config['CacheBehaviors'];
  if (Array.isArray(list))
    list.forEach((b, i) => {
      if (!isRecord(b)) return;
      const pattern = asString(b['PathPattern']);
      out.push({ node: b, pathPattern: pattern, label: `cache behavior ${pattern ?? `#${i}`}`, path: ctx.sourcePath(resource, b) ?? [...CONFIG_PATH, 'CacheBehaviors', i] });
    });
  return out;
}

export interface OriginView {
  readonly node: Record<string, unknown>;
  readonly id: string | undefined;
  readonly label: string;
  readonly path: Path;
}

export function origins(ctx: RuleContext, resource: Resource, config: Record<string, unknown>): OriginView[] {
  const list = config['Origins'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((o, i) => {
    if (!isRecord(o)) return [];
    const id = asString(o['Id']);
    return [{ node: o, id, label: `origin ${id ?? `#${i}`}`, path: ctx.sourcePath(resource, o) ?? [...CONFIG_PATH, 'Origins', i] }];
  });
}

/** Literal text of a domain value, with references written as ${Id.Attr}. */
export function domainText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Composite) return v.text();
  if (v instanceof ResourceRef) return v.toJSON();
  return undefined;
}

/** What kind of endpoint an origin's DomainName is: an S3 REST endpoint, an S3 website endpoint, or other. */
export function originEndpoint(ctx: RuleContext, resource: Resource, domain: unknown): 'rest' | 'website' | 'other' | Unknown {
  if (domain instanceof Unknown) return domain;
  if (domain instanceof ResourceRef) {
    const target = ctx.index.lookup(resource, domain);
    if (target?.type === 'AWS::S3::Bucket') {
      if (domain.attribute === 'WebsiteURL') return 'website';
      return 'rest';
    }
    return 'other';
  }
  const text = domainText(domain);
  if (text === undefined) return new Unknown('the origin domain name is known only at deployment');
  if (/\.s3-website[.-]/i.test(text)) return 'website';
  if (domain instanceof Composite) {
    const bucketRef = domain.parts.find((p) => p instanceof ResourceRef && ctx.index.lookup(resource, p)?.type === 'AWS::S3::Bucket') as ResourceRef | undefined;
    if (bucketRef?.attribute === 'WebsiteURL') return 'website';
    if (/\.s3[.-]/i.test(text) && /amazonaws\.com/i.test(text)) return 'rest';
    if (bucketRef?.attribute === 'DomainName' || bucketRef?.attribute === 'RegionalDomainName') return 'rest';
    return 'other';
  }
  return s3Endpoint(text)?.kind ?? 'other';
}

/** Whether an origin is an S3 bucket reached through its REST endpoint (not a website endpoint). */
export function isS3Origin(ctx: RuleContext, resource: Resource, o: Record<string, unknown>): boolean | Unknown {
  if (o['S3OriginConfig'] !== undefined) return true;
  const ep = originEndpoint(ctx, resource, o['DomainName']);
  if (ep instanceof Unknown) return o['CustomOriginConfig'] !== undefined ? false : ep;
  return ep === 'rest' || ep === 'website';
}

/** A non-empty literal or a reference: the value is set. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  return true;
}
