import type { Resource } from '../../model/resource.js';
import { defineRule, type MessageData, type RuleContext } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { boolOf, numberOf } from '../lib/read.js';
import { DB_CLUSTER, DB_INSTANCE, clusterSpread, isClusterMember, isMultiAzDbCluster, isReadReplica, isServerlessV1, retentionOf, tierText } from '../database/db-common.js';
import {
  ASSUMED_STORAGE_GB,
  AURORA_READER_RTO_MINUTES,
  AURORA_RECREATE_RTO_MINUTES,
  MULTI_AZ_CLUSTER_RTO_MINUTES,
  MULTI_AZ_INSTANCE_RTO_MINUTES,
  RESTORE_FIXED_MINUTES,
  RESTORE_GB_PER_MINUTE,
  minutesText,
  restoreMinutes,
} from './recovery-model.js';

type M = 'multi-az' | 'multi-az-cluster' | 'serverless-v1' | 'aurora-reader' | 'aurora-recreate' | 'restore' | 'restore-fixed' | 'no-backups' | 'no-instances';

function targetOf(ctx: RuleContext<M>, r: Resource): { target: number; data: { tier: string; target: string } } {
  const tier = ctx.tier(r);
  const target = ctx.config.tiers.targets[tier.tier].rtoMinutes;
  return { target, data: { tier: tierText(tier), target: minutesText(target) } };
}

/** Fails when the achievable RTO exceeds the tier's target. */
function judge(ctx: RuleContext<M>, r: Resource, rto: number, messageId: M, path: readonly (string | number)[], extra: MessageData = {}): void {
  const { target, data } = targetOf(ctx, r);
  if (rto > target) ctx.report({ messageId, data: { ...data, ...extra, rto: minutesText(rto) }, path });
}

/** Single-AZ: recovery is a restore from backup, estimated from the allocated storage (docs/recovery-model.md). */
function singleAz(ctx: RuleContext<M>, db: Resource): void {
  const retention = retentionOf(ctx, db);
  if (retention instanceof Unknown) return;
  if (retention.days === 0) {
    const { data } = targetOf(ctx, db);
    ctx.report({ messageId: 'no-backups', data, path: ctx.propertyPath(db, 'BackupRetentionPeriod') });
    return;
  }
  const path = ctx.propertyPath(db, 'AllocatedStorage');
  const gb = numberOf(ctx, db, ['AllocatedStorage']);
  // Unknown storage: the fixed part alone may already miss the target (then the unknown cannot change the verdict).
  if (gb instanceof Unknown) return judge(ctx, db, RESTORE_FIXED_MINUTES, 'restore-fixed', path, { fixed: RESTORE_FIXED_MINUTES });
  const size = gb ?? ASSUMED_STORAGE_GB;
  const formula = `${RESTORE_FIXED_MINUTES} min + ${size} GB${gb === undefined ? ' (assumed; AllocatedStorage not set)' : ''} ÷ ${RESTORE_GB_PER_MINUTE} GB/min`;
  judge(ctx, db, restoreMinutes(size), 'restore', path, { formula });
}

function checkInstance(ctx: RuleContext<M>, db: Resource): void {
  const multi = boolOf(ctx, db, ['MultiAZ']);
  if (multi instanceof Unknown) return;
  if (multi === true) judge(ctx, db, MULTI_AZ_INSTANCE_RTO_MINUTES, 'multi-az', ctx.propertyPath(db, 'MultiAZ'));
  else singleAz(ctx, db);
}

function checkCluster(ctx: RuleContext<M>, cluster: Resource): void {
  const path = ['Properties'];
  if (isMultiAzDbCluster(ctx, cluster)) return judge(ctx, cluster, MULTI_AZ_CLUSTER_RTO_MINUTES, 'multi-az-cluster', path);
  const serverless = isServerlessV1(ctx, cluster);
  if (serverless instanceof Unknown) return void ctx.unknown(serverless.reason, ['Properties', 'EngineMode']);
  if (serverless) return judge(ctx, cluster, AURORA_RECREATE_RTO_MINUTES, 'serverless-v1', path);
  const spread = clusterSpread(ctx, cluster);
  if (spread instanceof Unknown) return;
  if (spread.instances === 0) return ctx.notEvaluated({ messageId: 'no-instances', path });
  if (spread.multiAz) return judge(ctx, cluster, AURORA_READER_RTO_MINUTES, 'aurora-reader', path, { detail: spread.detail });
  judge(ctx, cluster, AURORA_RECREATE_RTO_MINUTES, 'aurora-recreate', path, { detail: spread.detail });
}

export const rtoWithinTarget = defineRule({
  meta: {
    id: 'DR-002',
    name: 'rto-within-target',
    title: "Achievable recovery time (RTO) is within the tier's target",
    area: 'resilience',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'Each tier has an RTO target (by default dev 4 h, staging 2 h, prod 30 min). Multi-AZ RDS fails over in 1–2 min, Aurora with a reader in another AZ in under a minute; a single-AZ database recovers only by restoring a backup, which takes longer the more storage it has. See docs/recovery-model.md.',
    remediation: "Enable Multi-AZ (or add an Aurora reader in another AZ) where a restore from backup cannot meet the tier's RTO.",
    messages: {
      'multi-az': 'RTO ≈ {{rto}} > {{tier}} target {{target}}: Multi-AZ failover typically takes 60–120 s',
      'multi-az-cluster': 'RTO ≈ {{rto}} > {{tier}} target {{target}}: Multi-AZ DB cluster failover typically takes under 35 s',
      'serverless-v1': 'RTO ≈ {{rto}} > {{tier}} target {{target}}: Aurora Serverless v1 re-creates its single compute node on failure',
      'aurora-reader': 'RTO ≈ {{rto}} > {{tier}} target {{target}}: Aurora fails over to a reader in another AZ in under 60 s ({{detail}})',
      'aurora-recreate': 'RTO ≈ {{rto}} > {{tier}} target {{target}}: no reader in another AZ ({{detail}}): Aurora re-creates the writer, typically in under 10 min, best effort',
      restore: 'RTO ≈ {{rto}} > {{tier}} target {{target}}: single-AZ: recovery is a restore from backup, estimated {{formula}} (see docs/recovery-model.md)',
      'restore-fixed': 'RTO ≈ {{rto}} > {{tier}} target {{target}}: single-AZ: a restore from backup takes at least {{fixed}} min before any storage is copied',
      'no-backups': 'RTO unbounded > {{tier}} target {{target}}: single-AZ with automated backups off, so there is nothing to fail over to or restore from',
      'no-instances': 'no DB instance of the cluster is in the scan, so its failover cannot be judged',
    },
    seeds: ['003'],
    equivalents: { awsConfig: ['rds-multi-az-support'] },
    tiered: true,
  },
  check(db, ctx) {
    if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
    if (db.type === DB_CLUSTER) checkCluster(ctx, db);
    else checkInstance(ctx, db);
  },
});
