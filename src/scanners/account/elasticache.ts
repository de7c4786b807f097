import type { Resource } from '../../model/resource.js';
import type { Collector, ListedBy, Operation } from './collector.js';
import { isCallError } from './calls.js';
import { compact, failedRead, listOutput, records, str } from './collector.js';

export const elasticacheOperations: readonly Operation[] = [
  ['elasticache', 'DescribeReplicationGroups'],
  ['elasticache', 'DescribeCacheClusters'],
];

export const elasticacheLists: readonly ListedBy[] = [
  { service: 'elasticache', operation: 'DescribeReplicationGroups', types: ['AWS::ElastiCache::ReplicationGroup'] },
  // Replication groups take their security groups and subnet group from their member clusters.
  { service: 'elasticache', operation: 'DescribeCacheClusters', types: ['AWS::ElastiCache::CacheCluster'] },
];

const groupIds = (c: Record<string, unknown>): string[] => records(c['SecurityGroups']).flatMap((g) => (str(g['SecurityGroupId']) ? [str(g['SecurityGroupId']) as string] : []));

/** Replication groups carry encryption; their security groups and subnet group live on the member clusters. */
export const elasticacheCollector: Collector = {
  id: 'elasticache',
  scope: 'regional',
  operations: elasticacheOperations,
  lists: elasticacheLists,
  async collect(ctx) {
    const [groupsRead, clustersRead] = await Promise.all([
      ctx.call('elasticache', 'DescribeReplicationGroups', { MaxRecords: 100 }),
      ctx.call('elasticache', 'DescribeCacheClusters', { MaxRecords: 100 }),
    ]);
    const groups = listOutput(ctx, 'elasticache', 'DescribeReplicationGroups', groupsRead);
    const clusters = listOutput(ctx, 'elasticache', 'DescribeCacheClusters', clustersRead);
    const clusterList = records(clusters?.['CacheClusters']);
    const byId = new Map(clusterList.map((c) => [str(c['CacheClusterId']) ?? '', c]));
    // Without the clusters a group's security groups and subnet group are unknown, not absent.
    const clustersUnknown = isCallError(clustersRead) ? failedRead('elasticache', 'DescribeCacheClusters', clustersRead.error) : undefined;
    const out: Resource[] = [];
    for (const g of records(groups?.['ReplicationGroups'])) {
      const id = str(g['ReplicationGroupId']);
      if (!id) continue;
      const members = ((g['MemberClusters'] as unknown[] | undefined) ?? []).filter((m): m is string => typeof m === 'string');
      const memberClusters = members.map((m) => byId.get(m)).filter((c): c is Record<string, unknown> => c !== undefined);
      out.push(
        ctx.resource(
          'AWS::ElastiCache::ReplicationGroup',
          id,
          compact({
            ReplicationGroupId: id,
            ReplicationGroupDescription: str(g['Description']),
            Engine: str(g['Engine']) ?? str(memberClusters[0]?.['Engine']),
            CacheNodeType: str(g['CacheNodeType']),
            NumCacheClusters: members.length,
            AtRestEncryptionEnabled: g['AtRestEncryptionEnabled'],
            TransitEncryptionEnabled: g['TransitEncryptionEnabled'],
            AuthTokenEnabled: g['AuthTokenEnabled'],
            MultiAZEnabled: g['MultiAZ'] === undefined ? undefined : g['MultiAZ'] === 'enabled',
            AutomaticFailoverEnabled: g['AutomaticFailover'] === undefined ? undefined : g['AutomaticFailover'] === 'enabled',
            SnapshotRetentionLimit: g['SnapshotRetentionLimit'],
            SecurityGroupIds: clustersUnknown ?? [...new Set(memberClusters.flatMap(groupIds))],
            CacheSubnetGroupName: clustersUnknown ?? str(memberClusters[0]?.['CacheSubnetGroupName']),
          }),
          str(g['ARN']),
        ),
      );
    }
    for (const c of clusterList) {
      const id = str(c['CacheClusterId']);
      if (!id || str(c['ReplicationGroupId'])) continue;
      out.push(
        ctx.resource(
          'AWS::ElastiCache::CacheCluster',
          id,
          compact({
            ClusterName: id,
            Engine: str(c['Engine']),
            CacheNodeType: str(c['CacheNodeType']),
            NumCacheNodes: c['NumCacheNodes'],
            VpcSecurityGroupIds: groupIds(c),
            CacheSubnetGroupName: str(c['CacheSubnetGroupName']),
            TransitEncryptionEnabled: c['TransitEncryptionEnabled'],
            AtRestEncryptionEnabled: c['AtRestEncryptionEnabled'],
            PreferredAvailabilityZone: str(c['PreferredAvailabilityZone']),
            SnapshotRetentionLimit: c['SnapshotRetentionLimit'],
          }),
          str(c['ARN']),
        ),
      );
    }

    return out;
  },
};
