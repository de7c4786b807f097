import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, asNumber, type Assumptions } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, clusterSpread, isClusterMember, isMultiAzDbCluster, isReadReplica, isServerlessV1, propPath, retentionOf, tierText, whenText } from '../database/db-common.js';
import {
  ASSUMED_STORAGE_GB,
  AURORA_READER_RTO_MINUTES,
  AURORA_RECREATE_RTO_MINUTES,
  MULTI_AZ_CLUSTER_RTO_MINUTES,
  MULTI_AZ_INSTANCE_RTO_MINUTES,
  RESTORE_FIXED_MINUTES,
  RESTORE_GB_PER_MINUTE,
  comparison,
  minutesText,
  restoreMinutes,
} from './recovery-model.js';

function judge(ctx: RuleContext, r: Resource, rto: number, how: string, when: Assumptions, path: readonly (string | number)[]): void {
  const tier = ctx.tier(r);
  const target = ctx.config.tiers.targets[tier.tier].rtoMinutes;
  if (rto > target) ctx.fail(r, `${comparison('RTO', rto, tierText(tier), target)}: ${how}${whenText(when)}`, { path });
}

function singleAz(ctx: RuleContext, db: Resource, when: Assumptions): void {
  const tier = ctx.tier(db);
  const target = ctx.config.tiers.targets[tier.tier].rtoMinutes;
  for (const ret of retentionOf(ctx, db)) {
    const w = { ...when, ...ret.when };
    if (ret.value instanceof Unknown) {
      ctx.notEvaluated(db, `single-AZ, and whether there are backups to restore from is not known: ${ret.value.reason}${whenText(w)}`, { path: propPath(ctx, db, 'BackupRetentionPeriod') });
      continue;
    }
    if (ret.value.days === 0) {
      ctx.fail(db, `RTO unbounded > ${tierText(tier)} target ${minutesText(target)}: single-AZ with automated backups off, so there is nothing to fail over to or restore from${whenText(w)}`, { path: propPath(ctx, db, 'BackupRetentionPeriod') });
      continue;
    }
    for (const s of ctx.values(db, ['AllocatedStorage'])) {
      const w2 = { ...w, ...s.when };
      const path = propPath(ctx, db, 'AllocatedStorage');
      const gb = s.value === undefined ? ASSUMED_STORAGE_GB : asNumber(s.value);
      if (gb === undefined) {
        if (RESTORE_FIXED_MINUTES > target) judge(ctx, db, RESTORE_FIXED_MINUTES, `single-AZ: restore from backup takes at least ${RESTORE_FIXED_MINUTES} min before any storage is copied`, w2, path);
        else ctx.notEvaluated(db, `single-AZ: the restore time depends on AllocatedStorage, which is not known (${s.value instanceof Unknown ? s.value.reason : describeRef(s.value)})${whenText(w2)}`, { path });
        continue;
      }
      const formula = `${RESTORE_FIXED_MINUTES} min + ${gb} GB${s.value === undefined ? ' (assumed; AllocatedStorage not set)' : ''} ÷ ${RESTORE_GB_PER_MINUTE} GB/min`;
      judge(ctx, db, restoreMinutes(gb), `single-AZ: recovery is a restore from backup, estimated ${formula} (see docs/recovery-model.md)`, w2, path);
    }
  }
}

function checkInstance(ctx: RuleContext, db: Resource): void {
  const path = propPath(ctx, db, 'MultiAZ');
  for (const p of ctx.values(db, ['MultiAZ'])) {
    if (p.value instanceof Unknown) {
      ctx.notEvaluated(db, `MultiAZ is not known: ${p.value.reason}${whenText(p.when)}`, { path });
      continue;
    }
    if (p.value === undefined && db.origin.kind === 'account') {
      ctx.notEvaluated(db, 'MultiAZ was not read', { path });
      continue;
    }
    const multi = p.value === undefined ? false : asBoolean(p.value);
    if (multi === undefined) ctx.notEvaluated(db, `MultiAZ ${describeRef(p.value)} is known only at deployment${whenText(p.when)}`, { path });
    else if (multi) judge(ctx, db, MULTI_AZ_INSTANCE_RTO_MINUTES, 'Multi-AZ failover typically takes 60–120 s', p.when, path);
    else singleAz(ctx, db, p.when);
  }
}

function checkCluster(ctx: RuleContext, cluster: Resource): void {
  if (isMultiAzDbCluster(ctx, cluster)) return judge(ctx, cluster, MULTI_AZ_CLUSTER_RTO_MINUTES, 'Multi-AZ DB cluster failover typically takes under 35 s', {}, ['Properties']);
  if (isServerlessV1(ctx, cluster)) return judge(ctx, cluster, AURORA_RECREATE_RTO_MINUTES, 'Aurora Serverless v1 re-creates its single compute node on failure', {}, ['Properties']);
  const spread = clusterSpread(ctx, cluster);
  if (spread instanceof Unknown) return ctx.notEvaluated(cluster, `the cluster's instances cannot be seen: ${spread.reason}`, { path: ['Properties'] });
  if (spread.instances === 0) return ctx.notEvaluated(cluster, 'no DB instance of the cluster is in the scan, so its failover cannot be judged', { path: ['Properties'] });
  if (spread.multiAz) return judge(ctx, cluster, AURORA_READER_RTO_MINUTES, `Aurora fails over to a reader in another AZ in under 60 s (${spread.detail})`, {}, ['Properties']);
  judge(ctx, cluster, AURORA_RECREATE_RTO_MINUTES, `no reader in another AZ (${spread.detail}): Aurora re-creates the writer, typically in under 10 min, best effort`, {}, ['Properties']);
}

export const rtoWithinTarget: Rule = {
  meta: {
    id: 'DR-002',
    name: 'rto-within-target',
    title: "Achievable recovery time (RTO) is within the tier's target",
    area: 'resilience',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      '003 sets RTO targets per tier (dev 4 h, staging 2 h, prod 30 min). Multi-AZ RDS fails over in 1–2 min, Aurora with a reader in another AZ in under a minute; a single-AZ database recovers only by restoring a backup, which takes longer the more storage it has. See docs/recovery-model.md.',
    remediation: 'Enable Multi-AZ (or add an Aurora reader in another AZ) where a restore from backup cannot meet the tier\'s RTO.',
    seeds: ['003'],
    equivalents: { awsConfig: ['rds-multi-az-support'] },
    tiered: true,
  },
  check(resource, ctx) {
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    if (resource.type === DB_CLUSTER) checkCluster(ctx, resource);
    else checkInstance(ctx, resource);
  },
};
