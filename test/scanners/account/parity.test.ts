// The same architecture, scanned as a template and audited as an account snapshot, gets the
// same verdicts. Physical ids map to the template's logical ids per seed; every difference is
// listed below with its reason, and the lists are exact both ways (a stale entry fails too).
import { describe, expect, it } from 'vitest';
import { accountKeys, loadSnapshot, minus, templateKeys } from '../../helpers/account-parity.js';

interface Difference {
  /** `RULE status Type role`, as keyOf builds it. */
  readonly key: string;
  readonly why: string;
}

// Facts one input cannot show.
const inherent = {
  /** OBS-002: a template cannot show whether the account has a billing alarm; the account can. */
  obs002: (stack: string): [Difference, Difference] => [
    { key: `OBS-002 not-evaluated AWS::CloudFormation::Stack ${stack}`, why: 'a template cannot show whether the account has a billing alarm' },
    { key: 'OBS-002 fail AWS::::Account 111122223333', why: 'the account has no AWS/Billing EstimatedCharges alarm in us-east-1' },
  ],
  dr003: (role: string, type = 'AWS::RDS::DBInstance'): [Difference, Difference] => [
    { key: `DR-003 fail ${type} ${role}`, why: 'the template declares no cross-region backup copy' },
    { key: `DR-003 not-evaluated ${type} ${role}`, why: 'cross-region backup replication (DescribeDBInstanceAutomatedBackups, AWS Backup copy jobs) is not collected live' },
  ],
  userData: (role: string): Difference => ({
    key: `SEC-001 not-evaluated AWS::EC2::Instance ${role}`,
    why: 'EC2 user data is not collected live (one DescribeInstanceAttribute call per instance)',
  }),
  masterPassword: (role: string, type = 'AWS::RDS::DBInstance'): Difference => ({
    key: `DB-008 not-evaluated ${type} ${role}`,
    why: 'the API never returns the master password: without ManageMasterUserPassword, where it is kept (NoEcho parameter, literal) cannot be seen',
  }),
};

interface Seed {
  readonly template: string;
  readonly snapshot: string;
  /** Physical id → the template's logical id. */
  readonly roles: Readonly<Record<string, string>>;
  readonly templateOnly: readonly Difference[];
  readonly accountOnly: readonly Difference[];
}

