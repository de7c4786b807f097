import type { Rule } from '../../model/rule.js';
import { Unknown, asBoolean } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, clusterSpread, isClusterMember, isReadReplica, isServerlessV1, propPath, tierText, whenText } from './db-common.js';

export const multiAz: Rule = {
  meta: {
    id: 'DB-004',
    name: 'multi-az',
    title: 'Staging and prod databases are Multi-AZ',
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'A single-AZ database is down for the length of an AZ outage or a host failure and recovers only by restore; 003 runs Multi-AZ RDS in staging and prod (failover under 2 minutes), 004 relies on it.',
    remediation: 'Set MultiAZ: true on the instance, or give the Aurora cluster a second instance (a reader) in another AZ.',
    seeds: ['003', '004'],
    equivalents: { checkov: ['CKV_AWS_157'], cdkNag: ['RDS3'], awsConfig: ['rds-multi-az-support'], prowler: ['rds_instance_multi_az'] },
    tiered: true,
  },
  check(resource, ctx) {
    // Aurora instances are judged together on their cluster; a read replica is not the copy that fails over.
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    const tier = ctx.tier(resource);
    if (tier.tier === 'dev') return;
    if (resource.type === DB_CLUSTER) {
      // Aurora Serverless v1 recreates its single compute node in another AZ on failure; storage is always 6-way across 3 AZs.
      // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v1.how-it-works.html#aurora-serverless.failover
      if (isServerlessV1(ctx, resource)) return;
      const spread = clusterSpread(ctx, resource);
      if (spread instanceof Unknown) ctx.notEvaluated(resource, `the cluster's instances cannot be seen: ${spread.reason}`, { path: ['Properties'] });
      else if (!spread.multiAz) ctx.fail(resource, `the cluster is not Multi-AZ: ${spread.detail}; tier ${tierText(tier)} needs a second instance in another AZ`, { path: ['Properties'] });
      return;
    }
    const path = propPath(ctx, resource, 'MultiAZ');
    for (const p of ctx.values(resource, ['MultiAZ'])) {
      const cond = whenText(p.when);
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `MultiAZ is not known: ${p.value.reason}${cond}`, { path });
        continue;
      }
      if (p.value === undefined && resource.origin.kind === 'account') {
        ctx.notEvaluated(resource, 'MultiAZ was not read', { path });
        continue;
      }
      const b = p.value === undefined ? false : asBoolean(p.value);
      if (b === undefined) ctx.notEvaluated(resource, `MultiAZ ${describeRef(p.value)} is known only at deployment${cond}`, { path });
      else if (!b) ctx.fail(resource, `${p.value === undefined ? 'MultiAZ is not set (default false)' : 'MultiAZ is false'}: a single-AZ database in tier ${tierText(tier)}${cond}`, { path });
    }
  },
};
