import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { RESILIENCE_RULES } from '../../src/rules/resilience/index.js';
import { scheduleMinutes } from '../../src/rules/resilience/backup-plans.js';
import { restoreMinutes } from '../../src/rules/resilience/recovery-model.js';
import { brief, scanText, template } from '../helpers/scan.js';

const scan = (yaml: string, options: Parameters<typeof scanText>[1] = {}) => scanText(yaml, { rules: RESILIENCE_RULES, ...options });
const ids = (yaml: string, rule: string, options: Parameters<typeof scanText>[1] = {}) => brief(scan(yaml, options).findings, rule);
const find = (yaml: string, rule: string, options: Parameters<typeof scanText>[1] = {}) => scan(yaml, options).findings.filter((f) => f.ruleId === rule);

const db = (props = '', name = 'Db') => `  ${name}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
${props}`;
const tag = (v: string) => `      Tags:\n        - Key: Environment\n          Value: ${v}\n`;

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const acct = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin });
const runAccount = (resources: Resource[], rule: string) =>
  evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules: RESILIENCE_RULES.filter((r) => r.meta.id === rule) }).findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.id}`);

describe('recovery model helpers', () => {
  it.each([
    ['cron(0 5 ? * * *)', 1440],
    ['cron(0 * * * ? *)', 60],
    ['cron(0 0/4 * * ? *)', 240],
    ['cron(0 5 ? * SUN *)', 10080],
    ['rate(12 hours)', 720],
    ['nonsense', undefined],
  ])('schedule %s → %s min', (expr, minutes) => {
    expect(scheduleMinutes(expr)).toBe(minutes);
  });
  it('restore estimate: 30 min + GB ÷ 10', () => {
    expect(restoreMinutes(20)).toBe(32);
    expect(restoreMinutes(500)).toBe(80);
  });
});

describe('DR-001 rpo-within-target', () => {
  const cases: [string, string, string[]][] = [
    ['RDS with backups: PITR 5 min meets prod 5 min', db('      BackupRetentionPeriod: 35\n'), []],
    ['absent retention is 1 day of backups: PITR still works', db(''), []],
    ['backups off: no recovery point', db('      BackupRetentionPeriod: 0\n' + tag('dev')), ['DR-001 fail Db']],
    ['versioned bucket passes', '  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: Enabled\n', []],
    ['unversioned backup bucket fails', '  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: etf-backups\n', ['DR-001 fail B']],
    ['unversioned website bucket is rebuildable', '  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      WebsiteConfiguration:\n        IndexDocument: index.html\n', []],
    ['unversioned other bucket is not evaluated', '  B:\n    Type: AWS::S3::Bucket\n', ['DR-001 not-evaluated B']],
    ['EC2 host with no database and no backup: not evaluated', '  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n', ['DR-001 not-evaluated Host']],
    ['EC2 host next to a database is stateless', '  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n' + db('      BackupRetentionPeriod: 7\n'), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DR-001')).toEqual(expected);
  });

  it('reports achievable RPO next to the target', () => {
    const [f] = find(template(db('      BackupRetentionPeriod: 7\n')), 'DR-001', { configFile: { tiers: { targets: { prod: { rpoMinutes: 1 } } } } });
    expect(f!.message).toMatch(/^RPO ≈ 5 min > prod \(assumed prod: no tier tag or parameter\) target 1 min/);
  });

  const host = (tags: string) => `  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      Tags:
${tags}`;
  const dlm = (interval: number) => `  Snapshots:
    Type: AWS::DLM::LifecyclePolicy
    Properties:
      Description: daily
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
              Interval: ${interval}
              IntervalUnit: HOURS
            RetainRule:
              Count: 7
