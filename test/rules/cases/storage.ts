import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

/** A template with one bucket `Site` whose properties are `props` (YAML, 6-space indented), plus `more` resources. */
const bucket = (props: string, extra = '', more = '', name = 'Site') =>
  `${extra}Resources:
  ${name}:
    Type: AWS::S3::Bucket
${props ? `    Properties:\n${props}` : ''}${more}`;

const PAB = (flags: Partial<Record<'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets', string>> = {}) =>
  '      PublicAccessBlockConfiguration:\n' +
  Object.entries({ BlockPublicAcls: 'true', IgnorePublicAcls: 'true', BlockPublicPolicy: 'true', RestrictPublicBuckets: 'true', ...flags })
    .map(([k, v]) => `        ${k}: ${v}\n`)
    .join('');

/** A bucket policy on `Site` with the given statements (YAML list items, 10-space indented). */
const policy = (statements: string, name = 'SitePolicy') =>
  `  ${name}:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Site\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n${statements}`;

const oaiDistribution = `  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: s3
            DomainName: !GetAtt Site.RegionalDomainName
            S3OriginConfig:
              OriginAccessIdentity: !Sub 'origin-access-identity/cloudfront/\${Oai}'
        DefaultCacheBehavior: { TargetOriginId: s3, ViewerProtocolPolicy: redirect-to-https }
  Oai:
    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity
    Properties:
      CloudFrontOriginAccessIdentityConfig: { Comment: x }
`;

const TLS_DENY =
  "          - Effect: Deny\n            Principal: '*'\n            Action: 's3:*'\n            Resource: [!GetAtt Site.Arn, !Sub '${Site.Arn}/*']\n            Condition: { Bool: { 'aws:SecureTransport': 'false' } }\n";
const OAI_READ =
  "          - Effect: Allow\n            Principal: { CanonicalUser: !GetAtt Oai.S3CanonicalUserId }\n            Action: s3:GetObject\n            Resource: !Sub '${Site.Arn}/*'\n";

/** Buckets stamped out by a loop over a list known only at deployment: every storage rule is not evaluated. */
const LOOP = `Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - 'Bucket\${Name}':
        Type: AWS::S3::Bucket
        Properties:
          AccessControl: PublicRead
`;
const unexpanded = { messageId: 'engine/unexpanded', resource: 'Bucket${Name}', contains: 'Names has no Default' };

const noDefault = (name: string, type = 'String') => `Parameters:\n  ${name}:\n    Type: ${type}\n`;
const secureParam = 'Parameters:\n  Public:\n    Type: String\n    AllowedValues: [yes, no]\nConditions:\n  IsPublic: !Equals [!Ref Public, yes]\n';

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const liveBucket = (id: string, properties: Record<string, unknown>): Resource => ({
  type: 'AWS::S3::Bucket',
  id,
  arn: `arn:aws:s3:::${id}`,
  properties: { BucketName: id, ...properties },
  origin,
});
const livePolicy = (bucketName: string, doc: unknown): Resource => ({
  type: 'AWS::S3::BucketPolicy',
  id: bucketName,
  arn: `arn:aws:s3:::${bucketName}`,
  properties: { Bucket: bucketName, PolicyDocument: doc },
  origin,
});
/** The account-level block as the S3 mapper builds it: four flags (false when not configured), or the read's Unknown in each. */
const accountBlock = (v: boolean | Unknown): Resource => ({
  type: 'AWS::S3::AccountPublicAccessBlock',
  id: '111122223333',
  properties: { BlockPublicAcls: v, IgnorePublicAcls: v, BlockPublicPolicy: v, RestrictPublicBuckets: v, Configured: v instanceof Unknown ? v : true },
  origin,
});
const flags = (v: boolean) => ({ BlockPublicAcls: v, IgnorePublicAcls: v, BlockPublicPolicy: v, RestrictPublicBuckets: v });
const denied = (call: string) => new Unknown(`${call} failed: AccessDenied`);

