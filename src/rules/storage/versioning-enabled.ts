import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { stringOf } from '../lib/read.js';

export const versioningEnabled = defineRule({
  meta: {
    id: 'S3-003',
    name: 'versioning-enabled',
    title: 'S3 bucket versioning is enabled',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale: 'Versioning keeps every overwritten or deleted object recoverable: a bad deployment of a site can be rolled back, and an overwrite or delete of data loses nothing.',
    remediation: 'Set VersioningConfiguration: { Status: Enabled } (and a noncurrent-version lifecycle rule, S3-005, to bound the cost).',
    messages: {
      absent: 'bucket has no VersioningConfiguration: versioning was never enabled',
      'not-enabled': 'bucket versioning is {{status}}, not Enabled',
    },
    seeds: ['001', '003'],
    equivalents: { checkov: ['CKV_AWS_21'], cdkNag: ['S3BucketVersioningEnabled'], awsConfig: ['s3-bucket-versioning-enabled'], prowler: ['s3_bucket_object_versioning'] },
  },
  check(bucket, ctx) {
    const config = ctx.get(bucket, ['VersioningConfiguration']);
    if (config instanceof Unknown) return;
    if (config === undefined) {
      ctx.report({ messageId: 'absent', path: ctx.propertyPath(bucket, 'VersioningConfiguration') });
      return;
    }
    const status = stringOf(ctx, bucket, ['VersioningConfiguration', 'Status']);
    if (status instanceof Unknown) return;
    if (status !== 'Enabled')
      ctx.report({ messageId: 'not-enabled', data: { status: status ?? 'not set' }, path: ['Properties', 'VersioningConfiguration', ...(status === undefined ? [] : ['Status'])] });
  },
});
