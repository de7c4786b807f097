import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model/finding.js';
import { formatText } from '../../src/reporters/text.js';
import { termSafe } from '../../src/reporters/terminal.js';
import { CTX, EMPTY_REPORT, REPORT, fail, shuffled } from './fixture.js';

const ESC = '\u001b';
const width = (l: string): number => Array.from(l).length;

function report(findings: Finding[], over: Partial<Report['summary']> = {}): Report {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.status === 'fail') bySeverity[f.severity]++;
  return {
    ...EMPTY_REPORT,
    findings,
    summary: {
      ...EMPTY_REPORT.summary,
      fail: findings.filter((f) => f.status === 'fail').length,
      notEvaluated: findings.filter((f) => f.status === 'not-evaluated').length,
      suppressed: findings.filter((f) => f.status === 'suppressed').length,
      bySeverity,
      gateFailed: findings.some((f) => f.status === 'fail' && ['critical', 'high'].includes(f.severity)),
      ...over,
    },
  };
}

describe('formatText', () => {
  const out = formatText(REPORT, CTX);
  const lines = out.split('\n');

  it('prints the file once, then each resource, then one line per finding: SEVERITY  RULE-ID  line:col  message', () => {
    expect(lines.filter((l) => l === 'templates/app.yaml')).toHaveLength(1);
    expect(out).not.toMatch(/templates\/app\.yaml:\d/);
    const app = lines.indexOf('templates/app.yaml');
    expect(lines[app + 1]).toBe('  WebSecurityGroup  AWS::EC2::SecurityGroup');
    expect(lines[app + 2]).toBe('    CRITICAL  NET-001   12:7  SSH (port 22) is open to 0.0.0.0/0 | any host');
    // No position known (a CDK stack-level finding): the column is left blank.
    expect(lines).toContain('    INFO      COST-002  Instance Bastion has no CostCenter tag');
  });

  it('groups failures by file (templates, then accounts) in path order', () => {
    const headers = lines.filter((l) => l !== '' && !l.startsWith(' '));
    expect(headers.slice(0, 3)).toEqual(['cdk.out/Net.template.json', 'templates/app.yaml', '111122223333/us-east-1']);
    expect(lines).toContain('  logs-bucket  AWS::S3::Bucket');
    expect(lines).toContain('    MEDIUM    S3-002    Bucket logs-bucket has no versioning');
  });

  it('sorts resources by their worst finding and findings by severity within a resource', () => {
    const t = formatText(
      report([
        fail({ id: 'Low', line: 1, severity: 'low', ruleId: 'NET-006', message: 'low one' }),
        fail({ id: 'Mixed', line: 20, severity: 'medium', ruleId: 'NET-004', message: 'medium one' }),
        fail({ id: 'Mixed', line: 30, severity: 'critical', ruleId: 'NET-002', message: 'critical one' }),
        fail({ id: 'Mixed', line: 25, severity: 'info', ruleId: 'COST-003', message: 'info one' }),
      ]),
      CTX,
    ).split('\n');
    const order = t.filter((l) => l.startsWith('  ') && !l.startsWith('    ') && !l.startsWith('   ')).map((l) => l.trim().split(/\s+/)[0]);
    expect(order.slice(0, 2)).toEqual(['Mixed', 'Low']);
    const mixed = t.filter((l) => /one$/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(mixed).toEqual(['CRITICAL', 'MEDIUM', 'INFO', 'LOW']);
  });

  it('lists not-evaluated findings in their own section, with the reason and no severity label', () => {
    const start = lines.findIndex((l) => l.startsWith('Not evaluated (1)'));
    expect(start).toBeGreaterThan(lines.indexOf('templates/app.yaml'));
    expect(lines[start]).toMatch(/never fail the run/);
    const section = lines.slice(start, lines.indexOf('', start));
    expect(section).toContain('    DB-001    40:3  Database  PubliclyAccessible comes from parameter DbPublic, which has no default');
    expect(section.join('\n')).not.toMatch(/CRITICAL|HIGH|MEDIUM|LOW|INFO/);
    // …and not among the failures.
    const failures = lines.slice(0, start).join('\n');
    expect(failures).not.toContain('DB-001');
  });

  it('lists suppressed findings with their reason, apart from failures', () => {
    const start = lines.findIndex((l) => l.startsWith('Suppressed (1)'));
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 2]).toBe('    OBS-001   55:3  AppLogs  audit logs must be kept <forever> & "always" (inline)');
  });

  it('lists input errors as file:line: message, and notes', () => {
    expect(out).toContain('Input errors (1)\n  templates/broken.yaml:3: duplicate key "Resources"\n');
    expect(out).toContain('Notes (1)\n  skipped README.md: not a template\n');
  });

  it('ends with the counts, the gate verdict with its exit code, and the next steps', () => {
    expect(out).toContain('\nScanned: 7 resources from 3 inputs\n');
    expect(out).toContain('\nFound:   3 findings (1 critical, 1 medium, 1 info), 1 not evaluated, 1 suppressed, 1 input error\n');
    expect(out).toContain('\nGate:    --fail-on high: 1 finding at or above it → exit 2 (1 input error)\n');
    expect(out).toMatch(/\nNext: {4}Fix the input errors above/);
    expect(out).toContain('https://github.com/stackaudit/stackaudit/blob/main/docs/rules/NET-001.md');
    expect(out).toMatch(/suppress it with a reason/);
    expect(lines.at(-1)).toBe('');
  });

  it('says exit 1 when the gate fails, exit 0 under --soft-fail, and exit 0 when nothing reaches the gate', () => {
    const r = report([fail({ severity: 'high' })]);
    expect(formatText(r, CTX)).toContain('Gate:    --fail-on high: 1 finding at or above it → exit 1\n');
    expect(formatText(r, { ...CTX, softFail: true })).toContain('Gate:    --fail-on high: 1 finding at or above it → exit 0 (--soft-fail)\n');
    const low = report([fail({ severity: 'low' })]);
    expect(formatText(low, CTX)).toContain('Gate:    --fail-on high: no finding at or above it → exit 0\n');
    const none = report([fail({ severity: 'critical' })], { failOn: 'none', gateFailed: false });
    expect(formatText(none, CTX)).toContain('Gate:    --fail-on none: findings never fail the run → exit 0\n');
  });

  it('prints a clean report as counts and verdict only', () => {
    expect(formatText(EMPTY_REPORT, CTX)).toBe(
      'Scanned: 1 resource from 1 input\nFound:   0 findings, 0 not evaluated, 0 suppressed\nGate:    --fail-on high: no finding at or above it → exit 0\n',
    );
  });

  it('fits every line in the width, shortening long messages with an ellipsis, and --verbose gives them whole', () => {
    const long = 'x'.repeat(60) + ' the end of a long message that a terminal of 100 columns cannot hold on one line';
    const r = report([fail({ message: long }), fail({ status: 'not-evaluated', reason: long, ruleId: 'DB-001', id: 'Db' })]);
    const t = formatText(r, { ...CTX, width: 100 });
    for (const l of t.split('\n')) expect(width(l), l).toBeLessThanOrEqual(100);
    expect(t).toMatch(/x{20}.*…$/m);
    expect(t).toContain('--verbose prints whole messages');
    const v = formatText(r, { ...CTX, width: 100, detail: 'verbose' });
    for (const l of v.split('\n')) expect(width(l), l).toBeLessThanOrEqual(100);
    expect(v.replace(/\n\s+/g, ' ')).toContain('the end of a long message that a terminal of 100 columns cannot hold on one line');
    expect(v).toContain('      fix: Restrict `CidrIp` for port 22 to a single `/32`, or use SSM Session Manager.');
    expect(v).toContain('      docs: https://github.com/stackaudit/stackaudit/blob/main/docs/rules/NET-001.md');
    expect(v).toContain('      reason: ');
  });

  it('--compact: one line per finding with the resource inline, no resource headings and no hints', () => {
    const c = formatText(REPORT, { ...CTX, detail: 'compact' });
    expect(c).toContain('templates/app.yaml\n  CRITICAL  NET-001   12:7  WebSecurityGroup  SSH (port 22) is open to 0.0.0.0/0 | any host\n');
    expect(c).not.toContain('  WebSecurityGroup  AWS::EC2::SecurityGroup');
    expect(c).not.toMatch(/^Next:/m);
    expect(c).toContain('1 note (skipped files, unused suppressions…)');
  });

  it('--quiet: only failures, input errors and the verdict', () => {
    const q = formatText(REPORT, { ...CTX, quiet: true });
    expect(q).toContain('CRITICAL  NET-001');
    expect(q).not.toContain('DB-001');
    expect(q).not.toContain('OBS-001');
    expect(q).not.toContain('Notes');
    expect(q).not.toMatch(/^Next:/m);
    expect(q).toContain('Input errors (1)');
    expect(q).toMatch(/^Gate: /m);
  });

  it('has no colour unless asked, and colours severities, headers and the verdict when asked', () => {
    expect(out).not.toContain(ESC);
    expect(formatText(REPORT, { ...CTX, color: false })).toBe(out);
    const coloured = formatText(REPORT, { ...CTX, color: true });
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mCRITICAL${ESC}[0m`);
    expect(coloured).toContain(`${ESC}[33mMEDIUM  ${ESC}[0m`);
    // Not-evaluated lines are dimmed as a whole.
    expect(coloured.split('\n').find((l) => l.includes('DB-001'))).toMatch(new RegExp(`^${ESC}\\[2m.*${ESC}\\[0m$`));
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mGate:`);
    // Stripping the escapes gives the plain output back.
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(out);
  });

  it('makes absolute paths under cwd relative', () => {
    const abs = report([{ ...REPORT.findings[1]!, resource: { ...REPORT.findings[1]!.resource, file: '/repo/templates/app.yaml' } }]);
    expect(formatText(abs, CTX).split('\n')[0]).toBe('templates/app.yaml');
  });

  it('never prints the finding path (Unknown / ResourceRef internals)', () => {
    expect(out).not.toContain('SshCidr');
    expect(out).not.toContain('<Ref');
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatText(shuffled(REPORT), CTX)).toBe(out);
  });
});

describe('terminal escaping (issue 13): input cannot forge lines or send control sequences', () => {
  const OSC_TITLE = '\u001b]0;pwned\u0007';
  const forged = `evil${OSC_TITLE}.yaml\nfake.yaml:1:1  CRITICAL  NET-001  all clear`;

  it('termSafe shows C0, C1, DEL, ESC, CR/LF, tab, line separators and bidi overrides as escapes', () => {
    expect(termSafe('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(termSafe(`x${OSC_TITLE}y`)).toBe('x\\x1b]0;pwned\\x07y');
    expect(termSafe('\u009b31m \u0085 \u007f \u0000')).toBe('\\x9b31m \\x85 \\x7f \\x00');
    expect(termSafe('admin\u202e\u2066txt.exe\u2069 \u200f \u061c \u2028 \u2029')).toBe('admin\\u202e\\u2066txt.exe\\u2069 \\u200f \\u061c \\u2028 \\u2029');
    expect(termSafe('plain ünïcødé, CJK 漢字, emoji 🙂')).toBe('plain ünïcødé, CJK 漢字, emoji 🙂');
  });

  it('a file, logical id, type, message, reason, note and error from input each stay on their own line', () => {
    const nasty: Finding[] = [
      fail({ id: `Sg\n  CRITICAL  NET-002  1:1  forged`, message: `open${OSC_TITLE}\r\nline two` }),
      { ...fail({ ruleId: 'DB-001' }), status: 'not-evaluated', reason: 'reason\nforged', resource: { id: 'Db', type: 'AWS::RDS::DBInstance\u001b[2J', file: forged, line: 3 } },
      { ...fail({ ruleId: 'S3-002' }), resource: { id: 'bucket\u202e', type: 'AWS::S3::Bucket', account: '1111\n2222', region: 'us-east-1\u001b[31m' } },
    ];
    const r: Report = {
      ...report(nasty),
      errors: [{ file: forged, line: 1, message: `bad\u001b[2K\rrewritten` }],
      notes: [`skipped ${forged}: not a template`],
    };
    for (const detail of ['normal', 'compact', 'verbose'] as const) {
      const t = formatText(r, { ...CTX, detail });
      expect(t).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      // Every line is one the report made: no input-made line starts like a finding or a heading.
      const lines = t.split('\n');
      expect(lines.filter((l) => l.startsWith('fake.yaml'))).toEqual([]);
      expect(lines.filter((l) => /^\s+CRITICAL\s+NET-002/.test(l))).toEqual([]);
      expect(lines.filter((l) => l.trim() === 'line two' || l.trim() === 'forged' || l.trim() === 'rewritten')).toEqual([]);
      expect(t).toContain('evil\\x1b]0;pwned\\x07.yaml\\nfake.yaml:1:1');
    }
  });
});
