// Cost reports as text (a table like the seed documents'), Markdown (a PR comment, within GitHub's
// 65,536-character limit) and JSON (the CostReport as is).
import { mdText, termText } from './escape.js';
import type { CostLine, CostReport, ResourceId } from './types.js';

export const money = (n: number): string => `${n < 0 ? '-' : ''}$${Math.abs(n).toFixed(2)}`;
const cents = (n: number): number => Math.round(n * 100) / 100;

/** GitHub rejects comments over 65,536 characters; leave room for what a workflow wraps around ours. */
export const MARKDOWN_LIMIT = 60_000;

/** "$13.45", or "at least $13.45" when items could not be priced. */
export function totalText(report: Pick<CostReport, 'monthlyTotal' | 'complete'>): string {
  return `${report.complete ? '' : 'at least '}${money(report.monthlyTotal)}`;
}

/** How many inputs (templates, stacks, account regions) the report covers. */
function inputsOf(report: CostReport): number {
  const seen = new Set<string>();
  for (const x of [...report.lines, ...report.notPriced, ...report.free]) {
    const r = x.resource;
    if (r.key === undefined) continue;
    seen.add(r.file !== undefined ? `${r.file}#${r.stack ?? ''}` : `${r.account ?? ''}/${r.region ?? ''}`);
  }
  return seen.size;
}

/** A resource as a line names it: its id, qualified by stack or file when the report covers several inputs. */
export function resourceLabel(r: ResourceId, qualify: boolean): string {
  if (!qualify || r.key === undefined) return r.id;
  if (r.stack !== undefined) return `${r.stack}/${r.id}`;
  if (r.file !== undefined) return `${r.file}#${r.id}`;
  return `${r.account ?? '?'}/${r.region ?? '?'}/${r.id}`;
}

function table(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, i) => rows.reduce((m, r) => Math.max(m, (r[i] ?? '').length), 0)) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function configuration(l: CostLine, qualify: boolean): string {
  return `${resourceLabel(l.resource, qualify)}: ${l.description} (${+l.quantity.toFixed(4)} ${l.unit} × $${l.unitPrice})`;
}

function byService(report: CostReport): [string, number][] {
  const m = new Map<string, number>();
  for (const l of report.lines) m.set(l.service, (m.get(l.service) ?? 0) + l.monthly);
  return [...m].map(([s, v]) => [s, cents(v)]);
}

function unmatchedText(report: CostReport): string[] {
  return (report.usage?.unmatched ?? []).map((u) => `${u.key}${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}`);
}

/** Terminal table like the documents' (service, configuration, monthly), then totals, unpriced items and notes. */
export function formatCostText(report: CostReport): string {
  const qualify = inputsOf(report) > 1;
  const rows: string[][] = [['Service', 'Configuration', 'Monthly']];
  for (const l of report.lines)
    rows.push([termText(l.service), termText(configuration(l, qualify)) + (l.confidence === 'C' || l.confidence === 'U' ? ` [${l.confidence}]` : ''), money(l.monthly)]);
  rows.push(['Total', `${report.region}, USD per month${report.complete ? '' : ', incomplete'}`, totalText(report)]);
  const out = [table(rows, new Set([2]))];
  out.push(
    '',
    'By service: ' +
      byService(report)
        .map(([s, v]) => `${termText(s)} ${money(v)}`)
        .join(', '),
  );
  if (report.notPriced.length)
    out.push(
      '',
      `Not priced (${report.notPriced.length}; the total leaves them out):`,
      ...report.notPriced.map((n) => `  ${termText(resourceLabel(n.resource, qualify))} (${termText(n.resource.type)}): ${termText(n.reason)}`),
    );
  const unmatched = unmatchedText(report);
  if (unmatched.length) out.push('', 'Usage profile keys that match no resource:', ...unmatched.map((u) => `  ${termText(u)}`));
  if (report.budget) out.push('', `Budget: ${report.budget.passed ? 'PASS' : 'FAIL'}: ${termText(report.budget.message)}`);
  if (report.notes.length) out.push('', 'Notes:', ...report.notes.map((n) => `  - ${termText(n)}`));
  return out.join('\n') + '\n';
}

