import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/reporters/text.js';
import { CTX, EMPTY_REPORT, REPORT, shuffled } from './fixture.js';

const ESC = '\u001b';

describe('formatText', () => {
  const out = formatText(REPORT, CTX);
  const lines = out.split('\n');

  it('prints one line per finding: file:line:col  SEVERITY  RULE-ID  resource-id  message', () => {
    expect(lines).toContain('  templates/app.yaml:12:7  CRITICAL  NET-001  WebSecurityGroup  SSH (port 22) is open to 0.0.0.0/0 | any host');
    // No line known: the file alone.
    expect(lines).toContain('  cdk.out/Net.template.json  INFO      COST-002  Bastion  Instance Bastion has no CostCenter tag');
  });

  it('groups by template file and by account/region, templates first, in path order', () => {
    const headers = lines.filter((l) => l !== '' && !l.startsWith(' '));
    expect(headers.slice(0, 3)).toEqual(['cdk.out/Net.template.json', 'templates/app.yaml', '111122223333/us-east-1']);
    const app = lines.indexOf('templates/app.yaml');
    expect(lines[app + 1]).toMatch(/^ {2}templates\/app\.yaml:12:7 /);
    expect(lines[app + 2]).toMatch(/^ {2}templates\/app\.yaml:40:3 /);
    expect(lines[app + 3]).toMatch(/^ {2}templates\/app\.yaml:55:3 /);
    expect(lines).toContain('  111122223333/us-east-1  MEDIUM    S3-002  logs-bucket  Bucket logs-bucket has no versioning');
  });

  it('shows the status of not-evaluated and suppressed findings with their reason', () => {
    expect(out).toContain(
      'DB-001   Database  Could not decide whether the database is public (not evaluated: PubliclyAccessible comes from parameter DbPublic, which has no default)',
    );
    expect(out).toContain('AppLogs  Log group AppLogs keeps logs forever (suppressed: audit logs must be kept <forever> & "always")');
  });

  it('lists input errors as file:line: message, and notes', () => {
    expect(out).toContain('Input errors\n  templates/broken.yaml:3: duplicate key "Resources"\n');
    expect(out).toContain('Notes\n  skipped README.md: not a template\n');
  });

  it('ends with the summary line', () => {
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('3 findings (1 critical, 1 medium, 1 info), 1 not evaluated, 1 suppressed, 1 input error in 7 resources from 3 inputs');
    expect(formatText(EMPTY_REPORT, CTX)).toBe('0 findings, 0 not evaluated, 0 suppressed, 0 input errors in 1 resource from 1 input\n');
  });

  it('has no colour unless asked, and colours severities and headers when asked', () => {
    expect(out).not.toContain(ESC);
    expect(formatText(REPORT, { ...CTX, color: false })).toBe(out);
    const coloured = formatText(REPORT, { ...CTX, color: true });
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mCRITICAL${ESC}[0m`);
    expect(coloured).toContain(`${ESC}[33mMEDIUM  ${ESC}[0m`);
    // Not-evaluated lines are dimmed as a whole.
    expect(coloured.split('\n').find((l) => l.includes('DB-001'))).toMatch(new RegExp(`^${ESC}\\[2m.*${ESC}\\[0m$`));
    // Stripping the escapes gives the plain output back.
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(out);
  });

  it('makes absolute paths under cwd relative and keeps one finding per line', () => {
    const abs = {
      ...REPORT,
      findings: [{ ...REPORT.findings[1]!, message: 'first\nsecond\u001b[31m', resource: { ...REPORT.findings[1]!.resource, file: '/repo/templates/app.yaml' } }],
    };
    const t = formatText(abs, CTX);
    expect(t).toContain('  templates/app.yaml:12:7  CRITICAL  NET-001  WebSecurityGroup  first second\\x1b[31m\n');
    expect(t).not.toContain(ESC);
  });

  it('never prints the finding path (Unknown / ResourceRef internals)', () => {
    expect(out).not.toContain('SshCidr');
    expect(out).not.toContain('<Ref');
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatText(shuffled(REPORT), CTX)).toBe(out);
  });
});
