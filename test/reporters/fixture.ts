import type { Finding, Report } from '../../src/model/finding.js';
import type { RuleMeta } from '../../src/model/rule.js';
import { ResourceRef, Unknown } from '../../src/model/values.js';
import type { ReporterContext } from '../../src/reporters/types.js';

export const CWD = '/repo';

export const RULES: readonly RuleMeta[] = [
  {
    id: 'NET-001',
    name: 'ssh-single-host',
    title: 'SSH is open only to a single host',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: 'SSH open to the internet invites brute force; allow one admin host at most.',
    remediation: 'Restrict `CidrIp` for port 22 to a single `/32`, or use SSM Session Manager.',
    seeds: ['000'],
  },
  {
    id: 'DB-001',
    name: 'db-not-public',
    title: 'Databases are not publicly accessible',
    area: 'database',
    severity: 'high',
    resourceTypes: ['AWS::RDS::DBInstance'],
    rationale: 'A public database endpoint is one leaked password away from a breach.',
    remediation: 'Set `PubliclyAccessible: false` and place the instance in private subnets.',
    seeds: ['001'],
  },
  {
    id: 'S3-002',
    name: 'bucket-versioning',
    title: 'Buckets keep versions',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale: 'Versioning lets you recover from deletes and overwrites.',
    remediation: 'Enable `VersioningConfiguration: {Status: Enabled}`.',
    seeds: ['002'],
  },
  {
    id: 'OBS-001',
    name: 'log-retention',
    title: 'Log groups have a retention period',
    area: 'observability',
    severity: 'low',
    resourceTypes: ['AWS::Logs::LogGroup'],
    rationale: 'Logs kept forever cost money forever.',
    remediation: 'Set `RetentionInDays`.',
    seeds: ['beyond the seeds'],
    tiered: true,
  },
  {
    id: 'COST-002',
    name: 'tag-cost-center',
    title: 'Resources carry a cost-center tag',
    area: 'cost',
    severity: 'info',
    resourceTypes: ['AWS::EC2::Instance'],
    rationale: 'Untagged spend cannot be attributed.',
    remediation: 'Add a `CostCenter` tag.',
    seeds: ['004'],
  },
];

/** A finding whose `path` holds an Unknown and a ResourceRef: reporters must never print them raw. */
const netFinding: Finding = {
  ruleId: 'NET-001',
  ruleName: 'ssh-single-host',
  severity: 'critical',
  status: 'fail',
  message: 'SSH (port 22) is open to 0.0.0.0/0 | any host',
  resource: { id: 'WebSecurityGroup', type: 'AWS::EC2::SecurityGroup', file: 'templates/app.yaml', line: 12, column: 7 },
  path: ['Properties', 'SecurityGroupIngress', 0, new Unknown('parameter SshCidr has no default') as unknown as string, new ResourceRef('t', 'X') as unknown as string],
  fingerprint: 'fp-net-001-web',
};

export const FINDINGS: readonly Finding[] = [
  // Deliberately out of order: reporters sort.
  {
    ruleId: 'S3-002',
    ruleName: 'bucket-versioning',
    severity: 'medium',
    status: 'fail',
    message: 'Bucket logs-bucket has no versioning',
    resource: { id: 'logs-bucket', type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::logs-bucket', account: '111122223333', region: 'us-east-1' },
    fingerprint: 'fp-s3-002-logs',
  },
  netFinding,
  {
    ruleId: 'DB-001',
    ruleName: 'db-not-public',
    severity: 'high',
    status: 'not-evaluated',
    message: 'Could not decide whether the database is public',
    resource: { id: 'Database', type: 'AWS::RDS::DBInstance', file: 'templates/app.yaml', line: 40, column: 3 },
    reason: 'PubliclyAccessible comes from parameter DbPublic, which has no default',
    fingerprint: 'fp-db-001-database',
  },
  {
    ruleId: 'OBS-001',
    ruleName: 'log-retention',
    severity: 'low',
    status: 'suppressed',
    message: 'Log group AppLogs keeps logs forever',
    resource: { id: 'AppLogs', type: 'AWS::Logs::LogGroup', file: 'templates/app.yaml', line: 55, column: 3 },
    suppression: { reason: 'audit logs must be kept <forever> & "always"', source: 'inline' },
    fingerprint: 'fp-obs-001-applogs',
  },
  {
    ruleId: 'COST-002',
    ruleName: 'tag-cost-center',
    severity: 'info',
    status: 'fail',
    message: 'Instance Bastion has no CostCenter tag',
    resource: { id: 'Bastion', type: 'AWS::EC2::Instance', file: 'cdk.out/Net.template.json', stack: 'Net' },
    fingerprint: 'fp-cost-002-bastion',
  },
];

export const REPORT: Report = {
  tool: { name: 'stackaudit', version: '1.2.3' },
  findings: FINDINGS,
  errors: [{ file: 'templates/broken.yaml', line: 3, column: 5, message: 'duplicate key "Resources"' }],
  summary: {
    resources: 7,
    inputs: 3,
    fail: 3,
    notEvaluated: 1,
    suppressed: 1,
    errors: 1,
    bySeverity: { critical: 1, high: 0, medium: 1, low: 0, info: 1 },
    failOn: 'high',
    gateFailed: true,
  },
  notes: ['skipped README.md: not a template'],
};

export const EMPTY_REPORT: Report = {
  tool: { name: 'stackaudit', version: '1.2.3' },
  findings: [],
  errors: [],
  summary: {
    resources: 1,
    inputs: 1,
    fail: 0,
    notEvaluated: 0,
    suppressed: 0,
    errors: 0,
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    failOn: 'high',
    gateFailed: false,
  },
};

export const CTX: ReporterContext = { rules: RULES, cwd: CWD, toolVersion: '1.2.3' };

/** The same report with findings reversed: every format must print the same bytes. */
export function shuffled(r: Report): Report {
  return { ...r, findings: [...r.findings].reverse() };
}

/** A failing finding in templates/app.yaml, varied per test. */
export function fail(over: Partial<Finding> & { id?: string; line?: number }): Finding {
  const { id = 'Res', line = 10, ...rest } = over;
  return {
    ruleId: 'NET-001',
    ruleName: 'ssh-single-host',
    severity: 'critical',
    status: 'fail',
    message: 'm',
    resource: { id, type: 'AWS::EC2::SecurityGroup', file: 'templates/app.yaml', line, column: 3 },
    fingerprint: `fp-${id}-${line}-${rest.ruleId ?? 'NET-001'}`,
    ...rest,
  };
}
