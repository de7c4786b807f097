// What a rule's documentation page needs that the rule metadata (RuleMeta) does not hold yet:
// a CloudFormation fix, a CDK fix, and what the seed architecture documents say ("Seen in").
// Keyed by rule id. scripts/rule-docs.mjs merges this with the metadata into docs/rules/<ID>.md;
// test/docs/rule-docs.test.ts fails when a rule has no entry here or a page is out of date.
// When these fields move into the rule metadata, the generator reads them from there instead.

/** The five architecture documents the controls come from (../shared/seeds). */
export const SEEDS = {
  '000': ['Monthly Expense Tracker', 'EC2, Classic Load Balancer, CloudFront, RDS, Route 53'],
  '001': ['ETF Portfolio Tracker', 'S3 + OAI + CloudFront frontend, one EC2 backend on port 8000 with SQLite'],
  '002': ['Expenses App', 'CDK: VPC, Aurora Serverless v2, ElastiCache, ECR, ECS Fargate behind an ALB'],
  '003': ['BankApp', 'dev, staging and prod; ALB + Fargate + RDS Multi-AZ, WAF, an RTO/RPO table and a cost table'],
  '004': ['PeriodTracker Nepal', 'App Runner + RDS PostgreSQL in ap-south-1'],
};

const sg = (ingress) => `WebSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: web tier
    VpcId: !Ref Vpc
    SecurityGroupIngress:
${ingress}`;

/** @type {Record<string, { cloudformation: string; cdk: string; seenIn: Record<string, string> | string }>} */
export const RULE_DOCS = {
  'NET-001': {
    cloudformation: sg(`      # SSH from one administrator address only (better: no port 22 at all, use SSM Session Manager)
      - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }   # AdminCidr: 203.0.113.7/32`),
    cdk: `const sg = new ec2.SecurityGroup(this, 'Bastion', { vpc, allowAllOutbound: true });
sg.addIngressRule(ec2.Peer.ipv4('203.0.113.7/32'), ec2.Port.tcp(22), 'SSH from the admin host only');
// Better: no ingress at all, and reach the instance with SSM Session Manager (AmazonSSMManagedInstanceCore).`,
    seenIn: { '000': "SSH allowed only from the operator's own IP (/32).", '001': 'port 22 restricted to "My IP".' },
  },
  'NET-002': {
    cloudformation: sg(`      # The backend port only from the load balancer's group…
      - { IpProtocol: tcp, FromPort: 8000, ToPort: 8000, SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup }
      # …or only from CloudFront (the origin-facing managed prefix list of your region)
      - { IpProtocol: tcp, FromPort: 8000, ToPort: 8000, SourcePrefixListId: pl-3b927c52 }`),
    cdk: `backendSg.addIngressRule(albSg, ec2.Port.tcp(8000), 'backend only from the load balancer');
// or only from CloudFront:
const cf = ec2.PrefixList.fromLookup(this, 'CloudFront', { prefixListName: 'com.amazonaws.global.cloudfront.origin-facing' });
backendSg.addIngressRule(ec2.Peer.prefixList(cf.prefixListId), ec2.Port.tcp(8000), 'CloudFront only');`,
    seenIn: {
      '000': 'Flask on 5002 behind the load balancer.',
      '001': 'FastAPI on 8000 behind CloudFront.',
      '003': 'API on 3001 behind the ALB.',
      '004': 'services on 3000 and 5000 behind App Runner.',
    },
  },
  'NET-003': {
    cloudformation: sg(`      # One rule per port the service needs, never IpProtocol -1 or 0-65535 from 0.0.0.0/0
      - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }`),
    cdk: `sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS only');
// not: sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.allTraffic());`,
    seenIn: { '000': 'every tier opens only the ports it serves.', '003': 'security groups list each port and source.' },
  },
  'NET-004': {
    cloudformation: `DatabaseSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: database
    VpcId: !Ref Vpc
    SecurityGroupIngress:
      - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSecurityGroup }`,
    cdk: `db.connections.allowDefaultPortFrom(appSg, 'PostgreSQL from the application tier only');
// not: dbSg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432));`,
    seenIn: { '000': "PostgreSQL reachable only from the application's security group.", '003': "RDS accepts 5432 only from the Fargate tasks' group." },
  },
  'NET-005': {
    cloudformation: `AppSecurityGroup:        # the instances or tasks behind the load balancer
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    VpcId: !Ref Vpc
    SecurityGroupIngress:
      - { IpProtocol: tcp, FromPort: 3001, ToPort: 3001, SourceSecurityGroupId: !Ref AlbSecurityGroup }
AlbSecurityGroup:        # only the load balancer faces the internet, on 80/443
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: alb
    VpcId: !Ref Vpc
    SecurityGroupIngress:
      - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
      - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }`,
    cdk: `// ApplicationLoadBalancedFargateService wires this for you: the service admits only the ALB's group.
const svc = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Api', { cluster, taskImageOptions, publicLoadBalancer: true });
// With hand-made groups: appSg.addIngressRule(albSg, ec2.Port.tcp(3001));`,
    seenIn: { '000': 'instances behind the Classic Load Balancer.', '001': 'the backend reached through CloudFront.', '003': 'Fargate tasks reachable only from the ALB.' },
  },
  'NET-006': {
    cloudformation: `DatabaseSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: database
    VpcId: !Ref Vpc
    SecurityGroupEgress:     # replaces EC2's default allow-all egress
      - { IpProtocol: icmp, FromPort: 252, ToPort: 86, CidrIp: 255.255.255.255/32, Description: no egress }`,
    cdk: `const dbSg = new ec2.SecurityGroup(this, 'DbSg', { vpc, allowAllOutbound: false }); // CDK writes a deny-all placeholder`,
    seenIn: { '000': 'database security group: "Outbound: none".', '003': 'the database tier initiates no connections.' },
  },
  'DB-001': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t4g.micro
    PubliclyAccessible: false          # say it: unset means public in a VPC with an internet gateway
    DBSubnetGroupName: !Ref PrivateDbSubnetGroup`,
    cdk: `new rds.DatabaseInstance(this, 'Db', {
  engine, vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  publiclyAccessible: false,
});`,
    seenIn: {
      '000': 'RDS in private subnets.',
      '002': 'Aurora in isolated subnets.',
      '003': 'RDS never publicly accessible.',
      '004': 'PostgreSQL private, reached by App Runner through a VPC connector.',
    },
  },
  'DB-002': {
    cloudformation: `PrivateDbSubnetGroup:
  Type: AWS::RDS::DBSubnetGroup
  Properties:
    DBSubnetGroupDescription: private subnets (0.0.0.0/0 goes to a NAT gateway, not an internet gateway)
    SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });`,
    seenIn: {
      '000': 'database subnets are private.',
      '002': 'isolated subnets for Aurora.',
      '003': 'private subnets with NAT for egress.',
      '004': 'private subnets in ap-south-1.',
    },
  },
  'DB-003': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    BackupRetentionPeriod: 35     # prod; at least 7 for dev and staging
    PreferredBackupWindow: '19:00-20:00'`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, backupRetention: cdk.Duration.days(35) });`,
    seenIn: { '000': 'automated backups on.', '003': '35 days of automated backups in prod.', '004': '7 days of backups.' },
  },
  'DB-004': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    MultiAZ: true                 # staging and prod`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, multiAz: true });
