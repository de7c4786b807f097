import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { SnapshotCall } from '../../../src/scanners/account/calls.js';
import { distributionConfigToCfn } from '../../../src/scanners/account/cloudfront.js';
import { collectAccount } from '../../../src/scanners/account/collect.js';
import { accessControlFromGrants, lifecycleRuleToCfn, regionFromLocation } from '../../../src/scanners/account/s3.js';
import { createSnapshotCallSource } from '../../../src/scanners/account/snapshot.js';
import { ACCOUNT, fail, ok, snapshotOf } from './helpers.js';

const R = 'ap-south-1';

async function collect(services: string[], calls: SnapshotCall[]): Promise<{ resources: Resource[]; errors: unknown[] }> {
  return collectAccount({ source: createSnapshotCallSource(snapshotOf(calls)), regions: [R], services });
}

describe('CloudFront DistributionConfig → CloudFormation', () => {
  it('unwraps Quantity/Items, renames certificate keys, drops disabled logging and empty web ACL', () => {
    const cfn = distributionConfigToCfn({
      CallerReference: 'ref',
      Aliases: { Quantity: 1, Items: ['app.example.com'] },
      DefaultRootObject: 'index.html',
      Origins: {
        Quantity: 2,
        Items: [
          {
            Id: 's3',
            DomainName: 'b.s3.amazonaws.com',
            OriginPath: '',
            CustomHeaders: { Quantity: 0 },
            S3OriginConfig: { OriginAccessIdentity: '' },
            OriginAccessControlId: 'E2OAC',
          },
          {
            Id: 'api',
            DomainName: 'ec2.example.com',
            CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'X-Origin', HeaderValue: 'v' }] },
            CustomOriginConfig: {
              HTTPPort: 80,
              HTTPSPort: 443,
              OriginProtocolPolicy: 'http-only',
              OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] },
              OriginReadTimeout: 30,
              OriginKeepaliveTimeout: 5,
            },
          },
        ],
      },
      DefaultCacheBehavior: {
        TargetOriginId: 's3',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: { Quantity: 2, Items: ['GET', 'HEAD'], CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] } },
        TrustedSigners: { Enabled: false, Quantity: 0 },
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        Compress: true,
      },
      CacheBehaviors: {
        Quantity: 1,
        Items: [
          {
            PathPattern: '/api/*',
            TargetOriginId: 'api',
            ViewerProtocolPolicy: 'https-only',
            ForwardedValues: { QueryString: true, Cookies: { Forward: 'none' }, Headers: { Quantity: 1, Items: ['Authorization'] } },
            MinTTL: 0,
            DefaultTTL: 0,
            MaxTTL: 0,
          },
        ],
      },
      CustomErrorResponses: { Quantity: 1, Items: [{ ErrorCode: 403, ResponsePagePath: '/index.html', ResponseCode: '200', ErrorCachingMinTTL: 10 }] },
      Comment: '',
      Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
      PriceClass: 'PriceClass_100',
      Enabled: true,
      ViewerCertificate: { CloudFrontDefaultCertificate: true, SSLSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1.2_2021', CertificateSource: 'cloudfront' },
      Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
      WebACLId: '',
      HttpVersion: 'http2',
      IsIPV6Enabled: true,
    });
    expect(cfn).toEqual({
      Enabled: true,
      Aliases: ['app.example.com'],
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2',
      IPV6Enabled: true,
      PriceClass: 'PriceClass_100',
      Origins: [
        { Id: 's3', DomainName: 'b.s3.amazonaws.com', OriginAccessControlId: 'E2OAC', S3OriginConfig: { OriginAccessIdentity: '' } },
        {
          Id: 'api',
          DomainName: 'ec2.example.com',
          OriginCustomHeaders: [{ HeaderName: 'X-Origin', HeaderValue: 'v' }],
          CustomOriginConfig: {
            HTTPPort: 80,
            HTTPSPort: 443,
            OriginProtocolPolicy: 'http-only',
            OriginSSLProtocols: ['TLSv1.2'],
            OriginReadTimeout: 30,
            OriginKeepaliveTimeout: 5,
          },
        },
      ],
      DefaultCacheBehavior: {
        TargetOriginId: 's3',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        CachedMethods: ['GET', 'HEAD'],
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        Compress: true,
      },
      CacheBehaviors: [
        {
          PathPattern: '/api/*',
          TargetOriginId: 'api',
          ViewerProtocolPolicy: 'https-only',
          ForwardedValues: { QueryString: true, Cookies: { Forward: 'none' }, Headers: ['Authorization'] },
          MinTTL: 0,
          DefaultTTL: 0,
          MaxTTL: 0,
        },
      ],
      CustomErrorResponses: [{ ErrorCode: 403, ResponsePagePath: '/index.html', ResponseCode: 200, ErrorCachingMinTTL: 10 }],
      ViewerCertificate: { CloudFrontDefaultCertificate: true, SslSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1.2_2021' },
      Restrictions: { GeoRestriction: { RestrictionType: 'none' } },
    });
  });

  it('keeps enabled logging and a web ACL', () => {
    const cfn = distributionConfigToCfn({
      Logging: { Enabled: true, Bucket: 'logs.s3.amazonaws.com', Prefix: 'cf/', IncludeCookies: false },
      WebACLId: 'arn:aws:wafv2:us-east-1:1:global/webacl/x/y',
    });
    expect(cfn).toEqual({
      Logging: { Bucket: 'logs.s3.amazonaws.com', Prefix: 'cf/', IncludeCookies: false },
      WebACLId: 'arn:aws:wafv2:us-east-1:1:global/webacl/x/y',
      Origins: [],
    });
  });
});

