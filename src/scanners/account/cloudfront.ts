import type { Resource } from '../../model/resource.js';
import { isRecord } from '../../model/values.js';
import { isCallError } from './calls.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { all, compact, failedRead, listCall, obj, records, str } from './collector.js';

export const cloudfrontOperations: readonly Operation[] = [
  ['cloudfront', 'ListDistributions'],
  ['cloudfront', 'GetDistributionConfig'],
  ['cloudfront', 'ListCloudFrontOriginAccessIdentities'],
  ['cloudfront', 'ListOriginAccessControls'],
];

export const cloudfrontLists: readonly ListedBy[] = [
  { service: 'cloudfront', operation: 'ListDistributions', types: ['AWS::CloudFront::Distribution'] },
  { service: 'cloudfront', operation: 'ListCloudFrontOriginAccessIdentities', types: ['AWS::CloudFront::CloudFrontOriginAccessIdentity'] },
  { service: 'cloudfront', operation: 'ListOriginAccessControls', types: ['AWS::CloudFront::OriginAccessControl'] },
];

/** The API wraps lists as `{Quantity, Items}`; CloudFormation writes plain arrays. */
function items(v: unknown): unknown[] | undefined {
  if (!isRecord(v)) return Array.isArray(v) ? v : undefined;
  return Array.isArray(v['Items']) ? v['Items'] : [];
}

const nonEmpty = (v: unknown[] | undefined): unknown[] | undefined => (v && v.length > 0 ? v : undefined);

function cacheBehavior(b: Record<string, unknown>): Record<string, unknown> {
  const allowed = obj(b['AllowedMethods']);
  const fwd = b['ForwardedValues'];
  const signers = obj(b['TrustedSigners']);
  return compact({
    PathPattern: str(b['PathPattern']),
    TargetOriginId: str(b['TargetOriginId']),
    ViewerProtocolPolicy: str(b['ViewerProtocolPolicy']),
    AllowedMethods: items(b['AllowedMethods']),
    CachedMethods: isRecord(allowed['CachedMethods']) ? items(allowed['CachedMethods']) : undefined,
    CachePolicyId: str(b['CachePolicyId']),
    OriginRequestPolicyId: str(b['OriginRequestPolicyId']),
    ResponseHeadersPolicyId: str(b['ResponseHeadersPolicyId']),
    RealtimeLogConfigArn: str(b['RealtimeLogConfigArn']) || undefined,
    FieldLevelEncryptionId: str(b['FieldLevelEncryptionId']) || undefined,
    Compress: b['Compress'],
    SmoothStreaming: b['SmoothStreaming'],
    MinTTL: b['MinTTL'],
    DefaultTTL: b['DefaultTTL'],
    MaxTTL: b['MaxTTL'],
    ForwardedValues: isRecord(fwd)
      ? compact({
          QueryString: fwd['QueryString'],
          Headers: items(fwd['Headers']),
          QueryStringCacheKeys: items(fwd['QueryStringCacheKeys']),
          Cookies: isRecord(fwd['Cookies'])
            ? compact({ Forward: str(fwd['Cookies']['Forward']), WhitelistedNames: nonEmpty(items(fwd['Cookies']['WhitelistedNames'])) })
            : undefined,
        })
      : undefined,
    TrustedSigners: signers['Enabled'] === true ? items(signers) : undefined,
    TrustedKeyGroups: obj(b['TrustedKeyGroups'])['Enabled'] === true ? items(b['TrustedKeyGroups']) : undefined,
    LambdaFunctionAssociations: nonEmpty(items(b['LambdaFunctionAssociations'])),
    FunctionAssociations: nonEmpty(items(b['FunctionAssociations'])),
  });
}

function origin(o: Record<string, unknown>): Record<string, unknown> {
  const custom = o['CustomOriginConfig'];
  const s3 = o['S3OriginConfig'];
  return compact({
    Id: str(o['Id']),
    DomainName: str(o['DomainName']),
    OriginPath: str(o['OriginPath']) || undefined,
    OriginAccessControlId: str(o['OriginAccessControlId']) || undefined,
    ConnectionAttempts: o['ConnectionAttempts'],
    ConnectionTimeout: o['ConnectionTimeout'],
    OriginCustomHeaders: nonEmpty(items(o['CustomHeaders'])),
    OriginShield: o['OriginShield'],
    S3OriginConfig: isRecord(s3) ? compact({ OriginAccessIdentity: str(s3['OriginAccessIdentity']), OriginReadTimeout: s3['OriginReadTimeout'] }) : undefined,
    CustomOriginConfig: isRecord(custom)
      ? compact({
          HTTPPort: custom['HTTPPort'],
          HTTPSPort: custom['HTTPSPort'],
          OriginProtocolPolicy: str(custom['OriginProtocolPolicy']),
          OriginSSLProtocols: items(custom['OriginSslProtocols']),
          OriginReadTimeout: custom['OriginReadTimeout'],
          OriginKeepaliveTimeout: custom['OriginKeepaliveTimeout'],
          IpAddressType: str(custom['IpAddressType']),
        })
      : undefined,
    VpcOriginConfig: o['VpcOriginConfig'],
  });
}

/**
 * A DistributionConfig (GetDistributionConfig) or a DistributionSummary (ListDistributions)
 * in CloudFormation's DistributionConfig shape.
 */
