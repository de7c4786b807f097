import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { boolOf } from '../lib/read.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, isServerlessV1, restoredFrom } from './db-common.js';

export const storageEncrypted = defineRule({
  meta: {
    id: 'DB-005',
    name: 'storage-encrypted',
    title: 'Database storage is encrypted',
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'Encryption at rest covers storage, automated backups, snapshots and replicas, and can only be chosen at creation. CloudFormation leaves StorageEncrypted false when it is absent.',
    remediation: 'Set StorageEncrypted: true (optionally KmsKeyId). An existing database must be re-created from an encrypted snapshot copy.',
    messages: {
      absent: 'StorageEncrypted is not set (default false): storage, backups and snapshots are unencrypted',
      off: 'StorageEncrypted is false: storage, backups and snapshots are unencrypted',
      inherited: 'StorageEncrypted is not set, so encryption is inherited from {{source}}, which the template does not show',
    },
    seeds: ['003', '004'],
    equivalents: {
      checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
      cfnNag: ['F26', 'F27'],
      cdkNag: ['RDS6'],
      awsConfig: ['rds-storage-encrypted'],
      prowler: ['rds_instance_storage_encrypted'],
    },
  },
  check(db, ctx) {
    // Aurora encrypts per cluster; a read replica inherits its source's encryption.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted
    if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
    // Aurora Serverless v1 clusters are always encrypted.
    // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v1.how-it-works.html#aurora-serverless.tls
    const serverless = isServerlessV1(ctx, db);
    if (serverless === true) return;
    const path = ctx.propertyPath(db, 'StorageEncrypted');
    const encrypted = boolOf(ctx, db, ['StorageEncrypted']);
    if (encrypted instanceof Unknown || encrypted === true) return;
    if (serverless instanceof Unknown) {
      ctx.unknown(serverless.reason, ['Properties', 'EngineMode']);
      return;
    }
    if (encrypted === false) {
      ctx.report({ messageId: 'off', path });
      return;
    }
    // A restored or cloned database takes its encryption from the snapshot or source.
    const source = restoredFrom(ctx, db);
    if (source) ctx.notEvaluated({ messageId: 'inherited', data: { source }, path });
    else ctx.report({ messageId: 'absent', path });
  },
});
