// Reading a distribution's config: its cache behaviors and origins, with paths that point at
// the right line. Everything is read lazily (the engine records every value a rule reads, so
// a label or a path pattern is read only when it decides or is printed).

import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { printValue } from '../../engine/printer.js';
import { s3EndpointKind } from '../lib/s3.js';

export const CONFIG_PATH = ['Properties', 'DistributionConfig'] as const;

type Config = Readonly<Record<string, unknown>>;

/** The DistributionConfig as read in the current scenario; undefined when absent or unknown (an Unknown is recorded). */
export function distributionConfig(ctx: RuleContext, resource: Resource): Config | undefined {
  const c = ctx.get(resource, ['DistributionConfig']);
  if (c === undefined || c instanceof Unknown) return undefined;
  if (isRecord(c)) return c;
  ctx.unknown(`DistributionConfig is ${printValue(c)}, which is not an object known before deployment`, [...CONFIG_PATH]);
  return undefined;
}

export interface Behavior {
  readonly node: Config;
  /** The behavior's PathPattern (undefined for the default behavior), read when asked. */
  pathPattern(): unknown;
  /** "the default cache behavior", "cache behavior /api/*": printed only, read without recording. */
  label(): string;
  readonly path: Path;
}

export function behaviors(ctx: RuleContext, resource: Resource, config: Config): Behavior[] {
  const out: Behavior[] = [];
  const d = config['DefaultCacheBehavior'];
  if (isRecord(d))
    out.push({ node: d, pathPattern: () => undefined, label: () => 'the default cache behavior', path: ctx.sourcePath(resource, d) ?? [...CONFIG_PATH, 'DefaultCacheBehavior'] });
  const list = config['CacheBehaviors'];
  if (Array.isArray(list))
    list.forEach((b, i) => {
      if (!isRecord(b)) return;
      out.push({
        node: b,
        pathPattern: () => b['PathPattern'],
        label: () => `cache behavior ${ctx.tolerate(() => asString(b['PathPattern'])) ?? `#${i}`}`,
        path: ctx.sourcePath(resource, b) ?? [...CONFIG_PATH, 'CacheBehaviors', i],
      });
    });
  return out;
}

export interface OriginView {
  readonly node: Config;
  /** The origin's Id, read when asked. */
  id(): unknown;
  /** "origin S3-Frontend": printed only, read without recording. */
  label(): string;
  readonly path: Path;
}

export function origins(ctx: RuleContext, resource: Resource, config: Config): OriginView[] {
  const list = config['Origins'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((o, i) => {
    if (!isRecord(o)) return [];
    return [
      {
        node: o,
        id: () => o['Id'],
        label: () => `origin ${ctx.tolerate(() => asString(o['Id'])) ?? `#${i}`}`,
        path: ctx.sourcePath(resource, o) ?? [...CONFIG_PATH, 'Origins', i],
      },
    ];
  });
}

/** Whether an origin is an S3 bucket (S3OriginConfig, or an S3 REST or website endpoint as DomainName); Unknown (recorded) when its domain is. */
export function isS3Origin(ctx: RuleContext, resource: Resource, o: OriginView): boolean | Unknown {
  if (o.node['S3OriginConfig'] !== undefined) return true;
  const kind = s3EndpointKind(ctx, resource, o.node['DomainName']);
  if (kind instanceof Unknown) return kind;
  return kind !== undefined;
}

/** A value that is set: a non-empty literal or a reference. An Unknown is not known to be set. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v instanceof Unknown) return false;
  if (typeof v === 'string') return v.trim() !== '';
  return true;
}
