import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { RULES } from '../../src/rules/index.js';
import type { Finding, Report } from '../../src/model/finding.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, formatMarkdown, mdCell } from '../../src/reporters/markdown.js';
import { CTX, EMPTY_REPORT, REPORT, shuffled } from './fixture.js';

/** Cells of a GFM table row, honouring `\|`. */
function cells(row: string): string[] {
  return row
    .replace(/^\| | \|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('formatMarkdown', () => {
  const out = formatMarkdown(REPORT, CTX);
  const lines = out.split('\n');

  it('starts with a heading, the summary line and the gate verdict', () => {
    expect(lines[0]).toBe('## stackaudit');
    expect(lines[2]).toBe('3 findings (1 critical, 1 medium, 1 info), 1 not evaluated, 1 suppressed, 1 input error in 7 resources from 3 inputs');
    expect(lines[4]).toBe('**Gate failed:** --fail-on high: 1 finding at or above it → exit 2 (1 input error)');
  });

  it('tables failing findings, most severe first, rule ids linked to their pages, pipes escaped', () => {
    const start = lines.indexOf('| Severity | Rule | Resource | Location | Message |');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe('| --- | --- | --- | --- | --- |');
    const rows = lines.slice(start + 2, lines.indexOf('', start)).map(cells);
    expect(rows).toEqual([
      ['critical', '[NET-001][]', 'WebSecurityGroup', '`templates/app.yaml:12:7`', 'SSH (port 22) is open to 0.0.0.0/0 \\| any host'],
      ['medium', '[S3-002][]', 'logs-bucket', '`111122223333/us-east-1`', 'Bucket logs-bucket has no versioning'],
      ['info', '[COST-002][]', 'Bastion', '`cdk.out/Net.template.json`', 'Instance Bastion has no CostCenter tag'],
    ]);
    for (const r of rows) expect(r).toHaveLength(5);
    expect(out).toContain('\n[NET-001]: https://github.com/stackaudit/stackaudit/blob/main/docs/rules/NET-001.md');
  });

  it('puts not-evaluated and suppressed findings, errors and notes in collapsed sections', () => {
    expect(out).toContain('<details>\n<summary>1 not evaluated</summary>\n\n| Rule | Resource | Location | Reason |');
    expect(out).toContain('| [DB-001][] | Database | `templates/app.yaml:40:3` | PubliclyAccessible comes from parameter DbPublic, which has no default |');
    expect(out).toContain('<summary>1 suppressed</summary>');
    expect(out).toContain('| low | [OBS-001][] | AppLogs | `templates/app.yaml:55:3` | audit logs must be kept &lt;forever&gt; &amp; "always" (inline) |');
    expect(out).toContain('<summary>1 input error</summary>\n\n- templates/broken.yaml:3: duplicate key "Resources"\n\n</details>');
    expect(out).toContain('<summary>1 note</summary>');
    expect(out.match(/<details>/g)).toHaveLength(4);
    expect(out.match(/<\/details>/g)).toHaveLength(4);
  });

  it('--quiet leaves out not-evaluated, suppressed and notes', () => {
    const q = formatMarkdown(REPORT, { ...CTX, quiet: true });
    expect(q).not.toContain('not evaluated</summary>');
    expect(q).not.toContain('suppressed</summary>');
    expect(q).not.toContain('note</summary>');
    expect(q).toContain('input error</summary>');
  });

  it('escapes pipes, newlines, HTML and Markdown emphasis in cells', () => {
    expect(mdCell('a|b\nc\r\nd <script> *x* _y_ `z` [l](u)')).toBe('a\\|b<br>c<br>d &lt;script&gt; \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)');
    const nasty = {
      ...REPORT,
      findings: [{ ...REPORT.findings[1]!, message: 'line one\nline | two', resource: { ...REPORT.findings[1]!.resource, id: 'a|b' } }],
    };
    const row = formatMarkdown(nasty, CTX)
      .split('\n')
      .find((l) => l.startsWith('| critical'))!;
    expect(cells(row)).toEqual(['critical', '[NET-001][]', 'a\\|b', '`templates/app.yaml:12:7`', 'line one<br>line \\| two']);
  });

  it('neutralises @mentions, #references, HTML, images, links, control and bidi characters (issue 13)', () => {
    expect(mdCell('ping @octocat and @org/team')).toBe('ping @&#8203;octocat and @&#8203;org/team');
    expect(mdCell('see #123')).toBe('see \\#&#8203;123');
    expect(mdCell('<img src=x onerror=alert(1)> ![t](http://x/i.png) [click](javascript:alert(1))')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\!\\[t\\](http://x/i.png) \\[click\\](javascript:alert(1))',
    );
    expect(mdCell('<!-- hidden --> &lt;b&gt;')).toBe('&lt;\\!-- hidden --&gt; &amp;lt;b&amp;gt;');
    expect(mdCell('a\u001b[31mb\u202ec\u0000d')).toBe('a\\\\x1b\\[31mb\\\\u202ec\\\\x00d');
    const evil: Finding = { ...REPORT.findings[1]!, message: '@admin <details open>', resource: { ...REPORT.findings[1]!.resource, id: '@everyone', file: 'x/@dev.yaml' } };
    const md = formatMarkdown({ ...REPORT, findings: [evil] }, CTX);
    expect(md).not.toMatch(/(^|[^`\w])@(admin|everyone)\b/m);
    expect(md).not.toContain('<details open>');
  });

  it('stays under the size limit and counts what it left out by severity', () => {
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({
      ...REPORT.findings[1]!,
      severity: i < 10 ? 'critical' : i < 1000 ? 'high' : 'low',
      message: `finding number ${i} with a message long enough to fill a table row in a pull-request comment`,
      resource: { ...REPORT.findings[1]!.resource, id: `Resource${i}`, line: i + 1 },
      fingerprint: `fp-${i}`,
    }));
    const big: Report = {
      ...REPORT,
      findings: [
        ...many,
        ...Array.from({ length: 500 }, (_, i) => ({ ...REPORT.findings[2]!, fingerprint: `ne-${i}`, resource: { ...REPORT.findings[2]!.resource, id: `Db${i}` } })),
      ],
      summary: { ...REPORT.summary, fail: 3000, notEvaluated: 500, bySeverity: { critical: 10, high: 990, medium: 0, low: 2000, info: 0 } },
    };
    const md = formatMarkdown(big, CTX);
    expect(md.length).toBeLessThanOrEqual(DEFAULT_MARKDOWN_MAX_CHARS);
    expect(md.length).toBeGreaterThan(DEFAULT_MARKDOWN_MAX_CHARS - 3000);
    // The most severe come first, so every critical is shown.
    for (let i = 0; i < 10; i++) expect(md).toContain(`| Resource${i} |`);
    const shown = md.split('\n').filter((l) => l.startsWith('| high') || l.startsWith('| low') || l.startsWith('| critical')).length;
    const note = /\*\*Not shown, to stay within GitHub's comment size:\*\* (\d+) more findings \(([^)]*)\); 500 not evaluated/.exec(md);
    expect(note, md.slice(-600)).not.toBeNull();
    expect(Number(note![1]) + shown).toBe(3000);
    expect(note![2]).toMatch(/2000 low$/);
    // Tables are never cut mid-row, and every opened section is closed.
    expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
    expect(formatMarkdown(big, { ...CTX, maxChars: 10_000 }).length).toBeLessThanOrEqual(10_000);
  });

  it('says so when there is nothing to report', () => {
    expect(formatMarkdown(EMPTY_REPORT, CTX)).toBe(
      '## stackaudit\n\n0 findings, 0 not evaluated, 0 suppressed, 0 input errors in 1 resource from 1 input\n\nGate: --fail-on high: no finding at or above it → exit 0\n\nNo findings.\n',
    );
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatMarkdown(shuffled(REPORT), CTX)).toBe(out);
  });
});

describe('a Markdown report of the whole peer corpus', () => {
  const corpus = resolve(__dirname, '../../../shared/corpus/templates');
  it.skipIf(!existsSync(corpus))('fits in one pull-request comment (65,536 characters)', () => {
    const { index: _i, units: _u, ...report } = scanTemplates([corpus], { failOn: 'none' });
    expect(report.findings.length).toBeGreaterThan(1000);
    const md = formatMarkdown(report, { rules: RULES.map((r) => r.meta), cwd: resolve(__dirname, '../..'), toolVersion: '0.1.0' });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toMatch(/\*\*Not shown, to stay within GitHub's comment size:\*\* \d+ more findings/);
    // The most severe findings are the ones shown.
    expect(md.split('\n').filter((l) => l.startsWith('| critical |')).length).toBeGreaterThan(100);
  });
});
