import { booleanPropertyRule } from '../lib/boolean-property.js';
import { DB_CLUSTER, DB_INSTANCE, isMultiAzDbCluster } from './db-common.js';

export const autoMinorVersionUpgrade = booleanPropertyRule({
  meta: {
    id: 'DB-006',
    name: 'auto-minor-version-upgrade',
    title: 'Auto minor version upgrade is on',
    area: 'database',
    severity: 'low',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'Minor versions carry security and bug fixes; automated minor version upgrades apply them in the maintenance window. CloudFormation defaults AutoMinorVersionUpgrade to true.',
    remediation: 'Remove AutoMinorVersionUpgrade: false (or set it true) and pick a PreferredMaintenanceWindow.',
    seeds: ['003'],
    equivalents: { awsConfig: ['rds-automatic-minor-version-upgrade-enabled'], prowler: ['rds_instance_minor_version_upgrade_enabled'] },
  },
  property: 'AutoMinorVersionUpgrade',
  want: true,
  defaultValue: true,
  messages: {
    absent: 'AutoMinorVersionUpgrade is not set',
    wrong: 'AutoMinorVersionUpgrade is false: minor releases with security fixes are not applied',
  },
  // Only Multi-AZ DB clusters take the setting at cluster level; Aurora sets it per instance.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-autominorversionupgrade
  applies: (db, ctx) => db.type === DB_INSTANCE || isMultiAzDbCluster(ctx, db),
});
