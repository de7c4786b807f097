import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/reporters/json.js';
import { Unknown } from '../../src/model/values.js';
import { CTX, EMPTY_REPORT, REPORT, fail, shuffled } from './fixture.js';

describe('formatJson', () => {
  const out = formatJson(REPORT, CTX);
  const doc = JSON.parse(out) as Record<string, unknown>;

  it('follows the DESIGN.md contract exactly', () => {
    expect(doc).toEqual({
      tool: { name: 'stackaudit', version: '1.2.3' },
      findings: [
        {
          ruleId: 'COST-002',
          ruleName: 'tag-cost-center',
          severity: 'info',
          status: 'fail',
          message: 'Instance Bastion has no CostCenter tag',
          resource: { id: 'Bastion', type: 'AWS::EC2::Instance', file: 'cdk.out/Net.template.json', stack: 'Net' },
          fingerprint: 'fp-cost-002-bastion',
        },
        {
          ruleId: 'NET-001',
          ruleName: 'ssh-single-host',
          severity: 'critical',
          status: 'fail',
          message: 'SSH (port 22) is open to 0.0.0.0/0 | any host',
          resource: { id: 'WebSecurityGroup', type: 'AWS::EC2::SecurityGroup', file: 'templates/app.yaml', line: 12, column: 7 },
          fingerprint: 'fp-net-001-web',
        },
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
          ruleId: 'S3-002',
          ruleName: 'bucket-versioning',
          severity: 'medium',
          status: 'fail',
          message: 'Bucket logs-bucket has no versioning',
          resource: { id: 'logs-bucket', type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::logs-bucket', account: '111122223333', region: 'us-east-1' },
          fingerprint: 'fp-s3-002-logs',
        },
      ],
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
    });
  });

  it('keeps the contract key order and omits absent keys (no nulls)', () => {
    expect(Object.keys(doc)).toEqual(['tool', 'findings', 'errors', 'summary', 'notes']);
    const first = (doc['findings'] as Record<string, unknown>[])[2]!;
    expect(Object.keys(first)).toEqual(['ruleId', 'ruleName', 'severity', 'status', 'message', 'resource', 'reason', 'fingerprint']);
    expect(out).not.toContain('null');
    expect(Object.keys(JSON.parse(formatJson(EMPTY_REPORT, CTX)) as object)).toEqual(['tool', 'findings', 'errors', 'summary']);
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    expect(out.startsWith('{\n  "tool": {\n    "name": "stackaudit",')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('never serialises the finding path, and prints stray Unknown values as text', () => {
    expect(out).not.toContain('SshCidr');
    expect(out).not.toContain('"path"');
    const stray = { ...REPORT, findings: [{ ...REPORT.findings[1]!, reason: new Unknown('AccessDenied') as unknown as string }] };
    const f = (JSON.parse(formatJson(stray, CTX)) as { findings: { reason: unknown }[] }).findings[0]!;
    expect(f.reason).toBe('<unknown: AccessDenied>');
  });

  it('drops invalid positions instead of printing 0-based or fractional lines', () => {
    const bad = { ...REPORT, findings: [{ ...REPORT.findings[1]!, resource: { ...REPORT.findings[1]!.resource, line: 0, column: 2 } }] };
    const r = (JSON.parse(formatJson(bad, CTX)) as { findings: { resource: Record<string, unknown> }[] }).findings[0]!.resource;
    expect(r['line']).toBeUndefined();
    expect(r['column']).toBeUndefined();
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatJson(shuffled(REPORT), CTX)).toBe(out);
  });

  it.each([1, 255, 256, 257, 600])('lays out %i findings exactly as JSON.stringify(document, null, 2) does, across streamed pieces', (count) => {
    const findings = Array.from({ length: count }, (_, i) => fail({ id: `R${String(i).padStart(4, '0')}`, message: `m ${i}`, data: { n: i } }));
    const text = formatJson({ ...REPORT, findings }, CTX);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect((JSON.parse(text) as { findings: unknown[] }).findings).toHaveLength(count);
  });
});
