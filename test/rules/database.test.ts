import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import type { FailedRead } from '../../src/model/inventory.js';
import { defineRule } from '../../src/model/rule.js';
import { guardsDatabase } from '../../src/rules/lib/database-groups.js';
import { DATABASE_RULES } from '../../src/rules/database/index.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { igw, privateVpc, prodTag } from './templates.js';

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

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const acct = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin, arn: `arn:aws:rds:us-east-1:111122223333:db:${id}` });

// Most cases live in the RuleTester tables (test/rules/cases/database.ts); these are the ones a
// table row cannot express: exact finding lists across several resources, messages, masking,
// config overrides, and the shared helpers.

describe('DB-001 not-publicly-accessible', () => {
  it('PubliclyAccessible "true" (a string) fails', () => {
    expect(ids(template(db("      PubliclyAccessible: 'true'\n      DBSubnetGroupName: !Ref Group\n") + privateVpc), 'DB-001')).toEqual(['DB-001 fail Db']);
  });

  it('says why an absent flag is public', () => {
    const [f] = find(template(db('      DBSubnetGroupName: !Ref Group\n') + privateVpc + igw), 'DB-001');
    expect(f!.message).toMatch(/PubliclyAccessible is not set and the VPC of subnet group Group \(Vpc\) has an internet gateway/);
    const [g] = find(template(db('')), 'DB-001');
    expect(g!.message).toMatch(/default VPC/);
  });

  it("Aurora: each instance is judged through its cluster's subnet group; the cluster is not", () => {
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

  it('Fn::If: the public branch fails once, naming the scenario', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';
    const f = find(template(db('      PubliclyAccessible: !If [IsDev, true, false]\n'), extra), 'DB-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/when parameter Env is dev/);
  });

  it('scenarios: both keys are read under one assignment, so an impossible combination never fails', () => {
    // IsProd true: no flag, private subnet group. IsProd false: flag false, no subnet group. Neither is public.
    const extra = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    const yaml = template(
      db('      PubliclyAccessible: !If [IsProd, !Ref AWS::NoValue, false]\n      DBSubnetGroupName: !If [IsProd, !Ref Group, !Ref AWS::NoValue]\n') + privateVpc,
      extra,
    );
    expect(find(yaml, 'DB-001')).toEqual([]);
    // The same template with the IGW attached fails in the prod scenario only.
    const f = find(
      template(
        db('      PubliclyAccessible: !If [IsProd, !Ref AWS::NoValue, false]\n      DBSubnetGroupName: !If [IsProd, !Ref Group, !Ref AWS::NoValue]\n') + privateVpc + igw,
        extra,
      ),
      'DB-001',
    );
    expect(f.map((x) => [x.status, x.messageId])).toEqual([['fail', 'igw']]);
    expect(f[0]!.message).toMatch(/\(when parameter Env is prod\)$/);
  });
});

describe('DB-003 backup-retention', () => {
  it('the message names the tier and where it came from', () => {
    const [f] = find(template(db('      BackupRetentionPeriod: 7\n' + prodTag)), 'DB-003');
    expect(f!.message).toMatch(/35 days tier prod \(tag Environment=production\)/);
    const [g] = find(template(db('')), 'DB-003');
    expect(g!.message).toMatch(/not set, so backups are kept 1 day.*assumed prod/);
  });

  it('the tier comes from a stack parameter default (EnvName)', () => {
    const extra = 'Parameters:\n  EnvName:\n    Type: String\n    Default: staging\n';
    expect(ids(template(db('      BackupRetentionPeriod: 7\n'), extra), 'DB-003')).toEqual([]);
    expect(ids(template(db('      BackupRetentionPeriod: 7\n'), extra), 'DB-003', { parameters: { EnvName: 'prd' } })).toEqual(['DB-003 fail Db']);
  });

  it('config overrides the tier and its minimum', () => {
    const yaml = template(db('      BackupRetentionPeriod: 14\n'));
    expect(ids(yaml, 'DB-003')).toEqual(['DB-003 fail Db']);
    expect(ids(yaml, 'DB-003', { configFile: { tiers: { targets: { prod: { backupRetentionDays: 14 } } } } })).toEqual([]);
    expect(ids(yaml, 'DB-003', { configFile: { tiers: { default: 'dev' } } })).toEqual([]);
  });
});

describe('DB-006 auto-minor-version-upgrade', () => {
  it('true passes', () => {
    expect(ids(template(db('      AutoMinorVersionUpgrade: true\n')), 'DB-006')).toEqual([]);
  });
});

describe('DB-008 credentials-not-literal', () => {
  const pw = (value: string) => db(`      MasterUsername: admin\n      MasterUserPassword: ${value}\n`);

  it('ssm-secure passes', () => {
    expect(ids(template(pw("'{{resolve:ssm-secure:/db/pw:1}}'")), 'DB-008')).toEqual([]);
  });

  it('no password and no master user (a snapshot, a replica) passes', () => {
    expect(ids(template(db('')), 'DB-008')).toEqual([]);
  });

  it('never prints the literal, nor a NoEcho default', () => {
    const r = scan(template(pw("'hunter2hunter2'")));
    expect(JSON.stringify(r.findings)).not.toContain('hunter2');
    const r2 = scan(template(pw('!Ref Pw'), "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: 'changeme123'\n"));
    expect(JSON.stringify(r2.findings)).not.toContain('changeme123');
    expect(r2.findings.find((f) => f.ruleId === 'DB-008')!.message).toMatch(/NoEcho parameter Pw, which has a Default/);
  });

  it("NoEcho with Default '' passes; a non-empty NoEcho default fails; --parameter does not make a default go away", () => {
    const empty = "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: ''\n";
    expect(ids(template(pw('!Ref Pw'), empty), 'DB-008')).toEqual([]);
    const literal = "Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\n    Default: 'changeme123'\n";
    expect(ids(template(pw('!Ref Pw'), literal), 'DB-008', { parameters: { Pw: 'given-at-deploy-1' } })).toEqual(['DB-008 fail Db']);
    expect(ids(template(pw('!Ref Pw'), empty), 'DB-008', { parameters: { Pw: 'given-at-deploy-1' } })).toEqual([]);
  });

  it('a parameter in one branch of Fn::If is judged in its scenario only', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\n  Pw:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    const f = find(template(pw("!If [IsProd, '{{resolve:secretsmanager:prod/db:SecretString:password}}', !Ref Pw]"), extra), 'DB-008');
    expect(f.map((x) => [x.status, x.messageId])).toEqual([['fail', 'parameter-visible']]);
    expect(f[0]!.message).toMatch(/parameter Pw, which is not NoEcho.*\(when parameter Env is none of "prod"\)/);
  });
});

describe('lib/database-groups guardsDatabase', () => {
  // A probe rule: fails every group that guards a database, so the helper's three answers show as fail / pass / not-evaluated.
  const probe = defineRule({
    meta: {
      id: 'TEST-DBG',
      name: 'probe',
      title: 'probe',
      area: 'network',
      severity: 'low',
      resourceTypes: ['AWS::EC2::SecurityGroup'],
      rationale: '-',
      remediation: '-',
      seeds: [],
      messages: { guards: 'guards a database' },
    },
    check(group, ctx) {
      if (guardsDatabase(ctx, group) === true) ctx.report({ messageId: 'guards' });
    },
  });
  const sg = (id: string): Resource => ({ type: 'AWS::EC2::SecurityGroup', id, properties: { GroupId: id }, origin });
  const run = (resources: Resource[], failedReads: FailedRead[] = []) =>
    evaluate(accountSource(resources, failedReads), { config: effectiveConfig({}, '2026-11-22'), rules: [probe] }).findings.map(
      (f) => `${f.status} ${f.resource.id}${f.status === 'not-evaluated' ? `: ${f.message}` : ''}`,
    );

  it('a group an RDS instance uses guards a database', () => {
    expect(run([sg('sg-1'), acct('AWS::RDS::DBInstance', 'db1', { VPCSecurityGroups: ['sg-1'] })])).toEqual(['fail sg-1']);
  });
  it('a group nothing uses guards none when every database list was read', () => {
    expect(run([sg('sg-1')])).toEqual([]);
  });
  it('when RDS could not be read, whether a group guards a database is not known', () => {
    expect(run([sg('sg-1')], [{ region: 'us-east-1', call: 'rds:DescribeDBInstances', error: 'AccessDenied' }])).toEqual([
      'not-evaluated sg-1: rds:DescribeDBInstances failed in us-east-1: AccessDenied',
    ]);
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
  const map = (existsSync(join(shared, 'tools', 'peer-map.json')) ? JSON.parse(readFileSync(join(shared, 'tools', 'peer-map.json'), 'utf8')) : {}) as Record<
    string,
    Record<string, [string, string]>
  >;
  const cases = manifest
    .filter((e) => e.expected === 'FAIL' && !e.parameter_values && !e.condition_values)
    .flatMap((e) => {
      const m = map[e.tool]?.[e.check_id];
      return m?.[0].startsWith('DB-') && m[1] === 'superset' ? [[`${e.check_id} ${e.template.split('/').pop()} ${e.logical_id}`, e, m[0]] as const] : [];
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
