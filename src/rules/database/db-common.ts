// What the database and resilience rules share: how an RDS instance relates to its Aurora
// cluster, its read replicas and its subnet group, how long it keeps backups, and how a tier is
// named in a message. One place, so DB-003 and DR-001 read retention the same way.
//
// Conventions: a helper that returns an `Unknown` has recorded it (the check ends not-evaluated
// unless it fails for another reason); a helper that answers a yes/no question about presence
// (is it a cluster member, a replica…) reads without recording, because an unknown value there
// is still a value that is written.

import type { TierInfo } from '../../model/config.js';
import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { ResourceRef, Unknown, asBoolean, asString, isRecord } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { numberOf } from '../lib/read.js';

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';

/** "prod (tag Environment=production)" or "prod (assumed prod: no tier tag or parameter)". */
export function tierText(t: TierInfo): string {
  return t.assumed ? 'prod (assumed prod: no tier tag or parameter)' : `${t.tier} (${t.source})`;
}

/** Whether a property is written in the current scenario. A value known only at deployment is written: presence decides, so it is not recorded. */
export function isSet(ctx: RuleContext, r: Resource, key: string): boolean {
  return ctx.tolerate(() => ctx.get(r, [key])) !== undefined;
}

/** An instance that belongs to an Aurora (or Multi-AZ DB) cluster: the cluster holds backups, encryption and deletion protection. */
export function isClusterMember(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_INSTANCE && isSet(ctx, r, 'DBClusterIdentifier');
}

/** A read replica: it inherits storage, encryption and credentials from its source. */
export function isReadReplica(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_INSTANCE && isSet(ctx, r, 'SourceDBInstanceIdentifier');
}

/** Where a database restored from a snapshot or cloned from another takes its storage from ("DBSnapshotIdentifier snap-1"). */
export function restoredFrom(ctx: RuleContext, r: Resource): string | undefined {
  for (const key of r.type === DB_CLUSTER ? ['SnapshotIdentifier', 'SourceDBClusterIdentifier'] : ['DBSnapshotIdentifier', 'DBClusterSnapshotIdentifier']) {
    const v = ctx.tolerate(() => ctx.get(r, [key]));
    if (v !== undefined) return `${key} ${describeRef(v)}`;
  }
  return undefined;
}

/** The engine in lower case, when it is a literal. */
function engineOf(ctx: RuleContext, r: Resource): string | undefined {
  return ctx.tolerate(() => asString(ctx.get(r, ['Engine'])))?.toLowerCase();
}

export function isAuroraEngine(ctx: RuleContext, r: Resource): boolean {
  return engineOf(ctx, r)?.startsWith('aurora') ?? false;
}

/**
 * Aurora Serverless v1 (EngineMode serverless): always encrypted, one compute node re-created on
 * failure. An EngineMode known only at deployment is an Unknown (not recorded): the caller
 * records it only where it would change the verdict.
 */
export function isServerlessV1(ctx: RuleContext, r: Resource): boolean | Unknown {
  if (r.type !== DB_CLUSTER) return false;
  const mode = ctx.tolerate(() => ctx.get(r, ['EngineMode']));
  if (mode === undefined) return false;
  const s = asString(mode);
  if (s === undefined) return mode instanceof Unknown ? mode : new Unknown(`EngineMode ${describeRef(mode)} is known only at deployment`);
  return s.toLowerCase() === 'serverless';
}

/**
 * A Multi-AZ DB cluster (non-Aurora; DBClusterInstanceClass is valid for those only): one writer
 * and two readable standbys in three AZs.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-dbclusterinstanceclass
 */
export function isMultiAzDbCluster(ctx: RuleContext, r: Resource): boolean {
  return r.type === DB_CLUSTER && isSet(ctx, r, 'DBClusterInstanceClass') && !isAuroraEngine(ctx, r);
}

/** Records `fact` when it is an Unknown: a fact the verdict about to be reported depends on. Returns whether it did (the caller then stops). */
export function undecided(ctx: RuleContext, ...facts: unknown[]): boolean {
  for (const f of facts) {
    if (f instanceof Unknown) {
      ctx.unknown(f.reason);
      return true;
    }
  }
  return false;
}

/**
 * Whether `value` names `target`: a Ref/GetAtt to it, its physical id or ARN, or the identifier
 * it declares (`DBInstanceIdentifier: mydb`), case-insensitively as RDS stores identifiers in
 * lower case.
 */
export function names(ctx: RuleContext, from: Resource, value: unknown, target: Resource, idKey: string): boolean {
  if (value instanceof ResourceRef) return ctx.index.lookup(from, value) === target;
  const s = asString(value);
  if (s === undefined || s === '') return false;
  if (ctx.index.lookup(from, s) === target) return true;
  const declared = ctx.tolerate(() => asString(ctx.get(target, [idKey])));
  return declared !== undefined && declared.toLowerCase() === s.toLowerCase();
}

/**
 * Resources of `type` (that exist in the current scenario) whose `key` names `target`. A
 * candidate whose `key` is known only at deployment might name it: when none does, the answer is
 * that Unknown (recorded).
 */
export function namedBy(ctx: RuleContext, target: Resource, type: string, key: string, idKey: string): readonly Resource[] | Unknown {
  const candidates = new Set(ctx.index.referrers(target, type));
  // A literal identifier is matched by text, which no reference index holds.
  if (ctx.tolerate(() => asString(ctx.get(target, [idKey]))) !== undefined) for (const r of ctx.index.ofType(type)) candidates.add(r);
  const out: Resource[] = [];
  let unknown: Unknown | undefined;
  for (const r of candidates) {
    if (r === target) continue;
    // What it names first, whether it exists (a condition, so a choice) only when that matters.
    const v = ctx.tolerate(() => ctx.get(r, [key]));
    if (v instanceof Unknown) {
      if (ctx.exists(r)) unknown ??= new Unknown(`${key} of ${r.id} is not known (${v.reason})`);
    } else if (names(ctx, r, v, target, idKey) && ctx.exists(r)) out.push(r);
  }
  if (out.length === 0 && unknown) return ctx.unknown(unknown.reason);
  return out;
}

