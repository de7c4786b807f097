import { severityRank } from '../model/finding.js';
import type { Finding, Report } from '../model/finding.js';
import type { ReporterContext } from './types.js';
import { errorText, placeOf, placeText, severityOf, sortErrors, sortFindings, str, summaryLine } from './common.js';

/**
 * A table cell: one line (newlines become `<br>`), HTML escaped (a PR comment renders
 * HTML, and a tag value from a live account is not ours to render), Markdown punctuation
 * escaped so `*` in a policy or `_` in a name stays literal, and `|` escaped so it
 * cannot split the cell.
 */
export function mdCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]{}#+!~|]/g, (c) => `\\${c}`)
    .replace(/\r\n|[\r\n]/g, '<br>')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
}

function code(s: string): string {
  // Inside a code span nothing is escaped, so only a plain path-like text goes there.
  return /^[\w./:@-]+$/.test(s) ? `\`${s}\`` : mdCell(s);
}

function location(f: Finding, cwd: string): string {
  return code(placeText(placeOf(f, cwd)));
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function details(summary: string, body: readonly string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

/**
 * For a pull-request comment: a summary line, a table of failing findings, and
 * not-evaluated and suppressed findings, input errors and notes in collapsed sections.
 */
export function formatMarkdown(report: Report, ctx: ReporterContext): string {
  const sorted = sortFindings(report.findings, ctx.cwd);
  // Most severe first in the table a reviewer reads; location order within a severity.
  const fail = sorted.filter((f) => f.status === 'fail').sort((a, b) => severityRank(severityOf(b)) - severityRank(severityOf(a)));
  const notEvaluated = sorted.filter((f) => f.status === 'not-evaluated');
  const suppressed = sorted.filter((f) => f.status === 'suppressed');
  const sum = report.summary;
  const out: string[] = ['## stackaudit', ''];
  const gate = sum.gateFailed === true ? ` — **gate failed** (fail-on ${mdCell(str(sum.failOn))})` : '';
  out.push(`${mdCell(summaryLine(sum))}${gate}`, '');

  if (fail.length > 0) {
    out.push(
      ...table(
        ['Severity', 'Rule', 'Resource', 'Location', 'Message'],
        fail.map((f) => [severityOf(f), code(str(f.ruleId)), mdCell(str(f.resource.id)), location(f, ctx.cwd), mdCell(str(f.message))]),
      ),
      '',
    );
  } else {
    out.push('No findings.', '');
  }
  if (notEvaluated.length > 0) {
    out.push(
      ...details(
        `${notEvaluated.length} not evaluated`,
        table(
          ['Rule', 'Resource', 'Location', 'Reason'],
          notEvaluated.map((f) => [code(str(f.ruleId)), mdCell(str(f.resource.id)), location(f, ctx.cwd), mdCell(str(f.reason) || str(f.message))]),
        ),
      ),
    );
  }
  if (suppressed.length > 0) {
    out.push(
      ...details(
        `${suppressed.length} suppressed`,
        table(
          ['Severity', 'Rule', 'Resource', 'Location', 'Reason'],
          suppressed.map((f) => [
            severityOf(f),
            code(str(f.ruleId)),
            mdCell(str(f.resource.id)),
            location(f, ctx.cwd),
            mdCell(`${str(f.suppression?.reason)}${f.suppression?.source ? ` (${str(f.suppression.source)})` : ''}`),
          ]),
        ),
      ),
    );
  }
  const errors = sortErrors(report.errors, ctx.cwd);
  if (errors.length > 0) out.push(...details(`${errors.length} input error${errors.length === 1 ? '' : 's'}`, errors.map((e) => `- ${mdCell(errorText(e, ctx.cwd))}`)));
  const notes = report.notes ?? [];
  if (notes.length > 0) out.push(...details(`${notes.length} note${notes.length === 1 ? '' : 's'}`, notes.map((n) => `- ${mdCell(str(n))}`)));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