describe('S3 helpers', () => {
  it('reads GetBucketLocation quirks', () => {
    expect(regionFromLocation(undefined)).toBe('us-east-1');
    expect(regionFromLocation('')).toBe('us-east-1');
    expect(regionFromLocation('EU')).toBe('eu-west-1');
    expect(regionFromLocation('ap-south-1')).toBe('ap-south-1');
  });

  it('derives the canned ACL from grants', () => {
    const group = (g: string, Permission: string) => ({ Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${g}` }, Permission });
    expect(accessControlFromGrants([group('AllUsers', 'READ')])).toBe('PublicRead');
    expect(accessControlFromGrants([group('AllUsers', 'READ'), group('AllUsers', 'WRITE')])).toBe('PublicReadWrite');
    expect(accessControlFromGrants([group('AuthenticatedUsers', 'READ')])).toBe('AuthenticatedRead');
    expect(accessControlFromGrants([{ Grantee: { Type: 'CanonicalUser', ID: 'x' }, Permission: 'FULL_CONTROL' }])).toBeUndefined();
  });

  it('writes lifecycle rules as CloudFormation does', () => {
    expect(
      lifecycleRuleToCfn({
        ID: 'backups',
        Status: 'Enabled',
        Filter: { Prefix: 'backups/' },
        Expiration: { Days: 30 },
        NoncurrentVersionTransitions: [{ NoncurrentDays: 90, StorageClass: 'GLACIER' }],
        NoncurrentVersionExpiration: { NoncurrentDays: 365 },
      }),
    ).toEqual({
      Id: 'backups',
      Status: 'Enabled',
      Prefix: 'backups/',
      ExpirationInDays: 30,
      NoncurrentVersionTransitions: [{ TransitionInDays: 90, StorageClass: 'GLACIER' }],
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
    });
  });

  it('an unreadable bucket region leaves every property unknown, naming GetBucketLocation', async () => {
    const { resources } = await collectAccount({
      source: createSnapshotCallSource(
        snapshotOf([ok('s3', 'ListBuckets', 'us-east-1', {}, { Buckets: [{ Name: 'x' }] }), fail('s3', 'GetBucketLocation', 'us-east-1', { Bucket: 'x' }, 'AccessDenied')]),
      ),
      regions: [R],
      services: ['s3'],
    });
    const bucket = resources.find((r) => r.type === 'AWS::S3::Bucket');
    expect(bucket?.properties['VersioningConfiguration']).toEqual(new Unknown('s3:GetBucketLocation failed: AccessDenied'));
    expect(resources.find((r) => r.type === 'AWS::S3::BucketPolicy')?.properties['PolicyDocument']).toBeInstanceOf(Unknown);
  });
});

describe('regional collectors', () => {
  it('ELBv2: load balancers, listeners per balancer, target groups with targets', async () => {
    const lb = `arn:aws:elasticloadbalancing:${R}:${ACCOUNT}:loadbalancer/app/web/1`;
    const tg = `arn:aws:elasticloadbalancing:${R}:${ACCOUNT}:targetgroup/web/2`;
    const { resources } = await collect(
      ['elbv2'],
      [
        ok(
          'elastic-load-balancing-v2',
          'DescribeLoadBalancers',
          R,
          {},
          {
            LoadBalancers: [
              {
                LoadBalancerArn: lb,
                LoadBalancerName: 'web',
                Type: 'application',
                Scheme: 'internet-facing',
                SecurityGroups: ['sg-lb'],
                AvailabilityZones: [{ ZoneName: 'a', SubnetId: 'subnet-a' }],
              },
            ],
          },
        ),
        ok(
          'elastic-load-balancing-v2',
          'DescribeListeners',
          R,
          { LoadBalancerArn: lb },
          {
            Listeners: [
              {
                ListenerArn: `${lb}/l1`,
                LoadBalancerArn: lb,
                Port: 80,
                Protocol: 'HTTP',
                DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
              },
            ],
          },
        ),
        ok('elastic-load-balancing-v2', 'DescribeTargetGroups', R, {}, { TargetGroups: [{ TargetGroupArn: tg, TargetType: 'ip', LoadBalancerArns: [lb] }] }),
        ok(
          'elastic-load-balancing-v2',
          'DescribeTargetHealth',
          R,
          { TargetGroupArn: tg },
          { TargetHealthDescriptions: [{ Target: { Id: '10.0.1.5', Port: 3000 }, TargetHealth: { State: 'healthy' } }] },
        ),
      ],
    );
    expect(resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')?.properties).toMatchObject({
      Type: 'application',
      Scheme: 'internet-facing',
      SecurityGroups: ['sg-lb'],
      Subnets: ['subnet-a'],
    });
    expect(resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::Listener')?.properties).toMatchObject({
      LoadBalancerArn: lb,
      Port: 80,
      DefaultActions: [{ Type: 'redirect' }],
    });
    expect(resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::TargetGroup')?.properties).toMatchObject({ TargetType: 'ip', Targets: [{ Id: '10.0.1.5', Port: 3000 }] });
  });

  it('Classic ELB from one list call', async () => {
    const { resources } = await collect(
      ['elb'],
      [
        ok(
          'elastic-load-balancing',
          'DescribeLoadBalancers',
          R,
          {},
          {
            LoadBalancerDescriptions: [
              {
                LoadBalancerName: 'old',
                Scheme: 'internet-facing',
                SecurityGroups: ['sg-1'],
                Instances: [{ InstanceId: 'i-1' }],
                ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 5002 }, PolicyNames: [] }],
              },
            ],
          },
        ),
      ],
    );
    expect(resources[0]).toMatchObject({
      type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      id: 'old',
      properties: { Instances: ['i-1'], Listeners: [{ LoadBalancerPort: '80', InstancePort: '5002', Protocol: 'HTTP', InstanceProtocol: 'HTTP' }] },
    });
  });

  it('ECS: services in batches of 10 and the task definitions they run, PascalCase', async () => {
    const cluster = `arn:aws:ecs:${R}:${ACCOUNT}:cluster/c`;
    const services = Array.from({ length: 12 }, (_, i) => `arn:aws:ecs:${R}:${ACCOUNT}:service/c/s${i}`);
    const td = `arn:aws:ecs:${R}:${ACCOUNT}:task-definition/api:3`;
    const describe = (arns: string[]) => ({
      services: arns.map((a) => ({
        serviceArn: a,
        serviceName: a.split('/').pop(),
        clusterArn: cluster,
        launchType: 'FARGATE',
        desiredCount: 2,
        taskDefinition: td,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-task'], assignPublicIp: 'DISABLED' } },
        loadBalancers: [{ targetGroupArn: 'tg', containerName: 'api', containerPort: 3000 }],
      })),
    });
    const { resources, errors } = await collect(
      ['ecs'],
      [
        ok('ecs', 'ListClusters', R, {}, { clusterArns: [cluster] }),
        ok('ecs', 'ListServices', R, { cluster }, { serviceArns: services }),
        ok('ecs', 'DescribeServices', R, { cluster, services: services.slice(0, 10), include: ['TAGS'] }, describe(services.slice(0, 10))),
        ok('ecs', 'DescribeServices', R, { cluster, services: services.slice(10), include: ['TAGS'] }, describe(services.slice(10))),
        ok(
          'ecs',
          'DescribeTaskDefinition',
          R,
          { taskDefinition: td, include: ['TAGS'] },
          {
            taskDefinition: {
              taskDefinitionArn: td,
              family: 'api',
              cpu: '256',
              memory: '512',
              requiresCompatibilities: ['FARGATE'],
              runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
              containerDefinitions: [
                {
                  name: 'api',
                  environment: [{ name: 'DB_PASSWORD', value: 'placeholder' }],
                  secrets: [{ name: 'TOKEN', valueFrom: 'arn:secret' }],
                  logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/api' } },
                },
              ],
            },
            tags: [{ key: 'Environment', value: 'prod' }],
          },
        ),
      ],
    );
    expect(errors).toEqual([]);
    const svc = resources.filter((r) => r.type === 'AWS::ECS::Service');
    expect(svc).toHaveLength(12);
    expect(svc[0]?.properties).toMatchObject({
      LaunchType: 'FARGATE',
      TaskDefinition: td,
      NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: ['sg-task'], Subnets: ['subnet-a'], AssignPublicIp: 'DISABLED' } },
      LoadBalancers: [{ TargetGroupArn: 'tg', ContainerName: 'api', ContainerPort: 3000 }],
    });
    const task = resources.find((r) => r.type === 'AWS::ECS::TaskDefinition');
    expect(task?.properties).toMatchObject({
      Cpu: '256',
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [
        {
          Name: 'api',
          Environment: [{ Name: 'DB_PASSWORD', Value: 'placeholder' }],
          Secrets: [{ Name: 'TOKEN', ValueFrom: 'arn:secret' }],
          LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/api' } },
        },
      ],
      Tags: [{ Key: 'Environment', Value: 'prod' }],
    });
  });

  it('App Runner: environment maps become KeyValuePair lists', async () => {
    const arn = `arn:aws:apprunner:${R}:${ACCOUNT}:service/api/1`;
    const { resources } = await collect(
      ['apprunner'],
      [
        ok('apprunner', 'ListServices', R, {}, { ServiceSummaryList: [{ ServiceArn: arn, ServiceName: 'api' }] }),
        ok(
          'apprunner',
          'DescribeService',
          R,
          { ServiceArn: arn },
          {
            Service: {
              ServiceArn: arn,
              ServiceName: 'api',
              SourceConfiguration: {
                ImageRepository: {
                  ImageIdentifier: 'x',
                  ImageRepositoryType: 'ECR',
                  ImageConfiguration: { Port: '3000', RuntimeEnvironmentVariables: { NODE_ENV: 'production' }, RuntimeEnvironmentSecrets: { DB_URL: 'arn:aws:secretsmanager:x' } },
                },
              },
              InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
              NetworkConfiguration: { EgressConfiguration: { EgressType: 'DEFAULT' } },
            },
          },
        ),
      ],
    );
    expect(resources[0]?.properties).toMatchObject({
      SourceConfiguration: {
        ImageRepository: {
          ImageConfiguration: {
            Port: '3000',
            RuntimeEnvironmentVariables: [{ Name: 'NODE_ENV', Value: 'production' }],
            RuntimeEnvironmentSecrets: [{ Name: 'DB_URL', Value: 'arn:aws:secretsmanager:x' }],
          },
        },
      },
      InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
    });
  });

  it('logs, ECR (lifecycle present, absent, unreadable), secrets rotation, ElastiCache, Lambda', async () => {
    const { resources } = await collect(
      ['logs', 'ecr', 'secrets', 'elasticache', 'lambda'],
      [
        ok(
          'cloudwatch-logs',
          'DescribeLogGroups',
          R,
          {},
          {
            logGroups: [
              { logGroupName: '/app', arn: `arn:aws:logs:${R}:${ACCOUNT}:log-group:/app:*` },
              { logGroupName: '/kept', retentionInDays: 30 },
            ],
          },
        ),
        ok(
          'ecr',
          'DescribeRepositories',
          R,
          {},
          {
            repositories: [
              { repositoryName: 'a', registryId: ACCOUNT, imageScanningConfiguration: { scanOnPush: true } },
              { repositoryName: 'b', registryId: ACCOUNT, imageScanningConfiguration: { scanOnPush: false } },
              { repositoryName: 'c', registryId: ACCOUNT },
            ],
          },
        ),
        ok('ecr', 'GetLifecyclePolicy', R, { repositoryName: 'a', registryId: ACCOUNT }, { lifecyclePolicyText: '{"rules":[]}', registryId: ACCOUNT }),
        fail('ecr', 'GetLifecyclePolicy', R, { repositoryName: 'b', registryId: ACCOUNT }, 'LifecyclePolicyNotFoundException'),
        fail('ecr', 'GetLifecyclePolicy', R, { repositoryName: 'c', registryId: ACCOUNT }, 'AccessDeniedException'),
        ok(
          'secrets-manager',
          'ListSecrets',
          R,
          {},
          {
            SecretList: [
              { ARN: 'arn:s:1', Name: 'db', RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, RotationLambdaARN: 'arn:l' },
              { ARN: 'arn:s:2', Name: 'api' },
            ],
          },
        ),
        ok(
          'elasticache',
          'DescribeReplicationGroups',
          R,
          {},
          {
            ReplicationGroups: [
              { ReplicationGroupId: 'rg', MemberClusters: ['rg-001', 'rg-002'], AtRestEncryptionEnabled: true, TransitEncryptionEnabled: false, CacheNodeType: 'cache.t4g.micro' },
            ],
          },
        ),
        ok(
          'elasticache',
          'DescribeCacheClusters',
          R,
          {},
          {
            CacheClusters: [
              { CacheClusterId: 'rg-001', ReplicationGroupId: 'rg', SecurityGroups: [{ SecurityGroupId: 'sg-cache', Status: 'active' }], CacheSubnetGroupName: 'csg' },
              { CacheClusterId: 'rg-002', ReplicationGroupId: 'rg', SecurityGroups: [{ SecurityGroupId: 'sg-cache', Status: 'active' }], CacheSubnetGroupName: 'csg' },
            ],
          },
        ),
        ok(
          'lambda',
          'ListFunctions',
          R,
          {},
          {
            Functions: [
              { FunctionName: 'f', FunctionArn: 'arn:f', Runtime: 'nodejs20.x', Environment: { Variables: { API_KEY: 'placeholder' } } },
              { FunctionName: 'g', Environment: { Error: { ErrorCode: 'AccessDeniedException' } } },
            ],
          },
        ),
      ],
    );
    const get = (type: string, id: string) => resources.find((r) => r.type === type && r.id === id);
    expect(get('AWS::Logs::LogGroup', '/app')).toMatchObject({ arn: `arn:aws:logs:${R}:${ACCOUNT}:log-group:/app`, properties: { LogGroupName: '/app' } });
    expect(get('AWS::Logs::LogGroup', '/app')?.properties['RetentionInDays']).toBeUndefined();
    expect(get('AWS::Logs::LogGroup', '/kept')?.properties['RetentionInDays']).toBe(30);
    expect(get('AWS::ECR::Repository', 'a')?.properties).toMatchObject({
      ImageScanningConfiguration: { ScanOnPush: true },
      LifecyclePolicy: { LifecyclePolicyText: '{"rules":[]}' },
    });
    expect(get('AWS::ECR::Repository', 'b')?.properties['LifecyclePolicy']).toBeUndefined();
    expect(get('AWS::ECR::Repository', 'c')?.properties['LifecyclePolicy']).toEqual(new Unknown('ecr:GetLifecyclePolicy failed: AccessDeniedException'));
    expect(get('AWS::SecretsManager::Secret', 'arn:s:1')?.properties).toMatchObject({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect(get('AWS::SecretsManager::Secret', 'arn:s:2')?.properties['RotationEnabled']).toBe(false);
    expect(resources.filter((r) => r.type === 'AWS::SecretsManager::RotationSchedule').map((r) => r.properties['SecretId'])).toEqual(['arn:s:1']);
    expect(get('AWS::ElastiCache::ReplicationGroup', 'rg')?.properties).toMatchObject({
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: false,
      SecurityGroupIds: ['sg-cache'],
      NumCacheClusters: 2,
      CacheSubnetGroupName: 'csg',
    });
    expect(resources.some((r) => r.type === 'AWS::ElastiCache::CacheCluster')).toBe(false);
    expect(get('AWS::Lambda::Function', 'f')?.properties['Environment']).toEqual({ Variables: { API_KEY: 'placeholder' } });
    expect((get('AWS::Lambda::Function', 'g')?.properties['Environment'] as Record<string, unknown>)['Variables']).toBeInstanceOf(Unknown);
  });
});
