// node bench/account.mjs CONCURRENCY — one synthetic account audited through mocked SDK clients:
// 1,000 buckets, 5,000 security groups, 300 DB instances, 50 distributions (us-east-1 plus the
// global services). Every `send` answers after 20 ms with paginated, SDK-shaped data, so the
// wall time shows what the limiter makes of the latency. Prints one JSON line.
import { auditAccount } from '../dist/engine/audit-account.js';
import { createLiveCallSource } from '../dist/scanners/account/index.js';

const LATENCY_MS = 20;
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const concurrency = Number(process.argv[2] ?? 16);
const N = { buckets: 1000, groups: 5000, dbs: 300, distributions: 50 };

const hex = (i, n = 17) => i.toString(16).padStart(n, '0');
const awsError = (name, message) => Object.assign(new Error(message), { name });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One page of `items` per `size`, the token being the next offset. */
function page(items, size, token, key, tokenKey = 'NextToken') {
  const from = token ? Number(token) : 0;
  const next = from + size < items.length ? String(from + size) : undefined;
  return { [key]: items.slice(from, from + size), ...(next ? { [tokenKey]: next } : {}) };
}

const groups = Array.from({ length: N.groups }, (_, i) => ({
  GroupId: `sg-${hex(i)}`,
  GroupName: `app-${i}`,
  Description: 'synthetic',
  OwnerId: ACCOUNT,
  VpcId: 'vpc-0bench',
  IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    // One group in 50 leaves SSH open to the world (NET-001).
    ...(i % 50 === 0 ? [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }] : []),
  ],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
}));
const subnetGroup = {
  DBSubnetGroupName: 'bench-db',
  DBSubnetGroupDescription: 'bench',
  VpcId: 'vpc-0bench',
  Subnets: [
    { SubnetIdentifier: 'subnet-0a', SubnetAvailabilityZone: { Name: 'us-east-1a' } },
    { SubnetIdentifier: 'subnet-0b', SubnetAvailabilityZone: { Name: 'us-east-1b' } },
  ],
};
const dbs = Array.from({ length: N.dbs }, (_, i) => ({
  DBInstanceIdentifier: `db-${i}`,
  DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:db-${i}`,
  Engine: 'postgres',
  EngineVersion: '16.4',
  DBInstanceClass: 'db.t3.medium',
  AllocatedStorage: 100,
  StorageType: 'gp3',
  PubliclyAccessible: false,
  MultiAZ: i % 2 === 0,
  StorageEncrypted: true,
  BackupRetentionPeriod: 35,
  AutoMinorVersionUpgrade: true,
  DeletionProtection: i % 3 !== 0,
  DBSubnetGroup: subnetGroup,
  VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-${hex(i)}`, Status: 'active' }],
  Endpoint: { Address: `db-${i}.bench.rds.amazonaws.com`, Port: 5432 },
  MasterUsername: 'app',
  MasterUserSecret: { SecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${i}`, SecretStatus: 'active' },
  TagList: [{ Key: 'Environment', Value: 'production' }],
}));
const buckets = Array.from({ length: N.buckets }, (_, i) => ({ Name: `bench-bucket-${i}`, CreationDate: '2025-01-01T00:00:00.000Z', BucketRegion: REGION }));
const list = (items) => ({ Quantity: items.length, ...(items.length ? { Items: items } : {}) });
const distConfig = (i) => ({
  CallerReference: `bench-${i}`,
  Aliases: list([]),
  DefaultRootObject: 'index.html',
  Comment: `bench ${i}`,
  Enabled: true,
  PriceClass: 'PriceClass_100',
  WebACLId: '',
  HttpVersion: 'http2',
  IsIPV6Enabled: true,
  Origins: list([
    { Id: 's3', DomainName: `bench-bucket-${i}.s3.us-east-1.amazonaws.com`, OriginPath: '', S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: 'E0BENCHOAC' },
  ]),
  DefaultCacheBehavior: {
    TargetOriginId: 's3',
    ViewerProtocolPolicy: i % 10 === 0 ? 'allow-all' : 'redirect-to-https',
    AllowedMethods: { ...list(['HEAD', 'GET']), CachedMethods: list(['HEAD', 'GET']) },
    CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    Compress: true,
  },
  CacheBehaviors: list([]),
  CustomErrorResponses: list([]),
  OriginGroups: list([]),
  Logging: { Enabled: i % 2 === 0, IncludeCookies: false, Bucket: i % 2 === 0 ? 'logs.s3.amazonaws.com' : '', Prefix: '' },
  ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1', SSLSupportMethod: 'vip' },
  Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
});
const distributions = Array.from({ length: N.distributions }, (_, i) => {
  const { CallerReference: _c, DefaultRootObject: _d, Logging: _l, ...summary } = distConfig(i);
  return {
    Id: `EBENCH${hex(i, 8).toUpperCase()}`,
    ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/EBENCH${hex(i, 8).toUpperCase()}`,
    Status: 'Deployed',
    DomainName: `d${hex(i, 12)}.cloudfront.net`,
    ...summary,
  };
});
const configById = new Map(distributions.map((d, i) => [d.Id, distConfig(i)]));

