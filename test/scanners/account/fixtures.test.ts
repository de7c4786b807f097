import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { createSnapshotCallSource, readSnapshot } from '../../../src/scanners/account/snapshot.js';

const fixture = (name: string): string => resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/accounts', name);

describe('fixtures/accounts/001-etf-tracker.json (seed 001 as deployed by its guide)', () => {
  it('replays with no errors and maps the seed architecture', async () => {
    const read = await readSnapshot(fixture('001-etf-tracker.json'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const result = await collectAccount({ source: createSnapshotCallSource(read.snapshot) });
    expect(result.errors).toEqual([]);
    expect(result.account).toBe('111122223333');
    const get = (type: string) => result.resources.filter((r) => r.type === type);

    const [backend] = get('AWS::EC2::SecurityGroup').filter((g) => g.properties['GroupName'] === 'etf-portfolio-backend-sg');
    expect(backend?.properties['SecurityGroupIngress']).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.10/32', Description: 'SSH from your IP' },
      { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '0.0.0.0/0', Description: 'HTTP port 8000 from anywhere (temporary - will restrict to CloudFront later)' },
    ]);
    expect(get('AWS::EC2::Instance')[0]?.properties).toMatchObject({ InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'optional' }, SecurityGroupIds: [backend?.id] });
    expect(get('AWS::EC2::Volume')[0]?.properties).toMatchObject({ Encrypted: false, Size: 20 });
    expect(get('AWS::EC2::PrefixList')[0]?.properties['PrefixListName']).toBe('com.amazonaws.global.cloudfront.origin-facing');
    expect(get('AWS::EC2::VPCGatewayAttachment')).toHaveLength(1);

    const config = get('AWS::CloudFront::Distribution')[0]?.properties['DistributionConfig'] as Record<string, unknown>;
    expect(config['ViewerCertificate']).toEqual({ CloudFrontDefaultCertificate: true, SslSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1' });
    expect(config['DefaultRootObject']).toBe('index.html');
    expect(config['Logging']).toBeUndefined();
    expect(config['WebACLId']).toBeUndefined();
    expect(config['CacheBehaviors']).toMatchObject([{ PathPattern: '/api/*', DefaultTTL: 0, ForwardedValues: { Headers: ['Authorization', 'Content-Type', 'Accept', 'Origin'] } }]);
    expect(config['CustomErrorResponses']).toEqual([
      { ErrorCode: 404, ResponsePagePath: '/index.html', ResponseCode: 200, ErrorCachingMinTTL: 300 },
      { ErrorCode: 403, ResponsePagePath: '/index.html', ResponseCode: 200, ErrorCachingMinTTL: 300 },
    ]);

    const policy = get('AWS::S3::BucketPolicy')[0];
    expect(policy?.id).toBe('etf-portfolio-frontend-111122223333');
    expect(JSON.stringify(policy?.properties['PolicyDocument'])).toContain('CloudFront Origin Access Identity E2QWRUHAPOMQZL');
    const backups = get('AWS::S3::Bucket').find((b) => b.id === 'etf-portfolio-backups-111122223333');
    expect(backups?.properties['LifecycleConfiguration']).toEqual({ Rules: [{ Id: 'DeleteOldBackups', Status: 'Enabled', Prefix: '', ExpirationInDays: 30 }] });
    expect(get('AWS::S3::AccountPublicAccessBlock')[0]?.properties['Configured']).toBe(false);
    expect(get('AWS::CloudWatch::Alarm')[0]?.properties).toMatchObject({ Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', Threshold: 20 });
    expect(get('AWS::CloudFront::CloudFrontOriginAccessIdentity').map((r) => r.id)).toEqual(['E2QWRUHAPOMQZL']);
  });
});
