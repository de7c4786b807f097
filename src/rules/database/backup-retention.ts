import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, propPath, retentionOf, tierText, whenText } from './db-common.js';

export const backupRetention: Rule = {
  meta: {
    id: 'DB-003',
    name: 'backup-retention',
    title: "Automated backups are on and kept at least the tier's minimum (dev 7, staging 7, prod 35 days)",
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'Automated backups are what point-in-time recovery restores from; 003 keeps them 35 days in prod, 004 7 days. CloudFormation defaults BackupRetentionPeriod to 1 day, and 0 turns backups off.',
    remediation: "Set BackupRetentionPeriod to at least the tier's minimum (prod 35, the RDS maximum).",
    seeds: ['000', '003', '004'],
    equivalents: { cfnNag: ['W75'], cdkNag: ['RDS11'], awsConfig: ['db-instance-backup-enabled', 'rds-instance-backup-enabled'], prowler: ['rds_instance_backup_enabled'] },
    tiered: true,
  },
  check(resource, ctx) {
    // Aurora keeps backups on the cluster, and read replicas have none of their own.
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    const tier = ctx.tier(resource);
    const min = ctx.config.tiers.targets[tier.tier].backupRetentionDays;
    const path = propPath(ctx, resource, 'BackupRetentionPeriod');
    for (const p of retentionOf(ctx, resource)) {
      const cond = whenText(p.when);
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `backup retention is not known: ${p.value.reason}${cond}`, { path });
        continue;
      }
      const { days, defaulted } = p.value;
      if (days === 0) ctx.fail(resource, `automated backups are off (BackupRetentionPeriod 0); tier ${tierText(tier)} needs at least ${min} days${cond}`, { path });
      else if (days < min) {
        const what = defaulted ? 'BackupRetentionPeriod is not set, so CloudFormation keeps backups 1 day' : `backups are kept ${days} day${days === 1 ? '' : 's'}`;
        ctx.fail(resource, `${what}, less than the ${min} days tier ${tierText(tier)} needs${cond}`, { path });
      }
    }
  },
};
