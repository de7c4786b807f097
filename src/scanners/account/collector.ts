import type { InputError } from '../../model/finding.js';
import type { Resource } from '../../model/resource.js';
import { Unknown, isRecord } from '../../model/values.js';
import type { CallError, CallResult } from './calls.js';
import { isCallError } from './calls.js';
import { callName } from './iam.js';

export type Operation = readonly [service: string, operation: string];

export interface CollectorContext {
  readonly account: string;
  readonly partition: string;
  /** The region this run covers (the home region for global collectors). */
  readonly region: string;
  /** A call in `region` (or another region for per-bucket S3 calls). */
  call(service: string, operation: string, input?: Record<string, unknown>, region?: string): Promise<CallResult>;
  /** A list call failed: no resources to carry an Unknown, so it is reported as an input error. */
  listFailed(service: string, operation: string, error: CallError): void;
  /** A resource with origin { kind: 'account', account, region }. */
  resource(type: string, id: string, properties: Record<string, unknown>, arn?: string, region?: string): Resource;
}

export interface Collector {
  /** Selector for `services` (ec2, rds, s3, …). */
  readonly id: string;
  /** Global collectors run once (S3, CloudFront); regional ones per region. */
  readonly scope: 'regional' | 'global';
  /** Every call the collector can make: the IAM policy is checked against these. */
  readonly operations: readonly Operation[];
  /** Regions always covered besides the selected ones (billing metrics exist only in us-east-1). */
  readonly alsoRegions?: readonly string[];
  collect(ctx: CollectorContext): Promise<Resource[]>;
}

export function regionErrorFile(account: string, region: string): string {
  return `account ${account} region ${region}`;
}

/** The Unknown for a property whose read failed, naming the call: `s3:GetBucketPolicy failed: AccessDenied`. */
export function failedRead(service: string, operation: string, error: CallError): Unknown {
  return new Unknown(`${callName(service, operation)} failed: ${error.name}`);
}

/** Runs a list call and returns its output, or reports the failure and returns undefined. */
export async function listCall(
  ctx: CollectorContext,
  service: string,
  operation: string,
  input: Record<string, unknown> = {},
): Promise<Record<string, unknown> | undefined> {
  const r = await ctx.call(service, operation, input);
  if (isCallError(r)) {
    ctx.listFailed(service, operation, r.error);
    return undefined;
  }
  return r.output;
}

export const obj = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const records = (v: unknown): Record<string, unknown>[] => arr(v).filter(isRecord);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Drops undefined members so mapped resources compare equal however they were built. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** `[{Key, Value}]` from EC2/RDS-style tags, ECS-style `{key, value}`, or a map. */
export function cfnTags(v: unknown): { Key: string; Value: string }[] | undefined {
  if (Array.isArray(v)) {
    const tags = records(v)
      .map((t) => ({ Key: str(t['Key'] ?? t['key']), Value: str(t['Value'] ?? t['value']) ?? '' }))
      .filter((t): t is { Key: string; Value: string } => t.Key !== undefined);
    return tags.length > 0 ? tags : undefined;
  }
  if (isRecord(v)) {
    const tags = Object.entries(v).flatMap(([Key, Value]) => (typeof Value === 'string' ? [{ Key, Value }] : []));
    return tags.length > 0 ? tags : undefined;
  }
  return undefined;
}

/** Runs `fn` over items at once; the call layer's limiter bounds what is really in flight. */
export function all<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map(fn));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type { InputError };