/** Markdown for a pull-request comment: the line table collapses and is cut short when the comment would be too long. */
export function formatCostMarkdown(report: CostReport, limit = MARKDOWN_LIMIT): string {
  const qualify = inputsOf(report) > 1;
  const head = [`### Estimated monthly cost: ${totalText(report)} (${mdText(report.region)})`, ''];
  if (!report.complete) head.push(`> **Incomplete:** ${report.notPriced.length} item(s) could not be priced; the total is a lower bound.`, '');
  if (report.budget)
    head.push(`**Budget ${money(report.budget.limit)}: ${report.budget.passed ? '✅ pass' : '❌ fail'}** (${report.budget.verdict}): ${mdText(report.budget.message)}`, '');
  const lineRows = report.lines.map(
    (l) => `| ${mdText(l.service)} | ${mdText(configuration(l, qualify))}${l.confidence === 'C' || l.confidence === 'U' ? ` ⚠️ ${l.confidence}` : ''} | ${money(l.monthly)} |`,
  );
  const tableHead = ['| Service | Configuration | Monthly |', '|---|---|---:|'];
  const totalRow = `| **Total** | | **${totalText(report)}** |`;
  const tail: string[] = [];
  if (report.notPriced.length)
    tail.push('', '**Not priced**', '', ...report.notPriced.map((n) => `- ${mdText(resourceLabel(n.resource, qualify))} (${mdText(n.resource.type)}): ${mdText(n.reason)}`));
  const unmatched = unmatchedText(report);
  if (unmatched.length) tail.push('', '**Usage profile keys that match no resource**', '', ...unmatched.map((u) => `- ${mdText(u)}`));
  if (report.notes.length) tail.push('', '<details><summary>Notes</summary>', '', ...report.notes.map((n) => `- ${mdText(n)}`), '', '</details>');
  const full = [...head, ...tableHead, ...lineRows, totalRow, ...tail].join('\n') + '\n';
  if (full.length <= limit) return full;
  // Too long for one comment: a per-service summary stays visible, the lines collapse, and what
  // does not fit is summarised rather than cut mid-table.
  const summary = [...head, '| Service | Monthly |', '|---|---:|', ...byService(report).map(([s, v]) => `| ${mdText(s)} | ${money(v)} |`), totalRow.replace('| | ', ''), ''];
  const shortTail = fitList(tail, Math.floor(limit / 4));
  let budget = limit - summary.join('\n').length - shortTail.join('\n').length - 400;
  const shown: string[] = [];
  let omitted = 0;
  let omittedUsd = 0;
  report.lines.forEach((l, i) => {
    const row = lineRows[i] as string;
    if (budget - row.length - 1 > 0 && omitted === 0) {
      shown.push(row);
      budget -= row.length + 1;
    } else {
      omitted++;
      omittedUsd += l.monthly;
    }
  });
  const overflow = omitted ? [`| … | ${omitted} more line(s) not shown (${money(cents(omittedUsd))}); \`stackaudit cost --format json\` lists them all | |`] : [];
  return (
    [...summary, `<details><summary>${report.lines.length} line items</summary>`, '', ...tableHead, ...shown, ...overflow, totalRow, '', '</details>', ...shortTail].join('\n') +
    '\n'
  );
}

/** Keeps a list section within `max` characters, ending with how many entries were left out. */
function fitList(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let used = 0;
  let dropped = 0;
  for (const l of lines) {
    if (used + l.length + 1 > max && l.startsWith('- ')) {
      dropped++;
      continue;
    }
    out.push(l);
    used += l.length + 1;
  }
  if (dropped) out.push(`- … and ${dropped} more (see \`--format json\`)`);
  return out;
}

export function formatCostJson(report: CostReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
