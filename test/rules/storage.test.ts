import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { accountSource } from '../../src/engine/sources.js';
import { readTemplateFile } from '../../src/scanners/cloudformation/parse.js';
import type { Resource } from '../../src/model/resource.js';
import { Unknown } from '../../src/model/values.js';
import { STORAGE_RULES } from '../../src/rules/storage/index.js';
import { brief, scanText, template } from '../helpers/scan.js';

const s3 = (yaml: string, prefix: string, extra = '') => brief(scanText(template(yaml, extra), { rules: STORAGE_RULES }).findings, prefix);
const bucket = (props: string, name = 'Site') => `  ${name}:\n    Type: AWS::S3::Bucket\n${props ? `    Properties:\n${props}` : ''}`;
const policy = (statements: string, name = 'SitePolicy', target = 'Site') =>
  `  ${name}:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref ${target}\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n${statements}`;
const distribution = (domain: string) => `  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: s3
            DomainName: ${domain}
            S3OriginConfig:
              OriginAccessIdentity: !Sub 'origin-access-identity/cloudfront/\${Oai}'
        DefaultCacheBehavior:
          TargetOriginId: s3
          ViewerProtocolPolicy: redirect-to-https
  Oai:
    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity
    Properties:
      CloudFrontOriginAccessIdentityConfig:
        Comment: x
`;
const PAB =
  '      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        IgnorePublicAcls: true\n        BlockPublicPolicy: true\n        RestrictPublicBuckets: true\n';

const account = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const liveBucket = (id: string, properties: Record<string, unknown>): Resource => ({
  type: 'AWS::S3::Bucket',
  id,
  arn: `arn:aws:s3:::${id}`,
  properties: { BucketName: id, ...properties },
  origin: account,
});
const runLive = (resources: Resource[], ruleId: string) =>
  evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules: STORAGE_RULES.filter((r) => r.meta.id === ruleId) }).findings.map(
    (f) => `${f.ruleId} ${f.status} ${f.resource.id}`,
  );

describe('S3-001 block-public-access', () => {
  it.each([
    ['all four flags pass', PAB, []],
    // S3 turns all four flags on for every bucket created since April 2023: absence is that default.
    ['absent configuration passes (what S3 applies to a new bucket)', '      BucketName: b\n', []],
    [
      'a flag absent inside the configuration is false',
      '      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        IgnorePublicAcls: true\n        BlockPublicPolicy: true\n',
      ['S3-001 fail Site'],
    ],
    ['"false" string fails', PAB.replace('RestrictPublicBuckets: true', "RestrictPublicBuckets: 'false'"), ['S3-001 fail Site']],
  ])('%s', (_n, props, expected) => {
    expect(s3(bucket(props), 'S3-001')).toEqual(expected);
  });

  it('names the missing flags and mentions the account level', () => {
    const f = scanText(template(bucket('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n')), { rules: STORAGE_RULES }).findings.find(
      (x) => x.ruleId === 'S3-001',
    )!;
    expect(f.message).toMatch(/IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets/);
    expect(f.message).toMatch(/account-level block, which this input does not show/);
  });

  it('a parameter without a default is not evaluated', () => {
    const extra = 'Parameters:\n  Flag:\n    Type: String\n';
    expect(s3(bucket(PAB.replace('BlockPublicAcls: true', 'BlockPublicAcls: !Ref Flag')), 'S3-001', extra)).toEqual(['S3-001 not-evaluated Site']);
  });

  it('Fn::If checks both branches', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';
    const r = scanText(template(bucket(PAB.replace('BlockPublicPolicy: true', 'BlockPublicPolicy: !If [IsDev, false, true]')), extra), { rules: STORAGE_RULES }).findings.filter(
      (f) => f.ruleId === 'S3-001',
    );
    expect(r.map((f) => f.status)).toEqual(['fail']);
    // IsDev is true exactly when Env is dev: the engine names the parameter value.
    expect(r[0]!.message).toMatch(/\(when parameter Env is dev\)/);
  });

  it('live: the account-level block covers a bucket, flag by flag', () => {
    const block = (v: boolean | Unknown, overrides: Record<string, boolean> = {}): Resource => ({
      type: 'AWS::S3::AccountPublicAccessBlock',
      id: '111122223333',
      properties: { BlockPublicAcls: v, IgnorePublicAcls: v, BlockPublicPolicy: v, RestrictPublicBuckets: v, ...overrides, Configured: true },
      origin: account,
    });
    // What S3 returns for a bucket whose own block is off (GetPublicAccessBlock), as read. A live
    // bucket with no block at all (NoSuchPublicAccessBlockConfiguration) has all four off too; the
    // S3 mapper still writes that as an absent property, which the rule kit reads as S3's default
    // for a new bucket, so that case is left to the mapper's fix rather than asserted here.
    const off = { PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } };
    const on = { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } };
    expect(runLive([block(true), liveBucket('b1', off)], 'S3-001')).toEqual([]);
    expect(runLive([block(false), liveBucket('b1', off)], 'S3-001')).toEqual(['S3-001 fail b1']);
    expect(runLive([block(new Unknown('AccessDenied')), liveBucket('b1', off)], 'S3-001')).toEqual(['S3-001 not-evaluated b1']);
    expect(runLive([block(false), liveBucket('b1', on)], 'S3-001')).toEqual([]);
    expect(runLive([block(new Unknown('AccessDenied')), liveBucket('b1', on)], 'S3-001')).toEqual([]);
    expect(runLive([block(false), liveBucket('b1', { PublicAccessBlockConfiguration: new Unknown('s3:GetPublicAccessBlock AccessDenied') })], 'S3-001')).toEqual([
      'S3-001 not-evaluated b1',
    ]);
    // The account's four flags cover a bucket whose own block could not be read.
    expect(runLive([block(true), liveBucket('b1', { PublicAccessBlockConfiguration: new Unknown('s3:GetPublicAccessBlock AccessDenied') })], 'S3-001')).toEqual([]);
    // S3 applies the most restrictive combination, flag by flag.
    const policyOff = { PublicAccessBlockConfiguration: { ...on.PublicAccessBlockConfiguration, BlockPublicPolicy: false } };
    expect(runLive([block(false, { BlockPublicPolicy: true }), liveBucket('b1', policyOff)], 'S3-001')).toEqual([]);
    expect(runLive([block(false, { BlockPublicAcls: true }), liveBucket('b1', policyOff)], 'S3-001')).toEqual(['S3-001 fail b1']);
  });
});