// Aurora: readers: [rds.ClusterInstance.provisioned('reader')] places a reader in another AZ.`,
    seenIn: { '003': 'Multi-AZ RDS in staging and prod.', '004': 'Multi-AZ planned for production.' },
  },
  'DB-005': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    StorageEncrypted: true
    KmsKeyId: !Ref DatabaseKey    # optional; the AWS managed key otherwise`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, storageEncrypted: true });`,
    seenIn: { '003': 'encryption at rest for RDS.', '004': 'encrypted database storage.' },
  },
  'DB-006': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    AutoMinorVersionUpgrade: true
    PreferredMaintenanceWindow: 'sun:20:00-sun:21:00'`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, autoMinorVersionUpgrade: true, preferredMaintenanceWindow: 'Sun:20:00-Sun:21:00' });`,
    seenIn: { '003': 'minor versions applied in the maintenance window.' },
  },
  'DB-007': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  DeletionPolicy: Snapshot
  UpdateReplacePolicy: Snapshot
  Properties:
    DeletionProtection: true      # prod`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, deletionProtection: true, removalPolicy: cdk.RemovalPolicy.SNAPSHOT });`,
    seenIn: 'Beyond the seeds: none of the documents mentions deletion protection, but losing a prod database to one stack update is the failure their RPO tables do not cover.',
  },
  'DB-008': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    MasterUsername: app
    ManageMasterUserPassword: true      # RDS keeps (and rotates) the password in Secrets Manager
