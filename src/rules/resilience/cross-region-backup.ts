import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, isSet, namedBy, tierText } from '../database/db-common.js';
import { BACKUP_SELECTION, listIncomplete, rdsCoverage } from './backup-plans.js';

const GLOBAL_CLUSTER = 'AWS::RDS::GlobalCluster';

export const crossRegionBackup = defineRule({
  meta: {
    id: 'DR-003',
    name: 'cross-region-backup',
    title: 'Prod databases copy backups to another region',
    area: 'resilience',
    severity: 'low',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      "Automated backups and snapshots live in the database's region, so a regional outage or a compromised account takes them along; a copy in another region survives both.",
    remediation:
      'Add an AWS::Backup::BackupPlan rule with CopyActions to a vault in another region and a BackupSelection that includes the database, or make the Aurora cluster part of an AWS::RDS::GlobalCluster. (RDS automated-backup replication has no CloudFormation resource.)',
    messages: {
      'no-copy': 'no cross-region backup copy: AWS Backup plan{{plural}} {{plans}} cover{{verb}} it but copy nowhere (no CopyActions); tier {{tier}}',
      'no-plan': "no cross-region backup copy: no AWS Backup plan with CopyActions to another region's vault covers it, and it is not part of a global database; tier {{tier}}",
    },
    seeds: ['004'],
    equivalents: { awsConfig: ['rds-instance-automated-backup-replication-enabled'], prowler: ['rds_instance_backup_cross_region'] },
    tiered: true,
  },
  check(db, ctx) {
    if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
    const tier = ctx.tier(db);
    if (tier.tier !== 'prod') return;
    // A global database keeps a copy of the cluster in another region.
    if (db.type === DB_CLUSTER && isSet(ctx, db, 'GlobalClusterIdentifier')) return;
    const globals = db.type === DB_CLUSTER ? ctx.tolerate(() => namedBy(ctx, db, GLOBAL_CLUSTER, 'SourceDBClusterIdentifier', 'DBClusterIdentifier')) : [];
    if (!(globals instanceof Unknown) && globals.length > 0) return;
    const plans = rdsCoverage(ctx, db);
    if (plans.some((p) => p.selects === true && p.copies === true)) return;
    // Nothing copies for sure. Whatever might (a selection or CopyActions known only at deployment,
    // a plan outside the input, a list the input cannot show) leaves the verdict open.
    const open =
      (globals instanceof Unknown ? globals : undefined) ??
      plans
        .map((p) => (p.copies === false ? undefined : p.selects instanceof Unknown ? p.selects : p.copies instanceof Unknown ? p.copies : undefined))
        .find((u) => u !== undefined) ??
      listIncomplete(ctx, GLOBAL_CLUSTER, db) ??
      listIncomplete(ctx, BACKUP_SELECTION, db);
    if (open) {
      ctx.unknown(open.reason);
      return;
    }
    const covering = plans.filter((p) => p.selects === true);
    if (covering.length > 0) {
      const ids = [...new Set(covering.map((p) => p.source.id))];
      ctx.report({
        messageId: 'no-copy',
        data: { plural: ids.length > 1 ? 's' : '', verb: ids.length > 1 ? '' : 's', plans: ids.join(', '), tier: tierText(tier) },
        path: ['Properties'],
      });
    } else ctx.report({ messageId: 'no-plan', data: { tier: tierText(tier) }, path: ['Properties'] });
  },
});
