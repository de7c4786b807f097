import type { Rule } from '../../model/rule.js';
import { Unknown, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { eachConfig, isSet, originEndpoint, origins } from './distribution.js';

export const s3OriginAccess: Rule = {
  meta: {
    id: 'CF-003',
    name: 's3-origin-access',
    title: 'S3 origins use origin access control (OAC) or an origin access identity (OAI), never a website endpoint',
    area: 'edge',
    severity: 'high',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'Without OAC/OAI CloudFront reads the bucket anonymously, so the bucket must be public and can be read around CloudFront; a static-website endpoint is also HTTP only. 001 uses an OAI. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
    remediation: 'Point the origin at the bucket\'s REST endpoint (GetAtt Bucket.RegionalDomainName) with OriginAccessControlId (preferred) or S3OriginConfig.OriginAccessIdentity, and keep the bucket private.',
    seeds: ['001'],
    equivalents: { cdkNag: ['CloudFrontDistributionS3OriginAccessIdentity'], awsConfig: ['cloudfront-origin-access-identity-enabled', 'cloudfront-s3-origin-access-control-enabled'], prowler: ['cloudfront_distributions_s3_origin_access_control'] },
  },
  check(resource, ctx) {
    eachConfig(ctx, resource, (config, when) => {
      const w = whenText(when);
      for (const o of origins(ctx, resource, config)) {
        const ep = originEndpoint(ctx, resource, o.node['DomainName']);
        const s3Config = o.node['S3OriginConfig'];
        if (ep instanceof Unknown && s3Config === undefined) {
          if (o.node['CustomOriginConfig'] === undefined) ctx.notEvaluated(resource, `${o.label}: the domain name is not known before deployment (${ep.reason})`, { path: o.path });
          continue;
        }
        if (ep === 'website') {
          ctx.fail(resource, `${o.label} is an S3 static-website endpoint: the bucket must be public and CloudFront reaches it over HTTP only; use the REST endpoint with OAC${w}`, { path: [...o.path, 'DomainName'] });
          continue;
        }
        if (ep !== 'rest' && s3Config === undefined) continue;
        const oac = o.node['OriginAccessControlId'];
        const oai = isRecord(s3Config) ? s3Config['OriginAccessIdentity'] : undefined;
        if (oac instanceof Unknown || oai instanceof Unknown) {
          ctx.notEvaluated(resource, `${o.label}: origin access could not be read: ${(oac instanceof Unknown ? oac : (oai as Unknown)).reason}`, { path: o.path });
          continue;
        }
        if (isSet(oac) || isSet(oai)) continue;
        const how = o.node['CustomOriginConfig'] !== undefined ? 'is an S3 bucket configured as a custom origin' : s3Config !== undefined && oai !== undefined ? 'has an empty OriginAccessIdentity' : 'is an S3 origin';
        ctx.fail(resource, `${o.label} ${how} with neither an origin access control nor an origin access identity: CloudFront reads the bucket anonymously, so it must be public${w}`, { path: o.path });
      }
    });
  },
};
