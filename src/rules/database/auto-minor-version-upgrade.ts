import type { Rule } from '../../model/rule.js';
import { Unknown, asBoolean } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, isMultiAzDbCluster, propPath, whenText } from './db-common.js';

export const autoMinorVersionUpgrade: Rule = {
  meta: {
    id: 'DB-006',
    name: 'auto-minor-version-upgrade',
    title: 'Auto minor version upgrade is on',
    area: 'database',
    severity: 'low',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale: 'Minor versions carry security and bug fixes; 003 keeps "automated minor version upgrades" on. CloudFormation defaults AutoMinorVersionUpgrade to true.',
    remediation: 'Remove AutoMinorVersionUpgrade: false (or set it true) and pick a PreferredMaintenanceWindow.',
    seeds: ['003'],
    equivalents: { awsConfig: ['rds-automatic-minor-version-upgrade-enabled'], prowler: ['rds_instance_minor_version_upgrade_enabled'] },
  },
  check(resource, ctx) {
    // Only Multi-AZ DB clusters take the setting at cluster level; Aurora sets it per instance.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-autominorversionupgrade
    if (resource.type === DB_CLUSTER && !isMultiAzDbCluster(ctx, resource)) return;
    const path = propPath(ctx, resource, 'AutoMinorVersionUpgrade');
    for (const p of ctx.values(resource, ['AutoMinorVersionUpgrade'])) {
      const cond = whenText(p.when);
      if (p.value === undefined) {
        if (resource.origin.kind === 'account') ctx.notEvaluated(resource, 'AutoMinorVersionUpgrade was not read', { path });
        continue;
      }
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `AutoMinorVersionUpgrade is not known: ${p.value.reason}${cond}`, { path });
        continue;
      }
      const b = asBoolean(p.value);
      if (b === undefined) ctx.notEvaluated(resource, `AutoMinorVersionUpgrade ${describeRef(p.value)} is known only at deployment${cond}`, { path });
      else if (!b) ctx.fail(resource, `AutoMinorVersionUpgrade is false: minor releases with security fixes are not applied${cond}`, { path });
    }
  },
};
