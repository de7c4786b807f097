import type { Resource } from '../../model/resource.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { cfnTags, compact, listCall, obj, records, str } from './collector.js';

export const rdsOperations: readonly Operation[] = [
  ['rds', 'DescribeDBInstances'],
  ['rds', 'DescribeDBClusters'],
];

export const rdsLists: readonly ListedBy[] = [
  // Subnet groups come embedded in the instances (see mapSubnetGroup).
  { service: 'rds', operation: 'DescribeDBInstances', types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBSubnetGroup'] },
  { service: 'rds', operation: 'DescribeDBClusters', types: ['AWS::RDS::DBCluster'] },
];

const ids = (v: unknown, key: string): string[] => records(v).flatMap((x) => (str(x[key]) ? [str(x[key]) as string] : []));

export function mapDbInstance(ctx: CollectorContext, d: Record<string, unknown>): Resource | undefined {
  const id = str(d['DBInstanceIdentifier']);
  if (!id) return undefined;
  const subnetGroup = obj(d['DBSubnetGroup']);
  return ctx.resource(
    'AWS::RDS::DBInstance',
    id,
    compact({
      DBInstanceIdentifier: id,
      Engine: str(d['Engine']),
      EngineVersion: str(d['EngineVersion']),
      DBInstanceClass: str(d['DBInstanceClass']),
      PubliclyAccessible: d['PubliclyAccessible'],
      MultiAZ: d['MultiAZ'],
      StorageEncrypted: d['StorageEncrypted'],
      KmsKeyId: str(d['KmsKeyId']),
      BackupRetentionPeriod: d['BackupRetentionPeriod'],
      AutoMinorVersionUpgrade: d['AutoMinorVersionUpgrade'],
      DeletionProtection: d['DeletionProtection'],
      DBSubnetGroupName: str(subnetGroup['DBSubnetGroupName']),
      VPCSecurityGroups: ids(d['VpcSecurityGroups'], 'VpcSecurityGroupId'),
      AllocatedStorage: d['AllocatedStorage'],
      StorageType: str(d['StorageType']),
      Iops: d['Iops'],
      // DbInstancePort is 0 for most engines; the endpoint has the real port.
      Port: obj(d['Endpoint'])['Port'],
      DBClusterIdentifier: str(d['DBClusterIdentifier']),
      SourceDBInstanceIdentifier: str(d['ReadReplicaSourceDBInstanceIdentifier']),
      // Extension: replicas of this instance (DB-009).
      ReadReplicaDBInstanceIdentifiers: (d['ReadReplicaDBInstanceIdentifiers'] as unknown[] | undefined)?.length ? d['ReadReplicaDBInstanceIdentifiers'] : undefined,
      AvailabilityZone: str(d['AvailabilityZone']),
      SecondaryAvailabilityZone: str(d['SecondaryAvailabilityZone']),
      // The API never returns the password; a managed one shows as MasterUserSecret.
      ManageMasterUserPassword: d['MasterUserSecret'] !== undefined && d['MasterUserSecret'] !== null,
      MasterUsername: str(d['MasterUsername']),
      Tags: cfnTags(d['TagList']),
      DBInstanceStatus: str(d['DBInstanceStatus']),
    }),
    str(d['DBInstanceArn']),
  );
}

/** DescribeDBInstances embeds each instance's subnet group in full, so no DescribeDBSubnetGroups call is needed. */
function mapSubnetGroup(ctx: CollectorContext, g: Record<string, unknown>): Resource | undefined {
  const name = str(g['DBSubnetGroupName']);
  if (!name) return undefined;
  return ctx.resource(
    'AWS::RDS::DBSubnetGroup',
    name,
    compact({
      DBSubnetGroupName: name,
      DBSubnetGroupDescription: str(g['DBSubnetGroupDescription']),
      SubnetIds: ids(g['Subnets'], 'SubnetIdentifier'),
      VpcId: str(g['VpcId']),
    }),
    str(g['DBSubnetGroupArn']) ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.account}:subgrp:${name}`,
  );
}

function mapCluster(ctx: CollectorContext, c: Record<string, unknown>): Resource | undefined {
  const id = str(c['DBClusterIdentifier']);
  if (!id) return undefined;
  const scaling = obj(c['ServerlessV2ScalingConfiguration']);
  return ctx.resource(
    'AWS::RDS::DBCluster',
    id,
    compact({
      DBClusterIdentifier: id,
      Engine: str(c['Engine']),
      EngineVersion: str(c['EngineVersion']),
      EngineMode: str(c['EngineMode']),
      ServerlessV2ScalingConfiguration: Object.keys(scaling).length > 0 ? compact({ MinCapacity: scaling['MinCapacity'], MaxCapacity: scaling['MaxCapacity'] }) : undefined,
      StorageEncrypted: c['StorageEncrypted'],
      KmsKeyId: str(c['KmsKeyId']),
      BackupRetentionPeriod: c['BackupRetentionPeriod'],
      DeletionProtection: c['DeletionProtection'],
      // A cluster names its subnet group as a plain string.
      DBSubnetGroupName: str(c['DBSubnetGroup']),
      VpcSecurityGroupIds: ids(c['VpcSecurityGroups'], 'VpcSecurityGroupId'),
      Port: c['Port'],
      MultiAZ: c['MultiAZ'],
      AvailabilityZones: c['AvailabilityZones'],
      PubliclyAccessible: c['PubliclyAccessible'],
      AutoMinorVersionUpgrade: c['AutoMinorVersionUpgrade'],
      ManageMasterUserPassword: c['MasterUserSecret'] !== undefined && c['MasterUserSecret'] !== null,
      MasterUsername: str(c['MasterUsername']),
      DBClusterInstanceClass: str(c['DBClusterInstanceClass']),
      AllocatedStorage: c['AllocatedStorage'],
      StorageType: str(c['StorageType']),
      // Extension: members and which one writes (DB-004, DB-009, DR-002).
      DBClusterMembers: records(c['DBClusterMembers']).map((m) => compact({ DBInstanceIdentifier: str(m['DBInstanceIdentifier']), IsClusterWriter: m['IsClusterWriter'] })),
      ReplicationSourceIdentifier: str(c['ReplicationSourceIdentifier']),
      Tags: cfnTags(c['TagList']),
    }),
    str(c['DBClusterArn']),
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export const rdsCollector: Collector = {
  id: 'rds',
  scope: 'regional',
  operations: rdsOperations,
  lists: rdsLists,
  async collect(ctx) {
    const [instances, clusters] = await Promise.all([
      listCall(ctx, 'rds', 'DescribeDBInstances', { MaxRecords: 100 }),
      listCall(ctx, 'rds', 'DescribeDBClusters', { MaxRecords: 100 }),
    ]);
    const dbs = records(instances?.['DBInstances']);
    const groups = new Map<string, Record<string, unknown>>();
    for (const d of dbs) {
      const g = obj(d['DBSubnetGroup']);
      const name = str(g['DBSubnetGroupName']);
      if (name && !groups.has(name)) groups.set(name, g);
    }
    return [
      ...dbs.map((d) => mapDbInstance(ctx, d)).filter(defined),
      ...[...groups.values()].map((g) => mapSubnetGroup(ctx, g)).filter(defined),
      ...records(clusters?.['DBClusters'])
        .map((c) => mapCluster(ctx, c))
        .filter(defined),
    ];
  },
};
