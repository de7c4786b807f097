import type { Rule } from '../../model/rule.js';
import { Unknown, asBoolean } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, isAuroraEngine, isClusterMember, isReadReplica, propPath, tierText, whenText } from './db-common.js';

export const deletionProtection: Rule = {
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
    equivalents: { cfnNag: ['F80'], cdkNag: ['RDS10'], awsConfig: ['rds-instance-deletion-protection-enabled', 'rds-cluster-deletion-protection-enabled'], prowler: ['rds_instance_deletion_protection'] },
    tiered: true,
  },
  check(resource, ctx) {
    // For Aurora the setting lives on the cluster and does not apply to instances; a replica holds no unique data.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-deletionprotection
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    if (resource.type === DB_INSTANCE && isAuroraEngine(ctx, resource)) return;
    const tier = ctx.tier(resource);
    if (tier.tier !== 'prod') return;
    const path = propPath(ctx, resource, 'DeletionProtection');
    for (const p of ctx.values(resource, ['DeletionProtection'])) {
      const cond = whenText(p.when);
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `DeletionProtection is not known: ${p.value.reason}${cond}`, { path });
        continue;
      }
      if (p.value === undefined && resource.origin.kind === 'account') {
        ctx.notEvaluated(resource, 'DeletionProtection was not read', { path });
        continue;
      }
      const b = p.value === undefined ? false : asBoolean(p.value);
      if (b === undefined) ctx.notEvaluated(resource, `DeletionProtection ${describeRef(p.value)} is known only at deployment${cond}`, { path });
      else if (!b) ctx.fail(resource, `${p.value === undefined ? 'DeletionProtection is not set (default false)' : 'DeletionProtection is false'} on a database of tier ${tierText(tier)}${cond}`, { path });
    }
  },
};
