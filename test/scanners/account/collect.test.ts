import { GetBucketPolicyCommand, ListBucketsCommand, GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/model/values.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { createLiveCallSource } from '../../../src/scanners/account/calls.js';
import { buildSnapshot, createSnapshotCallSource, parseSnapshot } from '../../../src/scanners/account/snapshot.js';
import type { Handler } from './helpers.js';
import { ACCOUNT, awsError, fakeClients, fail, ok, snapshotOf } from './helpers.js';

const sts = mockClient(STSClient);
const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
afterEach(() => {
  sts.reset();
  s3.reset();
  s3control.reset();
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-only' };

/** A small account in SDK v3 output shapes: two regions, paginated groups, buckets, a DB, a distribution. */
const account: Handler = (service, operation, region, input) => {
  const key = `${service}:${operation}`;
  switch (key) {
    case 'sts:GetCallerIdentity':
      return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`, UserId: 'AIDA', $metadata: {} };
    case 'ec2:DescribeRegions':
      return { Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] };
    case 'ec2:DescribeSecurityGroups':
      if (region !== 'eu-west-1') return { SecurityGroups: [] };
      return input['NextToken'] === undefined
        ? {
            SecurityGroups: [
              {
                GroupId: 'sg-web',
                GroupName: 'web',
                Description: 'web',
                VpcId: 'vpc-1',
                IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
                IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
              },
            ],
            NextToken: 'page2',
          }
        : {
            SecurityGroups: [
              {
                GroupId: 'sg-db',
                GroupName: 'db',
                VpcId: 'vpc-1',
                IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: 'sg-web', UserId: ACCOUNT }] }],
              },
            ],
          };
    case 'ec2:DescribeVpcs':
      return { Vpcs: region === 'eu-west-1' ? [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: false }] : [] };
    case 'rds:DescribeDBInstances':
      return {
        DBInstances:
          region === 'eu-west-1'
            ? [
                {
                  DBInstanceIdentifier: 'db1',
                  DBInstanceArn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:db1`,
                  Engine: 'postgres',
                  PubliclyAccessible: false,
                  InstanceCreateTime: new Date('2025-01-01T00:00:00Z'),
                  DBSubnetGroup: { DBSubnetGroupName: 'dbsn', VpcId: 'vpc-1', Subnets: [{ SubnetIdentifier: 'subnet-a' }, { SubnetIdentifier: 'subnet-b' }] },
                  VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db', Status: 'active' }],
                  MasterUserSecret: { SecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:x' },
                },
              ]
            : [],
      };
    case 's3:ListBuckets':
      return {
        Buckets: [
          { Name: 'site', CreationDate: new Date('2024-01-01T00:00:00Z') },
          { Name: 'logs', BucketRegion: 'eu-west-1' },
        ],
        Owner: { ID: 'abc' },
      };
    case 's3:GetBucketLocation':
      return { LocationConstraint: input['Bucket'] === 'site' ? undefined : 'eu-west-1' };
    case 's3:GetBucketPolicy':
      if (input['Bucket'] === 'logs') throw awsError('NoSuchBucketPolicy', 'The bucket policy does not exist');
      return { Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] }) };
    case 's3:GetPublicAccessBlock':
      if (input['Bucket'] === 'logs') throw awsError('NoSuchPublicAccessBlockConfiguration');
      return { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true } };
    case 's3:GetBucketVersioning':
      return input['Bucket'] === 'site' ? { Status: 'Enabled' } : {};
    case 's3:GetBucketEncryption':
      return { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } };
    case 's3:GetBucketLifecycleConfiguration':
      throw awsError('NoSuchLifecycleConfiguration');
    case 's3:GetBucketAcl':
      return { Owner: { ID: 'abc' }, Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
    case 's3:GetBucketTagging':
      throw awsError('NoSuchTagSet');
    case 's3-control:GetPublicAccessBlock':
      throw awsError('NoSuchPublicAccessBlockConfiguration');
    case 'cloudfront:ListDistributions':
      return { DistributionList: { Items: [{ Id: 'E1', ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/E1`, Origins: { Quantity: 0, Items: [] } }], Quantity: 1 } };
    case 'cloudfront:GetDistributionConfig':
      return {
        ETag: 'x',
        DistributionConfig: { Enabled: true, Origins: { Quantity: 0, Items: [] }, Logging: { Enabled: false, Bucket: '', Prefix: '', IncludeCookies: false }, WebACLId: '' },
      };
    case 'cloudwatch:DescribeAlarms':
      return region === 'us-east-1' ? { MetricAlarms: [{ AlarmName: 'billing', Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', Threshold: 20 }] } : { MetricAlarms: [] };
    default:
      return {};
  }
};

const live = (handler: Handler, concurrency = 16) => createLiveCallSource({ clientFactory: fakeClients(handler), concurrency });

describe('collectAccount', () => {
  it('maps a small account and names every resource by its physical id, with origin and arn', async () => {
    const result = await collectAccount({ source: live(account) });
    expect(result.account).toBe(ACCOUNT);
    expect(result.errors).toEqual([]);
    const sgs = result.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroup');
    expect(sgs.map((r) => r.id)).toEqual(['sg-db', 'sg-web']);
    expect(sgs[1]).toMatchObject({ origin: { kind: 'account', account: ACCOUNT, region: 'eu-west-1' }, arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-web` });
    const db = result.resources.find((r) => r.type === 'AWS::RDS::DBInstance');
    expect(db?.properties).toMatchObject({ VPCSecurityGroups: ['sg-db'], DBSubnetGroupName: 'dbsn', ManageMasterUserPassword: true });
    expect(result.resources.find((r) => r.type === 'AWS::RDS::DBSubnetGroup')?.properties).toMatchObject({ SubnetIds: ['subnet-a', 'subnet-b'], VpcId: 'vpc-1' });
    const site = result.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.id === 'site');
    expect(site).toMatchObject({ arn: 'arn:aws:s3:::site', origin: { region: 'us-east-1' } });
    expect(site?.properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      AccessControl: 'PublicRead',
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
    });
    const logs = result.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.id === 'logs');
    // Not configured is a fact (absent), not a failed read.
    expect(logs?.origin).toMatchObject({ region: 'eu-west-1' });
    expect(logs?.properties['PublicAccessBlockConfiguration']).toBeUndefined();
    expect(logs?.properties['VersioningConfiguration']).toBeUndefined();
    expect(logs?.properties['LifecycleConfiguration']).toBeUndefined();
    expect(result.resources.filter((r) => r.type === 'AWS::S3::BucketPolicy').map((r) => r.id)).toEqual(['site']);
    expect(result.resources.find((r) => r.type === 'AWS::S3::BucketPolicy')?.properties['PolicyDocument']).toMatchObject({ Statement: [{ Principal: '*' }] });
    expect(result.resources.find((r) => r.type === 'AWS::S3::AccountPublicAccessBlock')?.properties).toEqual({
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
      Configured: false,
    });
    const dist = result.resources.find((r) => r.type === 'AWS::CloudFront::Distribution');
    expect(dist?.properties['DistributionConfig']).toEqual({ Enabled: true, Origins: [] });
    expect(result.resources.find((r) => r.type === 'AWS::CloudWatch::Alarm')).toMatchObject({
      id: 'billing',
      origin: { region: 'us-east-1' },
      properties: { Namespace: 'AWS/Billing' },
    });
  });

  it('asks for a bucket region only when ListBuckets does not say it, and sends per-bucket calls there', async () => {
    const seen: string[] = [];
    await collectAccount({
      source: live((s, o, r, i) => {
        if (s === 's3' && o !== 'ListBuckets') seen.push(`${o}:${String(i['Bucket'])}:${r}`);
        return account(s, o, r, i);
      }),
      services: ['s3'],
      regions: ['us-east-1'],
    });
    expect(seen.filter((x) => x.startsWith('GetBucketLocation'))).toEqual(['GetBucketLocation:site:us-east-1']);
    expect(seen).toContain('GetBucketPolicy:logs:eu-west-1');
    expect(seen).toContain('GetBucketPolicy:site:us-east-1');
  });

  it('AccessDenied on GetBucketPolicy makes PolicyDocument an Unknown naming the call (aws-sdk-client-mock)', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/a` });
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'b1' }] });
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-central-1' });
    s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const source = createLiveCallSource({
      clientFactory: (service, region) =>
        service === 'sts'
          ? new STSClient({ region, credentials })
          : service === 's3-control'
            ? new S3ControlClient({ region, credentials })
            : new S3Client({ region, credentials }),
    });
    const result = await collectAccount({ source, regions: ['eu-central-1'], services: ['s3'] });
    const policy = result.resources.find((r) => r.type === 'AWS::S3::BucketPolicy');
    expect(policy).toMatchObject({ id: 'b1', origin: { region: 'eu-central-1' } });
    expect(policy?.properties['PolicyDocument']).toEqual(new Unknown('s3:GetBucketPolicy failed: AccessDenied'));
    const accountBlock = result.resources.find((r) => r.type === 'AWS::S3::AccountPublicAccessBlock');
    expect(accountBlock?.properties['BlockPublicAcls']).toEqual(new Unknown('s3-control:GetPublicAccessBlock failed: AccessDenied'));
    // The mock answers other per-bucket calls with nothing; nothing there is defaulted to a failure either.
    expect(result.errors).toEqual([]);
  });

  it('a failed list call is an input error for its region, never an empty list silently', async () => {
    const result = await collectAccount({
      source: live((s, o, r, i) => {
        if (o === 'DescribeDBInstances' && r === 'eu-west-1') throw awsError('AccessDeniedException', 'not authorized to perform rds:DescribeDBInstances');
        return account(s, o, r, i);
      }),
      services: ['rds'],
    });
    expect(result.errors).toEqual([
      { file: `account ${ACCOUNT} region eu-west-1`, message: 'rds:DescribeDBInstances failed: AccessDeniedException: not authorized to perform rds:DescribeDBInstances' },
    ]);
  });

  it('reports an opt-in region that rejects the credentials, once, and still audits the others', async () => {
    const result = await collectAccount({
      source: live((s, o, r, i) => {
        if (r === 'ap-east-1') throw awsError('AuthFailure', 'AWS was not able to validate the provided access credentials');
        return account(s, o, r, i);
      }),
      regions: ['eu-west-1', 'ap-east-1'],
      services: ['ec2', 'rds', 'lambda'],
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.file).toBe(`account ${ACCOUNT} region ap-east-1`);
    expect(result.errors[0]?.message).toMatch(/region not enabled.*AuthFailure/);
    expect(result.resources.some((r) => r.type === 'AWS::EC2::SecurityGroup' && r.origin.kind === 'account' && r.origin.region === 'eu-west-1')).toBe(true);
  });

  it('an empty account gives no resources but the account-level block, and no errors', async () => {
    const result = await collectAccount({
      source: live((s, o) => (s === 'sts' ? { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` } : o === 'DescribeRegions' ? { Regions: [{ RegionName: 'us-east-1' }] } : {})),
    });
    expect(result.errors).toEqual([]);
    expect(result.resources.map((r) => r.type)).toEqual(['AWS::S3::AccountPublicAccessBlock']);
  });

  it('reports progress with a growing call count', async () => {
    const seen: number[] = [];
    await collectAccount({ source: live(account), services: ['ec2'], regions: ['eu-west-1'], onProgress: (p) => seen.push(p.callsDone) });
    expect(seen.length).toBeGreaterThan(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('snapshot round trip: saving and replaying gives identical resources without any live call', async () => {
    const first = await collectAccount({ source: live(account, 4) });
    const snap = buildSnapshot(first.account, first.calls);
    const parsed = parseSnapshot(JSON.stringify(snap), 'snap.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const replay = await collectAccount({ source: createSnapshotCallSource(parsed.snapshot) });
    expect(replay.resources).toEqual(first.resources);
    expect(replay.errors).toEqual(first.errors);
    expect(replay.account).toBe(ACCOUNT);
    // Paginated security groups were saved page by page.
    expect(snap.calls.filter((c) => c.operation === 'DescribeSecurityGroups' && c.region === 'eu-west-1')).toHaveLength(2);
    expect(JSON.stringify(snap)).not.toContain('$metadata');
  });

  it('a call missing from a snapshot is a failed read that surfaces as Unknown or an error', async () => {
    const snapshot = snapshotOf([
      ok('s3', 'ListBuckets', 'us-east-1', {}, { Buckets: [{ Name: 'b', BucketRegion: 'us-east-1' }] }),
      ok('s3', 'GetBucketVersioning', 'us-east-1', { Bucket: 'b' }, { Status: 'Enabled' }),
      fail('s3', 'GetBucketPolicy', 'us-east-1', { Bucket: 'b' }, 'NoSuchBucketPolicy'),
    ]);
    const result = await collectAccount({ source: createSnapshotCallSource(snapshot), regions: ['us-east-1'], services: ['s3', 'rds'] });
    const bucket = result.resources.find((r) => r.type === 'AWS::S3::Bucket');
    expect(bucket?.properties['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
    expect(bucket?.properties['PublicAccessBlockConfiguration']).toEqual(new Unknown('s3:GetPublicAccessBlock failed: NotInSnapshot'));
    expect(result.resources.some((r) => r.type === 'AWS::S3::BucketPolicy')).toBe(false);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^rds:DescribeDBClusters failed: NotInSnapshot/),
      expect.stringMatching(/^rds:DescribeDBInstances failed: NotInSnapshot/),
    ]);
  });

  it('falls back to the snapshot account when the snapshot has no GetCallerIdentity', async () => {
    const result = await collectAccount({
      source: createSnapshotCallSource({ format: 'stackaudit-snapshot/1', account: '999988887777', collectedAt: 'x', calls: [] }),
      regions: ['us-east-1'],
      services: ['lambda'],
    });
    expect(result.account).toBe('999988887777');
    expect(result.errors[0]?.message).toMatch(/sts:GetCallerIdentity failed: NotInSnapshot/);
  });
  it('live, without credentials, stops after the identity call with one error', async () => {
    let calls = 0;
    const result = await collectAccount({
      source: live(() => {
        calls++;
        throw awsError('CredentialsProviderError', 'Could not load credentials from any providers');
      }),
    });
    expect(calls).toBe(1);
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual([{ file: 'account unknown', message: 'sts:GetCallerIdentity failed: CredentialsProviderError: Could not load credentials from any providers' }]);
  });

  it('a service with no endpoint in a region is not an error; an unknown service id is', async () => {
    const result = await collectAccount({
      source: live((s, o, r, i) => {
        if (s === 'apprunner') throw awsError('Error', `getaddrinfo ENOTFOUND apprunner.${r}.amazonaws.com`);
        return account(s, o, r, i);
      }),
      regions: ['eu-north-1'],
      services: ['apprunner', 'nosuch'],
    });
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^unknown service "nosuch"/)]);
  });
  it('a snapshot saved for some regions replays those regions without DescribeRegions', async () => {
    const first = await collectAccount({ source: live(account), regions: ['eu-west-1'], services: ['ec2'] });
    const replay = await collectAccount({ source: createSnapshotCallSource(buildSnapshot(first.account, first.calls)), services: ['ec2'] });
    expect(replay.errors).toEqual([]);
    expect(replay.resources).toEqual(first.resources);
  });
});