/** The answer to one command, by its class name and input, as the SDK would return it. */
function answer(name, input) {
  switch (name) {
    case 'GetCallerIdentityCommand':
      return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/bench`, UserId: 'AIDABENCH' };
    case 'DescribeRegionsCommand':
      return { Regions: [{ RegionName: REGION, Endpoint: `ec2.${REGION}.amazonaws.com`, OptInStatus: 'opt-in-not-required' }] };
    case 'DescribeSecurityGroupsCommand':
      return page(groups, input.MaxResults ?? 1000, input.NextToken, 'SecurityGroups');
    case 'DescribeDBInstancesCommand':
      return page(dbs, input.MaxRecords ?? 100, input.Marker, 'DBInstances', 'Marker');
    case 'ListBucketsCommand':
      return { ...page(buckets, 1000, input.ContinuationToken, 'Buckets', 'ContinuationToken'), Owner: { ID: 'bench-owner' } };
    case 'GetPublicAccessBlockCommand':
      if (input.AccountId) throw awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
      return { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } };
    case 'GetBucketPolicyCommand':
      throw awsError('NoSuchBucketPolicy', 'The bucket policy does not exist');
    case 'GetBucketVersioningCommand':
      return Number(input.Bucket.split('-').pop()) % 4 === 0 ? {} : { Status: 'Enabled' };
    case 'GetBucketEncryptionCommand':
      return { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } };
    case 'GetBucketLifecycleConfigurationCommand':
      throw awsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
    case 'GetBucketAclCommand':
      return { Owner: { ID: 'bench-owner' }, Grants: [{ Grantee: { ID: 'bench-owner', Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }] };
    case 'GetBucketTaggingCommand':
      throw awsError('NoSuchTagSet', 'The TagSet does not exist');
    case 'ListDistributionsCommand':
      return { DistributionList: { Marker: input.Marker ?? '', MaxItems: 1000, IsTruncated: false, Quantity: distributions.length, Items: distributions } };
    case 'GetDistributionConfigCommand':
      return { ETag: 'EBENCH', DistributionConfig: configById.get(input.Id) };
    case 'ListCloudFrontOriginAccessIdentitiesCommand':
      return { CloudFrontOriginAccessIdentityList: { Marker: '', MaxItems: 1000, IsTruncated: false, Quantity: 0 } };
    case 'ListOriginAccessControlsCommand':
      return { OriginAccessControlList: { Marker: '', MaxItems: 1000, IsTruncated: false, Quantity: 0 } };
    case 'DescribeAlarmsCommand':
      return { MetricAlarms: [], CompositeAlarms: [] };
    default: {
      // Every other list call of the collectors: an empty list under the SDK's member name.
      const member = EMPTY[name];
      if (!member) throw awsError('UnknownOperation', `bench has no answer for ${name}`);
      return { [member]: [] };
    }
  }
}
const EMPTY = {
  DescribeManagedPrefixListsCommand: 'PrefixLists',
  DescribeVpcsCommand: 'Vpcs',
  DescribeSubnetsCommand: 'Subnets',
  DescribeRouteTablesCommand: 'RouteTables',
  DescribeInternetGatewaysCommand: 'InternetGateways',
  DescribeNatGatewaysCommand: 'NatGateways',
  DescribeInstancesCommand: 'Reservations',
  DescribeLaunchTemplateVersionsCommand: 'LaunchTemplateVersions',
  DescribeVolumesCommand: 'Volumes',
  DescribeAddressesCommand: 'Addresses',
  DescribeDBClustersCommand: 'DBClusters',
  DescribeLoadBalancersCommand: 'LoadBalancers',
  DescribeTargetGroupsCommand: 'TargetGroups',
  ListClustersCommand: 'clusterArns',
  ListServicesCommand: 'ServiceSummaryList',
  DescribeLogGroupsCommand: 'logGroups',
  DescribeRepositoriesCommand: 'repositories',
  ListSecretsCommand: 'SecretList',
  DescribeReplicationGroupsCommand: 'ReplicationGroups',
  DescribeCacheClustersCommand: 'CacheClusters',
  ListFunctionsCommand: 'Functions',
};

let apiCalls = 0;
const clientFactory = (service) => ({
  async send(command) {
    apiCalls++;
    await sleep(LATENCY_MS);
    const name = command.constructor.name;
    // Classic ELB answers under its own member name.
    if (service === 'elastic-load-balancing' && name === 'DescribeLoadBalancersCommand') return { LoadBalancerDescriptions: [] };
    return structuredClone(answer(name, command.input ?? {}));
  },
});

const t = performance.now();
const result = await auditAccount({ source: createLiveCallSource({ clientFactory, concurrency }), regions: [REGION] });
const wallMs = performance.now() - t;
if (result.errors.length) throw new Error(`bench account had errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
const serialLowerBoundMs = apiCalls * LATENCY_MS;
console.log(
  JSON.stringify({
    case: 'account',
    concurrency,
    wallMs: Math.round(wallMs),
    apiCalls,
    serialLowerBoundMs,
    speedup: +(serialLowerBoundMs / wallMs).toFixed(1),
    peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    findings: result.findings.length,
    resources: { buckets: N.buckets, securityGroups: N.groups, dbInstances: N.dbs, distributions: N.distributions },
  }),
);
