import { SEVERITIES, severityRank } from '../model/finding.js';
import type { Finding, Report, Severity } from '../model/finding.js';
import type { ReporterContext } from './types.js';
import { errorText, placeOf, placeText, severityOf, sortErrors, sortFindings, str, summaryLine, verdictText } from './common.js';
import { ruleHelpUri } from './help-uri.js';
import { termSafe } from './terminal.js';

/** GitHub rejects issue and pull-request comments over 65,536 characters; the rest is room for a marker the CI adds. */
export const DEFAULT_MARKDOWN_MAX_CHARS = 65_000;

const ZWSP = '&#8203;';

/**
 * Table-cell text, safe in a pull-request comment. Whatever a template, a tag value or an AWS
 * message holds, it renders as the literal text: HTML escaped (a comment renders HTML),
 * Markdown punctuation escaped (`*`, `_`, `[`…](…), backticks), `|` escaped so it cannot split
 * the cell, newlines as `<br>`, control and bidi characters shown as escapes, and `@name` and
 * `#123` broken with a zero-width space so they notify no one and link no issue.
 */
export function mdCell(s: string): string {
  return s
    .split(/\r\n|[\r\n]/)
    .map((piece) =>
      termSafe(piece)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]{}#+!~|]/g, (c) => `\\${c}`)
        .replace(/@(?=[\w-])/g, `@${ZWSP}`)
        .replace(/\\#(?=\w)/g, `\\#${ZWSP}`),
    )
    .join('<br>')
    .trim();
}

function code(s: string): string {
  // Inside a code span nothing is escaped, and nothing notifies; only plain path-like text goes there.
  return /^[\w./:@-]+$/.test(s) ? `\`${s}\`` : mdCell(s);
}

function location(f: Finding, cwd: string): string {
  return code(placeText(placeOf(f, cwd)));
}

const LINKABLE = /^[A-Z0-9]+-\d+$/;

/** A reference-style link (`[NET-001][]`, defined once at the end): a row stays short, so more rows fit. */
function ruleLink(f: Finding): string {
  const id = str(f.ruleId);
  return LINKABLE.test(id) ? `[${id}][]` : code(id);
}

