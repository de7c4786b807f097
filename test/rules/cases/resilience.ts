import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

const t = (resources: string, head = '') => `AWSTemplateFormatVersion: '2010-09-09'\n${head}Resources:\n${resources}`;

/** One RDS instance; line 8 is its first extra property. */
const db = (props = '', name = 'Db') => `  ${name}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
${props}`;
const tag = (v: string) => `      Tags:\n        - Key: Environment\n          Value: ${v}\n`;
const envParam = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';

const bucket = (props = '', name = 'B') => `  ${name}:\n    Type: AWS::S3::Bucket\n${props ? `    Properties:\n${props}` : ''}`;
const host = (tags: string) => `  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      Tags:\n${tags}`;
const dlm = (hours: number) => `  Snapshots:
    Type: AWS::DLM::LifecyclePolicy
    Properties:
      Description: snapshots
      State: ENABLED
      ExecutionRoleArn: arn:aws:iam::111122223333:role/dlm
      PolicyDetails:
        ResourceTypes: [INSTANCE]
        TargetTags:
          - Key: Backup
            Value: daily
        Schedules:
          - Name: every
            CreateRule:
              Interval: ${hours}
              IntervalUnit: HOURS
            RetainRule:
              Count: 7
`;

/** An AWS Backup plan (with or without a copy to another region) and a selection of `resources`. */
const plan = (copy: string, resources = '          - !Sub arn:aws:rds:${AWS::Region}:${AWS::AccountId}:db:${Db}\n', planId = '!Ref Plan') => `  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: db
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: primary
            ScheduleExpression: cron(0 5 ? * * *)
${copy}  Selection:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: ${planId}
      BackupSelection:
        SelectionName: db
        IamRoleArn: arn:aws:iam::111122223333:role/backup
        Resources:
${resources}`;
const copyActions = '            CopyActions:\n              - DestinationBackupVaultArn: arn:aws:backup:eu-west-1:111122223333:backup-vault:dr\n';

const aurora = (n: number, props = '') => `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
${props}${Array.from({ length: n }, (_, i) => `  I${i}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-postgresql\n      DBInstanceClass: db.r6g.large\n      DBClusterIdentifier: !Ref Cluster\n`).join('')}`;

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin });
const rdsFailed = { region: 'us-east-1', call: 'rds:DescribeDBInstances', error: 'AccessDenied' } as const;

