import { defineRule } from '../../model/rule.js';
import { isRecord } from '../../model/values.js';

const SSE_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

export const defaultEncryption = defineRule({
  meta: {
    id: 'S3-004',
    name: 'default-encryption',
    title: 'S3 default encryption is SSE-S3 or SSE-KMS',
    area: 'storage',
    severity: 'low',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'Since 5 January 2023 S3 applies SSE-S3 to every new object of every bucket and it cannot be turned off (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html). An absent BucketEncryption therefore passes, and so does a live bucket whatever the read returned; only an explicit configuration naming something other than SSE-S3 / SSE-KMS / DSSE-KMS is a finding. cfn_nag W41 (encryption absent) deliberately differs.',
    remediation: 'Use SSEAlgorithm AES256 (SSE-S3) or aws:kms with a key you manage, or leave BucketEncryption out.',
    messages: {
      algorithm: 'default encryption names SSEAlgorithm {{algorithm}}, which is neither SSE-S3 (AES256) nor SSE-KMS (aws:kms, aws:kms:dsse)',
    },
    seeds: ['003'],
    equivalents: { cfnNag: ['W41'], cdkNag: ['S3DefaultEncryptionKMS'], awsConfig: ['s3-bucket-server-side-encryption-enabled'], prowler: ['s3_bucket_default_encryption'] },
  },
  check(bucket, ctx) {
    // S3 encrypts every object with SSE-S3 whatever the configuration says (see rationale): a
    // configuration known only at deployment, or a live read that failed, cannot make the bucket
    // unencrypted, so its unknowns cannot change the verdict. Only a literal other algorithm is reported.
    ctx.tolerate(() => {
      const rules = ctx.get(bucket, ['BucketEncryption', 'ServerSideEncryptionConfiguration']);
      if (!Array.isArray(rules)) return;
      rules.forEach((rule, i) => {
        const byDefault = isRecord(rule) ? rule['ServerSideEncryptionByDefault'] : undefined;
        const alg = isRecord(byDefault) ? byDefault['SSEAlgorithm'] : undefined;
        if (typeof alg !== 'string' || SSE_ALGORITHMS.has(alg)) return;
        const path = ctx.sourcePath(bucket, byDefault) ?? ['Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration', i, 'ServerSideEncryptionByDefault'];
        ctx.report({ messageId: 'algorithm', data: { algorithm: alg }, path: [...path, 'SSEAlgorithm'] });
      });
    });
  },
});