/** The cluster an Aurora instance joins: the resource, or an Unknown (recorded) when it is not in the input. */
export function clusterOf(ctx: RuleContext, instance: Resource): Resource | Unknown | undefined {
  const v = ctx.get(instance, ['DBClusterIdentifier']);
  if (v === undefined || v instanceof Unknown) return v;
  const hit = v instanceof ResourceRef ? ctx.index.lookup(instance, v) : ctx.index.find(DB_CLUSTER, instance, (c) => names(ctx, instance, v, c, 'DBClusterIdentifier'));
  return hit ?? ctx.unknown(`cluster ${describeRef(v)} is not in the scan`, ['Properties', 'DBClusterIdentifier']);
}

/** The DB instances of a cluster: those the cluster lists as members (a live read), else those whose DBClusterIdentifier names it. */
export function membersOf(ctx: RuleContext, cluster: Resource): readonly Resource[] | Unknown {
  const listed = ctx.get(cluster, ['DBClusterMembers']);
  if (listed instanceof Unknown) return listed;
  if (Array.isArray(listed)) {
    const out: Resource[] = [];
    for (const m of listed) {
      const id = isRecord(m) ? asString(m['DBInstanceIdentifier']) : undefined;
      const inst = id ? ctx.index.lookup(cluster, id) : undefined;
      if (inst) out.push(inst);
      else return ctx.index.incomplete(DB_INSTANCE, cluster) ?? ctx.unknown(`member ${id ?? '(unnamed)'} of the cluster is not in the scan`);
    }
    return out;
  }
  return namedBy(ctx, cluster, DB_INSTANCE, 'DBClusterIdentifier', 'DBClusterIdentifier');
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
 * so only instances all pinned to one AZ are not Multi-AZ. An AZ known only at deployment may be
 * the others' one: then the answer is Unknown (recorded).
 */
export function clusterSpread(ctx: RuleContext, cluster: Resource): Spread | Unknown {
  if (isMultiAzDbCluster(ctx, cluster)) return { instances: 3, multiAz: true, detail: 'a Multi-AZ DB cluster (writer and two standbys in three AZs)' };
  // A live cluster states both: its MultiAZ flag and its members, even those whose instances were not read.
  const multi = ctx.tolerate(() => asBoolean(ctx.get(cluster, ['MultiAZ'])));
  const listed = ctx.tolerate(() => ctx.get(cluster, ['DBClusterMembers']));
  if (multi !== undefined && Array.isArray(listed)) {
    return { instances: listed.length, multiAz: multi, detail: `${listed.length} instance${listed.length === 1 ? '' : 's'}, MultiAZ ${multi}` };
  }
  const members = membersOf(ctx, cluster);
  if (members instanceof Unknown) return members;
  const zones = members.map((m) => ctx.tolerate(() => ctx.get(m, ['AvailabilityZone'])));
  const pinned = new Set(zones.filter((z): z is string => typeof z === 'string'));
  const list =
    members.length === 0 ? 'no DB instance joins it in the scan' : `${members.length} instance${members.length === 1 ? '' : 's'} (${members.map((m) => m.id).join(', ')})`;
  if (members.length < 2) return { instances: members.length, multiAz: false, detail: list };
  if (zones.some((z) => z === undefined) || pinned.size > 1) return { instances: members.length, multiAz: true, detail: list };
  const open = zones.findIndex((z) => typeof z !== 'string');
  if (open >= 0) {
    const z = zones[open];
    return ctx.unknown(
      `the AvailabilityZone of ${members[open]!.id} is not known (${z instanceof Unknown ? z.reason : describeRef(z)}), so whether the cluster spans AZs cannot be told`,
    );
  }
  return { instances: members.length, multiAz: false, detail: `${list}, all in ${[...pinned][0]}` };
}

export type Retention = { readonly days: number; readonly defaulted: boolean };

/**
 * Automated-backup retention; absent means the default of 1 day (0 turns backups off). An
 * Unknown is recorded.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-backupretentionperiod
 */
export function retentionOf(ctx: RuleContext, r: Resource): Retention | Unknown {
  const n = numberOf(ctx, r, ['BackupRetentionPeriod']);
  if (n instanceof Unknown) return n;
  return n === undefined ? { days: 1, defaulted: true } : { days: n, defaulted: false };
}

/** The DB subnet group an instance or cluster uses: its own, or for an Aurora instance without one its cluster's (Unknown recorded). */
export function subnetGroupOf(ctx: RuleContext, r: Resource): unknown {
  const own = ctx.get(r, ['DBSubnetGroupName']);
  if (own !== undefined || !isClusterMember(ctx, r)) return own;
  const cluster = clusterOf(ctx, r);
  if (cluster === undefined || cluster instanceof Unknown) return cluster;
  return ctx.get(cluster, ['DBSubnetGroupName']);
}

/** A value the index answered with (it may not have recorded it: "… is not in the scan"), recorded at `path` of the checked resource. */
export function recorded<T>(ctx: RuleContext, v: T | Unknown, path?: Path): T | Unknown {
  if (v instanceof Unknown) ctx.unknown(v.reason, path);
  return v;
}
