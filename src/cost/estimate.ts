import type { Resource } from '../model/resource.js';
import { EMBEDDED_CATALOG } from './catalog/prices.js';
import { describeSource, lookupPrice, splitTiers } from './catalog/lookup.js';
import { ESTIMATORS } from './estimators/index.js';
import type { EstimateContext, UsageItem } from './estimators/types.js';
import { allowancePools, type FreeTierMode } from './free-tier.js';
import { FREE_TYPES } from './free-types.js';
import { literalReader } from './read.js';
import type { CostLine, CostReport, FreeResource, NotPriced, PriceCatalog, ResourceId, ValueReader } from './types.js';
import { usageFor, USAGE_DEFAULTS, type UsageProfile } from './usage.js';

export interface EstimateOptions {
  readonly region: string;
  readonly usage?: UsageProfile;
  /** Overrides the profile's `freeTier`; default 'none' (list prices). */
  readonly freeTier?: FreeTierMode;
  readonly catalog?: PriceCatalog;
  readonly read?: ValueReader;
}

// CloudFront and Amplify Hosting bill data out at their own rates, in their estimators.
const OWN_DATA_OUT: ReadonlySet<string> = new Set(['AWS::CloudFront::Distribution', 'AWS::Amplify::App']);

/** Pseudo-resource for account-wide usage (data transfer out, custom metrics). */
export const ACCOUNT_RESOURCE: ResourceId = { id: '(account)', type: 'AWS::Account' };

const cents = (n: number): number => Math.round(n * 100) / 100;
/** Quantities keep 6 significant decimals so that JSON stays readable. */
const qty = (n: number): number => Math.round(n * 1e6) / 1e6;

