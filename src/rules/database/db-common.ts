// What the database and resilience rules share: how an RDS instance relates to its Aurora
// cluster, its read replicas and its subnet group, how long it keeps backups, and how a
// tier is named in a message. One place, so DB-003 and DR-001 read retention the same way.

import type { TierInfo } from '../../model/config.js';
import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { ResourceRef, Unknown, asBoolean, asNumber, asString, type Assumptions, type Possible } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';

export { whenText } from '../network/sg-rule.js';

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';

/** "prod (tag Environment=production)" or "prod (assumed prod (no tier tag or parameter))". */
export function tierText(t: TierInfo): string {
  return t.assumed ? `prod (assumed prod: no tier tag or parameter)` : `${t.tier} (${t.source})`;
}

/** Path to a property when it is written, else to Properties (the nearest ancestor that exists). */
export function propPath(ctx: RuleContext, r: Resource, key: string): Path {
  return ctx.raw(r, [key]) !== undefined ? ['Properties', key] : ['Properties'];
}

/** Whether any possible value of a property is present (not undefined). */
export function isSet(ctx: RuleContext, r: Resource, key: string): boolean {
  return ctx.values(r, [key]).some((p) => p.value !== undefined);
}

/** An instance that belongs to an Aurora (or Multi-AZ DB) cluster: the cluster holds backups, encryption and deletion protection. */
export function isClusterMember(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_INSTANCE && isSet(ctx, r, 'DBClusterIdentifier');
}

/** A read replica: it inherits storage, encryption and credentials from its source. */
export function isReadReplica(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_INSTANCE && isSet(ctx, r, 'SourceDBInstanceIdentifier');
}

/** An instance restored from a snapshot inherits encryption from it. */
export function restoredFrom(ctx: RuleContext, r: Resource): string | undefined {
  for (const key of r.type === DB_CLUSTER ? ['SnapshotIdentifier', 'SourceDBClusterIdentifier'] : ['DBSnapshotIdentifier', 'DBClusterSnapshotIdentifier']) {
    const v = ctx.values(r, [key]).find((p) => p.value !== undefined);
    if (v) return `${key} ${describeRef(v.value)}`;
  }
  return undefined;
}

function engineOf(ctx: RuleContext, r: Resource): string | undefined {
  for (const p of ctx.values(r, ['Engine'])) {
    const s = asString(p.value);
    if (s) return s.toLowerCase();
  }
  return undefined;
}

export function isAuroraEngine(ctx: RuleContext, r: Resource): boolean {
  return engineOf(ctx, r)?.startsWith('aurora') ?? false;
}

/** Aurora Serverless v1 (EngineMode serverless): always encrypted, one compute node recreated on failure. */
export function isServerlessV1(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_CLUSTER && ctx.values(r, ['EngineMode']).some((p) => asString(p.value)?.toLowerCase() === 'serverless');
}

/** A Multi-AZ DB cluster (non-Aurora, DBClusterInstanceClass set): one writer and two readable standbys in three AZs. */
export function isMultiAzDbCluster(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_CLUSTER && isSet(ctx, r, 'DBClusterInstanceClass') && !isAuroraEngine(ctx, r);
}

/**
 * Whether `value` names `target`: a Ref/GetAtt to it, its physical id or ARN (accounts), or in a
 * template the literal identifier it declares (`DBInstanceIdentifier: mydb`), case-insensitively
 * as RDS stores identifiers in lower case.
 */
export function names(ctx: RuleContext, from: Resource, value: unknown, target: Resource, idKey: string): boolean {
  if (value instanceof ResourceRef) return ctx.index.lookup(from, value) === target;
  if (typeof value !== 'string' || value === '') return false;
  if (target.origin.kind === 'account') return ctx.index.lookup(from, value) === target || value.toLowerCase() === target.id.toLowerCase();
  if (from.origin.kind !== 'template' || from.origin.scope !== target.origin.scope) return false;
  const v = value.toLowerCase();
  return ctx.values(target, [idKey]).some((p) => asString(p.value)?.toLowerCase() === v);
}

/** The cluster an Aurora instance joins: the resource, or Unknown when it is not in the scan. */
export function clusterOf(ctx: RuleContext, instance: Resource): Resource | Unknown {
  for (const p of ctx.values(instance, ['DBClusterIdentifier'])) {
    if (p.value === undefined) continue;
    if (p.value instanceof Unknown) return p.value;
    const hit = ctx.index.ofType(DB_CLUSTER).find((c) => names(ctx, instance, p.value, c, 'DBClusterIdentifier'));
    if (hit) return hit;
    return new Unknown(`cluster ${describeRef(p.value)} is not in the scan`);
  }
  return new Unknown('the instance names no cluster');
}