`;
  it('a daily DLM policy gives the host a 24 h RPO: fails prod, passes dev', () => {
    const yaml = (env: string) => template(host(`        - Key: Backup\n          Value: daily\n        - Key: Environment\n          Value: ${env}\n`) + dlm(24));
    const f = find(yaml('prod'), 'DR-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/RPO ≈ 24 h > prod \(tag Environment=prod\) target 5 min/);
    expect(ids(yaml('dev'), 'DR-001')).toEqual([]);
  });
  it('a DLM policy targeting other tags does not cover the host', () => {
    expect(ids(template(host('        - Key: Backup\n          Value: weekly\n') + dlm(24)), 'DR-001')).toEqual(['DR-001 not-evaluated Host']);
  });

  it('account: a possibly stateful host is not evaluated; RDS without backups fails', () => {
    expect(runAccount([acct('AWS::EC2::Instance', 'i-1', {}), acct('AWS::RDS::DBInstance', 'nobackup', { BackupRetentionPeriod: 0 })], 'DR-001')).toEqual(['DR-001 fail nobackup']);
    expect(runAccount([acct('AWS::EC2::Instance', 'i-1', {})], 'DR-001')).toEqual(['DR-001 not-evaluated i-1']);
  });
});

describe('DR-002 rto-within-target', () => {
  const cases: [string, string, string[]][] = [
    ['Multi-AZ RDS fails over in ~2 min', db('      MultiAZ: true\n'), []],
    ['single-AZ 20 GB restore ≈ 32 min > prod 30 min', db("      AllocatedStorage: '20'\n"), ['DR-002 fail Db']],
    ['single-AZ 20 GB restore meets staging 2 h', db("      AllocatedStorage: '20'\n" + tag('staging')), []],
    ['single-AZ 2000 GB restore ≈ 230 min meets dev 4 h', db("      AllocatedStorage: '2000'\n" + tag('dev')), []],
    ['single-AZ 3000 GB restore ≈ 330 min > dev 4 h', db("      AllocatedStorage: '3000'\n" + tag('dev')), ['DR-002 fail Db']],
    ['single-AZ without backups: unbounded', db('      BackupRetentionPeriod: 0\n' + tag('dev')), ['DR-002 fail Db']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DR-002')).toEqual(expected);
  });

  it('states the formula', () => {
    const [f] = find(template(db("      AllocatedStorage: '20'\n")), 'DR-002');
    expect(f!.message).toMatch(/RTO ≈ 32 min > prod .* target 30 min: single-AZ: recovery is a restore from backup, estimated 30 min \+ 20 GB ÷ 10 GB\/min/);
  });

  const aurora = (n: number) => `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
${Array.from({ length: n }, (_, i) => `  I${i}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-postgresql\n      DBInstanceClass: db.r6g.large\n      DBClusterIdentifier: !Ref Cluster\n`).join('')}`;
  it('Aurora: a reader gives < 1 min; one instance ≈ 10 min (passes prod 30 min, fails a 5 min target)', () => {
    expect(ids(template(aurora(2)), 'DR-002')).toEqual([]);
    expect(ids(template(aurora(1)), 'DR-002')).toEqual([]);
    expect(ids(template(aurora(1)), 'DR-002', { configFile: { tiers: { targets: { prod: { rtoMinutes: 5 } } } } })).toEqual(['DR-002 fail Cluster']);
    expect(ids(template(aurora(2)), 'DR-002', { configFile: { tiers: { targets: { prod: { rtoMinutes: 5 } } } } })).toEqual([]);
  });

  it('a MultiAZ parameter without default is not evaluated', () => {
    expect(ids(template(db('      MultiAZ: !Ref Multi\n'), 'Parameters:\n  Multi:\n    Type: String\n'), 'DR-002')).toEqual(['DR-002 not-evaluated Db']);
  });

  it('account: MultiAZ literal', () => {
    expect(runAccount([acct('AWS::RDS::DBInstance', 'm', { MultiAZ: true, BackupRetentionPeriod: 7, AllocatedStorage: 100 }), acct('AWS::RDS::DBInstance', 's', { MultiAZ: false, BackupRetentionPeriod: 7, AllocatedStorage: 100 })], 'DR-002')).toEqual([
      'DR-002 fail s',
    ]);
  });
});

describe('DR-003 cross-region-backup', () => {
  const plan = (copy: boolean) => `  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: db
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: primary
            ScheduleExpression: cron(0 5 ? * * *)
${copy ? '            CopyActions:\n              - DestinationBackupVaultArn: arn:aws:backup:eu-west-1:111122223333:backup-vault:dr\n' : ''}  Selection:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: !Ref Plan
      BackupSelection:
        SelectionName: db
        IamRoleArn: arn:aws:iam::111122223333:role/backup
        Resources:
          - !Sub arn:aws:rds:\${AWS::Region}:\${AWS::AccountId}:db:\${Db}
`;
  const cases: [string, string, string[]][] = [
    ['prod without any plan fails', db(''), ['DR-003 fail Db']],
    ['dev is not judged', db(tag('dev')), []],
    ['a plan with a cross-region CopyAction covering the DB passes', db('') + plan(true), []],
    ['a plan without CopyActions fails, naming the plan', db('') + plan(false), ['DR-003 fail Db']],
    ['a read replica is not judged', db('      SourceDBInstanceIdentifier: other\n' + tag('dev')), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => {
    expect(ids(template(yaml), 'DR-003')).toEqual(expected);
  });

  it('says which plan copies nowhere', () => {
    expect(find(template(db('') + plan(false)), 'DR-003')[0]!.message).toMatch(/Plan covers it but copy nowhere/);
  });

  it('an Aurora cluster in a global database passes', () => {
    const yaml = template(`  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
  Global:
    Type: AWS::RDS::GlobalCluster
    Properties:
      SourceDBClusterIdentifier: !Ref Cluster
`);
    expect(ids(yaml, 'DR-003')).toEqual([]);
  });

  it('account: not evaluated with the reason', () => {
    expect(runAccount([acct('AWS::RDS::DBInstance', 'a', {})], 'DR-003')).toEqual(['DR-003 not-evaluated a']);
  });
});
