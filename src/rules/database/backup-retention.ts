import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, retentionOf, tierText } from './db-common.js';

export const backupRetention = defineRule({
  meta: {
    id: 'DB-003',
    name: 'backup-retention',
    title: "Automated backups are on and kept at least the tier's minimum (dev 7, staging 7, prod 35 days)",
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'Automated backups are what point-in-time recovery restores from; a prod database keeps them the RDS maximum of 35 days, other tiers at least a week. CloudFormation defaults BackupRetentionPeriod to 1 day, and 0 turns backups off.',
    remediation: "Set BackupRetentionPeriod to at least the tier's minimum (prod 35, the RDS maximum).",
    messages: {
      off: 'automated backups are off (BackupRetentionPeriod 0); tier {{tier}} needs at least {{min}} days',
      default: 'BackupRetentionPeriod is not set, so backups are kept 1 day (the CloudFormation and RDS default), less than the {{min}} days tier {{tier}} needs',
      short: 'backups are kept {{days}} day{{plural}}, less than the {{min}} days tier {{tier}} needs',
    },
    seeds: ['000', '003', '004'],
    equivalents: { cfnNag: ['W75'], cdkNag: ['RDS11'], awsConfig: ['db-instance-backup-enabled', 'rds-instance-backup-enabled'], prowler: ['rds_instance_backup_enabled'] },
    tiered: true,
  },
  check(db, ctx) {
    // Aurora keeps backups on the cluster, and read replicas have none of their own.
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html
    if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
    const tier = ctx.tier(db);
    const min = ctx.config.tiers.targets[tier.tier].backupRetentionDays;
    const retention = retentionOf(ctx, db);
    if (retention instanceof Unknown || (retention.days > 0 && retention.days >= min)) return;
    const path = ctx.propertyPath(db, 'BackupRetentionPeriod');
    const data = { tier: tierText(tier), min };
    if (retention.days === 0) ctx.report({ messageId: 'off', data, path });
    else if (retention.defaulted) ctx.report({ messageId: 'default', data, path });
    else ctx.report({ messageId: 'short', data: { ...data, days: retention.days, plural: retention.days === 1 ? '' : 's' }, path });
  },
});