/** The DB instances of a cluster: template instances whose DBClusterIdentifier names it; account DBClusterMembers. */
export function membersOf(ctx: RuleContext, cluster: Resource): readonly Resource[] | Unknown {
  if (cluster.origin.kind === 'account') {
    const members = ctx.values(cluster, ['DBClusterMembers'])[0]?.value;
    if (members instanceof Unknown) return members;
    if (!Array.isArray(members)) return new Unknown('the cluster members were not read');
    return members.flatMap((m) => {
      const id = typeof m === 'object' && m !== null ? asString((m as Record<string, unknown>)['DBInstanceIdentifier']) : undefined;
      const inst = id ? ctx.index.lookup(cluster, id) : undefined;
      return inst ? [inst] : [];
    });
  }
  return ctx.index.ofType(DB_INSTANCE).filter((i) => ctx.values(i, ['DBClusterIdentifier']).some((p) => names(ctx, i, p.value, cluster, 'DBClusterIdentifier')));
}

/** Number of members an account cluster reports, even those whose instances were not read. */
export function memberCount(ctx: RuleContext, cluster: Resource): number | undefined {
  const members = ctx.values(cluster, ['DBClusterMembers'])[0]?.value;
  return Array.isArray(members) ? members.length : undefined;
}

export interface Spread {
  readonly instances: number;
  /** At least two instances that can sit in different AZs. */
  readonly multiAz: boolean;
  readonly detail: string;
}

/**
 * Whether a cluster's instances span AZs. An instance without AvailabilityZone is placed by
 * RDS, which spreads a cluster's instances across the subnet group's AZs
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html),
 * so only instances all pinned to one AZ are not Multi-AZ.
 */
export function clusterSpread(ctx: RuleContext, cluster: Resource): Spread | Unknown {
  if (isMultiAzDbCluster(ctx, cluster)) return { instances: 3, multiAz: true, detail: 'a Multi-AZ DB cluster (writer and two standbys in three AZs)' };
  if (cluster.origin.kind === 'account') {
    const multi = asBoolean(ctx.values(cluster, ['MultiAZ'])[0]?.value);
    const count = memberCount(ctx, cluster);
    if (multi !== undefined && count !== undefined) return { instances: count, multiAz: multi, detail: `${count} instance${count === 1 ? '' : 's'}, MultiAZ ${multi}` };
  }
  const members = membersOf(ctx, cluster);
  if (members instanceof Unknown) return members;
  const zones = members.map((m) => {
    const az = ctx.values(m, ['AvailabilityZone']).map((p) => p.value);
    return az.length === 1 && typeof az[0] === 'string' ? az[0] : undefined;
  });
  const pinned = new Set(zones.filter((z): z is string => z !== undefined));
  const allPinnedToOne = zones.every((z) => z !== undefined) && pinned.size === 1;
  const multiAz = members.length >= 2 && !allPinnedToOne;
  const where = members.length === 0 ? 'no DB instance joins it in the scan' : `${members.length} instance${members.length === 1 ? '' : 's'} (${members.map((m) => m.id).join(', ')})${allPinnedToOne && members.length > 1 ? `, all in ${[...pinned][0]}` : ''}`;
  return { instances: members.length, multiAz, detail: where };
}

export type Retention = { readonly days: number; readonly defaulted: boolean } | Unknown;

/** Automated-backup retention per possible value; absent means CloudFormation's default of 1 day. */
export function retentionOf(ctx: RuleContext, r: Resource): readonly (Possible<Retention>)[] {
  return ctx.values(r, ['BackupRetentionPeriod']).map((p) => {
    const when: Assumptions = p.when;
    if (p.value === undefined) {
      if (r.origin.kind === 'account') return { value: new Unknown('BackupRetentionPeriod was not read'), when };
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-backupretentionperiod
      return { value: { days: 1, defaulted: true }, when };
    }
    if (p.value instanceof Unknown) return { value: p.value, when };
    const n = asNumber(p.value);
    if (n === undefined) return { value: new Unknown(`BackupRetentionPeriod ${describeRef(p.value)} is known only at deployment`), when };
    return { value: { days: n, defaulted: false }, when };
  });
}

/** The DB subnet group an instance or cluster uses, per possibility; an Aurora instance without one uses its cluster's. */
export function subnetGroupOf(ctx: RuleContext, r: Resource): readonly Possible[] {
  const own = ctx.values(r, ['DBSubnetGroupName']);
  if (r.type !== DB_INSTANCE || own.some((p) => p.value !== undefined) || !isClusterMember(ctx, r)) return own;
  const cluster = clusterOf(ctx, r);
  if (cluster instanceof Unknown) return [{ value: cluster, when: {} }];
  return ctx.values(cluster, ['DBSubnetGroupName']);
}
