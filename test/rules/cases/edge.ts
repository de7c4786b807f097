import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

// A distribution in YAML: `config` is the body of DistributionConfig (8-space indented lines).
const cdn = (config: string, extra = '', more = '') => `${extra}Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
${config}${more}`;

const APP_ORIGIN =
  '        Origins:\n          - Id: app\n            DomainName: app.example.com\n            CustomOriginConfig: { OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2] }\n';
const ACM =
  "        ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc', SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 }\n";
const behavior = (vpp = 'redirect-to-https', target = 'app', extra = '') =>
  `        DefaultCacheBehavior:\n          TargetOriginId: ${target}\n          ViewerProtocolPolicy: ${vpp}\n          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad\n${extra}`;
const api = (fields: string) =>
  `        CacheBehaviors:\n          - PathPattern: /api/*\n            TargetOriginId: app\n            ViewerProtocolPolicy: https-only\n${fields}`;
const noDefault = (name: string) => `Parameters:\n  ${name}:\n    Type: String\n`;
const choice = 'Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';

/** An S3 website bucket and a distribution whose origin names its website endpoint as `domain`. */
const websiteOrigin = (domain: string) =>
  cdn(
    `        Origins:\n          - Id: site\n            DomainName: ${domain}\n            CustomOriginConfig: { OriginProtocolPolicy: http-only }\n${behavior('redirect-to-https', 'site')}`,
    '',
    '  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      WebsiteConfiguration: { IndexDocument: index.html }\n',
  );
const s3Origin = (fields: string) =>
  cdn(
    `        Origins:\n          - Id: site\n            DomainName: !GetAtt Site.RegionalDomainName\n${fields}${behavior('redirect-to-https', 'site')}`,
    '',
    '  Site:\n    Type: AWS::S3::Bucket\n  Oac:\n    Type: AWS::CloudFront::OriginAccessControl\n    Properties:\n      OriginAccessControlConfig: { Name: oac, OriginAccessControlOriginType: s3, SigningBehavior: always, SigningProtocol: sigv4 }\n',
  );

/**
 * The scenario-cap case: one conditional ViewerProtocolPolicy plus six unrelated conditional
 * properties. It used to give no CF-001 at all (64 scenarios, cut) while CF-002/005/008
 * repeated 32–64 times; each rule now reads only the conditions that reach its values.
 */