# or: MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, credentials: rds.Credentials.fromGeneratedSecret('app') });`,
    seenIn: { '002': 'the Aurora password from Secrets Manager.', '004': 'database credentials in Secrets Manager, not in code.' },
  },
  'DB-009': {
    cloudformation: `ReadReplica:
  Type: AWS::RDS::DBInstance
  Properties:
    SourceDBInstanceIdentifier: !Ref Database
    DBInstanceClass: db.t4g.medium`,
    cdk: `new rds.DatabaseInstanceReadReplica(this, 'Replica', { sourceDatabaseInstance: db, instanceType, vpc });`,
    seenIn: { '003': 'a read replica in prod for reporting.' },
  },
  'DB-010': {
    cloudformation: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: sessions
    Engine: redis
    CacheNodeType: cache.t4g.micro
    AtRestEncryptionEnabled: true
    TransitEncryptionEnabled: true
    AuthToken: '{{resolve:secretsmanager:prod/redis:SecretString:token}}'`,
    cdk: `new elasticache.CfnReplicationGroup(this, 'Cache', {
  replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.micro',
  atRestEncryptionEnabled: true, transitEncryptionEnabled: true,
  authToken: secret.secretValueFromJson('token').unsafeUnwrap(), // a dynamic reference in the template, not the value
});`,
    seenIn: { '002': 'ElastiCache for sessions.', '003': 'Redis with encryption in transit.' },
  },
  'S3-001': {
    cloudformation: `FrontendBucket:
  Type: AWS::S3::Bucket
  Properties:
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      IgnorePublicAcls: true
      BlockPublicPolicy: true
      RestrictPublicBuckets: true`,
    cdk: `new s3.Bucket(this, 'Frontend', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });`,
    seenIn: { '001': '"Block all public access" on the frontend bucket, served only through CloudFront.' },
  },
  'S3-002': {
    cloudformation: `FrontendBucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref FrontendBucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { Service: cloudfront.amazonaws.com }
          Action: s3:GetObject
          Resource: !Sub '\${FrontendBucket.Arn}/*'
          Condition:
            StringEquals:
              AWS:SourceArn: !Sub 'arn:aws:cloudfront::\${AWS::AccountId}:distribution/\${Distribution}'`,
    cdk: `// S3BucketOrigin.withOriginAccessControl writes exactly this policy.