export const STORAGE_CASES: Record<string, RuleCases> = {
  'S3-001': {
    valid: [
      // S3 turns all four flags on for every bucket created since April 2023 (this failed before).
      { name: 'no PublicAccessBlockConfiguration: S3 applies all four flags to a new bucket', template: bucket('      BucketName: site\n') },
      { name: 'a bucket without properties', template: bucket('') },
      { name: 'all four flags on', template: bucket(PAB()) },
      { name: 'flags written as strings', template: bucket(PAB({ BlockPublicAcls: "'true'", RestrictPublicBuckets: "'TRUE'" })) },
    ],
    invalid: [
      {
        name: 'a flag set to false',
        template: bucket(PAB({ BlockPublicPolicy: 'false' })),
        expect: [{ messageId: 'flags-off', resource: 'Site', line: 5, contains: 'for BlockPublicPolicy (' }],
      },
      {
        name: 'a flag left out of a configuration the template writes is off',
        template: bucket('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        IgnorePublicAcls: true\n'),
        expect: [{ messageId: 'flags-off', resource: 'Site', contains: 'BlockPublicPolicy, RestrictPublicBuckets' }],
      },
      {
        name: 'a website bucket opened for a public policy',
        template: bucket(PAB({ BlockPublicPolicy: 'false', RestrictPublicBuckets: "'false'" })),
        expect: [{ messageId: 'flags-off', resource: 'Site', contains: 'BlockPublicPolicy, RestrictPublicBuckets' }],
      },
      {
        name: 'only the scenario that turns a flag off fails, and says so',
        template: bucket(PAB({ BlockPublicPolicy: '!If [IsPublic, false, true]' }), secureParam),
        expect: [{ messageId: 'flags-off', resource: 'Site', contains: '(when parameter Public is yes)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a flag from a parameter without a default',
        template: bucket(PAB({ IgnorePublicAcls: '!Ref Flag' }), noDefault('Flag')),
        expect: [{ messageId: 'engine/unknown', resource: 'Site', contains: 'Flag has no Default' }],
      },
      { name: 'a bucket stamped out by a loop over an unknown list', template: LOOP, expect: [unexpanded] },
    ],
    account: [
      {
        name: 'live flags off, no account-level block configured',
        resources: [accountBlock(false), liveBucket('b1', { PublicAccessBlockConfiguration: flags(false) })],
        expect: [{ status: 'fail', messageId: 'flags-off-account', resource: 'b1' }],
      },
      {
        name: 'live flags off, the account-level block covers them',
        resources: [accountBlock(true), liveBucket('b1', { PublicAccessBlockConfiguration: flags(false) })],
        expect: [],
      },
      {
        name: 'live flags off, the account-level block unreadable',
        resources: [accountBlock(denied('s3-control:GetPublicAccessBlock')), liveBucket('b1', { PublicAccessBlockConfiguration: flags(false) })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 's3-control:GetPublicAccessBlock failed' }],
      },
      {
        name: 'live flags on, the account-level block unreadable',
        resources: [accountBlock(denied('s3-control:GetPublicAccessBlock')), liveBucket('b1', { PublicAccessBlockConfiguration: flags(true) })],
        expect: [],
      },
      {
        name: 'live bucket block unreadable, the account-level block off',
        resources: [accountBlock(false), liveBucket('b1', { PublicAccessBlockConfiguration: denied('s3:GetPublicAccessBlock') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 's3:GetPublicAccessBlock failed' }],
      },
      {
        name: 'live bucket block unreadable, the account-level block on',
        resources: [accountBlock(true), liveBucket('b1', { PublicAccessBlockConfiguration: denied('s3:GetPublicAccessBlock') })],
        expect: [],
      },
    ],
  },
  'S3-002': {
    valid: [
      { name: 'read granted to the OAI of the distribution', template: bucket('', '', policy(OAI_READ) + oaiDistribution) },
      { name: 'a Deny on "*" grants nothing', template: bucket('', '', policy(TLS_DENY)) },
      {
        name: 'a "*" principal confined to a VPC endpoint',
        template: bucket(
          '',
          '',
          policy(
            "          - Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: '*'\n            Condition: { StringEquals: { 'aws:SourceVpce': vpce-1a2b3c4d } }\n",
          ),
        ),
      },
      {
        name: 'another account on a bucket that is no origin',
        template: bucket(
          '',
          '',
          policy("          - Effect: Allow\n            Principal: { AWS: 'arn:aws:iam::123456789012:root' }\n            Action: s3:GetObject\n            Resource: '*'\n"),
        ),
      },
    ],
    invalid: [
      {
        name: 'a "*" principal without condition',
        template: bucket('', '', policy("          - Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: '*'\n")),
        expect: [{ messageId: 'public', resource: 'SitePolicy', line: 11 }],
      },
      {
        name: 'Allow with NotPrincipal',
        template: bucket(
          '',
          '',
          policy("          - Effect: Allow\n            NotPrincipal: { AWS: '123456789012' }\n            Action: s3:GetObject\n            Resource: '*'\n"),
        ),
        expect: [{ messageId: 'not-principal', resource: 'SitePolicy' }],
      },
      {
        name: 'OAC without a SourceArn condition',
        template: bucket(
          '',
          '',
          policy(
            "          - Sid: Cdn\n            Effect: Allow\n            Principal: { Service: cloudfront.amazonaws.com }\n            Action: s3:GetObject\n            Resource: '*'\n",
          ),
        ),
        expect: [{ messageId: 'oac-without-source', resource: 'SitePolicy', contains: 'statement 0 (Cdn)' }],
      },
      {
        name: 'write access for the OAI',
        template: bucket('', '', policy(OAI_READ.replace('Action: s3:GetObject', 'Action: [s3:GetObject, s3:PutObject]')) + oaiDistribution),
        expect: [{ messageId: 'cloudfront-write', resource: 'SitePolicy', contains: 's3:PutObject' }],
      },
      {
        name: 'another account on an origin bucket is medium',
        template: bucket(
          '',
          '',
          policy(
            OAI_READ + "          - Effect: Allow\n            Principal: { AWS: 'arn:aws:iam::123456789012:root' }\n            Action: s3:GetObject\n            Resource: '*'\n",
          ) + oaiDistribution,
        ),
        expect: [{ messageId: 'origin-other', resource: 'SitePolicy', severity: 'medium' }],
      },
      {
        name: 'a principal that is "*" in one scenario only',
        template: bucket(
          '',
          secureParam,
          policy(
            "          - Effect: Allow\n            Principal: !If [IsPublic, '*', { AWS: 'arn:aws:iam::123456789012:root' }]\n            Action: s3:GetObject\n            Resource: '*'\n",
          ),
        ),
        expect: [{ messageId: 'public', resource: 'SitePolicy', contains: '(when parameter Public is yes)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a principal from a parameter without a default',
        template: bucket(
          '',
          noDefault('Reader'),
          policy("          - Effect: Allow\n            Principal: { AWS: !Ref Reader }\n            Action: s3:GetObject\n            Resource: '*'\n"),
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'SitePolicy', contains: 'Reader has no Default' }],
      },
      {
        // Used to print "the principal is not known before deployment (undefined)".
        name: 'a statement without Principal, which S3 rejects, is named as such',
        template: bucket('', '', policy("          - Sid: NoWho\n            Effect: Allow\n            Action: s3:GetObject\n            Resource: '*'\n")),
        expect: [{ messageId: 'engine/unknown', resource: 'SitePolicy', contains: 'statement 0 (NoWho) names no Principal, which S3 requires in a bucket policy' }],
      },
    ],
    account: [
      {
        name: 'live public policy',
        resources: [liveBucket('b1', {}), livePolicy('b1', { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b1/*' }] })],
        expect: [{ status: 'fail', messageId: 'public', resource: 'b1' }],
      },
      {
        name: 'live policy unreadable',
        resources: [liveBucket('b1', {}), livePolicy('b1', denied('s3:GetBucketPolicy'))],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 's3:GetBucketPolicy failed' }],
      },
      {
        name: 'live origin bucket granted to the distribution by OAC',
        resources: [
          liveBucket('b1', {}),
          livePolicy('b1', {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::b1/*',
                Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1ABC' } },
              },
            ],
          }),
        ],
        expect: [],
      },
    ],
  },
  'S3-003': {
    valid: [{ name: 'versioning Enabled', template: bucket('      VersioningConfiguration:\n        Status: Enabled\n') }],
    invalid: [
      { name: 'no VersioningConfiguration', template: bucket('      BucketName: site\n'), expect: [{ messageId: 'absent', resource: 'Site' }] },
      {
        name: 'versioning Suspended',
        template: bucket('      VersioningConfiguration:\n        Status: Suspended\n'),
        expect: [{ messageId: 'not-enabled', resource: 'Site', line: 6, contains: 'Suspended' }],
      },
      {
        name: 'versioning suspended in one scenario',
        template: bucket('      VersioningConfiguration:\n        Status: !If [IsPublic, Suspended, Enabled]\n', secureParam),
        expect: [{ messageId: 'not-enabled', resource: 'Site', contains: '(when parameter Public is yes)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a status from a parameter without a default',
        template: bucket('      VersioningConfiguration:\n        Status: !Ref Status\n', noDefault('Status')),
        expect: [{ messageId: 'engine/unknown', resource: 'Site', contains: 'Status has no Default' }],
      },
      { name: 'a bucket stamped out by a loop over an unknown list', template: LOOP, expect: [unexpanded] },
    ],
    account: [
      {
        name: 'live versioning unreadable',
        resources: [liveBucket('b1', { VersioningConfiguration: denied('s3:GetBucketVersioning') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 'GetBucketVersioning' }],
      },
      { name: 'live versioning never enabled', resources: [liveBucket('b1', {})], expect: [{ status: 'fail', messageId: 'absent', resource: 'b1' }] },
      { name: 'live versioning enabled', resources: [liveBucket('b1', { VersioningConfiguration: { Status: 'Enabled' } })], expect: [] },
    ],
  },
  'S3-004': {
    valid: [
      { name: 'no BucketEncryption: S3 applies SSE-S3 to every object', template: bucket('      BucketName: site\n') },
      {
        name: 'SSE-KMS',
        template: bucket('      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n'),
      },
      {
        // S3 encrypts whatever the configuration: an algorithm known only at deployment cannot make the bucket unencrypted.
        name: 'an algorithm from a parameter without a default',
        template: bucket(
          '      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: !Ref Alg\n',
          noDefault('Alg'),
        ),
      },
    ],
    invalid: [
      {
        name: 'an algorithm that is neither SSE-S3 nor SSE-KMS',
        template: bucket('      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: NONE\n'),
        expect: [{ messageId: 'algorithm', resource: 'Site', line: 8, contains: 'NONE' }],
      },
    ],
    notEvaluated: [{ name: 'a bucket stamped out by a loop over an unknown list', template: LOOP, expect: [unexpanded] }],
    account: [
      { name: 'live encryption unreadable: S3 encrypts regardless', resources: [liveBucket('b1', { BucketEncryption: denied('s3:GetBucketEncryption') })], expect: [] },
      {
        name: 'live SSE-S3',
        resources: [liveBucket('b1', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } })],
        expect: [],
      },
    ],
  },
  'S3-005': {
    valid: [
      { name: 'a plain bucket', template: bucket('      BucketName: site\n') },
      {
        name: 'a versioned bucket moving noncurrent versions to Glacier',
        template: bucket(
          '      VersioningConfiguration:\n        Status: Enabled\n      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            NoncurrentVersionTransitions:\n              - StorageClass: GLACIER\n                TransitionInDays: 90\n',
        ),
      },
      {
        name: 'a backup bucket expiring objects',
        template: bucket('      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            ExpirationInDays: 30\n', '', '', 'DbBackups'),
      },
      {
        // Versioning is asked only when no rule handles noncurrent versions.
        name: 'a rule for noncurrent versions makes unknown versioning irrelevant',
        template: bucket(
          '      VersioningConfiguration:\n        Status: !Ref Status\n      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            NoncurrentVersionExpiration: { NoncurrentDays: 30 }\n',
          noDefault('Status'),
        ),
      },
      { name: 'a bucket name known only at deployment gives no backup hint', template: bucket('      BucketName: !Ref Name\n', noDefault('Name')) },
    ],
    invalid: [
      {
        name: 'a versioned bucket keeping noncurrent versions',
        template: bucket('      VersioningConfiguration:\n        Status: Enabled\n'),
        expect: [{ messageId: 'noncurrent-kept', resource: 'Site' }],
      },
      {
        name: 'a backup bucket (tag) never expiring objects',
        template: bucket('      Tags:\n        - Key: Purpose\n          Value: backup\n'),
        expect: [{ messageId: 'backup-kept', resource: 'Site', contains: 'its tag Purpose=backup' }],
      },
      {
        name: 'a disabled rule does not count',
        template: bucket(
          '      VersioningConfiguration:\n        Status: Enabled\n      LifecycleConfiguration:\n        Rules:\n          - Status: Disabled\n            NoncurrentVersionExpirationInDays: 30\n',
        ),
        expect: [{ messageId: 'noncurrent-kept', resource: 'Site' }],
      },
      {
        name: 'versioning enabled in one scenario only',
        template: bucket('      VersioningConfiguration:\n        Status: !If [IsPublic, Enabled, Suspended]\n', secureParam),
        expect: [{ messageId: 'noncurrent-kept', resource: 'Site', contains: '(when parameter Public is yes)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'versioning known only at deployment, no noncurrent rule',
        template: bucket('      VersioningConfiguration:\n        Status: !Ref Status\n', noDefault('Status')),
        expect: [{ messageId: 'engine/unknown', resource: 'Site', contains: 'Status has no Default' }],
      },
      {
        name: 'the status of the only noncurrent rule known only at deployment',
        template: bucket(
          '      VersioningConfiguration:\n        Status: Enabled\n      LifecycleConfiguration:\n        Rules:\n          - Status: !Ref RuleStatus\n            NoncurrentVersionExpirationInDays: 30\n',
          noDefault('RuleStatus'),
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Site', contains: 'RuleStatus has no Default' }],
      },
    ],
    account: [
      {
        name: 'live versioned bucket with a noncurrent rule',
        resources: [
          liveBucket('b1', {
            VersioningConfiguration: { Status: 'Enabled' },
            LifecycleConfiguration: { Rules: [{ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }] },
          }),
        ],
        expect: [],
      },
      {
        name: 'live versioned bucket, lifecycle unreadable',
        resources: [liveBucket('b1', { VersioningConfiguration: { Status: 'Enabled' }, LifecycleConfiguration: denied('s3:GetBucketLifecycleConfiguration') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 'GetBucketLifecycleConfiguration' }],
      },
      {
        name: 'live backup bucket by name',
        resources: [liveBucket('db-backups', {})],
        expect: [{ status: 'fail', messageId: 'backup-kept', resource: 'db-backups', contains: 'its name db-backups' }],
      },
    ],
  },
  'S3-006': {
    valid: [
      { name: 'a policy denying plain HTTP', template: bucket('', '', policy(TLS_DENY)) },
      { name: 'the deny among other statements', template: bucket('', '', policy(OAI_READ + TLS_DENY) + oaiDistribution) },
      {
        // One statement's unknown field must not hide another statement's deny.
        name: 'the deny next to a statement with an unknown field',
        template: bucket(
          '',
          noDefault('Reader'),
          policy("          - Effect: Allow\n            Principal: { AWS: !Ref Reader }\n            Action: s3:GetObject\n            Resource: '*'\n" + TLS_DENY),
        ),
      },
    ],
    invalid: [
      { name: 'no bucket policy', template: bucket('      BucketName: site\n'), expect: [{ messageId: 'no-policy', resource: 'Site' }] },
      {
        name: 'a policy without the deny',
        template: bucket('', '', policy(OAI_READ) + oaiDistribution),
        expect: [{ messageId: 'no-deny', resource: 'Site', contains: 'SitePolicy' }],
      },
      { name: 'a deny on aws:SecureTransport true', template: bucket('', '', policy(TLS_DENY.replace("'false'", "'true'"))), expect: [{ messageId: 'no-deny', resource: 'Site' }] },
      {
        name: 'the policy exists in one scenario only',
        template: bucket('', secureParam, policy(TLS_DENY).replace('    Type: AWS::S3::BucketPolicy\n', '    Type: AWS::S3::BucketPolicy\n    Condition: IsPublic\n')),
        expect: [{ messageId: 'no-policy', resource: 'Site', contains: '(when parameter Public is no)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'the deny condition known only at deployment',
        template: bucket('', noDefault('Secure'), policy(TLS_DENY.replace("'false'", '!Ref Secure'))),
        expect: [{ messageId: 'engine/unknown', resource: 'Site', contains: 'aws:SecureTransport value of statement 0' }],
      },
      { name: 'a bucket stamped out by a loop over an unknown list', template: LOOP, expect: [unexpanded] },
    ],
    account: [
      { name: 'live bucket without a policy', resources: [liveBucket('b1', {})], expect: [{ status: 'fail', messageId: 'no-policy', resource: 'b1' }] },
      {
        name: 'live policy unreadable',
        resources: [liveBucket('b1', {}), livePolicy('b1', denied('s3:GetBucketPolicy'))],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 's3:GetBucketPolicy failed' }],
      },
      {
        name: 'live policy with the deny',
        resources: [
          liveBucket('b1', {}),
          livePolicy('b1', {
            Statement: [
              { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
            ],
          }),
        ],
        expect: [],
      },
    ],
  },
  'S3-007': {
    valid: [
      { name: 'Private', template: bucket('      AccessControl: Private\n') },
      { name: 'LogDeliveryWrite', template: bucket('      AccessControl: LogDeliveryWrite\n') },
      { name: 'no AccessControl', template: bucket('      BucketName: site\n') },
    ],
    invalid: [
      {
        name: 'PublicRead',
        template: bucket('      AccessControl: PublicRead\n'),
        expect: [{ messageId: 'canned', resource: 'Site', line: 5, contains: 'anyone can list and read it' }],
      },
      { name: 'AuthenticatedRead', template: bucket('      AccessControl: AuthenticatedRead\n'), expect: [{ messageId: 'canned', resource: 'Site' }] },
      {
        name: 'PublicReadWrite in one scenario',
        template: bucket('      AccessControl: !If [IsPublic, PublicReadWrite, Private]\n', secureParam),
        expect: [{ messageId: 'canned', resource: 'Site', contains: '(when parameter Public is yes)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'an ACL from a parameter without a default',
        template: bucket('      AccessControl: !Ref Acl\n', noDefault('Acl')),
        expect: [{ messageId: 'engine/unknown', resource: 'Site', contains: 'Acl has no Default' }],
      },
      { name: 'a public bucket stamped out by a loop over an unknown list', template: LOOP, expect: [unexpanded] },
    ],
    account: [
      {
        name: 'live grant to AllUsers',
        resources: [
          liveBucket('b1', {
            AccessControl: 'PublicRead',
            AclGrants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }],
          }),
        ],
        expect: [{ status: 'fail', messageId: 'grants', resource: 'b1', contains: 'AllUsers (everyone): READ' }],
      },
      {
        name: 'live ACL unreadable',
        resources: [liveBucket('b1', { AccessControl: denied('s3:GetBucketAcl'), AclGrants: denied('s3:GetBucketAcl') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'b1', contains: 's3:GetBucketAcl failed' }],
      },
      { name: 'live private ACL', resources: [liveBucket('b1', { AclGrants: [] })], expect: [] },
    ],
  },
};
