import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { bucketOfPolicy, distributionsServing } from './buckets.js';
import {
  actionText,
  conditionValues,
  namesDistribution,
  policyDocument,
  principalEntries,
  restrictingCondition,
  statementLabel,
  statements,
  writeActions,
} from './policy.js';

export const originBucketPolicy: Rule = {
  meta: {
    id: 'S3-002',
    name: 'origin-bucket-policy',
    title: 'Bucket policies grant nothing public; a CloudFront origin bucket grants read access to CloudFront only',
    area: 'storage',
    severity: 'critical',
    resourceTypes: ['AWS::S3::BucketPolicy'],
    rationale:
      '001 serves its site through CloudFront with the bucket readable only by the origin access identity. A "*" principal (or Allow with NotPrincipal) without a condition that confines it makes the bucket public; an OAC grant (Service cloudfront.amazonaws.com) without aws:SourceArn lets any distribution in any account read it; CloudFront never needs to write. Deny statements grant nothing.',
    remediation:
      'Grant s3:GetObject to the OAI (arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity …) or to Service cloudfront.amazonaws.com with Condition StringEquals AWS:SourceArn = the distribution ARN; remove "*" principals and NotPrincipal allows.',
    seeds: ['001'],
    equivalents: { cfnNag: ['F9', 'F16'], cdkNag: ['S3BucketLevelPublicAccessProhibited'], awsConfig: ['s3-bucket-policy-grantee-check'], prowler: ['s3_bucket_policy_public_write_access', 's3_bucket_public_access'] },
  },
  check(resource, ctx) {
    const bucket = bucketOfPolicy(ctx, resource);
    const origin = bucket !== undefined && distributionsServing(ctx, bucket).length > 0;
    for (const p of ctx.values(resource, ['PolicyDocument'])) {
      const doc = policyDocument(p.value);
      const base = ['Properties', 'PolicyDocument'];
      if (doc === undefined) continue;
      if (doc instanceof Unknown) {
        ctx.notEvaluated(resource, `the bucket policy could not be read: ${doc.reason}`, { path: base });
        continue;
      }
      const when = whenText(p.when);
      for (const s of statements(doc)) {
        // Deny statements only ever take access away.
        if (s.effect !== 'Allow') continue;
        const path = ctx.sourcePath(resource, s.node) ?? [...base, 'Statement', ...(Array.isArray(doc['Statement']) ? [s.index] : [])];
        const label = statementLabel(s);
        const restricted = restrictingCondition(s.condition);
        if (s.notPrincipal !== undefined) {
          ctx.fail(resource, `${label} allows ${actionText(s)} with NotPrincipal: everyone except the listed principals, which is public${when}`, { path });
          continue;
        }
        const entries = principalEntries(s.principal, resource, ctx.index);
        const open = entries.find((e) => e.kind === 'public');
        if (open && !restricted) {
          ctx.fail(resource, `${label} allows ${actionText(s)} to principal ${open.text} with no condition that confines it (source ARN, VPC endpoint, organization, account or private IP): the bucket is public${when}`, { path });
          continue;
        }
        for (const e of entries) {
          if (e.kind === 'unknown') {
            ctx.notEvaluated(resource, `${label}: the principal is not known before deployment (${e.text})`, { path });
            continue;
          }
          if (e.kind === 'public') continue;
          if (e.kind === 'cloudfront-oai' || e.kind === 'cloudfront-service') {
            const writes = writeActions(s);
            if (writes instanceof Unknown) ctx.notEvaluated(resource, `${label}: ${writes.reason}`, { path });
            else if (writes.length) ctx.fail(resource, `${label} grants CloudFront (${e.text}) write access (${writes.join(', ')}); an origin needs only s3:GetObject${when}`, { path });
          }
          if (e.kind === 'cloudfront-service') {
            // OAC: without AWS:SourceArn any distribution, in any account, is "cloudfront.amazonaws.com".
            // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
            const arns = conditionValues(s.condition, 'aws:SourceArn').flatMap((c) => c.values);
            if (arns.length === 0 || !arns.every((v) => namesDistribution(v, resource, ctx.index)))
              ctx.fail(
                resource,
                `${label} grants ${actionText(s)} to Service cloudfront.amazonaws.com without an AWS:SourceArn condition naming a distribution: any CloudFront distribution in any account can read the bucket${when}`,
                { path },
              );
            continue;
          }
          if (e.kind === 'other' && origin) {
            ctx.fail(resource, `${label} grants ${actionText(s)} to ${e.text}; the bucket is a CloudFront origin and its policy should grant access to CloudFront only${when}`, { path, severity: 'medium' });
          }
        }
      }
    }
  },
};
