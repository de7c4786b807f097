import { booleanPropertyRule } from '../lib/boolean-property.js';
import { DB_CLUSTER, DB_INSTANCE, isAuroraEngine, isClusterMember, isReadReplica, tierText } from './db-common.js';

export const deletionProtection = booleanPropertyRule({
  meta: {
    id: 'DB-007',
    name: 'deletion-protection',
    title: 'Prod databases have deletion protection',
    area: 'database',
    severity: 'medium',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale: 'Deletion protection stops a stack update, a console slip or a script from deleting the prod database; CloudFormation leaves it off when absent.',
    remediation: 'Set DeletionProtection: true (on the cluster for Aurora); also consider DeletionPolicy: Snapshot on the resource.',
    seeds: ['beyond the seeds'],
    equivalents: {
      cfnNag: ['F80'],
      cdkNag: ['RDS10'],
      awsConfig: ['rds-instance-deletion-protection-enabled', 'rds-cluster-deletion-protection-enabled'],
      prowler: ['rds_instance_deletion_protection'],
    },
    tiered: true,
  },
  property: 'DeletionProtection',
  want: true,
  defaultValue: false,
  messages: {
    absent: 'DeletionProtection is not set (default false) on a database of tier {{tier}}',
    wrong: 'DeletionProtection is false on a database of tier {{tier}}',
  },
  // For Aurora the setting lives on the cluster and does not apply to instances; a replica holds no unique data.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-deletionprotection
  applies: (db, ctx) => !isClusterMember(ctx, db) && !isReadReplica(ctx, db) && !(db.type === DB_INSTANCE && isAuroraEngine(ctx, db)) && ctx.tier(db).tier === 'prod',
  data: (db, ctx) => ({ tier: tierText(ctx.tier(db)) }),
});
