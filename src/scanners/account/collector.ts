import type { InputError } from '../../model/finding.js';
import type { Resource } from '../../model/resource.js';
import { Unknown, isRecord } from '../../model/values.js';
import type { CallError, CallResult } from './calls.js';
import { incompleteOf, isCallError } from './calls.js';
import { callName } from './iam.js';

export type Operation = readonly [service: string, operation: string];

/**
 * A call that lists resources, and the CloudFormation types it would have listed: when it
 * fails (or is not made), those types are missing, not absent. `perParent` calls list the
 * children of one parent (a load balancer's listeners, a cluster's services).
 */
export interface ListedBy {
  readonly service: string;
  readonly operation: string;
  readonly types: readonly string[];
  readonly perParent?: boolean;
}

export interface CollectorContext {
  readonly account: string;
  readonly partition: string;
  /** The region this run covers (the home region for global collectors). */
  readonly region: string;
  /** A call in `region` (or another region for per-bucket S3 calls). */
  call(service: string, operation: string, input?: Record<string, unknown>, region?: string): Promise<CallResult>;
  /**
   * A list call failed, or stopped before its last page: no resource carries an Unknown for
   * what it did not list, so it is recorded as a failed read (with the types it lists) and
   * reported as an input error. `detail` names the parent of a per-parent call.
   */
  listFailed(service: string, operation: string, error: CallError, detail?: string): void;
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
  /** Its list calls and the resource types each lists (see ListedBy). */
  readonly lists: readonly ListedBy[];
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

/** The Unknown for a property no call read (a read stackaudit does not make), naming the call it would take. */
export function notRead(service: string, operation: string, why: string): Unknown {
  return new Unknown(`${callName(service, operation)} not read: ${why}`);
}

/** The output of a list call already made (reporting a failure or an early stop), or undefined when it failed. */
export function listOutput(ctx: CollectorContext, service: string, operation: string, r: CallResult, detail?: string): Record<string, unknown> | undefined {
  if (isCallError(r)) {
    ctx.listFailed(service, operation, r.error, detail);
    return undefined;
  }
  const incomplete = incompleteOf(r);
  if (incomplete) ctx.listFailed(service, operation, incomplete, detail);
  return r.output;
}

/**
 * Runs a list call and returns its output, or reports the failure and returns undefined. An
 * output that stops early is returned (what it lists is real) and reported as incomplete.
 */
export async function listCall(
  ctx: CollectorContext,
  service: string,
  operation: string,
  input: Record<string, unknown> = {},
  detail?: string,
): Promise<Record<string, unknown> | undefined> {
  return listOutput(ctx, service, operation, await ctx.call(service, operation, input), detail);
}

export const obj = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const records = (v: unknown): Record<string, unknown>[] => arr(v).filter(isRecord);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** A member of an AWS output, own properties only: a snapshot's `{}` has no `constructor` member. */
export const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Drops undefined members so mapped resources compare equal however they were built. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) setOwn(out, k, v);
  return out as T;
}

/**
 * Sets a property whatever its name: a key from AWS or a snapshot (`__proto__`, `constructor`)
 * becomes an own data property, never a prototype change or a setter call.
 */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `[{Key, Value}]` from EC2/RDS-style tags, ECS-style `{key, value}`, or a map. */
export function cfnTags(v: unknown): { Key: string; Value: string }[] | undefined {
  if (Array.isArray(v)) {
    const tags = records(v)
      .map((t) => ({ Key: str(own(t, 'Key') ?? own(t, 'key')), Value: str(own(t, 'Value') ?? own(t, 'value')) ?? '' }))
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
