import { describe, expect, it } from 'vitest';
import { formatMarkdown, mdCell } from '../../src/reporters/markdown.js';
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

  it('starts with a heading and the summary line, saying when the gate failed', () => {
    expect(lines[0]).toBe('## stackaudit');
    expect(lines[2]).toBe(
      '3 findings (1 critical, 1 medium, 1 info), 1 not evaluated, 1 suppressed, 1 input error in 7 resources from 3 inputs — **gate failed** (fail-on high)',
    );
  });

  it('tables failing findings, most severe first, with escaped pipes', () => {
    const start = lines.indexOf('| Severity | Rule | Resource | Location | Message |');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe('| --- | --- | --- | --- | --- |');
    const rows = lines.slice(start + 2, lines.indexOf('', start)).map(cells);
    expect(rows).toEqual([
      ['critical', '`NET-001`', 'WebSecurityGroup', '`templates/app.yaml:12:7`', 'SSH (port 22) is open to 0.0.0.0/0 \\| any host'],
      ['medium', '`S3-002`', 'logs-bucket', '`111122223333/us-east-1`', 'Bucket logs-bucket has no versioning'],
      ['info', '`COST-002`', 'Bastion', '`cdk.out/Net.template.json`', 'Instance Bastion has no CostCenter tag'],
    ]);
    // Every row has exactly five cells: no pipe leaked.
    for (const r of rows) expect(r).toHaveLength(5);
  });

  it('puts not-evaluated and suppressed findings, errors and notes in collapsed sections', () => {
    expect(out).toContain('<details>\n<summary>1 not evaluated</summary>\n\n| Rule | Resource | Location | Reason |');
    expect(out).toContain('| `DB-001` | Database | `templates/app.yaml:40:3` | PubliclyAccessible comes from parameter DbPublic, which has no default |');
    expect(out).toContain('<summary>1 suppressed</summary>');
    expect(out).toContain('| low | `OBS-001` | AppLogs | `templates/app.yaml:55:3` | audit logs must be kept &lt;forever&gt; &amp; "always" (inline) |');
    expect(out).toContain('<summary>1 input error</summary>\n\n- templates/broken.yaml:3: duplicate key "Resources"\n\n</details>');
    expect(out).toContain('<summary>1 note</summary>');
    expect(out.match(/<details>/g)).toHaveLength(4);
    expect(out.match(/<\/details>/g)).toHaveLength(4);
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
    expect(cells(row)).toEqual(['critical', '`NET-001`', 'a\\|b', '`templates/app.yaml:12:7`', 'line one<br>line \\| two']);
  });

  it('says so when there is nothing to report', () => {
    expect(formatMarkdown(EMPTY_REPORT, CTX)).toBe(
      '## stackaudit\n\n0 findings, 0 not evaluated, 0 suppressed, 0 input errors in 1 resource from 1 input\n\nNo findings.\n',
    );
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatMarkdown(shuffled(REPORT), CTX)).toBe(out);
  });
});