const PARAMS = ['Secure', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
const SIX_CONDITIONS = `Parameters:
${PARAMS.map((p) => `  ${p}:\n    Type: String\n`).join('')}Conditions:
${PARAMS.slice(1)
  .map((p, i) => `  C${i + 1}: !Equals [!Ref ${p}, 'yes']\n`)
  .join('')}  IsSecure: !Equals [!Ref Secure, 'true']
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: !If [C1, one, two]
        PriceClass: !If [C2, PriceClass_100, PriceClass_All]
        HttpVersion: !If [C3, http2, http1.1]
        IPV6Enabled: !If [C4, true, false]
        WebACLId: !If [C5, 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/w/1', !Ref AWS::NoValue]
        Logging: !If [C6, { Bucket: logs.s3.amazonaws.com }, !Ref AWS::NoValue]
${APP_ORIGIN}        DefaultCacheBehavior:
          TargetOriginId: app
          ViewerProtocolPolicy: !If [IsSecure, redirect-to-https, allow-all]
          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
`;

const acct = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (config: Record<string, unknown>, extra: Record<string, unknown> = {}): Resource => ({
  type: 'AWS::CloudFront::Distribution',
  id: 'E1ABC',
  arn: 'arn:aws:cloudfront::111122223333:distribution/E1ABC',
  properties: { DistributionConfig: { Enabled: true, ...config }, ...extra },
  origin: acct,
});
const LIVE_APP = [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } }];
const liveBehavior = (vpp = 'redirect-to-https') => ({ TargetOriginId: 'app', ViewerProtocolPolicy: vpp, CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' });
const denied = new Unknown('cloudfront:GetDistributionConfig failed: AccessDenied');

export const EDGE_CASES: Record<string, RuleCases> = {
  'CF-001': {
    valid: [
      { name: 'redirect-to-https on the default behavior', template: cdn(APP_ORIGIN + behavior()) },
      { name: 'https-only on a path behavior too', template: cdn(APP_ORIGIN + behavior() + api('')) },
    ],
    invalid: [
      {
        name: 'allow-all on the default behavior',
        template: cdn(APP_ORIGIN + behavior('allow-all')),
        expect: [{ messageId: 'plain-http', resource: 'Cdn', line: 13, contains: 'the default cache behavior has ViewerProtocolPolicy allow-all' }],
      },
      {
        name: 'allow-all on a path behavior names its pattern',
        template: cdn(APP_ORIGIN + behavior() + api('').replace('https-only', 'allow-all')),
        expect: [{ messageId: 'plain-http', resource: 'Cdn', contains: 'cache behavior /api/*' }],
      },
      // Used to give no CF-001 at all, the 64-scenario cap being reached first.
      {
        name: 'one conditional policy among six unrelated conditional properties: once, with its condition',
        template: SIX_CONDITIONS,
        expect: [{ messageId: 'plain-http', resource: 'Cdn', contains: '(when parameter Secure is none of "true")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a policy from a parameter without a default',
        template: cdn(APP_ORIGIN + behavior('!Ref Vpp'), noDefault('Vpp')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Vpp has no Default' }],
      },
      {
        name: 'a behavior without ViewerProtocolPolicy, which CloudFormation requires',
        template: cdn(APP_ORIGIN + '        DefaultCacheBehavior:\n          TargetOriginId: app\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'has no ViewerProtocolPolicy' }],
      },
    ],
    account: [
      {
        name: 'live allow-all',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior('allow-all') })],
        expect: [{ status: 'fail', messageId: 'plain-http', resource: 'E1ABC' }],
      },
      { name: 'live redirect-to-https, logging unreadable', resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior(), Logging: denied })], expect: [] },
    ],
  },
  'CF-002': {
    valid: [
      { name: 'an ACM certificate with TLSv1.2_2021', template: cdn(APP_ORIGIN + behavior() + ACM) },
      { name: 'TLSv1.3_2025', template: cdn(APP_ORIGIN + behavior() + ACM.replace('TLSv1.2_2021', 'TLSv1.3_2025')) },
    ],
    invalid: [
      { name: 'no ViewerCertificate', template: cdn(APP_ORIGIN + behavior()), expect: [{ messageId: 'no-certificate', resource: 'Cdn' }] },
      {
        name: 'the default certificate ignores TLSv1.2_2021',
        template: cdn(APP_ORIGIN + behavior() + '        ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: TLSv1.2_2021 }\n'),
        expect: [{ messageId: 'default-certificate', resource: 'Cdn', contains: '(TLSv1.2_2021)' }],
      },
      { name: 'vip', template: cdn(APP_ORIGIN + behavior() + ACM.replace('sni-only', 'vip')), expect: [{ messageId: 'vip', resource: 'Cdn' }] },
      {
        name: 'TLSv1.2_2019',
        template: cdn(APP_ORIGIN + behavior() + ACM.replace('TLSv1.2_2021', 'TLSv1.2_2019')),
        expect: [{ messageId: 'old-policy', resource: 'Cdn', contains: 'TLSv1.2_2019' }],
      },
      {
        // An unknown default-certificate flag does not hide an old policy: both ways it fails.
        name: 'an old policy fails whatever the certificate flag',
        template: cdn(
          APP_ORIGIN + behavior() + ACM.replace('TLSv1.2_2021', 'TLSv1_2016').replace('SslSupportMethod', 'CloudFrontDefaultCertificate: !Ref Dflt, SslSupportMethod'),
          noDefault('Dflt'),
        ),
        expect: [{ messageId: 'old-policy', resource: 'Cdn' }],
      },
      {
        name: 'an old policy in one scenario',
        template: cdn(APP_ORIGIN + behavior() + ACM.replace('TLSv1.2_2021', '!If [IsDev, TLSv1_2016, TLSv1.2_2021]'), choice),
        expect: [{ messageId: 'old-policy', resource: 'Cdn', contains: '(when parameter Env is dev)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a policy from a parameter without a default',
        template: cdn(APP_ORIGIN + behavior() + ACM.replace('TLSv1.2_2021', '!Ref Tls'), noDefault('Tls')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Tls has no Default' }],
      },
    ],
    account: [
      {
        name: 'live default certificate',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior(), ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' } })],
        expect: [{ status: 'fail', messageId: 'default-certificate', resource: 'E1ABC' }],
      },
      {
        name: 'live ACM with TLSv1.2_2021',
        resources: [
          live({
            Origins: LIVE_APP,
            DefaultCacheBehavior: liveBehavior(),
            ViewerCertificate: {
              CloudFrontDefaultCertificate: false,
              AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
              SslSupportMethod: 'sni-only',
              MinimumProtocolVersion: 'TLSv1.2_2021',
            },
          }),
        ],
        expect: [],
      },
    ],
  },
  'CF-003': {
    valid: [
      { name: 'OAC on the REST endpoint', template: s3Origin('            OriginAccessControlId: !GetAtt Oac.Id\n            S3OriginConfig: { OriginAccessIdentity: "" }\n') },
      { name: 'an OAI', template: s3Origin("            S3OriginConfig: { OriginAccessIdentity: 'origin-access-identity/cloudfront/E2EXAMPLE' }\n") },
      { name: 'a custom origin that is not S3', template: cdn(APP_ORIGIN + behavior()) },
      {
        // With S3OriginConfig the origin is S3 whatever its domain says: an unknown domain does not matter.
        name: 'an OAI origin whose domain is a parameter',
        template: cdn(
          `        Origins:\n          - Id: site\n            DomainName: !Ref Domain\n            S3OriginConfig: { OriginAccessIdentity: 'origin-access-identity/cloudfront/E2EXAMPLE' }\n${behavior('redirect-to-https', 'site')}`,
          noDefault('Domain'),
        ),
      },
    ],
    invalid: [
      // The three usual ways of writing a website endpoint (the first two were not recognised before).
      {
        name: 'a website endpoint as the host of WebsiteURL (Select 2 of Split /)',
        template: websiteOrigin("!Select [2, !Split ['/', !GetAtt Site.WebsiteURL]]"),
        expect: [{ messageId: 'website', resource: 'Cdn', line: 9 }],
      },
      {
        name: 'a website endpoint as the host of WebsiteURL (Select 1 of Split //)',
        template: websiteOrigin("!Select [1, !Split ['//', !GetAtt Site.WebsiteURL]]"),
        expect: [{ messageId: 'website', resource: 'Cdn' }],
      },
      {
        name: 'a website endpoint written with Sub',
        template: websiteOrigin("!Sub '${Site}.s3-website-${AWS::Region}.amazonaws.com'"),
        expect: [{ messageId: 'website', resource: 'Cdn' }],
      },
      {
        name: 'a website endpoint written with Join (dot form)',
        template: websiteOrigin("!Join ['', [!Ref Site, '.s3-website.', !Ref 'AWS::Region', '.amazonaws.com']]"),
        expect: [{ messageId: 'website', resource: 'Cdn' }],
      },
      { name: 'a literal website endpoint', template: websiteOrigin('site.s3-website-us-east-1.amazonaws.com'), expect: [{ messageId: 'website', resource: 'Cdn' }] },
      {
        name: 'an empty OAI',
        template: s3Origin('            S3OriginConfig: { OriginAccessIdentity: "" }\n'),
        expect: [{ messageId: 'anonymous', resource: 'Cdn', contains: 'has an empty OriginAccessIdentity' }],
      },
      {
        name: 'the REST endpoint as a custom origin',
        template: cdn(
          `        Origins:\n          - Id: site\n            DomainName: site.s3.us-east-1.amazonaws.com\n            CustomOriginConfig: { OriginProtocolPolicy: https-only }\n${behavior('redirect-to-https', 'site')}`,
        ),
        expect: [{ messageId: 'anonymous', resource: 'Cdn', contains: 'configured as a custom origin' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a custom origin whose domain is a parameter could be a website endpoint',
        template: cdn(
          `        Origins:\n          - Id: site\n            DomainName: !Ref Domain\n            CustomOriginConfig: { OriginProtocolPolicy: http-only }\n${behavior('redirect-to-https', 'site')}`,
          noDefault('Domain'),
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Domain has no Default' }],
      },
      {
        name: 'an origin access control id from a parameter, and no OAI',
        template: s3Origin('            OriginAccessControlId: !Ref OacId\n            S3OriginConfig: { OriginAccessIdentity: "" }\n').replace(
          'Resources:',
          `${noDefault('OacId')}Resources:`,
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'OacId has no Default' }],
      },
    ],
    account: [
      {
        name: 'live website endpoint',
        resources: [
          live({
            Origins: [{ Id: 'site', DomainName: 'site.s3-website-us-east-1.amazonaws.com', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } }],
            DefaultCacheBehavior: liveBehavior(),
          }),
        ],
        expect: [{ status: 'fail', messageId: 'website', resource: 'E1ABC' }],
      },
      {
        name: 'live REST endpoint with OAC',
        resources: [
          live({
            Origins: [{ Id: 'site', DomainName: 'site.s3.us-east-1.amazonaws.com', OriginAccessControlId: 'E2OAC', S3OriginConfig: {} }],
            DefaultCacheBehavior: liveBehavior(),
          }),
        ],
        expect: [],
      },
      {
        name: 'live REST endpoint read anonymously',
        resources: [live({ Origins: [{ Id: 'site', DomainName: 'site.s3.amazonaws.com', S3OriginConfig: {} }], DefaultCacheBehavior: liveBehavior() })],
        expect: [{ status: 'fail', messageId: 'anonymous', resource: 'E1ABC' }],
      },
    ],
  },
  'CF-004': {
    valid: [
      {
        name: 'TTLs 0 and Authorization forwarded',
        template: cdn(
          APP_ORIGIN +
            behavior() +
            api('            ForwardedValues: { QueryString: true, Headers: [Authorization] }\n            MinTTL: 0\n            DefaultTTL: 0\n            MaxTTL: 0\n'),
        ),
      },
      {
        name: 'CachingDisabled with AllViewer',
        template: cdn(
          APP_ORIGIN +
            behavior() +
            api('            CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad\n            OriginRequestPolicyId: 216adef6-5c7f-47e4-b989-5492eafa07d3\n'),
        ),
      },
      { name: 'no API behavior', template: cdn(APP_ORIGIN + behavior()) },
    ],
    invalid: [
      {
        name: 'an absent DefaultTTL is 86400',
        template: cdn(
          APP_ORIGIN + behavior() + api('            ForwardedValues: { QueryString: true, Headers: [Authorization] }\n            MinTTL: 0\n            MaxTTL: 0\n'),
        ),
        expect: [{ messageId: 'caches', resource: 'Cdn', contains: 'DefaultTTL=86400 (DefaultTTL absent: the default)' }],
      },
      {
        name: 'CachingDisabled alone does not forward Authorization',
        template: cdn(APP_ORIGIN + behavior() + api('            CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad\n')),
        expect: [{ messageId: 'no-authorization', resource: 'Cdn', contains: 'cache behavior /api/*' }],
      },
      {
        name: 'an API pattern in one scenario',
        template: cdn(
          APP_ORIGIN + behavior() + api('            CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad\n').replace('/api/*', '!If [IsDev, /api/*, /static/*]'),
          choice,
        ),
        expect: [{ messageId: 'no-authorization', resource: 'Cdn', contains: '(when parameter Env is dev)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a cache policy outside the scan',
        template: cdn(APP_ORIGIN + behavior() + api('            CachePolicyId: 11111111-2222-3333-4444-555555555555\n')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'neither a managed policy nor defined in the scan' }],
      },
      {
        name: 'a path pattern from a parameter',
        template: cdn(APP_ORIGIN + behavior() + api('            CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad\n').replace('/api/*', '!Ref Pattern'), noDefault('Pattern')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Pattern has no Default' }],
      },
    ],
    account: [
      {
        name: 'live API behavior with legacy default TTLs',
        resources: [
          live({
            Origins: LIVE_APP,
            DefaultCacheBehavior: liveBehavior(),
            CacheBehaviors: [
              {
                PathPattern: '/api/*',
                TargetOriginId: 'app',
                ViewerProtocolPolicy: 'https-only',
                ForwardedValues: { QueryString: true, Headers: ['Authorization'] },
                MinTTL: 0,
                DefaultTTL: 86400,
                MaxTTL: 31536000,
              },
            ],
          }),
        ],
        expect: [{ status: 'fail', messageId: 'caches', resource: 'E1ABC' }],
      },
      {
        name: 'live API behavior with a custom cache policy, which is not read',
        resources: [
          live({
            Origins: LIVE_APP,
            DefaultCacheBehavior: liveBehavior(),
            CacheBehaviors: [{ PathPattern: '/api/*', TargetOriginId: 'app', ViewerProtocolPolicy: 'https-only', CachePolicyId: 'abcd-custom' }],
          }),
        ],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'E1ABC', contains: 'abcd-custom' }],
      },
    ],
  },
  'CF-005': {
    valid: [
      {
        name: 'a web ACL',
        template: cdn(
          APP_ORIGIN + behavior() + '        WebACLId: !GetAtt Acl.Arn\n',
          '',
          '  Acl:\n    Type: AWS::WAFv2::WebACL\n    Properties: { Scope: CLOUDFRONT, DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl } }\n',
        ),
      },
      {
        name: 'a dev distribution needs none',
        template: cdn(APP_ORIGIN + behavior()).replace('      DistributionConfig:', '      Tags: [{ Key: Environment, Value: dev }]\n      DistributionConfig:'),
      },
    ],
    invalid: [
      { name: 'no web ACL, assumed prod', template: cdn(APP_ORIGIN + behavior()), expect: [{ messageId: 'no-waf-assumed', resource: 'Cdn' }] },
      {
        name: 'no web ACL on a prod-tagged distribution',
        template: cdn(APP_ORIGIN + behavior()).replace('      DistributionConfig:', '      Tags: [{ Key: Environment, Value: production }]\n      DistributionConfig:'),
        expect: [{ messageId: 'no-waf', resource: 'Cdn', contains: 'Environment=production' }],
      },
      {
        // (A parameter named Env would set the tier itself: dev needs no web ACL.)
        name: 'a web ACL in one scenario only',
        template: cdn(
          APP_ORIGIN + behavior() + "        WebACLId: !If [Shielded, 'arn:aws:wafv2:us-east-1:1:global/webacl/a/1', !Ref AWS::NoValue]\n",
          'Parameters:\n  Shield:\n    Type: String\n    AllowedValues: [on, off]\nConditions:\n  Shielded: !Equals [!Ref Shield, on]\n',
        ),
        expect: [{ messageId: 'no-waf-assumed', resource: 'Cdn', contains: '(when parameter Shield is off)' }],
      },
      {
        name: 'the tier from a parameter: only the prod scenario needs a web ACL',
        template: cdn(APP_ORIGIN + behavior(), choice),
        expect: [{ messageId: 'no-waf', resource: 'Cdn', contains: '(when parameter Env is prod)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a web ACL from a parameter without a default',
        template: cdn(APP_ORIGIN + behavior() + '        WebACLId: !Ref Acl\n', noDefault('Acl')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Acl has no Default' }],
      },
    ],
    account: [
      {
        name: 'live distribution without a web ACL',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior() })],
        expect: [{ status: 'fail', messageId: 'no-waf-assumed', resource: 'E1ABC' }],
      },
      {
        name: 'live distribution with a web ACL',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior(), WebACLId: 'arn:aws:wafv2:us-east-1:1:global/webacl/a/1' })],
        expect: [],
      },
    ],
  },
  'CF-006': {
    valid: [
      { name: 'https-only with TLSv1.2', template: cdn(APP_ORIGIN + behavior()) },
      { name: 'an S3 origin is no custom origin', template: s3Origin('            OriginAccessControlId: !GetAtt Oac.Id\n            S3OriginConfig: {}\n') },
    ],
    invalid: [
      {
        name: 'http-only to an AWS endpoint',
        template: cdn(APP_ORIGIN.replace('app.example.com', 'ec2-203-0-113-10.compute-1.amazonaws.com').replace('https-only', 'http-only') + behavior()),
        expect: [{ messageId: 'plain-http', resource: 'Cdn', contains: '(the origin is inside AWS)' }],
      },
      { name: 'match-viewer', template: cdn(APP_ORIGIN.replace('https-only', 'match-viewer') + behavior()), expect: [{ messageId: 'match-viewer', resource: 'Cdn' }] },
      {
        name: 'TLSv1 allowed',
        template: cdn(APP_ORIGIN.replace('[TLSv1.2]', '[TLSv1, TLSv1.2]') + behavior()),
        expect: [{ messageId: 'weak-protocols', resource: 'Cdn', contains: 'TLSv1' }],
      },
      {
        name: 'no OriginSSLProtocols',
        template: cdn(APP_ORIGIN.replace(', OriginSSLProtocols: [TLSv1.2]', '') + behavior()),
        expect: [{ messageId: 'no-protocols', resource: 'Cdn' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a protocol policy from a parameter',
        template: cdn(APP_ORIGIN.replace('https-only', '!Ref Policy') + behavior(), noDefault('Policy')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Policy has no Default' }],
      },
    ],
    account: [
      {
        name: 'live http-only origin',
        resources: [
          live({
            Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'http-only', OriginSSLProtocols: ['TLSv1.2'] } }],
            DefaultCacheBehavior: liveBehavior(),
          }),
        ],
        expect: [{ status: 'fail', messageId: 'plain-http', resource: 'E1ABC' }],
      },
      { name: 'live https-only origin', resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior() })], expect: [] },
    ],
  },
  'CF-007': {
    valid: [
      {
        name: 'an S3 default origin mapping 403 and 404',
        template: s3Origin('            OriginAccessControlId: !GetAtt Oac.Id\n            S3OriginConfig: {}\n').replace(
          '        DefaultCacheBehavior:',
          '        CustomErrorResponses:\n          - { ErrorCode: 403, ResponsePagePath: /index.html, ResponseCode: 200 }\n          - { ErrorCode: 404, ResponsePagePath: /index.html, ResponseCode: 200 }\n        DefaultCacheBehavior:',
        ),
      },
      { name: 'a default origin that is not S3', template: cdn(APP_ORIGIN + behavior()) },
      {
        // Both mappings present: whether the origin is S3 does not matter.
        name: 'mappings present, default origin domain unknown',
        template: cdn(
          `        Origins:\n          - Id: app\n            DomainName: !Ref Domain\n            CustomOriginConfig: { OriginProtocolPolicy: https-only }\n        CustomErrorResponses:\n          - { ErrorCode: 403, ResponsePagePath: /index.html, ResponseCode: 200 }\n          - { ErrorCode: 404, ResponsePagePath: /index.html, ResponseCode: 200 }\n${behavior()}`,
          noDefault('Domain'),
        ),
      },
    ],
    invalid: [
      {
        name: 'an S3 default origin without mappings',
        template: s3Origin('            OriginAccessControlId: !GetAtt Oac.Id\n            S3OriginConfig: {}\n'),
        expect: [{ messageId: 'unmapped', resource: 'Cdn', contains: '403 and 404 are not mapped', severity: 'info' }],
      },
      {
        name: 'a website endpoint default origin mapping 404 only',
        template: websiteOrigin("!Select [2, !Split ['/', !GetAtt Site.WebsiteURL]]").replace(
          '        DefaultCacheBehavior:',
          '        CustomErrorResponses:\n          - { ErrorCode: 404, ResponsePagePath: /index.html, ResponseCode: 200 }\n        DefaultCacheBehavior:',
        ),
        expect: [{ messageId: 'unmapped', resource: 'Cdn', contains: '403 is not mapped' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a custom default origin whose domain is a parameter, without mappings',
        template: cdn(
          `        Origins:\n          - Id: app\n            DomainName: !Ref Domain\n            CustomOriginConfig: { OriginProtocolPolicy: https-only }\n${behavior()}`,
          noDefault('Domain'),
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Domain has no Default' }],
      },
    ],
    account: [
      {
        name: 'live S3 default origin without mappings',
        resources: [live({ Origins: [{ Id: 'app', DomainName: 'site.s3.amazonaws.com', OriginAccessControlId: 'E2', S3OriginConfig: {} }], DefaultCacheBehavior: liveBehavior() })],
        expect: [{ status: 'fail', messageId: 'unmapped', resource: 'E1ABC' }],
      },
      { name: 'live custom default origin', resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior() })], expect: [] },
    ],
  },
  'CF-008': {
    valid: [
      { name: 'a Logging bucket', template: cdn(APP_ORIGIN + behavior() + '        Logging: { Bucket: logs.s3.amazonaws.com }\n') },
      {
        name: 'a real-time log config',
        template: cdn(APP_ORIGIN + behavior('redirect-to-https', 'app', "          RealtimeLogConfigArn: 'arn:aws:cloudfront::111122223333:realtime-log-config/x'\n")),
      },
      {
        name: 'a v2 delivery source for the distribution',
        template: cdn(
          APP_ORIGIN + behavior(),
          '',
          "  Src:\n    Type: AWS::Logs::DeliverySource\n    Properties:\n      Name: cdn\n      LogType: ACCESS_LOGS\n      ResourceArn: !Sub 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Cdn}'\n",
        ),
      },
      {
        // One way of logging known: an unknown other one does not matter.
        name: 'a Logging bucket next to a real-time config from a parameter',
        template: cdn(
          APP_ORIGIN + behavior('redirect-to-https', 'app', '          RealtimeLogConfigArn: !Ref Rt\n') + '        Logging: { Bucket: logs.s3.amazonaws.com }\n',
          noDefault('Rt'),
        ),
      },
    ],
    invalid: [
      { name: 'no logging at all', template: cdn(APP_ORIGIN + behavior()), expect: [{ messageId: 'no-logging', resource: 'Cdn' }] },
      {
        name: 'logging in one scenario only',
        template: cdn(APP_ORIGIN + behavior() + '        Logging: !If [IsDev, !Ref AWS::NoValue, { Bucket: logs.s3.amazonaws.com }]\n', choice),
        expect: [{ messageId: 'no-logging', resource: 'Cdn', contains: '(when parameter Env is dev)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a log bucket from a parameter without a default',
        template: cdn(APP_ORIGIN + behavior() + '        Logging: { Bucket: !Ref Logs }\n', noDefault('Logs')),
        expect: [{ messageId: 'engine/unknown', resource: 'Cdn', contains: 'Logs has no Default' }],
      },
    ],
    account: [
      {
        name: 'live logging unreadable',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior(), Logging: denied })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'E1ABC', contains: 'GetDistributionConfig failed' }],
      },
      {
        name: 'live logging off',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior() })],
        expect: [{ status: 'fail', messageId: 'no-logging', resource: 'E1ABC' }],
      },
      {
        name: 'live logging to a bucket',
        resources: [live({ Origins: LIVE_APP, DefaultCacheBehavior: liveBehavior(), Logging: { Bucket: 'logs.s3.amazonaws.com' } })],
        expect: [],
      },
    ],
  },
};
