import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { igw, privateVpc, prodTag } from '../templates.js';

/** A template: optional Parameters/Conditions head, then the resources (YAML at 2 spaces). */
const t = (resources: string, head = '') => `AWSTemplateFormatVersion: '2010-09-09'\n${head}Resources:\n${resources}`;

/** One RDS instance with extra properties (YAML lines at 6 spaces). Line 8 is its first extra property. */
const db = (props = '', name = 'Db') => `  ${name}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
${props}`;

const envParam = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
const devTag = '      Tags:\n        - Key: Environment\n          Value: dev\n';

/** A route table associated with SubnetA, with one route (`route` replaces the default route's target lines). */
const routeTable = (route = '      DestinationCidrBlock: 0.0.0.0/0\n      GatewayId: !Ref Igw\n', table = '!Ref Rt') => `  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Default:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: ${table}
${route}  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetA
      RouteTableId: !Ref Rt
`;

/** An Aurora cluster with one instance per entry (its AvailabilityZone, or '' for none). */
const aurora = (azs: string[], clusterProps = '', instanceProps = '') => `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
${clusterProps}${azs
  .map(
    (az, i) => `  Inst${i}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
${az ? `      AvailabilityZone: ${az}\n` : ''}${instanceProps}`,
  )
  .join('')}`;

const redis = (props: string) => `  Redis:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: x
      Engine: redis
${props}`;

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (type: string, id: string, properties: Record<string, unknown>): Resource => ({
  type,
  id,
  properties,
  origin,
  arn: `arn:aws:rds:us-east-1:111122223333:${type === 'AWS::RDS::DBCluster' ? 'cluster' : 'db'}:${id}`,
});
/** A live RDS instance as the mapper builds it. */
const liveDb = (id: string, props: Record<string, unknown> = {}): Resource =>
  live('AWS::RDS::DBInstance', id, { DBInstanceIdentifier: id, Engine: 'postgres', MasterUsername: 'admin', ManageMasterUserPassword: false, ...props });
const liveCluster = (id: string, members: number, props: Record<string, unknown> = {}): Resource =>
  live('AWS::RDS::DBCluster', id, {
    DBClusterIdentifier: id,
    Engine: 'aurora-mysql',
    DBClusterMembers: Array.from({ length: members }, (_, i) => ({ DBInstanceIdentifier: `${id}-${i}`, IsClusterWriter: i === 0 })),
    ...props,
  });
const rdsDenied = (what: string) => new Unknown(`rds:${what} failed: AccessDenied`);
const liveNetwork = (gateway: string): Resource[] => [
  { type: 'AWS::RDS::DBSubnetGroup', id: 'grp', properties: { DBSubnetGroupName: 'grp', SubnetIds: ['subnet-1'], VpcId: 'vpc-1' }, origin },
  { type: 'AWS::EC2::VPC', id: 'vpc-1', properties: { VpcId: 'vpc-1' }, origin },
  { type: 'AWS::EC2::Subnet', id: 'subnet-1', properties: { SubnetId: 'subnet-1', VpcId: 'vpc-1' }, origin },
  { type: 'AWS::EC2::RouteTable', id: 'rtb-1', properties: { RouteTableId: 'rtb-1', VpcId: 'vpc-1', Main: false }, origin },
  { type: 'AWS::EC2::Route', id: 'rtb-1:0.0.0.0/0', properties: { RouteTableId: 'rtb-1', DestinationCidrBlock: '0.0.0.0/0', GatewayId: gateway }, origin },
  { type: 'AWS::EC2::SubnetRouteTableAssociation', id: 'rtbassoc-1', properties: { SubnetId: 'subnet-1', RouteTableId: 'rtb-1' }, origin },
];

