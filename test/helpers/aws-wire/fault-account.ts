// A small account in us-east-1, in the SDK v3 output shapes, built so that each control the
// fault matrix watches has a clear verdict when every read succeeds:
// - OBS-002 passes (a billing alarm that notifies);
// - NET-005 fails on i-web (an ALB target group sends to it, and its group admits 0.0.0.0/0 on 8080);
// - NET-006 fails on sg-db (the database's group keeps all-traffic egress);
// - DR-001 is decided for the database (automated backups) and asks about the host;
// - S3-006 fails on the bucket (no policy), S3-001 passes (all four flags on);
// - CF-008 fails on the distribution (no logging);
// - SEC-001 fails on the task definition and the function (literal secrets in their environment).

import type { SnapshotCall } from '../../../src/scanners/account/calls.js';
import type { Snapshot } from '../../../src/scanners/account/snapshot.js';

export const FAULT_ACCOUNT = '111122223333';
export const R = 'us-east-1';
const A = FAULT_ACCOUNT;

export const IDS = {
  instance: 'i-0aaaaaaaaaaaaaaa1',
  webGroup: 'sg-0web000000000001',
  albGroup: 'sg-0alb000000000001',
  dbGroup: 'sg-0db0000000000001',
  db: 'orders-db',
  alb: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/orders/0123456789abcdef`,
  targetGroup: `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/orders-web/0123456789abcdef`,
  bucket: 'orders-assets-111122223333',
  distribution: 'E1ORDERSDIST01',
  taskDefinition: `arn:aws:ecs:${R}:${A}:task-definition/orders-worker:3`,
  cluster: `arn:aws:ecs:${R}:${A}:cluster/orders`,
  service: `arn:aws:ecs:${R}:${A}:service/orders/worker`,
  function: 'orders-notifier',
} as const;

const ok = (service: string, operation: string, input: Record<string, unknown>, output: Record<string, unknown>, region = R): SnapshotCall => ({
  service,
  operation,
  region,
  input,
  output,
});
const err = (service: string, operation: string, input: Record<string, unknown>, name: string, message: string, region = R): SnapshotCall => ({
  service,
  operation,
  region,
  input,
  error: { name, message },
});

const rule = (protocol: string, from: number | undefined, to: number | undefined, cidr?: string, group?: string): Record<string, unknown> => ({
  IpProtocol: protocol,
  ...(from !== undefined ? { FromPort: from, ToPort: to } : {}),
  IpRanges: cidr ? [{ CidrIp: cidr }] : [],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: group ? [{ GroupId: group, UserId: A }] : [],
});

const calls: SnapshotCall[] = [
  ok('sts', 'GetCallerIdentity', {}, { Account: A, Arn: `arn:aws:iam::${A}:user/auditor`, UserId: 'AIDAEXAMPLE' }),
  ok('ec2', 'DescribeRegions', { AllRegions: false }, { Regions: [{ RegionName: R, Endpoint: `ec2.${R}.amazonaws.com`, OptInStatus: 'opt-in-not-required' }] }),
  ok(
    'ec2',
    'DescribeSecurityGroups',
    { MaxResults: 1000 },
    {
      SecurityGroups: [
        {
          GroupId: IDS.albGroup,
          GroupName: 'orders-alb',
          Description: 'alb',
          VpcId: 'vpc-0orders',
          OwnerId: A,
          IpPermissions: [rule('tcp', 443, 443, '0.0.0.0/0')],
          IpPermissionsEgress: [rule('-1', undefined, undefined, '0.0.0.0/0')],
        },
        {
          GroupId: IDS.webGroup,
          GroupName: 'orders-web',
          Description: 'web',
          VpcId: 'vpc-0orders',
          OwnerId: A,
          IpPermissions: [rule('tcp', 8080, 8080, '0.0.0.0/0')],
          IpPermissionsEgress: [rule('-1', undefined, undefined, '0.0.0.0/0')],
        },
        {
          GroupId: IDS.dbGroup,
          GroupName: 'orders-db',
          Description: 'db',
          VpcId: 'vpc-0orders',
          OwnerId: A,
          IpPermissions: [rule('tcp', 5432, 5432, undefined, IDS.webGroup)],
          IpPermissionsEgress: [rule('-1', undefined, undefined, '0.0.0.0/0')],
        },
      ],
    },
  ),
  ok('ec2', 'DescribeManagedPrefixLists', { MaxResults: 100 }, { PrefixLists: [] }),
  ok('ec2', 'DescribeVpcs', { MaxResults: 1000 }, { Vpcs: [{ VpcId: 'vpc-0orders', CidrBlock: '10.0.0.0/16', IsDefault: false, State: 'available' }] }),
  ok(
    'ec2',
    'DescribeSubnets',
    { MaxResults: 1000 },
    {
      Subnets: [
        { SubnetId: 'subnet-0pub1', VpcId: 'vpc-0orders', CidrBlock: '10.0.0.0/24', AvailabilityZone: 'us-east-1a', MapPublicIpOnLaunch: true },
        { SubnetId: 'subnet-0priv1', VpcId: 'vpc-0orders', CidrBlock: '10.0.10.0/24', AvailabilityZone: 'us-east-1a', MapPublicIpOnLaunch: false },
        { SubnetId: 'subnet-0priv2', VpcId: 'vpc-0orders', CidrBlock: '10.0.11.0/24', AvailabilityZone: 'us-east-1b', MapPublicIpOnLaunch: false },
      ],
    },
  ),
  ok(
    'ec2',
    'DescribeRouteTables',
    { MaxResults: 100 },
    {
      RouteTables: [
        {
          RouteTableId: 'rtb-0public',
          VpcId: 'vpc-0orders',
          Routes: [
            { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
            { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0orders', State: 'active' },
          ],
          Associations: [{ RouteTableAssociationId: 'rtbassoc-0pub1', SubnetId: 'subnet-0pub1', Main: false }],
        },
        {
          RouteTableId: 'rtb-0main',
          VpcId: 'vpc-0orders',
          Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }],
          Associations: [{ RouteTableAssociationId: 'rtbassoc-0main', Main: true }],
        },
      ],
    },
  ),
  ok(
    'ec2',
    'DescribeInternetGateways',
    { MaxResults: 1000 },
    { InternetGateways: [{ InternetGatewayId: 'igw-0orders', Attachments: [{ VpcId: 'vpc-0orders', State: 'available' }] }] },
  ),
  ok('ec2', 'DescribeNatGateways', { MaxResults: 1000 }, { NatGateways: [] }),
  ok(
    'ec2',
    'DescribeInstances',
    { MaxResults: 1000 },
    {
      Reservations: [
        {
          ReservationId: 'r-0orders',
          Instances: [
            {
              InstanceId: IDS.instance,
              InstanceType: 't4g.small',
              ImageId: 'ami-0orders',
              State: { Name: 'running', Code: 16 },
              SubnetId: 'subnet-0priv1',
              VpcId: 'vpc-0orders',
              Placement: { AvailabilityZone: 'us-east-1a' },
              SecurityGroups: [{ GroupId: IDS.webGroup, GroupName: 'orders-web' }],
              MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', State: 'applied' },
              NetworkInterfaces: [
                {
                  NetworkInterfaceId: 'eni-0web',
                  SubnetId: 'subnet-0priv1',
                  PrivateIpAddress: '10.0.10.5',
                  Groups: [{ GroupId: IDS.webGroup, GroupName: 'orders-web' }],
                  Attachment: { DeviceIndex: 0 },
                },
              ],
              BlockDeviceMappings: [],
              PrivateIpAddress: '10.0.10.5',
              Tags: [{ Key: 'Environment', Value: 'production' }],
            },
          ],
        },
      ],
    },
  ),
  ok('ec2', 'DescribeLaunchTemplateVersions', { Versions: ['$Default'], MaxResults: 200 }, { LaunchTemplateVersions: [] }),
  ok('ec2', 'DescribeVolumes', { MaxResults: 500 }, { Volumes: [] }),
  ok('ec2', 'DescribeAddresses', {}, { Addresses: [] }),
  ok(
    'rds',
    'DescribeDBInstances',
    { MaxRecords: 100 },
    {
      DBInstances: [
        {
          DBInstanceIdentifier: IDS.db,
          DBInstanceArn: `arn:aws:rds:${R}:${A}:db:${IDS.db}`,
          DBInstanceClass: 'db.t4g.medium',
          Engine: 'postgres',
          EngineVersion: '16.4',
          DBInstanceStatus: 'available',
          PubliclyAccessible: false,
          MultiAZ: true,
          StorageEncrypted: true,
          BackupRetentionPeriod: 7,
          AutoMinorVersionUpgrade: true,
          DeletionProtection: true,
          AllocatedStorage: 50,
          StorageType: 'gp3',
          Endpoint: { Address: `${IDS.db}.example.us-east-1.rds.amazonaws.com`, Port: 5432 },
          DBSubnetGroup: {
            DBSubnetGroupName: 'orders-db',
            DBSubnetGroupDescription: 'db',
            VpcId: 'vpc-0orders',
            Subnets: [{ SubnetIdentifier: 'subnet-0priv1' }, { SubnetIdentifier: 'subnet-0priv2' }],
          },
          VpcSecurityGroups: [{ VpcSecurityGroupId: IDS.dbGroup, Status: 'active' }],
          MasterUsername: 'orders',
          MasterUserSecret: { SecretArn: `arn:aws:secretsmanager:${R}:${A}:secret:rds!db-orders`, SecretStatus: 'active' },
          TagList: [{ Key: 'Environment', Value: 'production' }],
        },
      ],
    },
  ),
  ok('rds', 'DescribeDBClusters', { MaxRecords: 100 }, { DBClusters: [] }),
  ok(
    'elastic-load-balancing-v2',
    'DescribeLoadBalancers',
    { PageSize: 400 },
    {
      LoadBalancers: [
        {
          LoadBalancerArn: IDS.alb,
          LoadBalancerName: 'orders',
          DNSName: 'orders-123.us-east-1.elb.amazonaws.com',
          Scheme: 'internet-facing',
          Type: 'application',
          IpAddressType: 'ipv4',
          VpcId: 'vpc-0orders',
          SecurityGroups: [IDS.albGroup],
          AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0pub1' }],
          State: { Code: 'active' },
        },
      ],
    },
  ),
  ok(
    'elastic-load-balancing-v2',
    'DescribeTargetGroups',
    { PageSize: 400 },
    {
      TargetGroups: [
        {
          TargetGroupArn: IDS.targetGroup,
          TargetGroupName: 'orders-web',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: 'vpc-0orders',
          TargetType: 'instance',
          HealthCheckPath: '/health',
          LoadBalancerArns: [IDS.alb],
        },
      ],
    },
  ),
  ok(
    'elastic-load-balancing-v2',
    'DescribeListeners',
    { LoadBalancerArn: IDS.alb, PageSize: 400 },
    {
      Listeners: [
        {
          ListenerArn: `arn:aws:elasticloadbalancing:${R}:${A}:listener/app/orders/0123456789abcdef/0123456789abcdef`,
          LoadBalancerArn: IDS.alb,
          Port: 443,
          Protocol: 'HTTPS',
          SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          Certificates: [{ CertificateArn: `arn:aws:acm:${R}:${A}:certificate/00000000-0000-0000-0000-000000000000` }],
          DefaultActions: [{ Type: 'forward', TargetGroupArn: IDS.targetGroup }],
        },
      ],
    },
  ),
  ok(
    'elastic-load-balancing-v2',
    'DescribeTargetHealth',
    { TargetGroupArn: IDS.targetGroup },
    { TargetHealthDescriptions: [{ Target: { Id: IDS.instance, Port: 8080 }, TargetHealth: { State: 'healthy' } }] },
  ),
  ok('elastic-load-balancing', 'DescribeLoadBalancers', { PageSize: 400 }, { LoadBalancerDescriptions: [] }),
  ok('ecs', 'ListClusters', { maxResults: 100 }, { clusterArns: [IDS.cluster] }),
  ok('ecs', 'ListServices', { cluster: IDS.cluster, maxResults: 100 }, { serviceArns: [IDS.service] }),
  ok(
    'ecs',
    'DescribeServices',
    { cluster: IDS.cluster, services: [IDS.service], include: ['TAGS'] },
    {
      services: [
        {
          serviceArn: IDS.service,
          serviceName: 'worker',
          clusterArn: IDS.cluster,
          status: 'ACTIVE',
          launchType: 'FARGATE',
          desiredCount: 1,
          taskDefinition: IDS.taskDefinition,
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0priv1'], securityGroups: [IDS.webGroup], assignPublicIp: 'DISABLED' } },
          loadBalancers: [],
        },
      ],
      failures: [],
    },
  ),
  ok(
    'ecs',
    'DescribeTaskDefinition',
    { taskDefinition: IDS.taskDefinition, include: ['TAGS'] },
    {
      taskDefinition: {
        taskDefinitionArn: IDS.taskDefinition,
        family: 'orders-worker',
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        requiresCompatibilities: ['FARGATE'],
        containerDefinitions: [
          {
            name: 'worker',
            image: `${A}.dkr.ecr.us-east-1.amazonaws.com/orders-worker:1`,
            essential: true,
            environment: [
              { name: 'DB_PASSWORD', value: 'example-not-a-real-password-1' },
              { name: 'LOG_LEVEL', value: 'info' },
              { name: 'STRIPE_KEY', value: `sk_live_${'EXAMPLE0'.repeat(3)}` },
              { name: 'DB_SECRET_ARN', value: `arn:aws:secretsmanager:${R}:${A}:secret:orders-db` },
            ],
            secrets: [{ name: 'API_TOKEN', valueFrom: `arn:aws:secretsmanager:${R}:${A}:secret:orders-api` }],
          },
        ],
      },
      tags: [{ key: 'Environment', value: 'production' }],
    },
  ),
  ok('apprunner', 'ListServices', { MaxResults: 20 }, { ServiceSummaryList: [] }),
  ok('cloudwatch-logs', 'DescribeLogGroups', { limit: 50 }, { logGroups: [] }),
  ok(
    'cloudwatch',
    'DescribeAlarms',
    { MaxRecords: 100 },
    {
      MetricAlarms: [
        {
          AlarmName: 'billing-over-50',
          AlarmArn: `arn:aws:cloudwatch:${R}:${A}:alarm:billing-over-50`,
          Namespace: 'AWS/Billing',
          MetricName: 'EstimatedCharges',
          Statistic: 'Maximum',
          Dimensions: [{ Name: 'Currency', Value: 'USD' }],
          Period: 21600,
          EvaluationPeriods: 1,
          Threshold: 50,
          ComparisonOperator: 'GreaterThanThreshold',
          ActionsEnabled: true,
          AlarmActions: [`arn:aws:sns:${R}:${A}:billing`],
        },
      ],
      CompositeAlarms: [],
    },
  ),
  ok('ecr', 'DescribeRepositories', { maxResults: 1000 }, { repositories: [] }),
  ok('secrets-manager', 'ListSecrets', { MaxResults: 100 }, { SecretList: [] }),
  ok('elasticache', 'DescribeReplicationGroups', { MaxRecords: 100 }, { ReplicationGroups: [] }),
  ok('elasticache', 'DescribeCacheClusters', { MaxRecords: 100 }, { CacheClusters: [] }),
  ok(
    'lambda',
    'ListFunctions',
    { MaxItems: 50 },
    {
      Functions: [
        {
          FunctionName: IDS.function,
          FunctionArn: `arn:aws:lambda:${R}:${A}:function:${IDS.function}`,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: `arn:aws:iam::${A}:role/orders-notifier`,
          MemorySize: 128,
          Timeout: 10,
          Architectures: ['arm64'],
          PackageType: 'Zip',
          Environment: { Variables: { SLACK_TOKEN: 'xoxb-0000000000-EXAMPLEEXAMPLE', QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/orders', RETRIES: '3' } },
        },
      ],
    },
  ),
  ok('s3', 'ListBuckets', { MaxBuckets: 10000 }, { Buckets: [{ Name: IDS.bucket, BucketRegion: R, CreationDate: '2025-01-01T00:00:00.000Z' }], Owner: { ID: 'owner' } }),
  ok(
    's3',
    'GetPublicAccessBlock',
    { Bucket: IDS.bucket },
    { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
  ),
  err('s3', 'GetBucketPolicy', { Bucket: IDS.bucket }, 'NoSuchBucketPolicy', 'The bucket policy does not exist'),
  ok('s3', 'GetBucketVersioning', { Bucket: IDS.bucket }, { Status: 'Enabled' }),
  ok(
    's3',
    'GetBucketEncryption',
    { Bucket: IDS.bucket },
    { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] } },
  ),
  ok(
    's3',
    'GetBucketLifecycleConfiguration',
    { Bucket: IDS.bucket },
    {
      Rules: [
        {
          ID: 'old-versions',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          NoncurrentVersionTransitions: [{ NoncurrentDays: 90, StorageClass: 'GLACIER' }],
          NoncurrentVersionExpiration: { NoncurrentDays: 365 },
        },
      ],
    },
  ),
  ok('s3', 'GetBucketAcl', { Bucket: IDS.bucket }, { Owner: { ID: 'owner' }, Grants: [{ Grantee: { ID: 'owner', Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }] }),
  ok('s3', 'GetBucketTagging', { Bucket: IDS.bucket }, { TagSet: [{ Key: 'Environment', Value: 'production' }] }),
  ok(
    's3-control',
    'GetPublicAccessBlock',
    { AccountId: A },
    { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
  ),
  ok(
    'cloudfront',
    'ListDistributions',
    { MaxItems: 1000 },
    {
      DistributionList: {
        Marker: '',
        MaxItems: 1000,
        IsTruncated: false,
        Quantity: 1,
        Items: [
          {
            Id: IDS.distribution,
            ARN: `arn:aws:cloudfront::${A}:distribution/${IDS.distribution}`,
            DomainName: 'd111111abcdef8.cloudfront.net',
            Status: 'Deployed',
            Enabled: true,
            Origins: {
              Quantity: 1,
              Items: [
                { Id: 'alb', DomainName: 'orders-123.us-east-1.elb.amazonaws.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } },
              ],
            },
            DefaultCacheBehavior: { TargetOriginId: 'alb', ViewerProtocolPolicy: 'redirect-to-https' },
          },
        ],
      },
    },
  ),
  ok(
    'cloudfront',
    'GetDistributionConfig',
    { Id: IDS.distribution },
    {
      ETag: 'E2ORDERS',
      DistributionConfig: {
        CallerReference: 'orders',
        Comment: 'orders',
        Enabled: true,
        HttpVersion: 'http2and3',
        PriceClass: 'PriceClass_100',
        WebACLId: `arn:aws:wafv2:us-east-1:${A}:global/webacl/orders/00000000-0000-0000-0000-000000000000`,
        Origins: {
          Quantity: 1,
          Items: [
            {
              Id: 'alb',
              DomainName: 'orders-123.us-east-1.elb.amazonaws.com',
              OriginPath: '',
              CustomHeaders: { Quantity: 0 },
              CustomOriginConfig: {
                HTTPPort: 80,
                HTTPSPort: 443,
                OriginProtocolPolicy: 'https-only',
                OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] },
                OriginReadTimeout: 30,
                OriginKeepaliveTimeout: 5,
              },
              ConnectionAttempts: 3,
              ConnectionTimeout: 10,
            },
          ],
        },
        DefaultCacheBehavior: {
          TargetOriginId: 'alb',
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: { Quantity: 2, Items: ['GET', 'HEAD'], CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] } },
          Compress: true,
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        },
        ViewerCertificate: {
          ACMCertificateArn: `arn:aws:acm:us-east-1:${A}:certificate/00000000-0000-0000-0000-000000000001`,
          SSLSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          CloudFrontDefaultCertificate: false,
        },
        Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
        Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
        IsIPV6Enabled: true,
      },
    },
  ),
  ok(
    'cloudfront',
    'ListCloudFrontOriginAccessIdentities',
    { MaxItems: 1000 },
    { CloudFrontOriginAccessIdentityList: { Marker: '', MaxItems: 1000, IsTruncated: false, Quantity: 0 } },
  ),
  ok('cloudfront', 'ListOriginAccessControls', { MaxItems: 1000 }, { OriginAccessControlList: { Marker: '', MaxItems: 1000, IsTruncated: false, Quantity: 0 } }),
];

export function faultAccountSnapshot(): Snapshot {
  return { format: 'stackaudit-snapshot/1', account: A, collectedAt: '2026-01-01T00:00:00.000Z', calls: structuredClone(calls) };
}
