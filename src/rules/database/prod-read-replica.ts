import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, clusterSpread, isClusterMember, isReadReplica, namedBy, tierText } from './db-common.js';

export const prodReadReplica = defineRule({
  meta: {
    id: 'DB-009',
    name: 'prod-read-replica',
    title: 'Prod databases have a read replica or reader instance',
    area: 'database',
    severity: 'info',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale: 'A read replica (or an Aurora reader) takes read load off the writer and is a promotable copy when the writer is lost.',
    remediation: 'Add a read replica (a DBInstance with SourceDBInstanceIdentifier) or, for Aurora, a second DB instance in the cluster.',
    messages: {
      'no-reader': 'no reader instance: {{detail}}; tier {{tier}}',
      'no-replica': 'no read replica names this instance as its source (SourceDBInstanceIdentifier); tier {{tier}}',
    },
    seeds: ['003'],
    tiered: true,
  },
  check(db, ctx) {
    if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
    const tier = ctx.tier(db);
    if (tier.tier !== 'prod') return;
    if (db.type === DB_CLUSTER) {
      const spread = clusterSpread(ctx, db);
      if (!(spread instanceof Unknown) && spread.instances < 2) ctx.report({ messageId: 'no-reader', data: { detail: spread.detail, tier: tierText(tier) }, path: ['Properties'] });
      return;
    }
    // A live instance lists its replicas (cross-region ones too); otherwise replicas name their source.
    const listed = ctx.get(db, ['ReadReplicaDBInstanceIdentifiers']);
    if (listed instanceof Unknown || (Array.isArray(listed) && listed.length > 0)) return;
    const replicas = namedBy(ctx, db, DB_INSTANCE, 'SourceDBInstanceIdentifier', 'DBInstanceIdentifier');
    if (replicas instanceof Unknown || replicas.length > 0) return;
    // None found: an answer only when the list of instances was read whole.
    if (ctx.index.incomplete(DB_INSTANCE, db)) return;
    ctx.report({ messageId: 'no-replica', data: { tier: tierText(tier) }, path: ['Properties'] });
  },
});
