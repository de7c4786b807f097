// What a change adds to the bill: a head estimate against a base — another template (`--compare`)
// or a JSON estimate saved earlier (`--compare-to`, as infracost diffs against a baseline file).
import type { InputError } from '../model/finding.js';
import { mdText, termText } from './escape.js';
import { MARKDOWN_LIMIT, money, resourceLabel, totalText } from './format.js';
import type { CostReport, NotPriced, ResourceId } from './types.js';

const signed = (n: number): string => (n > 0 ? `+${money(n)}` : n < 0 ? money(n) : '$0.00');
const cents = (n: number): number => Math.round(n * 100) / 100;

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
  /** False when either side has unpriced items: the delta then leaves them out. */
  readonly baseComplete: boolean;
  readonly headComplete: boolean;
  /** Changed, added and removed resources, largest change first (unchanged ones left out). */
  readonly resources: readonly ResourceCostChange[];
  /** Items not priced in head that base did not have. */
  readonly newlyNotPriced: readonly NotPriced[];
}

/** A resource's identity across two estimates: its key when both carry one, else type and id. */
function keyOf(r: ResourceId, withKey: boolean): string {
  return withKey && r.key !== undefined ? r.key : `${r.type}\u0000${r.id}`;
}

function perResource(report: Pick<CostReport, 'lines' | 'notPriced'>, withKey: boolean): Map<string, { resource: ResourceId; total: number }> {
  const m = new Map<string, { resource: ResourceId; total: number }>();
  for (const l of report.lines) {
    const k = keyOf(l.resource, withKey);
    const cur = m.get(k) ?? { resource: l.resource, total: 0 };
    cur.total += l.monthly;
    m.set(k, cur);
  }
  for (const n of report.notPriced) if (!m.has(keyOf(n.resource, withKey))) m.set(keyOf(n.resource, withKey), { resource: n.resource, total: 0 });
  return m;
}

const hasKeys = (r: Pick<CostReport, 'lines' | 'notPriced'>): boolean => [...r.lines, ...r.notPriced].every((x) => x.resource.key !== undefined);

/** What a change adds to the bill: per resource and in total. */
export function compareCost(base: CostReport, head: CostReport): CostComparison {
  // Keys name the input too; a saved estimate from before they existed is matched by type and id.
  const withKey = hasKeys(base) && hasKeys(head);
  const b = perResource(base, withKey);
  const h = perResource(head, withKey);
  const out: ResourceCostChange[] = [];
  for (const [k, hv] of h) {
    const bv = b.get(k);
    const delta = cents(hv.total - (bv?.total ?? 0));
    out.push({ resource: hv.resource, status: bv ? (delta === 0 ? 'unchanged' : 'changed') : 'added', base: cents(bv?.total ?? 0), head: cents(hv.total), delta });
  }
  for (const [k, bv] of b) if (!h.has(k)) out.push({ resource: bv.resource, status: 'removed', base: cents(bv.total), head: 0, delta: cents(-bv.total) });
  const baseReasons = new Set(base.notPriced.map((n) => `${keyOf(n.resource, withKey)}\u0000${n.reason}`));
  return {
    currency: 'USD',
    region: head.region,
    baseTotal: base.monthlyTotal,
    headTotal: head.monthlyTotal,
    delta: cents(head.monthlyTotal - base.monthlyTotal),
    baseComplete: base.complete !== false,
    headComplete: head.complete !== false,
    resources: out.filter((c) => c.status !== 'unchanged').sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.resource.id.localeCompare(y.resource.id)),
    newlyNotPriced: head.notPriced.filter((n) => !baseReasons.has(`${keyOf(n.resource, withKey)}\u0000${n.reason}`)),
  };
}

const qualifyOf = (c: CostComparison): boolean => new Set(c.resources.map((r) => `${r.resource.file ?? ''}#${r.resource.stack ?? ''}`)).size > 1;