export const RESILIENCE_CASES: Record<string, RuleCases> = {
  'DR-001': {
    valid: [
      { name: 'RDS with backups: point-in-time restore meets prod 5 min', template: t(db('      BackupRetentionPeriod: 35\n')) },
      { name: 'absent retention is 1 day of backups: PITR still works', template: t(db('')) },
      { name: 'a versioned bucket', template: t(bucket('      VersioningConfiguration:\n        Status: Enabled\n')) },
      { name: 'an unversioned website bucket is rebuilt from source', template: t(bucket('      WebsiteConfiguration:\n        IndexDocument: index.html\n')) },
      {
        name: "an unversioned bucket that receives another's access logs",
        template: t(
          bucket('', 'Logs') + bucket('      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n      VersioningConfiguration:\n        Status: Enabled\n', 'Site'),
        ),
      },
      {
        name: 'an unversioned CloudFront origin',
        template: t(
          bucket('', 'Site') +
            '  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: s3\n            DomainName: !GetAtt Site.RegionalDomainName\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: s3\n          ViewerProtocolPolicy: redirect-to-https\n',
        ),
      },
      {
        name: 'a host next to a database keeps no state',
        template: t('  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n' + db('      BackupRetentionPeriod: 7\n')),
      },
      {
        name: 'a host backed up daily meets the dev target',
        template: t(host('        - Key: Backup\n          Value: daily\n        - Key: Environment\n          Value: dev\n') + dlm(24)),
      },
    ],
    invalid: [
      { name: 'backups off: no recovery point', template: t(db('      BackupRetentionPeriod: 0\n' + tag('dev'))), expect: [{ messageId: 'backups-off', resource: 'Db', line: 8 }] },
      { name: 'an unversioned backup bucket', template: t(bucket('      BucketName: etf-backups\n')), expect: [{ messageId: 'backup-bucket', resource: 'B' }] },
      {
        name: 'a bucket tagged as a backup',
        template: t(bucket('      Tags:\n        - Key: Purpose\n          Value: nightly-backup\n')),
        expect: [{ messageId: 'backup-bucket', resource: 'B' }],
      },
      {
        name: 'a daily DLM policy gives a prod host a 24 h RPO',
        template: t(host('        - Key: Backup\n          Value: daily\n        - Key: Environment\n          Value: prod\n') + dlm(24)),
        expect: [{ messageId: 'host-rpo', resource: 'Host', contains: 'RPO ≈ 24 h > prod (tag Environment=prod) target 5 min' }],
      },
      {
        name: 'point-in-time restore misses a 1 min target',
        template: t(db('      BackupRetentionPeriod: 7\n')),
        config: { tiers: { targets: { prod: { rpoMinutes: 1 } } } },
        expect: [{ messageId: 'pitr', resource: 'Db', contains: 'RPO ≈ 5 min > prod (assumed prod: no tier tag or parameter) target 1 min' }],
      },
      {
        name: 'scenario: backups off outside prod',
        template: t(db('      BackupRetentionPeriod: !If [IsProd, 7, 0]\n'), envParam),
        expect: [{ messageId: 'backups-off', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      { name: 'an unversioned bucket of unknown role', template: t(bucket('      BucketName: etf-data\n')), expect: [{ messageId: 'only-copy', resource: 'B' }] },
      {
        name: 'a host with no database and no backup',
        template: t('  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n'),
        expect: [{ messageId: 'stateful-host', resource: 'Host' }],
      },
      {
        name: 'a DLM policy targeting other tags does not cover the host',
        template: t(host('        - Key: Backup\n          Value: weekly\n') + dlm(24)),
        expect: [{ messageId: 'stateful-host', resource: 'Host' }],
      },
      {
        name: 'a backup selection known only at deployment may cover the host',
        template: t(host('        - Key: Environment\n          Value: prod\n') + plan('', '          - !Ref Arn\n'), 'Parameters:\n  Arn:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Host', contains: 'Arn has no Default' }],
      },
      {
        name: 'retention from a parameter without a value',
        template: t(db('      BackupRetentionPeriod: !Ref Days\n'), 'Parameters:\n  Days:\n    Type: Number\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Days has no Default' }],
      },
    ],
    account: [
      {
        name: 'live host alone: AWS Backup, DLM and data stores are not read from accounts',
        resources: [live('AWS::EC2::Instance', 'i-1', {})],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-1', contains: 'a live audit does not read' }],
      },
      {
        name: 'live host next to a database without backups',
        resources: [live('AWS::EC2::Instance', 'i-1', {}), live('AWS::RDS::DBInstance', 'nobackup', { BackupRetentionPeriod: 0 })],
        expect: [{ status: 'fail', messageId: 'backups-off', resource: 'nobackup' }],
      },
      {
        name: 'live host when RDS could not be read: whether a database holds its state is not known',
        resources: [live('AWS::EC2::Instance', 'i-1', {})],
        failedReads: [rdsFailed],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-1', contains: 'rds:DescribeDBInstances failed' }],
      },
      {
        name: 'live bucket versioning unreadable',
        resources: [live('AWS::S3::Bucket', 'etf-backups', { BucketName: 'etf-backups', VersioningConfiguration: new Unknown('s3:GetBucketVersioning failed: AccessDenied') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'etf-backups', contains: 'GetBucketVersioning' }],
      },
    ],
  },
  'DR-002': {
    valid: [
      { name: 'Multi-AZ fails over in about 2 min', template: t(db('      MultiAZ: true\n')) },
      { name: 'single-AZ 20 GB restore meets staging 2 h', template: t(db("      AllocatedStorage: '20'\n" + tag('staging'))) },
      { name: 'single-AZ 2000 GB restore meets dev 4 h', template: t(db("      AllocatedStorage: '2000'\n" + tag('dev'))) },
      { name: 'Aurora with a reader', template: t(aurora(2)) },
      { name: 'Aurora with one instance: re-created in 10 min, within prod 30 min', template: t(aurora(1)) },
    ],
    invalid: [
      {
        name: 'single-AZ 20 GB restore misses prod 30 min',
        template: t(db("      AllocatedStorage: '20'\n")),
        expect: [
          {
            messageId: 'restore',
            resource: 'Db',
            line: 8,
            contains:
              'RTO ≈ 32 min > prod (assumed prod: no tier tag or parameter) target 30 min: single-AZ: recovery is a restore from backup, estimated 30 min + 20 GB ÷ 10 GB/min',
          },
        ],
      },
      { name: 'single-AZ 3000 GB restore misses dev 4 h', template: t(db("      AllocatedStorage: '3000'\n" + tag('dev'))), expect: [{ messageId: 'restore', resource: 'Db' }] },
      { name: 'single-AZ without backups: unbounded', template: t(db('      BackupRetentionPeriod: 0\n' + tag('dev'))), expect: [{ messageId: 'no-backups', resource: 'Db' }] },
      {
        name: 'Aurora with one instance misses a 5 min target',
        template: t(aurora(1)),
        config: { tiers: { targets: { prod: { rtoMinutes: 5 } } } },
        expect: [{ messageId: 'aurora-recreate', resource: 'Cluster' }],
      },
      {
        name: 'storage known only at deployment: the fixed part alone misses a 20 min target',
        template: t(db('      AllocatedStorage: !Ref Size\n'), 'Parameters:\n  Size:\n    Type: Number\n'),
        config: { tiers: { targets: { prod: { rtoMinutes: 20 } } } },
        expect: [{ messageId: 'restore-fixed', resource: 'Db' }],
      },
      {
        name: 'scenario: single-AZ outside prod',
        template: t(db('      MultiAZ: !If [IsProd, true, false]\n'), envParam),
        expect: [{ messageId: 'restore', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'MultiAZ from a parameter without a value',
        template: t(db('      MultiAZ: !Ref Multi\n'), 'Parameters:\n  Multi:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Multi has no Default' }],
      },
      {
        name: 'storage known only at deployment decides against prod 30 min',
        template: t(db('      AllocatedStorage: !Ref Size\n'), 'Parameters:\n  Size:\n    Type: Number\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Size has no Default' }],
      },
      { name: 'a cluster whose instances are elsewhere', template: t(aurora(0)), expect: [{ messageId: 'no-instances', resource: 'Cluster' }] },
    ],
    account: [
      { name: 'live Multi-AZ instance', resources: [live('AWS::RDS::DBInstance', 'm', { MultiAZ: true, BackupRetentionPeriod: 7, AllocatedStorage: 100 })], expect: [] },
      {
        name: 'live single-AZ 100 GB instance in prod',
        resources: [live('AWS::RDS::DBInstance', 's', { MultiAZ: false, BackupRetentionPeriod: 7, AllocatedStorage: 100 })],
        expect: [{ status: 'fail', messageId: 'restore', resource: 's' }],
      },
      {
        name: 'live MultiAZ unreadable',
        resources: [live('AWS::RDS::DBInstance', 'u', { MultiAZ: new Unknown('rds:DescribeDBInstances failed: Throttling') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'u' }],
      },
    ],
  },
  'DR-003': {
    valid: [
      { name: 'dev is not judged', template: t(db(tag('dev'))) },
      { name: 'a plan copying to another region covers it', template: t(db('') + plan(copyActions)) },
      { name: 'a selection of every RDS database', template: t(db('') + plan(copyActions, "          - 'arn:aws:rds:*:*:db:*'\n")) },
      {
        name: 'an Aurora cluster in a global database',
        template: t(aurora(0) + '  Global:\n    Type: AWS::RDS::GlobalCluster\n    Properties:\n      SourceDBClusterIdentifier: !Ref Cluster\n'),
      },
      { name: 'a read replica is not judged', template: t(db('      SourceDBInstanceIdentifier: other\n')) },
    ],
    invalid: [
      { name: 'prod without any plan', template: t(db('')), expect: [{ messageId: 'no-plan', resource: 'Db' }] },
      { name: 'a plan that copies nowhere', template: t(db('') + plan('')), expect: [{ messageId: 'no-copy', resource: 'Db', contains: 'Plan covers it but copy nowhere' }] },
      {
        name: 'scenario: the copy exists only in prod',
        template: t(
          db('') +
            plan(
              '            CopyActions: !If\n              - IsProd\n              - - DestinationBackupVaultArn: arn:aws:backup:eu-west-1:111122223333:backup-vault:dr\n              - !Ref AWS::NoValue\n',
            ),
          envParam,
        ),
        expect: [{ messageId: 'no-copy', resource: 'Db', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a selection known only at deployment, of a plan that copies',
        template: t(db('') + plan(copyActions, '          - !Ref Arn\n'), 'Parameters:\n  Arn:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'Arn has no Default' }],
      },
      {
        name: 'a selection of a plan outside the template',
        template: t(db('') + plan('', undefined, 'shared-plan-id')),
        expect: [{ messageId: 'engine/unknown', resource: 'Db', contains: 'shared-plan-id' }],
      },
    ],
    account: [
      {
        name: 'live prod database: backup copies are not read from accounts',
        resources: [live('AWS::RDS::DBInstance', 'a', {})],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'a', contains: 'a live audit does not read' }],
      },
      { name: 'live dev database', resources: [live('AWS::RDS::DBInstance', 'b', { Tags: [{ Key: 'Environment', Value: 'dev' }] })], expect: [] },
    ],
  },
};
