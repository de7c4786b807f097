import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { Unknown } from '../../src/model/values.js';
import { DATABASE_RULES } from '../../src/rules/database/index.js';
import { brief, scanText, template } from '../helpers/scan.js';

const scan = (yaml: string, options: Parameters<typeof scanText>[1] = {}) => scanText(yaml, { rules: DATABASE_RULES, ...options });
const ids = (yaml: string, rule: string, options: Parameters<typeof scanText>[1] = {}) => brief(scan(yaml, options).findings, rule);
const find = (yaml: string, rule: string, options: Parameters<typeof scanText>[1] = {}) => scan(yaml, options).findings.filter((f) => f.ruleId === rule);

/** One RDS instance with the given extra properties (YAML lines at 6 spaces). */
const db = (props = '', name = 'Db', extra = '') => `  ${name}:
    Type: AWS::RDS::DBInstance
${extra}    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
${props}`;

const privateVpc = `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
`;

const igw = `  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
`;

const publicRoute = `  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Default:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Rt
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetA
      RouteTableId: !Ref Rt
`;

const natRoute = publicRoute.replace('GatewayId: !Ref Igw', 'NatGatewayId: nat-0123456789abcdef0');

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const acct = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin, arn: `arn:aws:rds:us-east-1:111122223333:db:${id}` });
const runAccount = (resources: Resource[], rule: string) =>
  evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules: DATABASE_RULES.filter((r) => r.meta.id === rule) }).findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.id}`);

const prodTag = "      Tags:\n        - Key: Environment\n          Value: production\n";
const devTag = "      Tags:\n        - Key: env\n          Value: Development\n";

describe('DB-001 not-publicly-accessible', () => {
  const cases: [string, string, string[]][] = [
    ['PubliclyAccessible true fails', db('      PubliclyAccessible: true\n      DBSubnetGroupName: !Ref Group\n') + privateVpc, ['DB-001 fail Db']],
    ['PubliclyAccessible "true" (string) fails', db("      PubliclyAccessible: 'true'\n      DBSubnetGroupName: !Ref Group\n") + privateVpc, ['DB-001 fail Db']],
    ['PubliclyAccessible false passes even without a subnet group', db('      PubliclyAccessible: false\n'), []],
    ['absent, no subnet group: default VPC has an IGW → fail', db(''), ['DB-001 fail Db']],
    ['absent, subnet group in a VPC with an IGW → fail', db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw, ['DB-001 fail Db']],
    ['absent, subnet group in a VPC without an IGW → pass', db('      DBSubnetGroupName: !Ref Group\n') + privateVpc, []],
    ['absent, subnet group not in the template → not evaluated', db('      DBSubnetGroupName: shared-db-subnets\n'), ['DB-001 not-evaluated Db']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-001')).toEqual(expected);
  });

  it('says why an absent flag is public', () => {
    const [f] = find(template(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw), 'DB-001');
    expect(f!.message).toMatch(/PubliclyAccessible is not set and the VPC of subnet group Group \(Vpc\) has an internet gateway/);
    const [g] = find(template(db('')), 'DB-001');
    expect(g!.message).toMatch(/default VPC/);
  });

  it('subnets passed as parameters are not evaluated, with the reason', () => {
    const yaml = template(
      db('      DBSubnetGroupName: !Ref Group\n') + "  Group:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: x\n      SubnetIds: !Ref Subnets\n",
      'Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\n',
    );
    const f = find(yaml, 'DB-001');
    expect(f.map((x) => x.status)).toEqual(['not-evaluated']);
    expect(f[0]!.reason).toMatch(/Subnets has no Default/);
  });

  it('Aurora: each instance is judged through its cluster\'s subnet group; the cluster is not', () => {
    const yaml = template(`  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      DBSubnetGroupName: !Ref Group
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
  Reader:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
      PubliclyAccessible: false
