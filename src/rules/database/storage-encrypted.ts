import type { Rule } from '../../model/rule.js';
import { Unknown, asBoolean } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, isServerlessV1, propPath, restoredFrom, whenText } from './db-common.js';

export const storageEncrypted: Rule = {
  meta: {
    id: 'DB-005',
    name: 'storage-encrypted',
    title: 'Database storage is encrypted',
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'Encryption at rest covers storage, automated backups, snapshots and replicas, and can only be chosen at creation (003, 004: "encryption at rest"). CloudFormation leaves StorageEncrypted false when it is absent.',
    remediation: 'Set StorageEncrypted: true (optionally KmsKeyId). An existing database must be re-created from an encrypted snapshot copy.',
    seeds: ['003', '004'],
    equivalents: { checkov: ['CKV_AWS_16', 'CKV_AWS_96'], cfnNag: ['F26', 'F27'], cdkNag: ['RDS6'], awsConfig: ['rds-storage-encrypted'], prowler: ['rds_instance_storage_encrypted'] },
  },
  check(resource, ctx) {
    // Aurora encrypts per cluster; a read replica inherits its source's encryption.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted
    if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
    // Aurora Serverless v1 clusters are always encrypted.
    // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v1.how-it-works.html#aurora-serverless.tls
    if (isServerlessV1(ctx, resource)) return;
    const path = propPath(ctx, resource, 'StorageEncrypted');
    for (const p of ctx.values(resource, ['StorageEncrypted'])) {
      const cond = whenText(p.when);
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `StorageEncrypted is not known: ${p.value.reason}${cond}`, { path });
        continue;
      }
      if (p.value === undefined) {
        if (resource.origin.kind === 'account') {
          ctx.notEvaluated(resource, 'StorageEncrypted was not read', { path });
          continue;
        }
        // A restored database takes its encryption from the snapshot.
        const source = restoredFrom(ctx, resource);
        if (source) {
          ctx.notEvaluated(resource, `StorageEncrypted is not set, so encryption is inherited from ${source}, which the template does not show${cond}`, { path });
          continue;
        }
        ctx.fail(resource, `StorageEncrypted is not set (default false): storage, backups and snapshots are unencrypted${cond}`, { path });
        continue;
      }
      const b = asBoolean(p.value);
      if (b === undefined) ctx.notEvaluated(resource, `StorageEncrypted ${describeRef(p.value)} is known only at deployment${cond}`, { path });
      else if (!b) ctx.fail(resource, `StorageEncrypted is false: storage, backups and snapshots are unencrypted${cond}`, { path });
    }
  },
};
