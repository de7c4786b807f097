import type { CostReport, ResourceId } from './types.js';

const money = (n: number): string => `${n < 0 ? '-' : ''}$${Math.abs(n).toFixed(2)}`;
const signed = (n: number): string => (n > 0 ? `+${money(n)}` : n < 0 ? money(n) : '$0.00');
const cents = (n: number): number => Math.round(n * 100) / 100;

function table(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

function configuration(l: CostReport['lines'][number]): string {
  return `${l.resource.id}: ${l.description} (${+l.quantity.toFixed(4)} ${l.unit} × $${l.unitPrice})`;
}

/** Terminal table like the documents' (service, configuration, monthly), then totals, unpriced items and notes. */
export function formatCostText(report: CostReport): string {
  const rows: string[][] = [['Service', 'Configuration', 'Monthly']];
  for (const l of report.lines) rows.push([l.service, configuration(l) + (l.confidence === 'C' || l.confidence === 'U' ? ` [${l.confidence}]` : ''), money(l.monthly)]);
  rows.push(['Total', `${report.region}, USD per month`, money(report.monthlyTotal)]);
  const out = [table(rows, new Set([2]))];
  const byService = new Map<string, number>();
  for (const l of report.lines) byService.set(l.service, (byService.get(l.service) ?? 0) + l.monthly);
  out.push('', 'By service: ' + [...byService].map(([s, v]) => `${s} ${money(cents(v))}`).join(', '));
  if (report.notPriced.length) out.push('', 'Not priced:', ...report.notPriced.map((n) => `  ${n.resource.id} (${n.resource.type}): ${n.reason}`));
  if (report.notes.length) out.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  return out.join('\n') + '\n';
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown for a pull-request comment. */
export function formatCostMarkdown(report: CostReport): string {
  const out = [`### Estimated monthly cost: ${money(report.monthlyTotal)} (${report.region})`, '', '| Service | Configuration | Monthly |', '|---|---|---:|'];
  for (const l of report.lines) out.push(`| ${mdCell(l.service)} | ${mdCell(configuration(l))}${l.confidence === 'C' || l.confidence === 'U' ? ` ⚠️ ${l.confidence}` : ''} | ${money(l.monthly)} |`);
  out.push(`| **Total** | | **${money(report.monthlyTotal)}** |`);
  if (report.notPriced.length) out.push('', '**Not priced**', '', ...report.notPriced.map((n) => `- \`${mdCell(n.resource.id)}\` (${n.resource.type}): ${mdCell(n.reason)}`));
  if (report.notes.length) out.push('', '<details><summary>Notes</summary>', '', ...report.notes.map((n) => `- ${mdCell(n)}`), '', '</details>');
  return out.join('\n') + '\n';
}

export function formatCostJson(report: CostReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export interface ResourceCostChange {
  readonly resource: ResourceId;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly base: number;
  readonly head: number;
  readonly delta: number;
}

export interface CostComparison {
  readonly currency: 'USD';
  readonly region: string;
  readonly baseTotal: number;
  readonly headTotal: number;
  readonly delta: number;
  /** Changed, added and removed resources, largest change first (unchanged ones left out). */
  readonly resources: readonly ResourceCostChange[];
  /** Items not priced in head that base did not have. */
  readonly newlyNotPriced: readonly CostReport['notPriced'][number][];
}

const key = (r: ResourceId): string => `${r.type}\u0000${r.id}`;

function perResource(report: CostReport): Map<string, { resource: ResourceId; total: number }> {
  const m = new Map<string, { resource: ResourceId; total: number }>();
  for (const l of report.lines) {
    const k = key(l.resource);
    const cur = m.get(k) ?? { resource: l.resource, total: 0 };
    cur.total += l.monthly;
    m.set(k, cur);
  }
  for (const n of report.notPriced) if (!m.has(key(n.resource))) m.set(key(n.resource), { resource: n.resource, total: 0 });
  return m;
}

/** What a change adds to the bill: per resource and in total. */
export function compareCost(base: CostReport, head: CostReport): CostComparison {
  const b = perResource(base);
  const h = perResource(head);
  const out: ResourceCostChange[] = [];
  for (const [k, hv] of h) {
    const bv = b.get(k);
    const delta = cents(hv.total - (bv?.total ?? 0));
    out.push({ resource: hv.resource, status: bv ? (delta === 0 ? 'unchanged' : 'changed') : 'added', base: cents(bv?.total ?? 0), head: cents(hv.total), delta });
  }
  for (const [k, bv] of b) if (!h.has(k)) out.push({ resource: bv.resource, status: 'removed', base: cents(bv.total), head: 0, delta: cents(-bv.total) });
  const baseReasons = new Set(base.notPriced.map((n) => `${key(n.resource)}\u0000${n.reason}`));
  return {
    currency: 'USD',
    region: head.region,
    baseTotal: base.monthlyTotal,
    headTotal: head.monthlyTotal,
    delta: cents(head.monthlyTotal - base.monthlyTotal),
    resources: out.filter((c) => c.status !== 'unchanged').sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.resource.id.localeCompare(y.resource.id)),
    newlyNotPriced: head.notPriced.filter((n) => !baseReasons.has(`${key(n.resource)}\u0000${n.reason}`)),
  };
}

export function formatComparisonText(c: CostComparison): string {
  const rows: string[][] = [['Resource', 'Type', 'Change', 'Base', 'Head', 'Delta']];
  for (const r of c.resources) rows.push([r.resource.id, r.resource.type, r.status, money(r.base), money(r.head), signed(r.delta)]);
  rows.push(['Total', '', '', money(c.baseTotal), money(c.headTotal), signed(c.delta)]);
  const out = [table(rows, new Set([3, 4, 5]))];
  if (c.newlyNotPriced.length) out.push('', 'Newly not priced:', ...c.newlyNotPriced.map((n) => `  ${n.resource.id}: ${n.reason}`));
  return out.join('\n') + '\n';
}

export function formatComparisonMarkdown(c: CostComparison): string {
  const out = [`### Monthly cost change: ${signed(c.delta)} (${money(c.baseTotal)} → ${money(c.headTotal)}, ${c.region})`, ''];
  if (c.resources.length === 0) out.push('No resource changes its cost.');
  else {
    out.push('| Resource | Type | Change | Base | Head | Delta |', '|---|---|---|---:|---:|---:|');
    for (const r of c.resources) out.push(`| \`${mdCell(r.resource.id)}\` | ${r.resource.type} | ${r.status} | ${money(r.base)} | ${money(r.head)} | ${signed(r.delta)} |`);
  }
  if (c.newlyNotPriced.length) out.push('', '**Newly not priced**', '', ...c.newlyNotPriced.map((n) => `- \`${mdCell(n.resource.id)}\`: ${mdCell(n.reason)}`));
  return out.join('\n') + '\n';
}