function tableHead(header: readonly string[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** Adds lines while they fit the budget; reports how many items did not. */
class Budget {
  readonly lines: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}
  fits(text: string): boolean {
    return this.used + text.length + 1 <= this.limit;
  }
  push(...texts: string[]): void {
    for (const t of texts) {
      this.lines.push(t);
      this.used += t.length + 1;
    }
  }
  /** Pushes rows until the budget (minus `reserve`) runs out; returns how many were left out. */
  rows(items: readonly string[], reserve: number): number {
    for (let i = 0; i < items.length; i++) {
      if (this.used + items[i]!.length + 1 + reserve > this.limit) return items.length - i;
      this.push(items[i]!);
    }
    return 0;
  }
}

function bySeverityText(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(severityOf(f), (counts.get(severityOf(f)) ?? 0) + 1);
  return SEVERITIES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

/**
 * For a pull-request comment: a summary and the gate's verdict, a table of failing findings
 * (most severe first, rule ids linked to their pages), then not-evaluated and suppressed
 * findings, input errors and notes in collapsed sections. The whole stays under `maxChars`
 * (default 65,000: GitHub's comment limit is 65,536); what does not fit is counted by
 * severity in a closing line, never cut mid-table.
 */
export function formatMarkdown(report: Report, ctx: ReporterContext): string {
  const limit = Math.max(2_000, ctx.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS);
  const sorted = sortFindings(report.findings, ctx.cwd);
  const linked = [...new Set(sorted.map((f) => str(f.ruleId)).filter((id) => LINKABLE.test(id)))].sort();
  const definitions = linked.map((id) => `[${id}]: ${ruleHelpUri(id)}`);
  // Room kept for the lines that close a section, say what was left out, and define the links.
  const RESERVE = 600 + definitions.reduce((n, d) => n + d.length + 1, 0);
  // Most severe first in the table a reviewer reads; location order within a severity.
  const fail = sorted.filter((f) => f.status === 'fail').sort((a, b) => severityRank(severityOf(b)) - severityRank(severityOf(a)));
  const quiet = ctx.quiet === true;
  const notEvaluated = quiet ? [] : sorted.filter((f) => f.status === 'not-evaluated');
  const suppressed = quiet ? [] : sorted.filter((f) => f.status === 'suppressed');
  const sum = report.summary;
  const out = new Budget(limit);
  out.push('## stackaudit', '');
  const verdict = mdCell(verdictText(report, ctx.softFail === true));
  out.push(mdCell(summaryLine(sum)), '', sum.gateFailed === true ? `**Gate failed:** ${verdict}` : `Gate: ${verdict}`, '');

  const omitted: string[] = [];
  if (fail.length > 0) {
    out.push(...tableHead(['Severity', 'Rule', 'Resource', 'Location', 'Message']));
    const rows = fail.map((f) => row([severityOf(f), ruleLink(f), mdCell(str(f.resource.id)), location(f, ctx.cwd), mdCell(str(f.message))]));
    const left = out.rows(rows, RESERVE);
    out.push('');
    if (left > 0) omitted.push(`${left} more finding${left === 1 ? '' : 's'} (${bySeverityText(fail.slice(fail.length - left))})`);
  } else {
    out.push('No findings.', '');
  }

  const section = (title: string, header: readonly string[], rows: readonly string[], what: string): void => {
    if (rows.length === 0) return;
    const open = ['<details>', `<summary>${title}</summary>`, '', ...tableHead(header)];
    if (!out.fits(open.join('\n') + rows[0]!) || omitted.length > 0) {
      omitted.push(`${rows.length} ${what}`);
      return;
    }
    out.push(...open);
    const left = out.rows(rows, RESERVE);
    out.push('', '</details>', '');
    if (left > 0) omitted.push(`${left} more ${what}`);
  };
  section(
    `${notEvaluated.length} not evaluated`,
    ['Rule', 'Resource', 'Location', 'Reason'],
    notEvaluated.map((f) => row([ruleLink(f), mdCell(str(f.resource.id)), location(f, ctx.cwd), mdCell(str(f.reason) || str(f.message))])),
    'not evaluated',
  );
  section(
    `${suppressed.length} suppressed`,
    ['Severity', 'Rule', 'Resource', 'Location', 'Reason'],
    suppressed.map((f) =>
      row([
        severityOf(f),
        ruleLink(f),
        mdCell(str(f.resource.id)),
        location(f, ctx.cwd),
        mdCell(`${str(f.suppression?.reason)}${f.suppression?.source ? ` (${str(f.suppression.source)})` : ''}`),
      ]),
    ),
    'suppressed',
  );
  const list = (title: string, items: readonly string[], what: string): void => {
    if (items.length === 0) return;
    if (!out.fits(`<details>\n<summary>${title}</summary>\n\n${items[0]}`) || omitted.length > 0) {
      omitted.push(`${items.length} ${what}`);
      return;
    }
    out.push('<details>', `<summary>${title}</summary>`, '');
    const left = out.rows(items, RESERVE);
    out.push('', '</details>', '');
    if (left > 0) omitted.push(`${left} more ${what}`);
  };
  const errors = sortErrors(report.errors, ctx.cwd);
  list(
    `${errors.length} input error${errors.length === 1 ? '' : 's'}`,
    errors.map((e) => `- ${mdCell(errorText(e, ctx.cwd))}`),
    `input error${errors.length === 1 ? '' : 's'}`,
  );
  const notes = quiet ? [] : (report.notes ?? []);
  list(
    `${notes.length} note${notes.length === 1 ? '' : 's'}`,
    notes.map((n) => `- ${mdCell(str(n))}`),
    `note${notes.length === 1 ? '' : 's'}`,
  );

  if (omitted.length > 0) {
    out.push(`**Not shown, to stay within GitHub's comment size:** ${omitted.join('; ')}. The job log, the SARIF upload and \`--output json=FILE\` have every finding.`);
  }
  if (definitions.length > 0) out.push('', ...definitions);
  return `${out.lines.join('\n').replace(/\n+$/, '')}\n`;
}