export function formatComparisonText(c: CostComparison): string {
  const q = qualifyOf(c);
  const rows: string[][] = [['Resource', 'Type', 'Change', 'Base', 'Head', 'Delta']];
  for (const r of c.resources) rows.push([termText(resourceLabel(r.resource, q)), termText(r.resource.type), r.status, money(r.base), money(r.head), signed(r.delta)]);
  rows.push([
    'Total',
    '',
    '',
    totalText({ monthlyTotal: c.baseTotal, complete: c.baseComplete }),
    totalText({ monthlyTotal: c.headTotal, complete: c.headComplete }),
    signed(c.delta),
  ]);
  const widths = rows[0]?.map((_, i) => rows.reduce((m, r) => Math.max(m, (r[i] ?? '').length), 0)) ?? [];
  const out = [
    rows
      .map((r) =>
        r
          .map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n'),
  ];
  if (!c.baseComplete || !c.headComplete) out.push('', 'Incomplete: items not priced on one side are left out of the totals and the delta.');
  if (c.newlyNotPriced.length) out.push('', 'Newly not priced:', ...c.newlyNotPriced.map((n) => `  ${termText(resourceLabel(n.resource, q))}: ${termText(n.reason)}`));
  return out.join('\n') + '\n';
}

export function formatComparisonMarkdown(c: CostComparison, limit = MARKDOWN_LIMIT): string {
  const q = qualifyOf(c);
  const out = [
    `### Monthly cost change: ${signed(c.delta)} (${totalText({ monthlyTotal: c.baseTotal, complete: c.baseComplete })} → ${totalText({ monthlyTotal: c.headTotal, complete: c.headComplete })}, ${mdText(c.region)})`,
    '',
  ];
  if (!c.baseComplete || !c.headComplete) out.push('> **Incomplete:** items not priced are left out of the totals and the delta.', '');
  if (c.resources.length === 0) out.push('No resource changes its cost.');
  else {
    out.push('<details open><summary>Changes by resource</summary>', '', '| Resource | Type | Change | Base | Head | Delta |', '|---|---|---|---:|---:|---:|');
    let used = out.join('\n').length + 600;
    let omitted = 0;
    let omittedDelta = 0;
    for (const r of c.resources) {
      const row = `| ${mdText(resourceLabel(r.resource, q))} | ${mdText(r.resource.type)} | ${r.status} | ${money(r.base)} | ${money(r.head)} | ${signed(r.delta)} |`;
      if (omitted === 0 && used + row.length + 1 < limit / 2) {
        out.push(row);
        used += row.length + 1;
      } else {
        omitted++;
        omittedDelta += r.delta;
      }
    }
    if (omitted) out.push(`| … | ${omitted} more resource(s) | | | | ${signed(cents(omittedDelta))} |`);
    out.push('', '</details>');
  }
  if (c.newlyNotPriced.length) {
    out.push('', '**Newly not priced**', '');
    let used = out.join('\n').length;
    let dropped = 0;
    for (const n of c.newlyNotPriced) {
      const line = `- ${mdText(resourceLabel(n.resource, q))}: ${mdText(n.reason)}`;
      if (used + line.length + 1 < limit - 200) {
        out.push(line);
        used += line.length + 1;
      } else dropped++;
    }
    if (dropped) out.push(`- … and ${dropped} more`);
  }
  return out.join('\n') + '\n';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A saved JSON estimate (`stackaudit cost --format json --output previous.json`), checked enough
 * to compare against: a total, lines with resources and monthly amounts.
 */
export function parseSavedEstimate(text: string, file: string): CostReport | InputError {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { file, message: `saved estimate is not JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!isObj(data) || typeof data['monthlyTotal'] !== 'number' || !Array.isArray(data['lines']) || !Array.isArray(data['notPriced']))
    return { file, message: 'not a saved cost estimate (expected the JSON of `stackaudit cost --format json`)' };
  const okResource = (r: unknown): boolean => isObj(r) && typeof r['id'] === 'string' && typeof r['type'] === 'string';
  const lines = data['lines'] as unknown[];
  const bad = lines.findIndex((l) => !isObj(l) || !okResource(l['resource']) || typeof l['monthly'] !== 'number' || !Number.isFinite(l['monthly']));
  if (bad >= 0) return { file, message: `saved estimate: lines[${bad}] has no resource or monthly amount` };
  if ((data['notPriced'] as unknown[]).some((n) => !isObj(n) || !okResource(n['resource']))) return { file, message: 'saved estimate: notPriced entries need a resource' };
  return { ...(data as unknown as CostReport), complete: data['complete'] !== false, region: typeof data['region'] === 'string' ? data['region'] : '?' };
}
