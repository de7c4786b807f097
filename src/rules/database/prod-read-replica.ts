import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, clusterSpread, isClusterMember, isReadReplica, names, tierText } from './db-common.js';

export const prodReadReplica: Rule = {
  meta: {
    id: 'DB-009',
    name: 'prod-read-replica',
    title: 'Prod databases have a read replica or reader instance',
    area: 'database',
    severity: 'info',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale: '003 runs prod "Multi-AZ with read replica": a replica takes read load off the writer and is a promotable copy.',
    remediation: 'Add a read replica (a DBInstance with SourceDBInstanceIdentifier) or, for Aurora, a second DB instance in the cluster.',
    seeds: ['003'],
    tiered: true,
  },
  check(resource, ctx) {
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    const tier = ctx.tier(resource);
    if (tier.tier !== 'prod') return;
    if (resource.type === DB_CLUSTER) {
      const spread = clusterSpread(ctx, resource);
      if (spread instanceof Unknown) ctx.notEvaluated(resource, `the cluster's instances cannot be seen: ${spread.reason}`, { path: ['Properties'] });
      else if (spread.instances < 2) ctx.fail(resource, `no reader instance: ${spread.detail}; tier ${tierText(tier)}`, { path: ['Properties'] });
      return;
    }
    if (resource.origin.kind === 'account') {
      const replicas = ctx.values(resource, ['ReadReplicaDBInstanceIdentifiers'])[0]?.value;
      if (replicas instanceof Unknown) ctx.notEvaluated(resource, `read replicas were not read: ${replicas.reason}`);
      else if (!Array.isArray(replicas) || replicas.length === 0) ctx.fail(resource, `no read replica; tier ${tierText(tier)}`, { path: ['Properties'] });
      return;
    }
    const replicas = ctx.index.ofType(DB_INSTANCE).filter((i) => i !== resource && ctx.values(i, ['SourceDBInstanceIdentifier']).some((p) => names(ctx, i, p.value, resource, 'DBInstanceIdentifier')));
    if (replicas.length === 0) ctx.fail(resource, `no read replica in the scan names this instance as its SourceDBInstanceIdentifier; tier ${tierText(tier)}`, { path: ['Properties'] });
  },
};