${privateVpc}${igw}`);
    expect(ids(yaml, 'DB-001')).toEqual(['DB-001 fail Writer']);
  });

  it('Fn::If: the public branch fails naming the condition', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';
    const f = find(template(db('      PubliclyAccessible: !If [IsDev, true, false]\n'), extra), 'DB-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/when condition IsDev is true/);
  });

  it('account: the API value decides', () => {
    expect(runAccount([acct('AWS::RDS::DBInstance', 'pub', { PubliclyAccessible: true }), acct('AWS::RDS::DBInstance', 'priv', { PubliclyAccessible: false })], 'DB-001')).toEqual(['DB-001 fail pub']);
    expect(runAccount([acct('AWS::RDS::DBInstance', 'x', { PubliclyAccessible: new Unknown('rds:DescribeDBInstances failed') })], 'DB-001')).toEqual(['DB-001 not-evaluated x']);
  });
});

describe('DB-002 private-subnets-only', () => {
  const cases: [string, string, string[]][] = [
    ['subnets routing 0.0.0.0/0 to an IGW fail', db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + publicRoute, ['DB-002 fail Db']],
    ['a NAT route is private', db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + natRoute, []],
    ['no route table association: the VPC main table is local only', db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw, []],
    ['no subnet group: the default VPC\'s public subnets', db(''), ['DB-002 fail Db']],
    ['a subnet group outside the template is not evaluated', db('      DBSubnetGroupName: shared\n'), ['DB-002 not-evaluated Db']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-002')).toEqual(expected);
  });

  it('names the public subnet', () => {
    const [f] = find(template(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw + publicRoute), 'DB-002');
    expect(f!.message).toMatch(/public subnet SubnetA/);
  });

  it('Aurora is judged once, on the cluster', () => {
    const yaml = template(`  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      DBSubnetGroupName: !Ref Group
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
${privateVpc}${igw}${publicRoute}`);
    expect(ids(yaml, 'DB-002')).toEqual(['DB-002 fail Cluster']);
  });
});

describe('DB-003 backup-retention', () => {
  const cases: [string, string, string[]][] = [
    ['absent is 1 day: fails for (assumed) prod', db(''), ['DB-003 fail Db']],
    ['0 turns backups off', db('      BackupRetentionPeriod: 0\n' + devTag), ['DB-003 fail Db']],
    ['7 days is enough for dev', db('      BackupRetentionPeriod: 7\n' + devTag), []],
    ['7 days is not enough for prod', db('      BackupRetentionPeriod: 7\n' + prodTag), ['DB-003 fail Db']],
    ['35 days passes prod', db('      BackupRetentionPeriod: 35\n' + prodTag), []],
    ['a read replica is exempt', db('      SourceDBInstanceIdentifier: !Ref Db\n', 'Replica') + db('      BackupRetentionPeriod: 35\n'), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-003')).toEqual(expected);
  });

  it('the message names the tier and where it came from', () => {
    const [f] = find(template(db('      BackupRetentionPeriod: 7\n' + prodTag)), 'DB-003');
    expect(f!.message).toMatch(/35 days tier prod \(tag Environment=production\)/);
    const [g] = find(template(db('')), 'DB-003');
    expect(g!.message).toMatch(/not set, so CloudFormation keeps backups 1 day.*assumed prod/);
  });

  it('the tier comes from a stack parameter default (EnvName)', () => {
    const extra = 'Parameters:\n  EnvName:\n    Type: String\n    Default: staging\n';
    expect(ids(template(db('      BackupRetentionPeriod: 7\n'), extra), 'DB-003')).toEqual([]);
    expect(ids(template(db('      BackupRetentionPeriod: 7\n'), extra), 'DB-003', { parameters: { EnvName: 'prd' } })).toEqual(['DB-003 fail Db']);
  });

  it('a retention parameter without default is not evaluated', () => {
    const extra = 'Parameters:\n  Days:\n    Type: Number\n';
    expect(ids(template(db('      BackupRetentionPeriod: !Ref Days\n'), extra), 'DB-003')).toEqual(['DB-003 not-evaluated Db']);
  });

  it('Aurora: the cluster holds retention, instances are not judged', () => {
    const yaml = template(`  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      BackupRetentionPeriod: 3
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
`);
    expect(ids(yaml, 'DB-003')).toEqual(['DB-003 fail Cluster']);
  });

  it('config overrides the tier and its minimum', () => {
    const yaml = template(db('      BackupRetentionPeriod: 14\n'));
    expect(ids(yaml, 'DB-003')).toEqual(['DB-003 fail Db']);
    expect(ids(yaml, 'DB-003', { configFile: { tiers: { targets: { prod: { backupRetentionDays: 14 } } } } })).toEqual([]);
    expect(ids(yaml, 'DB-003', { configFile: { tiers: { default: 'dev' } } })).toEqual([]);
  });
});

const cluster = (instances: string[], clusterProps = '') => `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: true
${clusterProps}${instances
  .map(
    (az, i) => `  Inst${i}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.serverless
      DBClusterIdentifier: !Ref Cluster
${az ? `      AvailabilityZone: ${az}\n` : ''}`,
  )
  .join('')}`;

describe('DB-004 multi-az', () => {
  const cases: [string, string, string[]][] = [
    ['absent MultiAZ fails for assumed prod', db(''), ['DB-004 fail Db']],
    ['MultiAZ false fails for staging', db("      MultiAZ: false\n      Tags:\n        - Key: Stage\n          Value: stg\n"), ['DB-004 fail Db']],
    ['MultiAZ true passes', db('      MultiAZ: true\n'), []],
    ['dev passes single-AZ', db('      MultiAZ: false\n' + devTag), []],
    ['Aurora with two instances (AZ unspecified) is Multi-AZ', cluster(['', '']), []],
    ['Aurora with one instance fails', cluster(['']), ['DB-004 fail Cluster']],
    ['Aurora with two instances pinned to one AZ fails', cluster(['us-east-1a', 'us-east-1a']), ['DB-004 fail Cluster']],
    ['Aurora with instances in two AZs passes', cluster(['us-east-1a', 'us-east-1b']), []],
    ['Aurora Serverless v1 is not judged', cluster([], '      EngineMode: serverless\n'), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-004')).toEqual(expected);
  });

  it('account: cluster members and MultiAZ', () => {
    const c = (id: string, members: number, multi: boolean) =>
      acct('AWS::RDS::DBCluster', id, { Engine: 'aurora-mysql', MultiAZ: multi, DBClusterMembers: Array.from({ length: members }, (_, i) => ({ DBInstanceIdentifier: `${id}-${i}`, IsClusterWriter: i === 0 })) });
    expect(runAccount([c('one', 1, false), c('two', 2, true)], 'DB-004')).toEqual(['DB-004 fail one']);
  });
});

describe('DB-005 storage-encrypted', () => {
  const cases: [string, string, string[]][] = [
    ['absent is false', db(''), ['DB-005 fail Db']],
    ['false fails', db('      StorageEncrypted: false\n'), ['DB-005 fail Db']],
    ['true passes', db('      StorageEncrypted: true\n'), []],
    ['restored from a snapshot: inherited, not evaluated', db('      DBSnapshotIdentifier: snap-1\n'), ['DB-005 not-evaluated Db']],
    ['Aurora instance is judged on the cluster', cluster(['']).replace('      StorageEncrypted: true\n', ''), ['DB-005 fail Cluster']],
    ['Aurora Serverless v1 is always encrypted', cluster([], '      EngineMode: serverless\n').replace('      StorageEncrypted: true\n', ''), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-005')).toEqual(expected);
  });
});

describe('DB-006 auto-minor-version-upgrade', () => {
  const cases: [string, string, string[]][] = [
    ['absent is true in CloudFormation', db(''), []],
    ['false fails', db('      AutoMinorVersionUpgrade: false\n'), ['DB-006 fail Db']],
    ['true passes', db('      AutoMinorVersionUpgrade: true\n'), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-006')).toEqual(expected);
  });
});

describe('DB-007 deletion-protection', () => {
  const cases: [string, string, string[]][] = [
    ['absent fails for assumed prod', db(''), ['DB-007 fail Db']],
    ['true passes', db('      DeletionProtection: true\n'), []],
    ['dev is not judged', db(devTag), []],
    ['an Aurora instance is not judged; its cluster is', cluster(['']), ['DB-007 fail Cluster']],
    ['cluster with protection passes', cluster([''], '      DeletionProtection: true\n'), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-007')).toEqual(expected);
  });

  it('the message says prod was assumed', () => {
    expect(find(template(db('')), 'DB-007')[0]!.message).toMatch(/assumed prod/);
  });
});

describe('DB-008 credentials-not-literal', () => {
  const pw = (value: string) => db(`      MasterUsername: admin\n      MasterUserPassword: ${value}\n`);
  const cases: [string, string, string, string[]][] = [
    ['a literal fails', pw("'hunter2hunter2'"), '', ['DB-008 fail Db']],
    ['secretsmanager dynamic reference passes', pw("'{{resolve:secretsmanager:prod/db:SecretString:password}}'"), '', []],
    ['ssm-secure passes', pw("'{{resolve:ssm-secure:/db/pw:1}}'"), '', []],
    ['plain ssm fails', pw("'{{resolve:ssm:/db/pw:1}}'"), '', ['DB-008 fail Db']],
    ['NoEcho parameter without Default passes', pw('!Ref Pw'), 'Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n', []],
    ['NoEcho parameter with Default fails', pw('!Ref Pw'), "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: 'changeme123'\n", ['DB-008 fail Db']],
    ['non-NoEcho parameter fails', pw('!Ref Pw'), 'Parameters:\n  Pw:\n    Type: String\n', ['DB-008 fail Db']],
    ['ManageMasterUserPassword passes', db('      MasterUsername: admin\n      ManageMasterUserPassword: true\n'), '', []],
    ['no password (replica, snapshot) passes', db(''), '', []],
    [
      'Sub of a Secrets Manager secret passes',
      pw("!Sub '{{resolve:secretsmanager:${Secret}:SecretString:password}}'") + '  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      GenerateSecretString: {}\n',
      '',
      [],
    ],
    ['an import is not evaluated', pw('!ImportValue shared-db-password'), '', ['DB-008 not-evaluated Db']],
  ];
  it.each(cases)('%s', (_n, yaml, extra, expected) => {
    expect(ids(template(yaml, extra), 'DB-008')).toEqual(expected);
  });

  it('never prints the literal', () => {
    const r = scan(template(pw("'hunter2hunter2'")));
    expect(JSON.stringify(r.findings)).not.toContain('hunter2');
    const r2 = scan(template(pw('!Ref Pw'), "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: 'changeme123'\n"));
    expect(JSON.stringify(r2.findings)).not.toContain('changeme123');
    expect(r2.findings.find((f) => f.ruleId === 'DB-008')!.message).toMatch(/NoEcho parameter Pw, which has a Default/);
  });

  it('ElastiCache AuthToken literal fails', () => {
    const yaml = template("  Redis:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: x\n      AuthToken: 'averylongtokenvalue123'\n      TransitEncryptionEnabled: true\n      AtRestEncryptionEnabled: true\n");
    expect(ids(yaml, 'DB-008')).toEqual(['DB-008 fail Redis']);
  });

  it('account: a password not managed by RDS cannot be seen', () => {
    expect(runAccount([acct('AWS::RDS::DBInstance', 'a', { ManageMasterUserPassword: true }), acct('AWS::RDS::DBInstance', 'b', { ManageMasterUserPassword: false })], 'DB-008')).toEqual([
      'DB-008 not-evaluated b',
    ]);
  });
});

describe('DB-009 prod-read-replica', () => {
  it('prod instance without a replica is an info finding', () => {
    const f = find(template(db(prodTag)), 'DB-009');
    expect(f.map((x) => [x.status, x.severity])).toEqual([['fail', 'info']]);
  });
  it('a replica naming the primary passes', () => {
    expect(ids(template(db(prodTag) + db('      SourceDBInstanceIdentifier: !Ref Db\n', 'Replica')), 'DB-009')).toEqual([]);
  });
  it('dev is not judged; Aurora with two instances passes, one fails', () => {
    expect(ids(template(db(devTag)), 'DB-009')).toEqual([]);
    expect(ids(template(cluster(['', ''])), 'DB-009')).toEqual([]);
    expect(ids(template(cluster([''])), 'DB-009')).toEqual(['DB-009 fail Cluster']);
  });
  it('account: ReadReplicaDBInstanceIdentifiers', () => {
    expect(runAccount([acct('AWS::RDS::DBInstance', 'a', { ReadReplicaDBInstanceIdentifiers: ['a-r'] }), acct('AWS::RDS::DBInstance', 'b', {})], 'DB-009')).toEqual(['DB-009 fail b']);
  });
});

describe('DB-010 cache-encryption', () => {
  const rg = (props: string) => `  Redis:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: x\n      Engine: redis\n${props}`;
  const cases: [string, string, string[]][] = [
    ['both absent fail twice', rg(''), ['DB-010 fail Redis', 'DB-010 fail Redis']],
    ['both on with AuthToken passes', rg("      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n      AuthToken: '{{resolve:secretsmanager:redis:SecretString:token}}'\n"), []],
    ['both on with UserGroupIds passes', rg('      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n      UserGroupIds: [app-users]\n'), []],
    ['transit without auth fails', rg('      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n'), ['DB-010 fail Redis']],
    ['a Redis CacheCluster cannot encrypt', '  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n', ['DB-010 fail Cache']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DB-010')).toEqual(expected);
  });

  it('a Redis CacheCluster message points to a replication group', () => {
    const [f] = find(template('  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n'), 'DB-010');
    expect(f!.message).toMatch(/ReplicationGroup/);
  });
});

// Peer agreement: every FAIL of a peer check mapped to a DB control is a fail of that control here.
const sharedDir = resolve(__dirname, '..', '..', '..', 'shared');
describe.skipIf(!existsSync(join(sharedDir, 'corpus', 'manifest.json')))('peer corpus (checkov, cfn_nag) mapped to DB-*', () => {
  const shared = sharedDir;
  const manifest = (existsSync(join(shared, 'corpus', 'manifest.json')) ? JSON.parse(readFileSync(join(shared, 'corpus', 'manifest.json'), 'utf8')) : []) as {
    tool: string;
    check_id: string;
    template: string;
    logical_id: string;
    expected: string;
    related_ids?: string[];
    parameter_values?: unknown;
    condition_values?: unknown;
  }[];
  const map = (existsSync(join(shared, 'tools', 'peer-map.json')) ? JSON.parse(readFileSync(join(shared, 'tools', 'peer-map.json'), 'utf8')) : {}) as Record<string, Record<string, [string, string]>>;
  const cases = manifest
    .filter((e) => e.expected === 'FAIL' && !e.parameter_values && !e.condition_values)
    .flatMap((e) => {
      const m = map[e.tool]?.[e.check_id];
      return m && m[0].startsWith('DB-') && m[1] === 'superset' ? [[`${e.check_id} ${e.template.split('/').pop()} ${e.logical_id}`, e, m[0]] as const] : [];
    });

  it('covers the mapped checks', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(cases)('%s', (_n, e, control) => {
    const r = scanTemplates([join(shared, 'corpus', e.template)], { rules: DATABASE_RULES });
    const wanted = new Set([e.logical_id, ...(e.related_ids ?? [])]);
    expect(r.findings.some((f) => f.ruleId === control && f.status === 'fail' && wanted.has(f.resource.id))).toBe(true);
  });
});