export function distributionConfigToCfn(c: Record<string, unknown>): Record<string, unknown> {
  const cert = obj(c['ViewerCertificate']);
  const logging = obj(c['Logging']);
  const geo = obj(obj(c['Restrictions'])['GeoRestriction']);
  return compact({
    Enabled: c['Enabled'],
    Comment: str(c['Comment']) || undefined,
    Aliases: nonEmpty(items(c['Aliases'])),
    DefaultRootObject: str(c['DefaultRootObject']) || undefined,
    HttpVersion: str(c['HttpVersion']),
    IPV6Enabled: c['IsIPV6Enabled'],
    PriceClass: str(c['PriceClass']),
    // The API gives "" for no web ACL.
    WebACLId: str(c['WebACLId']) || undefined,
    Origins: (items(c['Origins']) ?? []).filter(isRecord).map(origin),
    OriginGroups: isRecord(c['OriginGroups']) && (c['OriginGroups']['Quantity'] as number) > 0 ? c['OriginGroups'] : undefined,
    DefaultCacheBehavior: isRecord(c['DefaultCacheBehavior']) ? cacheBehavior(c['DefaultCacheBehavior']) : undefined,
    CacheBehaviors: nonEmpty((items(c['CacheBehaviors']) ?? []).filter(isRecord).map(cacheBehavior)),
    CustomErrorResponses: nonEmpty(
      (items(c['CustomErrorResponses']) ?? []).filter(isRecord).map((e) =>
        compact({
          ErrorCode: e['ErrorCode'],
          ResponsePagePath: str(e['ResponsePagePath']) || undefined,
          // The API returns ResponseCode as a string; CloudFormation as an integer.
          ResponseCode: typeof e['ResponseCode'] === 'string' && e['ResponseCode'] !== '' ? Number(e['ResponseCode']) : e['ResponseCode'] === '' ? undefined : e['ResponseCode'],
          ErrorCachingMinTTL: e['ErrorCachingMinTTL'],
        }),
      ),
    ),
    ViewerCertificate: Object.keys(cert).length
      ? compact({
          CloudFrontDefaultCertificate: cert['CloudFrontDefaultCertificate'],
          AcmCertificateArn: str(cert['ACMCertificateArn']),
          IamCertificateId: str(cert['IAMCertificateId']),
          SslSupportMethod: str(cert['SSLSupportMethod']),
          MinimumProtocolVersion: str(cert['MinimumProtocolVersion']),
        })
      : undefined,
    // Disabled logging is CloudFormation's absent Logging.
    Logging:
      logging['Enabled'] === true ? compact({ Bucket: str(logging['Bucket']), Prefix: str(logging['Prefix']) || undefined, IncludeCookies: logging['IncludeCookies'] }) : undefined,
    Restrictions: Object.keys(geo).length ? { GeoRestriction: compact({ RestrictionType: str(geo['RestrictionType']), Locations: nonEmpty(items(geo)) }) } : undefined,
    ContinuousDeploymentPolicyId: str(c['ContinuousDeploymentPolicyId']) || undefined,
    Staging: c['Staging'],
  });
}

async function collectDistribution(ctx: CollectorContext, summary: Record<string, unknown>): Promise<Resource | undefined> {
  const id = str(summary['Id']);
  if (!id) return undefined;
  const arn = str(summary['ARN']) ?? `arn:${ctx.partition}:cloudfront::${ctx.account}:distribution/${id}`;
  // The summary carries everything but Logging (and DefaultRootObject); one GetDistributionConfig adds them.
  const r = await ctx.call('cloudfront', 'GetDistributionConfig', { Id: id });
  const config = isCallError(r)
    ? {
        ...distributionConfigToCfn(summary),
        Logging: failedRead('cloudfront', 'GetDistributionConfig', r.error),
        DefaultRootObject: failedRead('cloudfront', 'GetDistributionConfig', r.error),
      }
    : distributionConfigToCfn(obj(r.output['DistributionConfig']));
  return ctx.resource('AWS::CloudFront::Distribution', id, compact({ DistributionConfig: config, DomainName: str(summary['DomainName']), Status: str(summary['Status']) }), arn);
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export const cloudfrontCollector: Collector = {
  id: 'cloudfront',
  scope: 'global',
  operations: cloudfrontOperations,
  lists: cloudfrontLists,
  async collect(ctx) {
    const [list, oais, oacs] = await Promise.all([
      listCall(ctx, 'cloudfront', 'ListDistributions', { MaxItems: 1000 }),
      listCall(ctx, 'cloudfront', 'ListCloudFrontOriginAccessIdentities', { MaxItems: 1000 }),
      listCall(ctx, 'cloudfront', 'ListOriginAccessControls', { MaxItems: 1000 }),
    ]);
    const distributions = await all(records(obj(list?.['DistributionList'])['Items']), (d) => collectDistribution(ctx, d));
    const out: Resource[] = distributions.filter(defined);
    for (const o of records(obj(oais?.['CloudFrontOriginAccessIdentityList'])['Items'])) {
      const id = str(o['Id']);
      if (!id) continue;
      out.push(
        ctx.resource(
          'AWS::CloudFront::CloudFrontOriginAccessIdentity',
          id,
          compact({ CloudFrontOriginAccessIdentityConfig: { Comment: str(o['Comment']) ?? '' }, S3CanonicalUserId: str(o['S3CanonicalUserId']) }),
          `arn:${ctx.partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${id}`,
        ),
      );
    }
    for (const o of records(obj(oacs?.['OriginAccessControlList'])['Items'])) {
      const id = str(o['Id']);
      if (!id) continue;
      out.push(
        ctx.resource(
          'AWS::CloudFront::OriginAccessControl',
          id,
          {
            OriginAccessControlConfig: compact({
              Name: str(o['Name']),
              Description: str(o['Description']) || undefined,
              OriginAccessControlOriginType: str(o['OriginAccessControlOriginType']),
              SigningBehavior: str(o['SigningBehavior']),
              SigningProtocol: str(o['SigningProtocol']),
            }),
          },
          `arn:${ctx.partition}:cloudfront::${ctx.account}:origin-access-control/${id}`,
        ),
      );
    }
    return out;
  },
};
