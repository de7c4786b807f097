import type { Rule } from '../../model/rule.js';
import { asString, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

const SSE_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

export const defaultEncryption: Rule = {
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
    seeds: ['003'],
    equivalents: { cfnNag: ['W41'], cdkNag: ['S3DefaultEncryptionKMS'], awsConfig: ['s3-bucket-server-side-encryption-enabled'], prowler: ['s3_bucket_default_encryption'] },
  },
  check(resource, ctx) {
    for (const p of ctx.values(resource, ['BucketEncryption', 'ServerSideEncryptionConfiguration'])) {
      // Absent or unreadable: S3 encrypts with SSE-S3 regardless (see rationale), so there is nothing to decide.
      if (!Array.isArray(p.value)) continue;
      p.value.forEach((rule, i) => {
        const byDefault = isRecord(rule) ? rule['ServerSideEncryptionByDefault'] : undefined;
        const alg = isRecord(byDefault) ? byDefault['SSEAlgorithm'] : undefined;
        const s = asString(alg);
        if (s === undefined || SSE_ALGORITHMS.has(s)) return;
        const path = ctx.sourcePath(resource, byDefault) ?? ['Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration', i];
        ctx.fail(resource, `Default encryption names SSEAlgorithm ${s}, which is neither SSE-S3 (AES256) nor SSE-KMS (aws:kms, aws:kms:dsse)${whenText(p.when)}`, { path });
      });
    }
  },
};
