import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { createSnapshotCallSource } from '../../../src/scanners/account/snapshot.js';
import { CLOUDSPLOIT_CORPUS, cloudsploitCase, cloudsploitToCalls, snapshotOf } from './helpers.js';

// CloudSploit's recorded API responses (v2 data, same member names as v3) replayed through our collectors.
async function replay(plugin: string, caseName: string, services: string[]): Promise<Resource[]> {
  const calls = cloudsploitToCalls(cloudsploitCase(plugin, caseName));
  const result = await collectAccount({ source: createSnapshotCallSource(snapshotOf(calls)), regions: ['us-east-1'], services });
  return result.resources;
}

const ofType = (resources: readonly Resource[], type: string): Resource[] => resources.filter((r) => r.type === type);

// Skipped, not failed, without ../shared beside the checkout (CI always has it).
describe.skipIf(!existsSync(CLOUDSPLOIT_CORPUS))('CloudSploit recorded responses', () => {
  it('security group: one CloudFormation rule per source, group references keep their owner', async () => {
    const [sg] = ofType(await replay('openSSH', 'should FAIL if security group has SSH TCP port open to public', ['ec2']), 'AWS::EC2::SecurityGroup');
    expect(sg?.id).toBe('sg-02e2c70cd463dca29');
    expect(sg?.properties['SecurityGroupIngress']).toEqual([
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, SourceSecurityGroupId: 'sg-02e2c70cd463dca29', SourceSecurityGroupOwnerId: '111122223333' },
      { IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, CidrIp: '72.21.196.64/29' },
    ]);
    // All traffic: no ports, as CloudFormation writes it.
    expect(sg?.properties['SecurityGroupEgress']).toEqual([{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }]);
  });

  it('security group: IPv4 and IPv6 all-ports sources become separate rules', async () => {
    const groups = ofType(
      await replay('openAllPortsProtocols', 'should FAIL if security group has all ports open to 0.0.0.0/0 and all ports open to ::/0', ['ec2']),
      'AWS::EC2::SecurityGroup',
    );
    const rules = groups.flatMap((g) => g.properties['SecurityGroupIngress'] as Record<string, unknown>[]);
    expect(rules.some((r) => r['CidrIp'] === '0.0.0.0/0' && r['CidrIpv6'] === undefined)).toBe(true);
    expect(rules.some((r) => r['CidrIpv6'] === '::/0' && r['CidrIp'] === undefined)).toBe(true);
    for (const r of rules) expect(['CidrIp', 'CidrIpv6', 'SourceSecurityGroupId', 'SourcePrefixListId'].filter((k) => k in r)).toHaveLength(1);
  });

  it('security groups that could not be described are an input error, not an empty region', async () => {
    const calls = cloudsploitToCalls(cloudsploitCase('openSSH', 'should UNKNWON unable to describe security groups'));
    const result = await collectAccount({ source: createSnapshotCallSource(snapshotOf(calls)), regions: ['us-east-1'], services: ['ec2'] });
    expect(result.errors.some((e) => e.message.startsWith('ec2:DescribeSecurityGroups failed'))).toBe(true);
  });

  it('S3 ACL: AllUsers WRITE is PublicReadWrite, AllUsers READ is PublicRead, raw grants kept', async () => {
    const write = ofType(await replay('bucketAllUsersAcl', 'should FAIL if S3 bucket allows any of the global write permissions', ['s3']), 'AWS::S3::Bucket');
    expect(write[0]?.properties['AccessControl']).toBe('PublicReadWrite');
    expect(write[0]?.properties['AclGrants']).toHaveLength(2);
    const read = ofType(await replay('bucketAllUsersAcl', 'should WARN if S3 bucket allows any of the global read permissions', ['s3']), 'AWS::S3::Bucket');
    expect(read[0]?.properties['AccessControl']).toBe('PublicRead');
    const none = ofType(await replay('bucketAllUsersAcl', 'should PASS if S3 bucket does not allow global permissions', ['s3']), 'AWS::S3::Bucket');
    expect(none[0]?.properties['AccessControl']).toBeUndefined();
    expect(Array.isArray(none[0]?.properties['AclGrants'])).toBe(true);
  });

  it('S3 policy: parsed into a PolicyDocument object on its own BucketPolicy resource', async () => {
    const resources = await replay('bucketAllUsersPolicy', 'should FAIL if S3 bucket policy contains insecure allow statements', ['s3']);
    const [policy] = ofType(resources, 'AWS::S3::BucketPolicy');
    const [bucket] = ofType(resources, 'AWS::S3::Bucket');
    expect(policy?.properties['Bucket']).toBe(bucket?.id);
    expect(policy?.properties['PolicyDocument']).toMatchObject({ Statement: expect.arrayContaining([expect.objectContaining({ Effect: 'Allow' })]) });
    // This case recorded no other per-bucket call: each is unknown, never defaulted.
    expect(bucket?.properties['VersioningConfiguration']).toEqual(new Unknown('s3:GetBucketVersioning failed: NotInSnapshot'));
  });

  it('S3 public access block: partial, missing (a fact) and failed (unknown)', async () => {
    const partial = ofType(await replay('bucketPublicAccessBlock', 'should FAIL if public access block is partially configured', ['s3']), 'AWS::S3::Bucket');
    const flags = partial[0]?.properties['PublicAccessBlockConfiguration'] as Record<string, unknown>;
    expect(Object.keys(flags).sort()).toEqual(['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']);
    expect(Object.values(flags).some((v) => v === false)).toBe(true);
    const missing = ofType(await replay('bucketPublicAccessBlock', 'should FAIL if public access block not found [run 1]', ['s3']), 'AWS::S3::Bucket');
    expect(missing[0]).toBeDefined();
    expect(missing[0]?.properties['PublicAccessBlockConfiguration']).toBeUndefined();
    const failed = ofType(await replay('bucketPublicAccessBlock', 'should UNKNOWN if error getting public access block', ['s3']), 'AWS::S3::Bucket');
    expect(failed[0]?.properties['PublicAccessBlockConfiguration']).toBeInstanceOf(Unknown);
  });

  it('RDS: publicly accessible instance keeps the fact and its groups', async () => {
    const [db] = ofType(await replay('rdsPubliclyAccessible', 'should FAIL if RDS instance is publicly accessible', ['rds']), 'AWS::RDS::DBInstance');
    expect(db?.properties['PubliclyAccessible']).toBe(true);
    expect(db?.arn).toMatch(/^arn:aws:rds:/);
    expect(Array.isArray(db?.properties['VPCSecurityGroups'])).toBe(true);
  });

  it('CloudFront: default certificate and S3 origin without OAI in CloudFormation shape', async () => {
    const [tls] = ofType(
      await replay('insecureProtocols', 'should FAIL if Distribution is using the insecure default CloudFront TLS certificate', ['cloudfront']),
      'AWS::CloudFront::Distribution',
    );
    const config = tls?.properties['DistributionConfig'] as Record<string, unknown>;
    expect(config['ViewerCertificate']).toEqual({ CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' });
    // Logging is not in the summary, and this case recorded no GetDistributionConfig.
    expect(config['Logging']).toEqual(new Unknown('cloudfront:GetDistributionConfig failed: NotInSnapshot'));
    const [origin] = ofType(
      await replay('publicS3Origin', 'should FAIL if CloudFront CloudFront distribution is using an S3 origin without an origin access identity', ['cloudfront']),
      'AWS::CloudFront::Distribution',
    );
    const origins = (origin?.properties['DistributionConfig'] as Record<string, unknown>)['Origins'];
    expect(origins).toEqual([{ Id: 'S3-cdn-oai/data', DomainName: 'cdn-oai.s3.amazonaws.com', OriginPath: '/data', S3OriginConfig: {} }]);
  });

  it('CloudFront: viewer protocol of the default behavior passes through as recorded', async () => {
    const name = 'should FAIL if CloudFront distribution is not configured to use HTTPS';
    const recorded = (
      cloudsploitCase('cloudfrontHttpsOnly', name).api['CloudFront:listDistributions']?.['us-east-1'] as { data: { DefaultCacheBehavior: { ViewerProtocolPolicy: string } }[] }
    ).data[0];
    const [d] = ofType(await replay('cloudfrontHttpsOnly', name, ['cloudfront']), 'AWS::CloudFront::Distribution');
    expect(recorded?.DefaultCacheBehavior.ViewerProtocolPolicy).not.toMatch(/https-only|redirect-to-https/);
    expect((d?.properties['DistributionConfig'] as Record<string, Record<string, unknown>>)['DefaultCacheBehavior']?.['ViewerProtocolPolicy']).toBe(
      recorded?.DefaultCacheBehavior.ViewerProtocolPolicy,
    );
  });
});
