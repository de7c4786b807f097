import type { Rule } from '../../model/rule.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, names, tierText } from '../database/db-common.js';
import { rdsCoverage } from './backup-plans.js';

export const crossRegionBackup: Rule = {
  meta: {
    id: 'DR-003',
    name: 'cross-region-backup',
    title: 'Prod databases copy backups to another region',
    area: 'resilience',
    severity: 'low',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      '004 names cross-region backup replication: automated backups and snapshots live in the database\'s region, so a regional outage or a compromised account takes them along.',
    remediation:
      'Add an AWS::Backup::BackupPlan rule with CopyActions to a vault in another region and a BackupSelection that includes the database, or make the Aurora cluster part of an AWS::RDS::GlobalCluster. (RDS automated-backup replication has no CloudFormation resource.)',
    seeds: ['004'],
    equivalents: { awsConfig: ['rds-instance-automated-backup-replication-enabled'], prowler: ['rds_instance_backup_cross_region'] },
    tiered: true,
  },
  check(resource, ctx) {
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    const tier = ctx.tier(resource);
    if (tier.tier !== 'prod') return;
    if (resource.origin.kind === 'account') {
      ctx.notEvaluated(resource, 'cross-region backup replication (rds:DescribeDBInstanceAutomatedBackups, AWS Backup copy jobs) is not read from the account', { path: ['Properties'] });
      return;
    }
    // A global database keeps a copy of the cluster in another region.
    if (resource.type === DB_CLUSTER && ctx.index.ofType('AWS::RDS::GlobalCluster').some((g) => ctx.values(g, ['SourceDBClusterIdentifier']).some((p) => names(ctx, g, p.value, resource, 'DBClusterIdentifier')))) return;
    if (resource.type === DB_CLUSTER && ctx.values(resource, ['GlobalClusterIdentifier']).every((p) => p.value !== undefined)) return;
    const plans = rdsCoverage(ctx, resource);
    if (plans.some((p) => p.copies)) return;
    const why = plans.length
      ? `AWS Backup plan${plans.length > 1 ? 's' : ''} ${plans.map((p) => p.source.id).join(', ')} cover${plans.length > 1 ? '' : 's'} it but copy nowhere (no CopyActions)`
      : 'no AWS Backup plan with CopyActions to another region\'s vault covers it, and it is not part of a global database';
    ctx.fail(resource, `no cross-region backup copy: ${why}; tier ${tierText(tier)}`, { path: ['Properties'] });
  },
};