export const DATABASE_CASES: Record<string, RuleCases> = {
  'DB-001': {
    valid: [
      { name: 'PubliclyAccessible false without a subnet group', template: t(db('      PubliclyAccessible: false\n')) },
      { name: 'absent, subnet group in a VPC without an internet gateway', template: t(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc) },
      {
        // Each scenario reads both keys under one IsProd: "absent and no subnet group" never happens.
        name: 'scenario: the flag is absent only where the private subnet group is used',
        template: t(
          db('      PubliclyAccessible: !If [IsProd, !Ref AWS::NoValue, false]\n      DBSubnetGroupName: !If [IsProd, !Ref Group, !Ref AWS::NoValue]\n') + privateVpc,
          envParam,
        ),
      },
      { name: 'an Aurora cluster has no flag of its own: its instances are judged', template: t(aurora([''], '', '      PubliclyAccessible: false\n')) },
    ],
    invalid: [
      {
        name: 'PubliclyAccessible true',
        template: t(db('      PubliclyAccessible: true\n      DBSubnetGroupName: !Ref Group\n') + privateVpc),
        expect: [{ messageId: 'public', resource: 'Db', line: 8 }],
      },
      {
        name: 'absent without a subnet group: the default VPC has an internet gateway',
        template: t(db('      AllocatedStorage: 20\n')),
        expect: [{ messageId: 'default-vpc', resource: 'Db' }],
      },
      {
        name: 'absent in a VPC with an internet gateway',
        template: t(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw),
        expect: [{ messageId: 'igw', resource: 'Db', contains: 'subnet group Group (Vpc)' }],
      },
      {
        name: 'scenario: public only where it is not prod, said once with its condition',
        template: t(db('      PubliclyAccessible: !If [IsProd, false, true]\n      DBSubnetGroupName: !If [IsProd, !Ref Group, !Ref AWS::NoValue]\n') + privateVpc, envParam),
        expect: [{ messageId: 'public', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
      {
        name: "an Aurora instance without its own flag, through its cluster's subnet group",
        template: t(aurora([''], '      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw),
        expect: [{ messageId: 'igw', resource: 'Inst0' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a subnet group outside the template',
        template: t(db('      DBSubnetGroupName: shared-db-subnets\n')),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', line: 8, contains: 'not in the scan' }],
      },
      {
        name: 'subnets passed as a parameter without a value',
        template: t(
          db('      DBSubnetGroupName: !Ref Group\n') +
            '  Group:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: x\n      SubnetIds: !Ref Subnets\n',
          'Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Subnets has no Default' }],
      },
      {
        name: 'the flag from a parameter without a value',
        template: t(db('      PubliclyAccessible: !Ref Public\n'), 'Parameters:\n  Public:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Public has no Default' }],
      },
    ],
    account: [
      { name: 'live PubliclyAccessible true', resources: [liveDb('pub', { PubliclyAccessible: true })], expect: [{ status: 'fail', messageId: 'public', resource: 'pub' }] },
      { name: 'live PubliclyAccessible false', resources: [liveDb('priv', { PubliclyAccessible: false })], expect: [] },
      {
        name: 'live flag unreadable',
        resources: [liveDb('x', { PubliclyAccessible: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'x', contains: 'AccessDenied' }],
      },
      {
        name: 'live flag absent, internet gateways unreadable',
        resources: [liveDb('db1', { DBSubnetGroupName: 'grp' }), ...liveNetwork('igw-1')],
        failedReads: [{ region: 'us-east-1', call: 'ec2:DescribeInternetGateways', error: 'AccessDenied' }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'db1', contains: 'ec2:DescribeInternetGateways failed' }],
      },
    ],
  },
  'DB-002': {
    valid: [
      {
        name: 'a NAT route is private',
        template: t(
          db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + routeTable('      DestinationCidrBlock: 0.0.0.0/0\n      NatGatewayId: nat-0123456789abcdef0\n'),
        ),
      },
      { name: "no association: the VPC's main table is local only", template: t(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw) },
      { name: "an Aurora instance is judged on its cluster's group", template: t(aurora([''], '      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw) },
    ],
    invalid: [
      {
        name: 'a subnet routing 0.0.0.0/0 to an internet gateway',
        template: t(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + routeTable()),
        expect: [{ messageId: 'public-subnets', resource: 'Db', line: 8, contains: 'public subnet SubnetA' }],
      },
      { name: "no subnet group: the default VPC's public subnets", template: t(db('      AllocatedStorage: 20\n')), expect: [{ messageId: 'default-vpc', resource: 'Db' }] },
      {
        name: 'Aurora is judged once, on the cluster',
        template: t(aurora(['', ''], '      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + routeTable()),
        expect: [{ messageId: 'public-subnets', resource: 'Cluster' }],
      },
      {
        name: 'scenario: the default VPC only where no subnet group is given',
        template: t(db('      DBSubnetGroupName: !If [IsProd, !Ref Group, !Ref AWS::NoValue]\n') + privateVpc, envParam),
        expect: [{ messageId: 'default-vpc', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a subnet group outside the template',
        template: t(db('      DBSubnetGroupName: shared\n')),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', line: 8, contains: 'not in the scan' }],
      },
      {
        name: 'a default route whose destination is a parameter without a value',
        template: t(
          db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + routeTable('      DestinationCidrBlock: !Ref Destination\n      GatewayId: !Ref Igw\n'),
          'Parameters:\n  Destination:\n    Type: String\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Destination has no Default' }],
      },
      {
        name: 'a route to an internet gateway from a route table known only at deployment',
        template: t(
          db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + routeTable('      DestinationCidrBlock: 0.0.0.0/0\n      GatewayId: !Ref Igw\n', '!Ref TableId'),
          'Parameters:\n  TableId:\n    Type: String\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'TableId has no Default' }],
      },
    ],
    account: [
      {
        name: 'live subnet routing to an internet gateway',
        resources: [liveDb('db1', { DBSubnetGroupName: 'grp' }), ...liveNetwork('igw-1')],
        expect: [{ status: 'fail', messageId: 'public-subnets', resource: 'db1', contains: 'subnet-1' }],
      },
      { name: 'live subnet routing to a NAT gateway', resources: [liveDb('db1', { DBSubnetGroupName: 'grp' }), ...liveNetwork('nat-1')], expect: [] },
      {
        name: 'live route tables unreadable',
        resources: [
          liveDb('db1', { DBSubnetGroupName: 'grp' }),
          ...liveNetwork('igw-1').filter((r) => r.type !== 'AWS::EC2::RouteTable' && r.type !== 'AWS::EC2::Route' && r.type !== 'AWS::EC2::SubnetRouteTableAssociation'),
        ],
        failedReads: [{ region: 'us-east-1', call: 'ec2:DescribeRouteTables', error: 'Throttling' }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'db1', contains: 'ec2:DescribeRouteTables failed' }],
      },
    ],
  },
  'DB-003': {
    valid: [
      { name: '35 days passes prod', template: t(db('      BackupRetentionPeriod: 35\n' + prodTag)) },
      { name: '7 days is enough for dev', template: t(db('      BackupRetentionPeriod: 7\n' + devTag)) },
      { name: 'a read replica has no backups of its own', template: t(db('      SourceDBInstanceIdentifier: !Ref Db\n', 'Replica') + db('      BackupRetentionPeriod: 35\n')) },
    ],
    invalid: [
      { name: 'absent is 1 day', template: t(db('')), expect: [{ messageId: 'default', resource: 'Db', contains: 'assumed prod' }] },
      { name: '0 turns backups off', template: t(db('      BackupRetentionPeriod: 0\n' + devTag)), expect: [{ messageId: 'off', resource: 'Db', line: 8 }] },
      {
        name: '7 days is short for prod',
        template: t(db('      BackupRetentionPeriod: 7\n' + prodTag)),
        expect: [{ messageId: 'short', resource: 'Db', contains: 'kept 7 days, less than the 35 days tier prod (tag Environment=production)' }],
      },
      {
        name: 'scenario: the tier parameter chooses the minimum',
        template: t(db('      BackupRetentionPeriod: !If [IsProd, 35, 3]\n'), envParam),
        expect: [{ messageId: 'short', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
      { name: 'Aurora: the cluster holds retention', template: t(aurora([''], '      BackupRetentionPeriod: 3\n')), expect: [{ messageId: 'short', resource: 'Cluster' }] },
    ],
    notEvaluated: [
      {
        name: 'retention from a parameter without a value',
        template: t(db('      BackupRetentionPeriod: !Ref Days\n'), 'Parameters:\n  Days:\n    Type: Number\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Days has no Default' }],
      },
    ],
    account: [
      { name: 'live retention 1 day', resources: [liveDb('a', { BackupRetentionPeriod: 1 })], expect: [{ status: 'fail', messageId: 'short', resource: 'a' }] },
      { name: 'live retention 35 days', resources: [liveDb('b', { BackupRetentionPeriod: 35 })], expect: [] },
      {
        name: 'live retention unreadable',
        resources: [liveDb('c', { BackupRetentionPeriod: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'c' }],
      },
    ],
  },
  'DB-004': {
    valid: [
      { name: 'MultiAZ true', template: t(db('      MultiAZ: true\n')) },
      { name: 'dev may be single-AZ', template: t(db('      MultiAZ: false\n' + devTag)) },
      { name: 'Aurora with two instances placed by RDS', template: t(aurora(['', ''])) },
      { name: 'Aurora with instances in two AZs', template: t(aurora(['us-east-1a', 'us-east-1b'])) },
      { name: 'Aurora Serverless v1 is not judged', template: t(aurora([], '      EngineMode: serverless\n')) },
    ],
    invalid: [
      { name: 'absent MultiAZ for assumed prod', template: t(db('')), expect: [{ messageId: 'absent', resource: 'Db' }] },
      {
        name: 'MultiAZ false for staging',
        template: t(db('      MultiAZ: false\n      Tags:\n        - Key: Stage\n          Value: stg\n')),
        expect: [{ messageId: 'off', resource: 'Db', line: 8 }],
      },
      { name: 'Aurora with one instance', template: t(aurora([''])), expect: [{ messageId: 'cluster', resource: 'Cluster', contains: '1 instance (Inst0)' }] },
      {
        name: 'Aurora with two instances pinned to one AZ',
        template: t(aurora(['us-east-1a', 'us-east-1a'])),
        expect: [{ messageId: 'cluster', resource: 'Cluster', contains: 'all in us-east-1a' }],
      },
      {
        name: 'scenario: single-AZ only outside prod',
        template: t(db('      MultiAZ: !If [IsProd, true, false]\n'), envParam),
        expect: [{ messageId: 'off', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'MultiAZ from a parameter without a value',
        template: t(db('      MultiAZ: !Ref Multi\n'), 'Parameters:\n  Multi:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Multi has no Default' }],
      },
      {
        name: "an instance's AZ known only at deployment may be the other's",
        template: t(aurora(['us-east-1a', '!Ref Zone']), 'Parameters:\n  Zone:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Cluster', contains: 'AvailabilityZone of Inst1' }],
      },
    ],
    account: [
      { name: 'live cluster with one member', resources: [liveCluster('one', 1, { MultiAZ: false })], expect: [{ status: 'fail', messageId: 'cluster', resource: 'one' }] },
      { name: 'live cluster with two members across AZs', resources: [liveCluster('two', 2, { MultiAZ: true })], expect: [] },
      {
        name: 'live instance MultiAZ unreadable',
        resources: [liveDb('m', { MultiAZ: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'm' }],
      },
    ],
  },
  'DB-005': {
    valid: [
      { name: 'StorageEncrypted true', template: t(db('      StorageEncrypted: true\n')) },
      { name: 'Aurora Serverless v1 is always encrypted', template: t(aurora([], '      EngineMode: serverless\n')) },
      { name: 'a read replica inherits encryption', template: t(db('      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:111122223333:db:primary\n')) },
    ],
    invalid: [
      { name: 'absent is false', template: t(db('')), expect: [{ messageId: 'absent', resource: 'Db' }] },
      { name: 'StorageEncrypted false', template: t(db('      StorageEncrypted: false\n')), expect: [{ messageId: 'off', resource: 'Db', line: 8 }] },
      { name: 'an Aurora instance is judged on its cluster', template: t(aurora([''])), expect: [{ messageId: 'absent', resource: 'Cluster' }] },
      {
        name: 'scenario: unencrypted only outside prod',
        template: t(db('      StorageEncrypted: !If [IsProd, true, false]\n'), envParam),
        expect: [{ messageId: 'off', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'restored from a snapshot: encryption is inherited',
        template: t(db('      DBSnapshotIdentifier: snap-1\n')),
        expect: [{ messageId: 'inherited', resource: 'Db', contains: 'DBSnapshotIdentifier snap-1' }],
      },
      {
        name: 'the flag from a parameter without a value',
        template: t(db('      StorageEncrypted: !Ref Encrypt\n'), 'Parameters:\n  Encrypt:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Encrypt has no Default' }],
      },
    ],
    account: [
      { name: 'live unencrypted instance', resources: [liveDb('plain', { StorageEncrypted: false })], expect: [{ status: 'fail', messageId: 'off', resource: 'plain' }] },
      { name: 'live encrypted cluster', resources: [liveCluster('enc', 2, { StorageEncrypted: true })], expect: [] },
      {
        name: 'live flag unreadable',
        resources: [liveDb('u', { StorageEncrypted: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'u' }],
      },
    ],
  },
  'DB-006': {
    valid: [
      { name: 'absent is true in CloudFormation', template: t(db('')) },
      { name: 'an Aurora cluster takes the setting per instance', template: t(aurora([], '      AutoMinorVersionUpgrade: false\n')) },
    ],
    invalid: [
      { name: 'AutoMinorVersionUpgrade false', template: t(db('      AutoMinorVersionUpgrade: false\n')), expect: [{ messageId: 'wrong', resource: 'Db', line: 8 }] },
      {
        name: 'scenario: off only in prod',
        template: t(db('      AutoMinorVersionUpgrade: !If [IsProd, false, true]\n'), envParam),
        expect: [{ messageId: 'wrong', resource: 'Db', contains: '(when parameter Env is prod)' }],
      },
      {
        name: 'a Multi-AZ DB cluster takes it at cluster level',
        template: t(
          '  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: postgres\n      DBClusterInstanceClass: db.m6gd.large\n      AutoMinorVersionUpgrade: false\n',
        ),
        expect: [{ messageId: 'wrong', resource: 'Cluster' }],
      },
    ],
    notEvaluated: [
      {
        name: 'the flag from a GetAtt',
        template: t(
          db('      AutoMinorVersionUpgrade: !GetAtt Other.Flag\n') +
            '  Other:\n    Type: Custom::Flag\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:f\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'not a boolean known before deployment' }],
      },
    ],
    account: [
      { name: 'live upgrade off', resources: [liveDb('a', { AutoMinorVersionUpgrade: false })], expect: [{ status: 'fail', messageId: 'wrong', resource: 'a' }] },
      { name: 'live upgrade on', resources: [liveDb('b', { AutoMinorVersionUpgrade: true })], expect: [] },
      {
        name: 'live flag unreadable',
        resources: [liveDb('c', { AutoMinorVersionUpgrade: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'c' }],
      },
    ],
  },
  'DB-007': {
    valid: [
      { name: 'DeletionProtection true', template: t(db('      DeletionProtection: true\n')) },
      { name: 'dev is not judged', template: t(db(devTag)) },
      { name: 'an Aurora cluster with protection; its instances are not judged', template: t(aurora([''], '      DeletionProtection: true\n')) },
    ],
    invalid: [
      { name: 'absent for assumed prod', template: t(db('')), expect: [{ messageId: 'absent', resource: 'Db', contains: 'assumed prod' }] },
      { name: 'DeletionProtection false', template: t(db('      DeletionProtection: false\n')), expect: [{ messageId: 'wrong', resource: 'Db', line: 8 }] },
      { name: 'Aurora: the cluster is judged', template: t(aurora([''])), expect: [{ messageId: 'absent', resource: 'Cluster' }] },
      {
        name: 'scenario: the tier comes from a parameter with allowed values',
        template: t(db('      DeletionProtection: false\n'), 'Parameters:\n  EnvName:\n    Type: String\n    AllowedValues: [dev, prod]\n'),
        expect: [{ messageId: 'wrong', resource: 'Db', contains: '(when parameter EnvName is prod)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'the flag from a parameter without a value',
        template: t(db('      DeletionProtection: !Ref Protect\n'), 'Parameters:\n  Protect:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Protect has no Default' }],
      },
    ],
    account: [
      { name: 'live prod instance without protection', resources: [liveDb('a', { DeletionProtection: false })], expect: [{ status: 'fail', messageId: 'wrong', resource: 'a' }] },
      { name: 'live dev instance without protection', resources: [liveDb('b', { DeletionProtection: false, Tags: [{ Key: 'Environment', Value: 'dev' }] })], expect: [] },
      {
        name: 'live flag unreadable',
        resources: [liveDb('c', { DeletionProtection: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'c' }],
      },
    ],
  },
  'DB-008': {
    valid: [
      {
        name: 'a Secrets Manager dynamic reference',
        template: t(db("      MasterUsername: admin\n      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n")),
      },
      { name: 'ManageMasterUserPassword', template: t(db('      MasterUsername: admin\n      ManageMasterUserPassword: true\n')) },
      {
        name: 'a NoEcho parameter without a Default',
        template: t(db('      MasterUsername: admin\n      MasterUserPassword: !Ref Pw\n'), 'Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n'),
      },
      {
        // An empty Default is the opposite of a literal: every caller must pass the password.
        name: "a NoEcho parameter whose Default is ''",
        template: t(db('      MasterUsername: admin\n      MasterUserPassword: !Ref Pw\n'), "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: ''\n"),
      },
      { name: 'no password: a read replica', template: t(db('      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:111122223333:db:primary\n')) },
      {
        name: 'a Sub of a Secrets Manager secret',
        template: t(
          db("      MasterUsername: admin\n      MasterUserPassword: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:password}}'\n") +
            '  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      GenerateSecretString: {}\n',
        ),
      },
    ],
    invalid: [
      {
        name: 'a literal password',
        template: t(db("      MasterUsername: admin\n      MasterUserPassword: 'hunter2hunter2'\n")),
        expect: [{ messageId: 'literal', resource: 'Db', line: 9 }],
      },
      {
        name: 'a NoEcho parameter with a non-empty Default',
        template: t(db('      MasterUsername: admin\n      MasterUserPassword: !Ref Pw\n'), "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: 'changeme123'\n"),
        expect: [{ messageId: 'parameter-default', resource: 'Db', contains: 'NoEcho parameter Pw, which has a Default' }],
      },
      {
        name: 'a parameter without NoEcho',
        template: t(db('      MasterUsername: admin\n      MasterUserPassword: !Ref Pw\n'), 'Parameters:\n  Pw:\n    Type: String\n'),
        expect: [{ messageId: 'parameter-visible', resource: 'Db' }],
      },
      {
        name: 'a plain SSM parameter type',
        template: t(
          db('      MasterUsername: admin\n      MasterUserPassword: !Ref Pw\n'),
          "Parameters:\n  Pw:\n    Type: 'AWS::SSM::Parameter::Value<String>'\n    Default: /db/pw\n",
        ),
        expect: [{ messageId: 'ssm-parameter', resource: 'Db' }],
      },
      {
        name: 'a plain {{resolve:ssm}} reference',
        template: t(db("      MasterUsername: admin\n      MasterUserPassword: '{{resolve:ssm:/db/pw:1}}'\n")),
        expect: [{ messageId: 'plain-ssm', resource: 'Db' }],
      },
      { name: 'an ElastiCache AuthToken literal', template: t(redis("      AuthToken: 'averylongtokenvalue123'\n")), expect: [{ messageId: 'literal', resource: 'Redis' }] },
      {
        name: 'scenario: the literal branch only',
        template: t(
          db("      MasterUsername: admin\n      MasterUserPassword: !If [IsProd, '{{resolve:secretsmanager:prod/db:SecretString:password}}', 'devpassword1']\n"),
          envParam,
        ),
        expect: [{ messageId: 'literal', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'an import',
        template: t(db('      MasterUsername: admin\n      MasterUserPassword: !ImportValue shared-db-password\n')),
        expect: [{ messageId: 'engine/unknown', resource: 'Db' }],
      },
      {
        name: 'a reference to a custom resource',
        template: t(
          db('      MasterUsername: admin\n      MasterUserPassword: !GetAtt Gen.Password\n') +
            '  Gen:\n    Type: Custom::Password\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:f\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'not a visible secret' }],
      },
    ],
    account: [
      { name: 'live password managed by RDS', resources: [liveDb('a', { ManageMasterUserPassword: true })], expect: [] },
      {
        name: 'live password not managed: where it is kept cannot be seen',
        resources: [liveDb('b')],
        expect: [{ status: 'not-evaluated', messageId: 'password-not-shown', resource: 'b' }],
      },
      {
        name: 'live replication group with an AUTH token',
        resources: [{ type: 'AWS::ElastiCache::ReplicationGroup', id: 'rg-1', properties: { ReplicationGroupId: 'rg-1', AuthTokenEnabled: true }, origin }],
        expect: [{ status: 'not-evaluated', messageId: 'token-not-shown', resource: 'rg-1' }],
      },
    ],
  },
  'DB-009': {
    valid: [
      { name: 'a replica names the primary', template: t(db(prodTag) + db('      SourceDBInstanceIdentifier: !Ref Db\n', 'Replica')) },
      {
        name: 'a replica names the primary by its identifier',
        template: t(db('      DBInstanceIdentifier: main-db\n' + prodTag) + db('      SourceDBInstanceIdentifier: Main-DB\n', 'Replica')),
      },
      { name: 'dev is not judged', template: t(db(devTag)) },
      { name: 'Aurora with two instances', template: t(aurora(['', ''])) },
    ],
    invalid: [
      { name: 'prod without a replica', template: t(db(prodTag)), expect: [{ messageId: 'no-replica', resource: 'Db', severity: 'info' }] },
      { name: 'Aurora with one instance', template: t(aurora([''])), expect: [{ messageId: 'no-reader', resource: 'Cluster' }] },
      {
        name: 'scenario: the replica exists only in prod',
        template: t(
          db('') +
            '  Replica:\n    Type: AWS::RDS::DBInstance\n    Condition: IsProd\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      SourceDBInstanceIdentifier: !Ref Db\n',
          envParam,
        ),
        expect: [{ messageId: 'no-replica', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: "a replica whose source is known only at deployment may be this one's",
        template: t(
          db('      DBInstanceIdentifier: main-db\n' + prodTag) + db('      SourceDBInstanceIdentifier: !Ref Source\n', 'Replica'),
          'Parameters:\n  Source:\n    Type: String\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'SourceDBInstanceIdentifier of Replica' }],
      },
    ],
    account: [
      { name: 'live instance listing a replica', resources: [liveDb('a', { ReadReplicaDBInstanceIdentifiers: ['a-r'] })], expect: [] },
      { name: 'live instance without replicas', resources: [liveDb('b')], expect: [{ status: 'fail', messageId: 'no-replica', resource: 'b' }] },
      {
        name: 'live replicas unreadable',
        resources: [liveDb('c', { ReadReplicaDBInstanceIdentifiers: rdsDenied('DescribeDBInstances') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'c' }],
      },
    ],
  },
  'DB-010': {
    valid: [
      {
        name: 'both on with an AuthToken',
        template: t(redis("      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n      AuthToken: '{{resolve:secretsmanager:redis:SecretString:token}}'\n")),
      },
      { name: 'both on with UserGroupIds', template: t(redis('      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n      UserGroupIds: [app-users]\n')) },
      {
        name: 'both on with a token from a parameter',
        template: t(
          redis('      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n      AuthToken: !Ref Token\n'),
          'Parameters:\n  Token:\n    Type: String\n    NoEcho: true\n',
        ),
      },
    ],
    invalid: [
      {
        name: 'both absent',
        template: t(redis('')),
        expect: [
          { messageId: 'at-rest-absent', resource: 'Redis' },
          { messageId: 'transit-absent', resource: 'Redis' },
        ],
      },
      {
        name: 'transit without authentication',
        template: t(redis('      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n')),
        expect: [{ messageId: 'no-auth', resource: 'Redis', line: 9 }],
      },
      {
        name: 'a Redis CacheCluster',
        template: t('  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n'),
        expect: [{ messageId: 'cache-cluster', resource: 'Cache', contains: 'ReplicationGroup' }],
      },
      {
        name: 'a Memcached CacheCluster without TLS',
        template: t('  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n'),
        expect: [
          { messageId: 'memcached-at-rest', resource: 'Cache' },
          { messageId: 'transit-absent', resource: 'Cache' },
        ],
      },
      {
        name: 'scenario: at rest off outside prod',
        template: t(
          redis(
            "      AtRestEncryptionEnabled: !If [IsProd, true, false]\n      TransitEncryptionEnabled: true\n      AuthToken: '{{resolve:secretsmanager:redis:SecretString:token}}'\n",
          ),
          envParam,
        ),
        expect: [{ messageId: 'at-rest-off', resource: 'Redis', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'the cache engine from a parameter without a value',
        template: t(
          '  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: !Ref Engine\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n',
          'Parameters:\n  Engine:\n    Type: String\n',
        ),
        expect: [{ messageId: 'engine/unknown', resource: 'Cache', contains: 'Engine has no Default' }],
      },
      {
        name: 'transit from a parameter without a value',
        template: t(redis('      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: !Ref Tls\n'), 'Parameters:\n  Tls:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Redis', contains: 'Tls has no Default' }],
      },
    ],
    account: [
      {
        name: 'live group with TLS and an AUTH token',
        resources: [
          { type: 'AWS::ElastiCache::ReplicationGroup', id: 'rg-1', properties: { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, AuthTokenEnabled: true }, origin },
        ],
        expect: [],
      },
      {
        name: 'live group unencrypted',
        resources: [
          {
            type: 'AWS::ElastiCache::ReplicationGroup',
            id: 'rg-2',
            properties: { AtRestEncryptionEnabled: false, TransitEncryptionEnabled: false, AuthTokenEnabled: false },
            origin,
          },
        ],
        expect: [
          { status: 'fail', messageId: 'at-rest-off', resource: 'rg-2' },
          { status: 'fail', messageId: 'transit-off', resource: 'rg-2' },
        ],
      },
      {
        name: 'live group with TLS, no AUTH token, user groups not read',
        resources: [
          {
            type: 'AWS::ElastiCache::ReplicationGroup',
            id: 'rg-3',
            properties: { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, AuthTokenEnabled: false },
            origin,
          },
        ],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'rg-3', contains: 'UserGroupIds' }],
      },
    ],
  },
};