const seeds: Record<string, Seed> = {
  '001 ETF tracker': {
    template: 'fixtures/seeds/001-etf-tracker.yaml',
    snapshot: 'fixtures/accounts/001-etf-tracker.json',
    roles: {
      'sg-0e7f5c3a1b2d4e6f8': 'BackendSecurityGroup',
      'i-0f6a7b8c9d0e1f2a3': 'BackendInstance',
      'vol-0a9b8c7d': 'BackendInstance',
      'eipalloc-0c2': 'BackendElasticIp',
      'etf-portfolio-frontend-111122223333': 'FrontendBucket',
      'etf-portfolio-backups-111122223333': 'BackupBucket',
      E1ETFPORTFOLIO: 'Distribution',
    },
    templateOnly: [
      {
        key: 'EC2-002 fail AWS::EC2::Instance BackendInstance',
        why: "a template judges the instance's BlockDeviceMappings; the account judges the attached volume itself (DescribeVolumes)",
      },
    ],
    accountOnly: [{ key: 'EC2-002 fail AWS::EC2::Volume BackendInstance', why: 'the same unencrypted root volume, as the volume resource' }, inherent.userData('BackendInstance')],
  },
  '000 expense tracker': {
    template: 'fixtures/seeds/000-expense-tracker.yaml',
    snapshot: 'fixtures/accounts/000-expense-tracker.json',
    roles: {
      'sg-0f6a8c1e3b5d7f9a2': 'DatabaseSecurityGroup',
      'i-0c1d3e5f7a9b2c4d6': 'Instance',
      'vol-0e2a4c6e8b1d3f5a7': 'Instance',
      'expense-tracker-clb': 'LoadBalancer',
      'expense-tracker-db': 'Database',
      E2X7K9QEXP4TRK: 'Distribution',
    },
    templateOnly: [
      inherent.obs002('000-expense-tracker.yaml')[0],
      inherent.dr003('Database')[0],
      { key: 'EC2-002 not-evaluated AWS::EC2::Instance Instance', why: "no BlockDeviceMappings: the root volume's encryption comes from the AMI, which a template cannot show" },
    ],
    accountOnly: [
      inherent.obs002('000-expense-tracker.yaml')[1],
      inherent.dr003('Database')[1],
      { key: 'EC2-002 fail AWS::EC2::Volume Instance', why: 'the deployed root volume is visible and unencrypted' },
      inherent.userData('Instance'),
      inherent.masterPassword('Database'),
    ],
  },
  '003 BankApp prod': {
    template: 'fixtures/seeds/003-bankapp-prod.yaml',
    snapshot: 'fixtures/accounts/003-bankapp-prod.json',
    roles: {
      'bankapp-production': 'Database',
      'bankapp-production-replica': 'DatabaseReadReplica',
      'bankapp-production-frontend-111122223333': 'FrontendBucket',
      E3BNKPRD7Q2XVA: 'Distribution',
      'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/bankap-LoadB-7QX2M4K9P1VZ/4f8a2c6e1b3d5f7a': 'LoadBalancer',
      'eipalloc-0a1b3c5d7e9f2a4b6': 'NatEipA',
      'eipalloc-0b2c4d6e8f1a3b5c7': 'NatEipB',
      'nat-0b8d1f3a5c7e9b2d4': 'NatGatewayA',
      'nat-0c9e2a4b6d8f1c3e5': 'NatGatewayB',
    },
    templateOnly: [inherent.obs002('003-bankapp-prod.yaml')[0], inherent.dr003('Database')[0]],
    accountOnly: [inherent.obs002('003-bankapp-prod.yaml')[1], inherent.dr003('Database')[1]],
  },
  '004 PeriodTracker (ap-south-1)': {
    template: 'fixtures/seeds/004-period-tracker.json',
    snapshot: 'fixtures/accounts/004-period-tracker.json',
    roles: {
      'sg-0b6d8f1c3e5a7b9d4': 'DatabaseSecurityGroup',
      'periodtracker-cluster': 'DatabaseCluster',
      'periodtracker-instance-1': 'DatabaseInstance1',
      '/aws/rds/cluster/periodtracker-cluster/postgresql': 'DatabaseLogGroup',
      'periodtracker/cms': 'CmsRepository',
      'periodtracker/api': 'ApiRepository',
      'arn:aws:apprunner:ap-south-1:111122223333:service/periodtracker-cms/8e1a3c5b7d9f4e6a8c2b4d6f1a3c5e7b': 'CmsService',
      'arn:aws:apprunner:ap-south-1:111122223333:service/periodtracker-api/9f2b4d6c8e1a5f7b9d3c5e7a2b4d6f8c': 'ApiService',
      'eipalloc-0c3e5a7b9d1f4c6e8': 'NatEip',
      'nat-0d1f3b5c7e9a2d4f8': 'NatGateway',
    },
    templateOnly: [
      inherent.obs002('004-period-tracker.json')[0],
      inherent.dr003('DatabaseCluster', 'AWS::RDS::DBCluster')[0],
      { key: 'DB-008 fail AWS::RDS::DBCluster DatabaseCluster', why: 'the template holds the literal MasterUserPassword; the API never returns it' },
    ],
    accountOnly: [
      inherent.obs002('004-period-tracker.json')[1],
      inherent.dr003('DatabaseCluster', 'AWS::RDS::DBCluster')[1],
      inherent.masterPassword('DatabaseCluster', 'AWS::RDS::DBCluster'),
      ...['cms/8e1a3c5b7d9f4e6a8c2b4d6f1a3c5e7b', 'api/9f2b4d6c8e1a5f7b9d3c5e7a2b4d6f8c'].flatMap((s) =>
        ['application', 'service'].map((k) => ({
          key: `OBS-001 fail AWS::Logs::LogGroup /aws/apprunner/periodtracker-${s}/${k}`,
          why: 'App Runner creates its log groups at first deploy, without retention; the template cannot declare them',
        })),
      ),
    ],
  },
};

describe('template ↔ account snapshot parity (seed architectures)', () => {
  it.each(Object.entries(seeds))('%s: same rules and verdicts, up to the listed differences', async (_name, seed) => {
    const t = templateKeys(seed.template);
    const a = await accountKeys(loadSnapshot(seed.snapshot), seed.roles);
    expect(t.errors).toEqual([]);
    expect(a.errors).toEqual([]);
    const onlyTemplate = minus(t.keys, a.keys).sort();
    const onlyAccount = minus(a.keys, t.keys).sort();
    expect(onlyTemplate).toEqual(seed.templateOnly.map((d) => d.key).sort());
    expect(onlyAccount).toEqual(seed.accountOnly.map((d) => d.key).sort());
    // And the shared part is not empty: the seeds' documented gaps are found both ways.
    expect(minus(t.keys, onlyTemplate).length).toBeGreaterThan(3);
  });

  it('every listed difference says why', () => {
    for (const seed of Object.values(seeds)) for (const d of [...seed.templateOnly, ...seed.accountOnly]) expect(d.why.length, d.key).toBeGreaterThan(20);
  });

  it('004: the plaintext App Runner secrets are found live and never printed', async () => {
    const a = await accountKeys(loadSnapshot(seeds['004 PeriodTracker (ap-south-1)']!.snapshot), {});
    const sec = a.findings.filter((f) => f.ruleId === 'SEC-001');
    expect(sec).toHaveLength(4);
    const text = JSON.stringify(a.findings);
    expect(text).not.toContain('example-not-a-real-password');
    expect(text).not.toContain('example-not-a-real-secret');
  });
});