const OAI_STMT =
  "          - Effect: Allow\n            Principal:\n              CanonicalUser: !GetAtt Oai.S3CanonicalUserId\n            Action: s3:GetObject\n            Resource: !Sub '${Site.Arn}/*'\n";

describe('S3-002 origin-bucket-policy', () => {
  const cases: [string, string, string[]][] = [
    ['OAI canonical user read passes', OAI_STMT, []],
    [
      'OAI ARN read passes',
      "          - Effect: Allow\n            Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE' }\n            Action: [s3:GetObject]\n            Resource: '*'\n",
      [],
    ],
    ['"*" principal fails', "          - Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: '*'\n", ['S3-002 fail SitePolicy']],
    [
      '{AWS: "*"} in a list fails',
      "          - Effect: Allow\n            Principal: { AWS: ['123456789012', '*'] }\n            Action: s3:GetObject\n            Resource: '*'\n",
      ['S3-002 fail SitePolicy'],
    ],
    [
      'NotPrincipal with Allow fails',
      "          - Effect: Allow\n            NotPrincipal: { AWS: '123456789012' }\n            Action: s3:GetObject\n            Resource: '*'\n",
      ['S3-002 fail SitePolicy'],
    ],
    [
      'Deny "*" is not a grant',
      "          - Effect: Deny\n            Principal: '*'\n            Action: s3:*\n            Resource: '*'\n            Condition: { Bool: { 'aws:SecureTransport': 'false' } }\n",
      [],
    ],
    [
      'OAC with SourceArn naming the distribution passes',
      "          - Effect: Allow\n            Principal: { Service: cloudfront.amazonaws.com }\n            Action: s3:GetObject\n            Resource: '*'\n            Condition:\n              StringEquals:\n                'AWS:SourceArn': !Sub 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Cdn}'\n",
      [],
    ],
    [
      'OAC without SourceArn fails',
      "          - Effect: Allow\n            Principal: { Service: cloudfront.amazonaws.com }\n            Action: s3:GetObject\n            Resource: '*'\n",
      ['S3-002 fail SitePolicy'],
    ],
    [
      'OAC with distribution/* fails',
      "          - Effect: Allow\n            Principal: { Service: cloudfront.amazonaws.com }\n            Action: s3:GetObject\n            Resource: '*'\n            Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' } }\n",
      ['S3-002 fail SitePolicy'],
    ],
    ['write to the OAI fails', OAI_STMT.replace('Action: s3:GetObject', 'Action: [s3:GetObject, s3:PutObject]'), ['S3-002 fail SitePolicy']],
    ['s3:* to the OAI fails', OAI_STMT.replace('Action: s3:GetObject', "Action: 's3:*'"), ['S3-002 fail SitePolicy']],
    [
      'another account on an origin bucket fails (medium)',
      "          - Effect: Allow\n            Principal: { AWS: 'arn:aws:iam::123456789012:root' }\n            Action: s3:GetObject\n            Resource: '*'\n",
      ['S3-002 fail SitePolicy'],
    ],
    [
      '"*" with a private aws:SourceIp is confined',
      "          - Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: '*'\n            Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }\n",
      [],
    ],
    [
      '"*" with a public aws:SourceIp is public',
      "          - Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n            Resource: '*'\n            Condition: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } }\n",
      ['S3-002 fail SitePolicy'],
    ],
  ];
  it.each(cases)('%s', (_n, statements, expected) => {
    expect(s3(bucket(PAB) + policy(statements) + distribution('!GetAtt Site.RegionalDomainName'), 'S3-002')).toEqual(expected);
  });

  it('a grant to another account on a bucket that is not an origin passes', () => {
    const stmt = "          - Effect: Allow\n            Principal: { AWS: 'arn:aws:iam::123456789012:root' }\n            Action: s3:GetObject\n            Resource: '*'\n";
    expect(s3(bucket(PAB) + policy(stmt), 'S3-002')).toEqual([]);
  });

  it('differs from cfn_nag F16: a "*" principal limited to a VPC endpoint is not public for us', () => {
    const stmt =
      "          - Effect: Allow\n            Principal: '*'\n            Action: 's3:*'\n            Resource: '*'\n            Condition: { StringEquals: { 'aws:SourceVpce': vpce-1a2b3c4d } }\n";
    expect(s3(bucket(PAB) + policy(stmt), 'S3-002')).toEqual([]);
  });

  it('reads a PolicyDocument given as a JSON string (Fn::Sub)', () => {
    const yaml = `${bucket(PAB)}  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument: !Sub '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"\${Site.Arn}/*"}]}'
`;
    expect(s3(yaml, 'S3-002')).toEqual(['S3-002 fail SitePolicy']);
  });

  it('a principal from a parameter without a default is not evaluated', () => {
    const stmt = "          - Effect: Allow\n            Principal: { AWS: !Ref Reader }\n            Action: s3:GetObject\n            Resource: '*'\n";
    expect(s3(bucket(PAB) + policy(stmt), 'S3-002', 'Parameters:\n  Reader:\n    Type: String\n')).toEqual(['S3-002 not-evaluated SitePolicy']);
  });

  it('a statement without Principal is described, never printed as "(undefined)"', () => {
    const stmt = "          - Effect: Allow\n            Action: s3:GetObject\n            Resource: '*'\n";
    const f = scanText(template(bucket(PAB) + policy(stmt)), { rules: STORAGE_RULES }).findings.filter((x) => x.ruleId === 'S3-002');
    expect(f.map((x) => x.status)).toEqual(['not-evaluated']);
    expect(f[0]!.message).toMatch(/statement 0 names no Principal, which S3 requires in a bucket policy/);
    expect(f[0]!.message).not.toMatch(/undefined/);
  });

  it('live: a policy with a public statement fails; an unreadable one is not evaluated', () => {
    const pol = (doc: unknown): Resource => ({
      type: 'AWS::S3::BucketPolicy',
      id: 'b1',
      arn: 'arn:aws:s3:::b1',
      properties: { Bucket: 'b1', PolicyDocument: doc },
      origin: account,
    });
    const doc = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b1/*' }] };
    expect(runLive([liveBucket('b1', {}), pol(doc)], 'S3-002')).toEqual(['S3-002 fail b1']);
    expect(runLive([liveBucket('b1', {}), pol(new Unknown('AccessDenied'))], 'S3-002')).toEqual(['S3-002 not-evaluated b1']);
  });
});

describe('S3-003 versioning-enabled', () => {
  it.each([
    ['Enabled passes', '      VersioningConfiguration:\n        Status: Enabled\n', []],
    ['Suspended fails', '      VersioningConfiguration:\n        Status: Suspended\n', ['S3-003 fail Site']],
    ['absent fails', '      BucketName: x\n', ['S3-003 fail Site']],
  ])('%s', (_n, props, expected) => {
    expect(s3(bucket(props), 'S3-003')).toEqual(expected);
  });
  it('live: an unreadable status is not evaluated, never a fail', () => {
    expect(runLive([liveBucket('b1', { VersioningConfiguration: new Unknown('s3:GetBucketVersioning AccessDenied') })], 'S3-003')).toEqual(['S3-003 not-evaluated b1']);
    expect(runLive([liveBucket('b1', { VersioningConfiguration: { Status: 'Enabled' } })], 'S3-003')).toEqual([]);
  });
});

describe('S3-004 default-encryption', () => {
  it.each([
    ['absent passes (S3 encrypts by default since Jan 2023; differs from cfn_nag W41)', '      BucketName: x\n', []],
    [
      'SSE-KMS passes',
      '      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n',
      [],
    ],
    [
      'an explicit non-SSE algorithm fails',
      '      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: NONE\n',
      ['S3-004 fail Site'],
    ],
  ])('%s', (_n, props, expected) => {
    expect(s3(bucket(props), 'S3-004')).toEqual(expected);
  });
});

describe('S3-005 lifecycle-rules', () => {
  const versioned = '      VersioningConfiguration:\n        Status: Enabled\n';
  it.each([
    ['plain bucket passes', bucket('      BucketName: site\n'), []],
    ['versioned bucket without noncurrent rule fails', bucket(versioned), ['S3-005 fail Site']],
    [
      'versioned bucket with NoncurrentVersionTransitions passes (003)',
      bucket(
        versioned +
          '      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            NoncurrentVersionTransitions:\n              - StorageClass: GLACIER\n                TransitionInDays: 90\n',
      ),
      [],
    ],
    [
      'deprecated NoncurrentVersionExpirationInDays passes',
      bucket(versioned + '      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            NoncurrentVersionExpirationInDays: 30\n'),
      [],
    ],
    [
      'a disabled rule does not count',
      bucket(versioned + '      LifecycleConfiguration:\n        Rules:\n          - Status: Disabled\n            NoncurrentVersionExpirationInDays: 30\n'),
      ['S3-005 fail Site'],
    ],
    ['backup bucket (logical id) without expiration fails', bucket('      BucketName: x\n', 'DbBackups'), ['S3-005 fail DbBackups']],
    ['backup bucket (tag Purpose=backup) without expiration fails', bucket('      Tags:\n        - Key: Purpose\n          Value: backup\n', 'Store'), ['S3-005 fail Store']],
    [
      'backup bucket expiring after 30 days passes (001)',
      bucket('      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            ExpirationInDays: 30\n', 'DbBackups'),
      [],
    ],
  ])('%s', (_n, yaml, expected) => {
    expect(s3(yaml, 'S3-005')).toEqual(expected);
  });
  it('live: lifecycle rules in the collector shape count', () => {
    expect(
      runLive(
        [
          liveBucket('b1', {
            VersioningConfiguration: { Status: 'Enabled' },
            LifecycleConfiguration: { Rules: [{ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }] },
          }),
        ],
        'S3-005',
      ),
    ).toEqual([]);
    expect(runLive([liveBucket('b1', { VersioningConfiguration: { Status: 'Enabled' }, LifecycleConfiguration: new Unknown('AccessDenied') })], 'S3-005')).toEqual([
      'S3-005 not-evaluated b1',
    ]);
  });
});

describe('S3-006 deny-insecure-transport', () => {
  const deny = (value: string) =>
    `          - Effect: Deny\n            Principal: { AWS: '*' }\n            Action: 's3:*'\n            Resource: [!GetAtt Site.Arn, !Sub '\${Site.Arn}/*']\n            Condition: { Bool: { 'aws:SecureTransport': ${value} } }\n`;
  it.each([
    ['no policy fails', bucket(PAB), ['S3-006 fail Site']],
    ['Deny with "false" passes', bucket(PAB) + policy(deny("'false'")), []],
    ['Deny with boolean false passes', bucket(PAB) + policy(deny('false')), []],
    ['a policy without the deny fails', bucket(PAB) + policy(OAI_STMT) + distribution('!GetAtt Site.RegionalDomainName'), ['S3-006 fail Site']],
    ['a deny on true is not a TLS deny', bucket(PAB) + policy(deny("'true'")), ['S3-006 fail Site']],
  ])('%s', (_n, yaml, expected) => {
    expect(s3(yaml, 'S3-006')).toEqual(expected);
  });
});

describe('S3-007 no-public-acl', () => {
  it.each([
    ['PublicRead fails', 'PublicRead', ['S3-007 fail Site']],
    ['PublicReadWrite fails', 'PublicReadWrite', ['S3-007 fail Site']],
    ['AuthenticatedRead fails', 'AuthenticatedRead', ['S3-007 fail Site']],
    ['Private passes', 'Private', []],
    ['LogDeliveryWrite passes', 'LogDeliveryWrite', []],
  ])('%s', (_n, acl, expected) => {
    expect(s3(bucket(`      AccessControl: ${acl}\n`), 'S3-007')).toEqual(expected);
  });
  it('live: grants to AllUsers fail; an unreadable ACL is not evaluated', () => {
    const grant = { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' };
    expect(runLive([liveBucket('b1', { AclGrants: [grant] })], 'S3-007')).toEqual(['S3-007 fail b1']);
    expect(runLive([liveBucket('b1', { AclGrants: [] })], 'S3-007')).toEqual([]);
    expect(runLive([liveBucket('b1', { AclGrants: new Unknown('AccessDenied') })], 'S3-007')).toEqual(['S3-007 not-evaluated b1']);
  });
});

describe('peer corpus: every mapped peer FAIL is a fail of our control', () => {
  const corpus = resolve(process.cwd(), '../shared/corpus');
  const present = existsSync(join(corpus, 'manifest.json'));
  type Entry = Record<string, unknown>;
  const load = () => ({
    manifest: JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as Entry[],
    map: JSON.parse(readFileSync(join(corpus, '../tools/peer-map.json'), 'utf8')) as Record<string, Record<string, [string, string]>>,
  });
  const failsOn = (template: string, ruleId: string, ids: readonly string[]) =>
    scanTemplates([join(corpus, template)], { rules: STORAGE_RULES }).findings.some((f) => f.ruleId === ruleId && f.status === 'fail' && ids.includes(f.resource.id));

  // CKV_AWS_53…56 fail a bucket whose flag is not set true, including a bucket without
  // PublicAccessBlockConfiguration. S3 turns all four flags on for every bucket created since
  // April 2023 (peer-map: "differs"), so for S3-001 only a flag the template turns off (false, or
  // left out of a configuration it writes) is a failure, and a bucket without the configuration
  // passes: both directions are checked here.
  const FLAG: Readonly<Record<string, string>> = {
    CKV_AWS_53: 'BlockPublicAcls',
    CKV_AWS_54: 'BlockPublicPolicy',
    CKV_AWS_55: 'IgnorePublicAcls',
    CKV_AWS_56: 'RestrictPublicBuckets',
  };

  it.skipIf(!present)('checkov / cfn_nag S3 checks', () => {
    const { manifest, map } = load();
    const missed: string[] = [];
    let checked = 0;
    let absent = 0;
    let turnedOff = 0;
    for (const e of manifest) {
      const m = map[e['tool'] as string]?.[e['check_id'] as string];
      if (!m?.[0].startsWith('S3-') || e['expected'] !== 'FAIL' || e['parameter_values'] || e['condition_values']) continue;
      const ids = [e['logical_id'] as string, ...((e['related_ids'] as string[] | undefined) ?? [])];
      const where = `${e['check_id'] as string} ${e['template'] as string} ${ids[0]!}`;
      const flag = FLAG[e['check_id'] as string];
      if (m[0] === 'S3-001' && flag) {
        const parsed = readTemplateFile(join(corpus, e['template'] as string));
        if (parsed.kind !== 'template') throw new Error(`${e['template'] as string} does not parse`);
        const props = ((parsed.template.body['Resources'] as Entry)[ids[0]!] as Entry)['Properties'] as Entry | undefined;
        const config = props?.['PublicAccessBlockConfiguration'];
        const fails = failsOn(e['template'] as string, 'S3-001', ids);
        if (config === undefined) {
          checked++;
          absent++;
          if (fails) missed.push(`${where}: no configuration (S3's default: all four on), yet S3-001 fails`);
        } else if (typeof config === 'object' && config !== null && [false, 'false', undefined].includes((config as Entry)[flag] as never)) {
          checked++;
          turnedOff++;
          if (!fails) missed.push(`${where}: ${flag} is turned off, yet S3-001 passes`);
        }
        continue;
      }
      // W41 differs deliberately (S3 encrypts new objects by default since Jan 2023); F16's fails are ours too.
      if (m[1] !== 'superset' && e['check_id'] !== 'F16') continue;
      checked++;
      if (!failsOn(e['template'] as string, m[0], ids)) missed.push(where);
    }
    expect(checked).toBeGreaterThan(20);
    expect(absent).toBeGreaterThan(0);
    expect(turnedOff).toBeGreaterThan(0);
    expect(missed).toEqual([]);
  });
});