new cloudfront.Distribution(this, 'Cdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) } });`,
    seenIn: { '001': 'the bucket policy grants s3:GetObject to the CloudFront OAI only.' },
  },
  'S3-003': {
    cloudformation: `BackupBucket:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration: { Status: Enabled }`,
    cdk: `new s3.Bucket(this, 'Backups', { versioned: true });`,
    seenIn: { '001': 'versioning on the backup bucket.', '003': 'versioned buckets for documents and backups.' },
  },
  'S3-004': {
    cloudformation: `DataBucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref DataKey }`,
    cdk: `new s3.Bucket(this, 'Data', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });`,
    seenIn: { '003': 'SSE on every bucket.' },
  },
  'S3-005': {
    cloudformation: `BackupBucket:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration: { Status: Enabled }
    LifecycleConfiguration:
      Rules:
        - { Id: expire-backups, Status: Enabled, ExpirationInDays: 30 }
        - Id: old-versions
          Status: Enabled
          NoncurrentVersionTransitions: [{ StorageClass: GLACIER, TransitionInDays: 90 }]
          NoncurrentVersionExpiration: { NoncurrentDays: 365 }`,
    cdk: `new s3.Bucket(this, 'Backups', {
  versioned: true,
  lifecycleRules: [
    { expiration: cdk.Duration.days(30) },
    { noncurrentVersionTransitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: cdk.Duration.days(90) }] },
  ],
});`,
    seenIn: { '001': 'backups expire after 30 days.', '003': 'old versions move to Glacier after 90 days.' },
  },
  'S3-006': {
    cloudformation: `DataBucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref DataBucket
    PolicyDocument:
      Statement:
        - Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource: [!GetAtt DataBucket.Arn, !Sub '\${DataBucket.Arn}/*']
          Condition: { Bool: { 'aws:SecureTransport': 'false' } }`,
    cdk: `new s3.Bucket(this, 'Data', { enforceSSL: true });`,
    seenIn: { '003': 'TLS required for every request to S3.' },
  },
  'S3-007': {
    cloudformation: `FrontendBucket:
  Type: AWS::S3::Bucket
  Properties:
    # no AccessControl: PublicRead; ACLs disabled altogether
    OwnershipControls:
      Rules: [{ ObjectOwnership: BucketOwnerEnforced }]`,
    cdk: `new s3.Bucket(this, 'Frontend', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });`,
    seenIn: { '001': 'the frontend is private; CloudFront reads it through the OAI.' },
  },
  'CF-001': {
    cloudformation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      DefaultCacheBehavior:
        ViewerProtocolPolicy: redirect-to-https
      CacheBehaviors:
        - { PathPattern: '/api/*', ViewerProtocolPolicy: https-only, TargetOriginId: api, CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad }`,
    cdk: `new cloudfront.Distribution(this, 'Cdn', {
  defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
});`,
    seenIn: { '000': 'HTTP redirected to HTTPS at CloudFront.', '001': '"Redirect HTTP to HTTPS" on every behavior.' },
  },
  'CF-002': {
    cloudformation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Aliases: [app.example.com]
      ViewerCertificate:
        AcmCertificateArn: !Ref Certificate      # in us-east-1
        SslSupportMethod: sni-only
        MinimumProtocolVersion: TLSv1.2_2021`,
    cdk: `new cloudfront.Distribution(this, 'Cdn', {
  defaultBehavior: { origin }, domainNames: ['app.example.com'], certificate,
  minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
});`,
    seenIn: { '000': 'TLS at CloudFront with an ACM certificate.', '001': 'asks for TLSv1.2_2021 but keeps the default certificate, so CloudFront still accepts TLSv1.' },
  },
  'CF-003': {
    cloudformation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Origins:
        - Id: frontend
          DomainName: !GetAtt FrontendBucket.RegionalDomainName    # the REST endpoint, not the website endpoint
          S3OriginConfig: { OriginAccessIdentity: '' }
          OriginAccessControlId: !GetAtt FrontendOac.Id`,
    cdk: `origins.S3BucketOrigin.withOriginAccessControl(bucket) // not new origins.HttpOrigin(bucket.bucketWebsiteDomainName)`,
    seenIn: { '001': 'the S3 origin reached through an origin access identity.' },
  },
  'CF-004': {
    cloudformation: `      CacheBehaviors:
        - PathPattern: '/api/*'
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad          # Managed-CachingDisabled
          OriginRequestPolicyId: b689b0a8-53d0-40ab-baf2-68738e2966ac  # Managed-AllViewerExceptHostHeader
          AllowedMethods: [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]`,
    cdk: `distribution.addBehavior('/api/*', apiOrigin, {
  cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
  originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
  allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
});`,
    seenIn: { '000': 'the /api/* behavior does not cache.', '001': '/api/* forwards all headers with TTL 0.' },
  },
  'CF-005': {
    cloudformation: `WebAcl:
  Type: AWS::WAFv2::WebACL      # deploy in us-east-1 for CloudFront
  Properties:
    Scope: CLOUDFRONT
    DefaultAction: { Allow: {} }
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: web }
    Rules:
      - Name: common
        Priority: 0
        OverrideAction: { None: {} }
        Statement: { ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet } }
        VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: common }
Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      WebACLId: !GetAtt WebAcl.Arn`,
    cdk: `new cloudfront.Distribution(this, 'Cdn', { defaultBehavior: { origin }, webAclId: webAcl.attrArn });`,
    seenIn: { '003': 'AWS WAF in front of production.' },
  },
  'CF-006': {
    cloudformation: `      Origins:
        - Id: api
          DomainName: !GetAtt LoadBalancer.DNSName
          CustomOriginConfig:
            OriginProtocolPolicy: https-only
            OriginSSLProtocols: [TLSv1.2]`,
    cdk: `new origins.LoadBalancerV2Origin(alb, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] });`,
    seenIn: { '000': 'CloudFront to the load balancer over HTTP (an accepted risk inside AWS).', '001': 'CloudFront to the EC2 backend over HTTP.' },
  },
  'CF-007': {
    cloudformation: `      CustomErrorResponses:
        - { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: /index.html }
        - { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: /index.html }`,
    cdk: `new cloudfront.Distribution(this, 'Cdn', {
  defaultBehavior: { origin }, defaultRootObject: 'index.html',
  errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html' })),
});`,
    seenIn: { '001': "the React app's routes answered with /index.html." },
  },
  'CF-008': {
    cloudformation: `      Logging:
        Bucket: !GetAtt LogBucket.RegionalDomainName
        Prefix: cloudfront/`,
    cdk: `new cloudfront.Distribution(this, 'Cdn', { defaultBehavior: { origin }, enableLogging: true, logBucket, logFilePrefix: 'cloudfront/' });`,
    seenIn: 'Beyond the seeds: no document turns access logs on, yet an incident on the edge cannot be investigated without them.',
  },
  'LB-001': {
    cloudformation: `HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref LoadBalancer
    Port: 80
    Protocol: HTTP
    DefaultActions:
      - Type: redirect
        RedirectConfig: { Protocol: HTTPS, Port: '443', StatusCode: HTTP_301 }`,
    cdk: `alb.addRedirect({ sourcePort: 80, targetPort: 443 });`,
    seenIn: { '003': 'the ALB redirects HTTP to HTTPS.' },
  },
  'LB-002': {
    cloudformation: `HttpsListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref LoadBalancer
    Port: 443
    Protocol: HTTPS
    Certificates: [{ CertificateArn: !Ref Certificate }]
    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`,
    cdk: `alb.addListener('Https', { port: 443, certificates: [cert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS, defaultTargetGroups: [tg] });`,
    seenIn: { '003': 'TLS 1.2+ on the ALB.' },
  },
  'LB-003': {
    cloudformation: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer    # not AWS::ElasticLoadBalancing::LoadBalancer
  Properties:
    Type: application
    Scheme: internet-facing
    Subnets: [!Ref PublicSubnetA, !Ref PublicSubnetB]
    SecurityGroups: [!Ref AlbSecurityGroup]`,
    cdk: `new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true }); // not new elb.LoadBalancer(...)`,
    seenIn: { '000': 'a Classic Load Balancer in front of the EC2 instances.' },
  },
  'DR-001': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    BackupRetentionPeriod: 7        # point-in-time recovery: RPO about 5 minutes
