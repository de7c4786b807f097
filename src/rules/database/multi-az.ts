import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { boolOf } from '../lib/read.js';
import { DB_CLUSTER, DB_INSTANCE, clusterSpread, isClusterMember, isReadReplica, isServerlessV1, tierText } from './db-common.js';

export const multiAz = defineRule({
  meta: {
    id: 'DB-004',
    name: 'multi-az',
    title: 'Staging and prod databases are Multi-AZ',
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'A single-AZ database is down for the length of an AZ outage or a host failure and recovers only by restore; Multi-AZ fails over to a standby in another AZ, typically in under 2 minutes.',
    remediation: 'Set MultiAZ: true on the instance, or give the Aurora cluster a second instance (a reader) in another AZ.',
    messages: {
      absent: 'MultiAZ is not set (default false): a single-AZ database in tier {{tier}}',
      off: 'MultiAZ is false: a single-AZ database in tier {{tier}}',
      cluster: 'the cluster is not Multi-AZ: {{detail}}; tier {{tier}} needs a second instance in another AZ',
    },
    seeds: ['003', '004'],
    equivalents: { checkov: ['CKV_AWS_157'], cdkNag: ['RDS3'], awsConfig: ['rds-multi-az-support'], prowler: ['rds_instance_multi_az'] },
    tiered: true,
  },
  check(db, ctx) {
    // Aurora instances are judged together on their cluster; a read replica is not the copy that fails over.
    if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
    const tier = ctx.tier(db);
    if (tier.tier === 'dev') return;
    if (db.type === DB_CLUSTER) {
      // Aurora Serverless v1 re-creates its single compute node in another AZ on failure; storage is always 6-way across 3 AZs.
      // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v1.how-it-works.html#aurora-serverless.failover
      const serverless = isServerlessV1(ctx, db);
      if (serverless === true) return;
      const spread = clusterSpread(ctx, db);
      if (spread instanceof Unknown || spread.multiAz) return;
      if (serverless instanceof Unknown) ctx.unknown(serverless.reason, ['Properties', 'EngineMode']);
      else ctx.report({ messageId: 'cluster', data: { detail: spread.detail, tier: tierText(tier) }, path: ['Properties'] });
      return;
    }
    const multi = boolOf(ctx, db, ['MultiAZ']);
    if (multi instanceof Unknown || multi === true) return;
    ctx.report({ messageId: multi === undefined ? 'absent' : 'off', data: { tier: tierText(tier) }, path: ctx.propertyPath(db, 'MultiAZ') });
  },
});