export function estimateCost(resources: readonly Resource[], options: EstimateOptions): CostReport {
  const catalog = options.catalog ?? EMBEDDED_CATALOG;
  const read = options.read ?? literalReader;
  const freeTier: FreeTierMode = options.freeTier ?? options.usage?.freeTier ?? 'none';
  const hoursPerMonth = options.usage?.hoursPerMonth ?? USAGE_DEFAULTS.hoursPerMonth;
  const pools = allowancePools(freeTier);
  const lines: CostLine[] = [];
  const notPriced: NotPriced[] = [];
  const free: FreeResource[] = [];
  const notes: string[] = [];
  const byId = new Map(resources.map((r) => [r.id, r] as const));


  const price = (resource: ResourceId, item: UsageItem): void => {
    const found = lookupPrice(catalog, item.priceKey, options.region, item.what);
    if (!found.ok) {
      // Nothing used costs nothing at any price: a zero-usage line is not a gap in the bill.
      if (item.quantity > 0) notPriced.push({ resource, reason: found.reason, priceKey: item.priceKey });
      return;
    }
    const { entry } = found;
    let remaining = item.quantity;
    let freeQuantity = 0;
    const freeLabels: string[] = [];
    for (const a of item.allowances ?? []) {
      const pool = pools.get(a);
      if (!pool || pool.left <= 0 || remaining <= 0) continue;
      const take = Math.min(pool.left, remaining);
      pool.left -= take;
      remaining -= take;
      freeQuantity += take;
      freeLabels.push(pool.allowance.label + (pool.allowance.unconfirmed ? ' (unconfirmed)' : ''));

    }
    const source = describeSource(catalog, item.priceKey, entry);
    const factor = 1 - (item.discount ?? 0);
    const base = {
      resource,
      service: item.service,
      unit: entry.unit,
      priceSource: source,
      confidence: entry.confidence,
      priceKey: item.priceKey,
      ...(item.count !== undefined ? { count: item.count } : {}),
      ...(item.assumptions?.length ? { assumptions: item.assumptions } : {}),
    };
    const desc = (d: string): string =>
      [d, item.discount ? `${Math.round(item.discount * 100)}% Spot discount` : '', item.assumptions?.length ? `assumed: ${item.assumptions.join('; ')}` : ''].filter(Boolean).join(' — ');
    if (!entry.tiers) {
      const unitPrice = entry.usd * factor;
      lines.push({
        ...base,
        description: desc(item.description + (freeQuantity > 0 ? ` (${qty(freeQuantity)} ${entry.unit} free: ${freeLabels.join(', ')})` : '')),
        quantity: qty(item.quantity),
        unitPrice,
        monthly: cents(remaining * unitPrice),
        ...(freeQuantity > 0 ? { freeQuantity: qty(freeQuantity), freeAllowance: freeLabels.join(', ') } : {}),
      });
      return;
    }
    // Tiered prices: the free part on its own line, then one line per tier reached.
    if (freeQuantity > 0)
      lines.push({ ...base, description: desc(`${item.description} (free: ${freeLabels.join(', ')})`), quantity: qty(freeQuantity), unitPrice: entry.usd * factor, monthly: 0, freeQuantity: qty(freeQuantity), freeAllowance: freeLabels.join(', ') });
    const parts = remaining > 0 ? splitTiers(entry, remaining) : [];
    for (const t of parts) {
      if (Number.isNaN(t.usd)) {
        notPriced.push({ resource, reason: `no price for ${item.what ?? item.priceKey} ${t.label} in ${options.region}`, priceKey: item.priceKey });
        continue;
      }
      lines.push({ ...base, description: desc(`${item.description}${parts.length > 1 ? `, billable ${t.label}` : freeQuantity > 0 ? ', billable' : ''}`), quantity: qty(t.quantity), unitPrice: t.usd * factor, monthly: cents(t.quantity * t.usd * factor) });
    }
  };

  for (const r of resources) {
    const rid: ResourceId = { id: r.id, type: r.type };
    const estimator = ESTIMATORS[r.type];
    const usage = usageFor(options.usage, r);
    if (!estimator) {
      if (FREE_TYPES.has(r.type)) free.push({ resource: rid, reason: 'no charge of its own' });
      else notPriced.push({ resource: rid, reason: `no estimator for ${r.type}` });
      continue;
    }
    const ctx: EstimateContext = { region: options.region, read, usage, hours: hoursPerMonth, resources, byId, usageOf: (o) => usageFor(options.usage, o) };
    let result;
    try {
      result = estimator(r, ctx);
    } catch (e) {
      notPriced.push({ resource: rid, reason: `estimator failed: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (result.free) free.push({ resource: rid, reason: result.free });
    for (const item of result.items) price(rid, item);
    for (const reason of result.notPriced ?? []) notPriced.push({ resource: rid, reason });
    // Data out to the internet attributed to this resource, unless its estimator prices its own.
    const out = usage.values.dataOutGB;
    if (out !== undefined && out > 0 && !OWN_DATA_OUT.has(r.type))
      price(rid, { service: 'Data Transfer', description: `data out to the internet, ${out} GB`, quantity: out, priceKey: 'dto.internet', what: 'data transfer out', allowances: ['always.dto'] });
  }

  const accountOut = options.usage?.dataTransfer?.internetOutGB ?? 0;
  if (accountOut > 0)
    price(ACCOUNT_RESOURCE, { service: 'Data Transfer', description: `data out to the internet, ${accountOut} GB`, quantity: accountOut, priceKey: 'dto.internet', what: 'data transfer out', allowances: ['always.dto'] });
  const metrics = options.usage?.cloudwatch?.customMetrics ?? 0;
  if (metrics > 0)
    price(ACCOUNT_RESOURCE, { service: 'CloudWatch', description: `custom metrics × ${metrics}`, quantity: metrics, priceKey: 'cloudwatch.metric', what: 'CloudWatch custom metrics', allowances: ['always.cw.metrics'] });

  notes.push(
    freeTier === 'legacy'
      ? 'Legacy 12-month free tier applied (accounts created before 2025-07-15, in their first 12 months); accounts created later get credits instead.'
      : 'List prices: the 12-month free tier is not applied (use freeTier legacy for an account in its first 12 months created before 2025-07-15).',
  );
  notes.push('Always-free allowances applied once for this estimate: CloudFront 1 TB out + 10 M requests, 100 GB data out to the internet, CloudWatch 5 GB logs / 10 alarms / 10 metrics / 3 dashboards, Lambda 1 M requests + 400,000 GB-s, DynamoDB 25 GB + 25 WCU + 25 RCU (provisioned), SQS 1 M and SNS 1 M requests, KMS 20,000 requests. Estimate all stacks of one account together, or the allowances are counted twice.');
  const ipv4 = lines.filter((l) => l.priceKey === 'vpc.public_ipv4');
  if (ipv4.length > 0) {
    const n = ipv4.reduce((a, l) => a + (l.count ?? 1), 0);
    notes.push(`Public IPv4: ${n} address(es), ${'$'}${cents(ipv4.reduce((a, l) => a + l.monthly, 0)).toFixed(2)}/month (${'$'}0.005/h each since 2024-02-01, attached or idle: Elastic IPs, auto-assigned, load balancer and NAT addresses); estimates written before 2024 leave this out.`);
  }
  if (resources.some((r) => r.type === 'AWS::CloudFront::Distribution'))
    notes.push('CloudFront: always free for 1 TB out and 10 M requests a month since 2021-12-01; the older "50 GB + 2 M requests for 12 months" offer is retired.');
  const weak = lines.filter((l) => l.confidence === 'C' || l.confidence === 'U');
  if (weak.length > 0) {
    const keys = [...new Set(weak.map((l) => `${l.priceKey} (${l.confidence})`))];
    notes.push(`Unconfirmed prices (grade C/U) in ${weak.length} line(s): ${keys.join(', ')}.`);
  }
  if (notPriced.length > 0) notes.push(`${notPriced.length} item(s) not priced; the total leaves them out.`);
  notes.push(`Prices: catalog "${catalog.name}" as of ${catalog.asOf}, on-demand, ${hoursPerMonth} h/month, USD, before tax.`);

  const monthlyTotal = cents(lines.reduce((s, l) => s + l.monthly, 0));
  return { currency: 'USD', region: options.region, monthlyTotal, lines, notPriced, free, notes, freeTier, catalog: { name: catalog.name, asOf: catalog.asOf } };
}
