import type { Rule } from '../../model/rule.js';
import { Unknown, asString, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

export const versioningEnabled: Rule = {
  meta: {
    id: 'S3-003',
    name: 'versioning-enabled',
    title: 'S3 bucket versioning is enabled',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale: 'Versioning keeps every overwritten or deleted object recoverable: 001 enables it for rollback of the frontend, 003 relies on it for an RPO near zero.',
    remediation: 'Set VersioningConfiguration: { Status: Enabled } (and a noncurrent-version lifecycle rule, S3-005, to bound the cost).',
    seeds: ['001', '003'],
    equivalents: { checkov: ['CKV_AWS_21'], cdkNag: ['S3BucketVersioningEnabled'], awsConfig: ['s3-bucket-versioning-enabled'], prowler: ['s3_bucket_object_versioning'] },
  },
  check(resource, ctx) {
    for (const p of ctx.values(resource, ['VersioningConfiguration'])) {
      const v = p.value;
      const path = ['Properties', ...(v === undefined ? [] : ['VersioningConfiguration'])];
      if (v instanceof Unknown) {
        ctx.notEvaluated(resource, `versioning could not be read: ${v.reason}`, { path });
        continue;
      }
      if (v === undefined) {
        ctx.fail(resource, `Bucket has no VersioningConfiguration: versioning was never enabled${whenText(p.when)}`, { path });
        continue;
      }
      const status = isRecord(v) ? v['Status'] : v;
      if (status instanceof Unknown) {
        ctx.notEvaluated(resource, `versioning status could not be read: ${status.reason}`, { path });
        continue;
      }
      const s = asString(status);
      if (s === undefined) {
        ctx.notEvaluated(resource, `versioning status is ${describe(status)}, known only at deployment`, { path });
        continue;
      }
      if (s !== 'Enabled') ctx.fail(resource, `Bucket versioning is ${s}, not Enabled${whenText(p.when)}`, { path: [...path, 'Status'] });
    }
  },
};
