import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { asKnownString } from '../lib/known.js';
import { bucketOfPolicy, distributionsServing } from '../lib/s3.js';
import { actionText, conditionValues, namesDistribution, policyDocument, principalEntries, restrictingCondition, statements, writeActions } from './policy.js';

export const originBucketPolicy = defineRule({
  meta: {
    id: 'S3-002',
    name: 'origin-bucket-policy',
    title: 'Bucket policies grant nothing public; a CloudFront origin bucket grants read access to CloudFront only',
    area: 'storage',
    severity: 'critical',
    resourceTypes: ['AWS::S3::BucketPolicy'],
    rationale:
      'A site served through CloudFront keeps its bucket readable only by CloudFront. A "*" principal (or Allow with NotPrincipal) without a condition that confines it makes the bucket public; an origin access control grant (Service cloudfront.amazonaws.com) without aws:SourceArn lets any distribution in any account read it; CloudFront never needs to write. Deny statements grant nothing.',
    remediation:
      'Grant s3:GetObject to the OAI (arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity …) or to Service cloudfront.amazonaws.com with Condition StringEquals AWS:SourceArn = the distribution ARN; remove "*" principals and NotPrincipal allows.',
    messages: {
      'not-principal': '{{statement}} allows {{actions}} with NotPrincipal: everyone except the listed principals, which is public',
      public:
        '{{statement}} allows {{actions}} to principal {{principal}} with no condition that confines it (source ARN, VPC endpoint, organization, account or private IP): the bucket is public',
      'cloudfront-write': '{{statement}} grants CloudFront ({{principal}}) write access ({{writes}}); an origin needs only s3:GetObject',
      'oac-without-source':
        '{{statement}} grants {{actions}} to Service cloudfront.amazonaws.com without an AWS:SourceArn condition naming a distribution: any CloudFront distribution in any account can read the bucket',
      'origin-other': '{{statement}} grants {{actions}} to {{principal}}; the bucket is a CloudFront origin and its policy should grant access to CloudFront only',
    },
    seeds: ['001'],
    equivalents: {
      cfnNag: ['F9', 'F16'],
      cdkNag: ['S3BucketLevelPublicAccessProhibited'],
      awsConfig: ['s3-bucket-policy-grantee-check'],
      prowler: ['s3_bucket_policy_public_write_access', 's3_bucket_public_access'],
    },
  },
  check(policy, ctx) {
    const doc = policyDocument(ctx, policy);
    if (doc === undefined || doc instanceof Unknown) return;
    // Whether the bucket is a CloudFront origin matters only for grants to other principals: asked once, when needed.
    let origin: boolean | undefined;
    const isOrigin = (): boolean => {
      if (origin === undefined) {
        const bucket = bucketOfPolicy(ctx, policy);
        origin = bucket !== undefined && distributionsServing(ctx, bucket).length > 0;
      }
      return origin;
    };
    for (const s of statements(ctx, policy, doc)) {
      // Deny statements only ever take access away.
      const path = s.path;
      const effect = asKnownString(ctx, s.effect, `${s.label(ctx)}: Effect`, path);
      if (effect instanceof Unknown) continue;
      if (effect === undefined) {
        ctx.unknown(`${s.label(ctx)} names no Effect, which a policy statement requires`, path);
        continue;
      }
      if (effect !== 'Allow') continue;
      if (s.notPrincipal !== undefined) {
        ctx.report({ messageId: 'not-principal', data: { statement: s.label(ctx), actions: actionText(s) }, path });
        continue;
      }
      const principal = s.principal;
      if (principal === undefined) {
        // S3 rejects a bucket policy statement without a principal: it never applies as written.
        ctx.unknown(`${s.label(ctx)} names no Principal, which S3 requires in a bucket policy`, path);
        continue;
      }
      const entries = principalEntries(principal, policy, ctx.index);
      const open = entries.find((e) => e.kind === 'public');
      if (open && restrictingCondition(s.condition) === undefined) {
        ctx.report({ messageId: 'public', data: { statement: s.label(ctx), actions: actionText(s), principal: open.text }, path });
        continue;
      }
      for (const e of entries) {
        if (e.kind === 'public') continue;
        if (e.kind === 'unknown') {
          // An Unknown principal was recorded when read; a principal that is a reference or an empty object is not judgeable either.
          if (!(principal instanceof Unknown)) ctx.unknown(`${s.label(ctx)}: the principal is not known before deployment (${e.text})`, path);
          continue;
        }
        if (e.kind === 'cloudfront-oai' || e.kind === 'cloudfront-service') {
          const writes = writeActions(ctx, s);
          if (!(writes instanceof Unknown) && writes.length > 0)
            ctx.report({ messageId: 'cloudfront-write', data: { statement: s.label(ctx), principal: e.text, writes: writes.join(', ') }, path });
        }
        if (e.kind === 'cloudfront-service') {
          // OAC: without AWS:SourceArn any distribution, in any account, is "cloudfront.amazonaws.com".
          // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
          const arns = conditionValues(s.condition, 'aws:SourceArn').flatMap((c) => c.values);
          if (arns.some((v) => v instanceof Unknown)) continue;
          if (arns.length === 0 || !arns.every((v) => namesDistribution(v, policy, ctx.index)))
            ctx.report({ messageId: 'oac-without-source', data: { statement: s.label(ctx), actions: actionText(s) }, path });
          continue;
        }
        if (e.kind === 'other' && isOrigin()) {
          ctx.report({ messageId: 'origin-other', data: { statement: s.label(ctx), actions: actionText(s), principal: e.text }, path, severity: 'medium' });
        }
      }
    }
  },
});
