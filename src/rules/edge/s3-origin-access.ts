import { defineRule } from '../../model/rule.js';
import { isRecord } from '../../model/values.js';
import { surface } from '../lib/known.js';
import { s3EndpointKind } from '../lib/s3.js';
import { distributionConfig, isSet, origins } from './distribution.js';

export const s3OriginAccess = defineRule({
  meta: {
    id: 'CF-003',
    name: 's3-origin-access',
    title: 'S3 origins use origin access control (OAC) or an origin access identity (OAI), never a website endpoint',
    area: 'edge',
    severity: 'high',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'Without OAC/OAI CloudFront reads the bucket anonymously, so the bucket must be public and can be read around CloudFront; a static-website endpoint is also HTTP only. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
    remediation:
      "Point the origin at the bucket's REST endpoint (GetAtt Bucket.RegionalDomainName) with OriginAccessControlId (preferred) or S3OriginConfig.OriginAccessIdentity, and keep the bucket private.",
    messages: {
      website: '{{origin}} is an S3 static-website endpoint: the bucket must be public and CloudFront reaches it over HTTP only; use the REST endpoint with OAC',
      anonymous: '{{origin}} {{how}} with neither an origin access control nor an origin access identity: CloudFront reads the bucket anonymously, so it must be public',
    },
    seeds: ['001'],
    equivalents: {
      cdkNag: ['CloudFrontDistributionS3OriginAccessIdentity'],
      awsConfig: ['cloudfront-origin-access-identity-enabled', 'cloudfront-s3-origin-access-control-enabled'],
      prowler: ['cloudfront_distributions_s3_origin_access_control'],
    },
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    for (const o of origins(ctx, distribution, config)) {
      const s3Config = o.node['S3OriginConfig'];
      // A custom origin's domain known only at deployment could be a website endpoint: recorded,
      // so the origin is not evaluated. With S3OriginConfig the origin is S3 whatever its domain
      // says (and CloudFront serves a website endpoint only as a custom origin).
      const domain = () => s3EndpointKind(ctx, distribution, o.node['DomainName']);
      const kind = s3Config === undefined ? domain() : ctx.tolerate(domain);
      if (kind === 'website') {
        ctx.report({ messageId: 'website', data: { origin: o.label() }, path: [...o.path, 'DomainName'] });
        continue;
      }
      if (kind !== 'rest' && s3Config === undefined) continue;
      // Either one grants CloudFront access: an unknown one must not hide the other.
      const oac = ctx.tolerate(() => o.node['OriginAccessControlId']);
      if (isSet(oac)) continue;
      const oai = ctx.tolerate(() => (isRecord(s3Config) ? s3Config['OriginAccessIdentity'] : undefined));
      if (isSet(oai)) continue;
      if (surface(ctx, [oac, oai], o.path)) continue;
      const how =
        o.node['CustomOriginConfig'] !== undefined
          ? 'is an S3 bucket configured as a custom origin'
          : s3Config !== undefined && oai !== undefined
            ? 'has an empty OriginAccessIdentity'
            : 'is an S3 origin';
      ctx.report({ messageId: 'anonymous', data: { origin: o.label(), how }, path: o.path });
    }
  },
});