# For a stateful EC2 host: an AWS::Backup::BackupPlan whose rule runs at the tier's RPO,
# with an AWS::Backup::BackupSelection that includes the instance.`,
    cdk: `const plan = backup.BackupPlan.daily35DayRetention(this, 'Plan');
plan.addSelection('Host', { resources: [backup.BackupResource.fromEc2Instance(instance)] });`,
    seenIn: {
      '001': 'SQLite on the EC2 host with a daily cron backup: RPO 24 h.',
      '003': 'the RTO/RPO table: prod RPO 5 min, staging 1 h, dev 24 h.',
      '004': 'RDS automated backups.',
    },
  },
  'DR-002': {
    cloudformation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    MultiAZ: true        # failover in 1–2 minutes instead of a restore from backup`,
    cdk: `new rds.DatabaseInstance(this, 'Db', { engine, vpc, multiAz: true });`,
    seenIn: { '003': 'the RTO/RPO table: prod RTO 30 min, staging 2 h, dev 4 h.' },
  },
  'DR-003': {
    cloudformation: `BackupPlan:
  Type: AWS::Backup::BackupPlan
  Properties:
    BackupPlan:
      BackupPlanName: prod-db
      BackupPlanRule:
        - RuleName: daily
          TargetBackupVault: !Ref Vault
          ScheduleExpression: cron(0 5 * * ? *)
          CopyActions:
            - DestinationBackupVaultArn: arn:aws:backup:ap-southeast-1:111122223333:backup-vault:dr`,
    cdk: `plan.addRule(new backup.BackupPlanRule({
  copyActions: [{ destinationBackupVault: backup.BackupVault.fromBackupVaultArn(this, 'Dr', drVaultArn) }],
}));`,
    seenIn: { '004': 'cross-region backup copies named as the disaster-recovery plan.' },
  },
  'SEC-001': {
    cloudformation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    ContainerDefinitions:
      - Name: api
        Image: !Ref Image
        Secrets:
          - { Name: DB_PASSWORD, ValueFrom: !Ref DatabaseSecret }   # not Environment: [{ Name: DB_PASSWORD, Value: … }]`,
    cdk: `taskDefinition.addContainer('api', {
  image,
  secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password') },
});`,
    seenIn: { '002': 'secrets injected from Secrets Manager into the Fargate tasks.', '004': 'App Runner reads the database secret, not a literal.' },
  },
  'SEC-002': {
    cloudformation: `DatabaseSecretRotation:
  Type: AWS::SecretsManager::RotationSchedule
  Properties:
    SecretId: !Ref DatabaseSecret
    HostedRotationLambda: { RotationType: PostgreSQLSingleUser }
    RotationRules: { ScheduleExpression: rate(30 days) }`,
    cdk: `dbSecret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });`,
    seenIn: { '003': 'secret rotation in Secrets Manager.' },
  },
  'OBS-001': {
    cloudformation: `AppLogs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 30`,
    cdk: `new logs.LogGroup(this, 'AppLogs', { retention: logs.RetentionDays.ONE_MONTH });`,
    seenIn: { '004': 'CloudWatch Logs kept 30 days to bound the cost.' },
  },
  'OBS-002': {
    cloudformation: `BillingAlarm:                     # in us-east-1, with "Receive Billing Alerts" enabled
  Type: AWS::CloudWatch::Alarm
  Properties:
    Namespace: AWS/Billing
    MetricName: EstimatedCharges
    Dimensions: [{ Name: Currency, Value: USD }]
    Statistic: Maximum
    Period: 21600
    EvaluationPeriods: 1
    Threshold: 20
    ComparisonOperator: GreaterThanThreshold
    AlarmActions: [!Ref AlertsTopic]`,
    cdk: `new cloudwatch.Alarm(this, 'Billing', {
  metric: new cloudwatch.Metric({ namespace: 'AWS/Billing', metricName: 'EstimatedCharges', dimensionsMap: { Currency: 'USD' }, statistic: 'Maximum', period: cdk.Duration.hours(6) }),
  threshold: 20, evaluationPeriods: 1,
}).addAlarmAction(new actions.SnsAction(topic));`,
    seenIn: { '001': 'a billing alert at $20 a month.' },
  },
  'OBS-003': {
    cloudformation: `ApiRepository:
  Type: AWS::ECR::Repository
  Properties:
    ImageScanningConfiguration: { ScanOnPush: true }
    LifecyclePolicy:
      LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}'`,
    cdk: `new ecr.Repository(this, 'Api', {
  imageScanOnPush: true,
  lifecycleRules: [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: cdk.Duration.days(7) }],
});`,
    seenIn: { '003': 'images scanned on push.', '004': 'old images expired by a lifecycle policy.' },
  },
  'EC2-001': {
    cloudformation: `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1 }`,
    cdk: `new ec2.Instance(this, 'Host', { vpc, instanceType, machineImage, requireImdsv2: true });`,
    seenIn: "Beyond the seeds: IMDSv1 lets an SSRF bug in any of the seeds' backends read the instance role's credentials.",
  },
  'EC2-002': {
    cloudformation: `Instance:
  Type: AWS::EC2::Instance
  Properties:
    BlockDeviceMappings:
      - DeviceName: /dev/xvda
        Ebs: { VolumeSize: 20, VolumeType: gp3, Encrypted: true }`,
    cdk: `new ec2.Instance(this, 'Host', {
  vpc, instanceType, machineImage,
  blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true }) }],
});`,
    seenIn: { '003': 'encryption at rest everywhere.' },
  },
  'COST-001': {
    cloudformation: `# stackaudit.config.yaml
budget: 20          # USD per month; \`stackaudit cost\` lists the line items to cut`,
    cdk: `// In the CDK plugin: new StackauditValidation({ configFile: 'stackaudit.config.yaml' }) with budget: 20 in the file.`,
    seenIn: { '001': 'a $10–15 monthly target with an alert at $20.' },
  },
  'COST-002': {
    cloudformation: `Instance:
  Type: AWS::EC2::Instance
  Properties:
    InstanceType: t4g.micro             # was t3.micro; needs an arm64 AMI
    ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}'`,
    cdk: `new ec2.Instance(this, 'Host', {
  vpc, instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
  machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
});`,
    seenIn: { '001': 'chooses t3.micro for cost; t4g.micro is about 20 % cheaper.' },
  },
  'COST-003': {
    cloudformation: `Instance:
  Type: AWS::EC2::Instance
  Properties:
    NetworkInterfaces:
      - DeviceIndex: '0'
        SubnetId: !Ref PrivateSubnet
        AssociatePublicIpAddress: false     # reach it through the load balancer or CloudFront`,
    cdk: `new ec2.Instance(this, 'Host', { vpc, instanceType, machineImage, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });`,
    seenIn: "Beyond the seeds: since February 2024 every public IPv4 address costs $3.65 a month, which the seeds' cost tables leave out.",
  },
};