describe('AccessDenied reads (003 snapshot, s3:GetBucketPolicy and ec2:DescribeSecurityGroups denied in us-east-1)', () => {
  const denied = (): ReturnType<typeof loadSnapshot> => {
    const snap = loadSnapshot('fixtures/accounts/003-bankapp-prod.json');
    const deny = (c: (typeof snap.calls)[number]) =>
      c.operation === 'GetBucketPolicy' || (c.service === 'ec2' && c.operation === 'DescribeSecurityGroups' && c.region === 'us-east-1');
    return {
      ...snap,
      calls: snap.calls.map((c) =>
        deny(c)
          ? {
              service: c.service,
              operation: c.operation,
              region: c.region,
              input: c.input,
              error: { name: 'AccessDenied', message: 'User: arn:aws:iam::111122223333:user/auditor is not authorized to perform this action' },
            }
          : c,
      ),
    };
  };

  it('the bucket-policy controls are not-evaluated naming the call, never pass or fail', async () => {
    const a = await accountKeys(denied(), {});
    const bucket = 'bankapp-production-frontend-111122223333';
    for (const rule of ['S3-002', 'S3-006']) {
      const on = a.findings.filter((f) => f.ruleId === rule && f.resource.id === bucket);
      expect(
        on.map((f) => f.status),
        rule,
      ).toEqual(['not-evaluated']);
      expect(on[0]?.reason, rule).toMatch(/s3:GetBucketPolicy failed: AccessDenied/);
    }
  });

  it('the security-group controls are not-evaluated (never pass, never fail) and the failed call is reported', async () => {
    const snapshot = denied();
    const a = await accountKeys(snapshot, {});
    expect(a.errors).toEqual([{ file: 'account 111122223333 region us-east-1', message: expect.stringMatching(/^ec2:DescribeSecurityGroups failed: AccessDenied/) }]);
    expect(a.findings.filter((f) => f.ruleId.startsWith('NET-') && f.status === 'fail')).toEqual([]);
    // The intact snapshot passes NET-005 on both; denied, neither may pass silently.
    const net005 = a.findings.filter((f) => f.ruleId === 'NET-005');
    expect(net005.map((f) => `${f.status} ${f.resource.type}`).sort()).toEqual(['not-evaluated AWS::ECS::Service', 'not-evaluated AWS::ElasticLoadBalancingV2::LoadBalancer']);
    // The reason names the failed call, not just "missing".
    for (const f of net005) expect(f.reason).toMatch(/security group sg-0[0-9a-f]+ .* could not be read \(ec2:DescribeSecurityGroups failed in us-east-1: AccessDenied\)/);
    const intact = await accountKeys(loadSnapshot('fixtures/accounts/003-bankapp-prod.json'), {});
    expect(intact.findings.filter((f) => f.ruleId === 'NET-005')).toEqual([]);
  });
});

describe('a denied DescribeSubnets (003 snapshot)', () => {
  it('DB-002 is not-evaluated and its reason names the failed call', async () => {
    const snap = loadSnapshot('fixtures/accounts/003-bankapp-prod.json');
    const denied = {
      ...snap,
      calls: snap.calls.map((c) =>
        c.service === 'ec2' && c.operation === 'DescribeSubnets'
          ? { service: c.service, operation: c.operation, region: c.region, input: c.input, error: { name: 'AccessDenied', message: 'denied' } }
          : c,
      ),
    };
    const a = await accountKeys(denied, {});
    const db002 = a.findings.filter((f) => f.ruleId === 'DB-002');
    expect(db002.length).toBeGreaterThan(0);
    for (const f of db002) {
      expect(f.status).toBe('not-evaluated');
      expect(f.reason).toMatch(/ec2:DescribeSubnets failed in us-east-1: AccessDenied/);
    }
  });
});
