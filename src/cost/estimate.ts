// The estimator core: resources → priced lines. Each resource is priced in its own region (its
// cdk.out environment or --region, else the estimate's default) and looks up other resources only
// inside its own input, so pricing many inputs together gives, per input, what each gives alone.
import { dirname } from 'node:path';
import { resourceKey, type Resource } from '../model/resource.js';
import { ResourceRef } from '../model/values.js';
import { EMBEDDED_CATALOG } from './catalog/embedded.js';
import { describeSource, splitTiers } from './catalog/lookup.js';
import { ESTIMATORS } from './estimators/index.js';
import type { EstimateContext, UsageItem } from './estimators/types.js';
import { allowancePools, type FreeTierMode } from './free-tier.js';
import { FREE_TYPES } from './free-types.js';
import { literalReader, refTarget } from './read.js';
import type { CostLine, CostReport, FreeResource, NotPriced, PriceCatalog, ResourceId, ValueReader } from './types.js';
import { unmatchedUsageKeys, usageFor, USAGE_DEFAULTS, type UsageField, type UsageProfile } from './usage.js';

export interface EstimateOptions {
  /** Region for resources whose input names none (no cdk.out environment, no --region); default us-east-1. */
  readonly region?: string;
  readonly usage?: UsageProfile;
  /** Overrides the profile's `freeTier`; default 'none' (list prices). */
  readonly freeTier?: FreeTierMode;
  readonly catalog?: PriceCatalog;
  readonly read?: ValueReader;
  /** Called with each resource's usage fields (for `--usage-template`). */
  readonly onUsageFields?: (resource: ResourceId, fields: ReadonlyMap<string, UsageField>) => void;
}

export const DEFAULT_REGION = 'us-east-1';

// CloudFront and Amplify Hosting bill data out at their own rates, in their estimators.
const OWN_DATA_OUT: ReadonlySet<string> = new Set(['AWS::CloudFront::Distribution', 'AWS::Amplify::App']);

/** Pseudo-resource for account-wide usage (data transfer out, custom metrics). */
export const ACCOUNT_RESOURCE: ResourceId = { id: '(account)', type: 'AWS::Account' };

const cents = (n: number): number => Math.round(n * 100) / 100;

/** Data out to the internet: per resource (usage `dataOutGB`) or account-wide (`dataTransfer.internetOutGB`). */
const dataOutItem = (gb: number) => ({
  service: 'Data Transfer',
  description: `data out to the internet, ${gb} GB`,
  quantity: gb,
  priceKey: 'dto.internet',
  what: 'data transfer out',
  allowances: ['always.dto'],
});
/** Quantities keep 6 significant decimals so that JSON stays readable. */
const qty = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The region a resource is priced in. */
export function priceRegionOf(r: Resource, fallback: string = DEFAULT_REGION): string {
  return r.origin.region ?? fallback;
}

/** The input a resource belongs to: its template (or cloud-assembly stack), or its account and region. */
export function scopeOf(r: Resource): string {
  return r.origin.kind === 'template' ? `template:${r.origin.scope}` : `account:${r.origin.account}/${r.origin.region}`;
}

/**
 * Which always-free allowances a resource draws on: its account's. An account is known for live
 * resources; a cloud assembly deploys its stacks (and nested stacks) to one account; any other
 * template is taken as its own deployment.
 */
export function allowanceGroupOf(r: Resource): string {
  if (r.origin.kind === 'account') return `account:${r.origin.account}`;
  if (r.origin.stack !== undefined || r.origin.file.endsWith('.nested.template.json')) return `assembly:${dirname(r.origin.file)}`;
  return `file:${r.origin.file}`;
}

/** How a cost line names its resource: id, type and where it came from. */
export function resourceIdOf(r: Resource, region: string): ResourceId {
  const o = r.origin;
  return {
    id: r.id,
    type: r.type,
    key: resourceKey(r),
    ...(o.kind === 'template' ? { file: o.file, ...(o.stack !== undefined ? { stack: o.stack } : {}) } : { account: o.account }),
    region,
  };
}

interface Scope {
  readonly resources: Resource[];
  readonly byId: Map<string, Resource>;
  /** Answers of `referrers`, by question: target → the resources that refer to it. */
  readonly referrers: Map<string, Map<Resource, Resource[]>>;
}

/** Resources by input, and by id within an input: lookups from input names use Maps only. */
function indexScopes(resources: readonly Resource[]): Map<string, Scope> {
  const scopes = new Map<string, Scope>();
  for (const r of resources) {
    const k = scopeOf(r);
    let s = scopes.get(k);
    if (!s) scopes.set(k, (s = { resources: [], byId: new Map(), referrers: new Map() }));
    s.resources.push(r);
    if (!s.byId.has(r.id)) s.byId.set(r.id, r);
    if (r.arn && !s.byId.has(r.arn)) s.byId.set(r.arn, r);
  }
  return scopes;
}

export function estimateResources(resources: readonly Resource[], options: EstimateOptions = {}): CostReport {
  const catalog = options.catalog ?? EMBEDDED_CATALOG;
  const read = options.read ?? literalReader;
  const defaultRegion = options.region ?? DEFAULT_REGION;
  const freeTier: FreeTierMode = options.freeTier ?? options.usage?.freeTier ?? 'none';
  const hoursPerMonth = options.usage?.hoursPerMonth ?? USAGE_DEFAULTS.hoursPerMonth;
  const lines: CostLine[] = [];
  const notPriced: NotPriced[] = [];
  const free: FreeResource[] = [];
  const notes: string[] = [];
  const scopes = indexScopes(resources);
  const poolsByGroup = new Map<string, ReturnType<typeof allowancePools>>();
  const poolsOf = (group: string): ReturnType<typeof allowancePools> => {
    let p = poolsByGroup.get(group);
    if (!p) poolsByGroup.set(group, (p = allowancePools(freeTier)));
    return p;
  };

  const price = (resource: ResourceId, region: string, group: string, item: UsageItem): void => {
    const found = catalog.lookup(item.priceKey, region, item.what);
    if (!found.ok) {
      // Nothing used costs nothing at any price: a zero-usage line is not a gap in the bill.
      if (item.quantity > 0) notPriced.push({ resource, reason: found.reason, priceKey: item.priceKey });
      return;
    }
    const { entry } = found;
    const pools = poolsOf(group);
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
    const factor = 1 - (item.discount ?? 0);
    const base = {
      resource,
      service: item.service,
      unit: entry.unit,
      priceSource: describeSource(entry),
      price: entry.source,
      confidence: entry.confidence,
      region: found.region,
      priceKey: item.priceKey,
      ...(item.count !== undefined ? { count: item.count } : {}),
      ...(item.assumptions?.length ? { assumptions: item.assumptions } : {}),
    };
    const desc = (d: string): string =>
      [d, item.discount ? `${Math.round(item.discount * 100)}% Spot discount` : '', item.assumptions?.length ? `assumed: ${item.assumptions.join('; ')}` : '']
        .filter(Boolean)
        .join(' — ');
    const push = (line: CostLine): void => {
      // Usage is bounded, but a product of bounded numbers must still print as a number.
      if (!Number.isFinite(line.monthly) || !Number.isFinite(line.quantity))
        notPriced.push({ resource, reason: `${item.what ?? item.priceKey}: the amount is too large to price`, priceKey: item.priceKey });
      else lines.push(line);
    };
    const freeText = freeQuantity > 0 ? ` (${qty(freeQuantity)} ${entry.unit} free: ${freeLabels.join(', ')})` : '';
    const freeFields = freeQuantity > 0 ? { freeQuantity: qty(freeQuantity), freeAllowance: freeLabels.join(', ') } : {};
    // Tiered prices split the billable quantity over the tiers it reaches; within one tier (the
    // usual case) the line reads like an untiered one.
    const parts = entry.tiers && remaining > 0 ? splitTiers(entry, remaining, item.tierScale) : [];
    if (parts.length <= 1 && !Number.isNaN(parts[0]?.usd ?? 0)) {
      const unitPrice = (parts[0]?.usd ?? entry.usd) * factor;
      push({ ...base, description: desc(item.description + freeText), quantity: qty(item.quantity), unitPrice, monthly: cents(remaining * unitPrice), ...freeFields });
      return;
    }
    if (freeQuantity > 0)
      push({
        ...base,
        description: desc(`${item.description} (free: ${freeLabels.join(', ')})`),
        quantity: qty(freeQuantity),
        unitPrice: entry.usd * factor,
        monthly: 0,
        ...freeFields,
      });
    for (const t of parts) {
      if (Number.isNaN(t.usd)) {
        notPriced.push({ resource, reason: `no price for ${item.what ?? item.priceKey} ${t.label} in ${region}`, priceKey: item.priceKey });
        continue;
      }
      push({
        ...base,
        description: desc(`${item.description}, billable ${t.label}`),
        quantity: qty(t.quantity),
        unitPrice: t.usd * factor,
        monthly: cents(t.quantity * t.usd * factor),
      });
    }
  };

  const regions = new Set<string>();
  const fieldsRead = new Map<Resource, ReadonlySet<string>>();
  for (const r of resources) {
    const region = priceRegionOf(r, defaultRegion);
    const group = allowanceGroupOf(r);
    const rid = resourceIdOf(r, region);
    const estimator = Object.hasOwn(ESTIMATORS, r.type) ? ESTIMATORS[r.type] : undefined;
    if (!estimator) {
      if (FREE_TYPES.has(r.type)) free.push({ resource: rid, reason: 'no charge of its own' });
      else notPriced.push({ resource: rid, reason: `no estimator for ${r.type}` });
      continue;
    }
    regions.add(region);
    const usage = usageFor(options.usage, r);
    const scope = scopes.get(scopeOf(r)) as Scope;
    const ref = (value: unknown): Resource | undefined => {
      // A resolved reference names its template: an imported resource lives in another stack of the assembly.
      if (value instanceof ResourceRef) return scopes.get(`template:${value.scope}`)?.byId.get(value.logicalId);
      const id = refTarget(value);
      return id === undefined ? undefined : scope.byId.get(id);
    };
    const ctx: EstimateContext = {
      region,
      read,
      usage,
      hours: hoursPerMonth,
      ref,
      referrers: (types, path, target) => {
        const question = `${types.join(',')}\u0000${path.join('\u0000')}`;
        let byTarget = scope.referrers.get(question);
        if (!byTarget) {
          byTarget = new Map();
          for (const o of scope.resources) {
            if (!types.includes(o.type)) continue;
            const value = read(o, path);
            const to = value === undefined ? undefined : ref(value);
            if (!to) continue;
            const list = byTarget.get(to);
            if (list) list.push(o);
            else byTarget.set(to, [o]);
          }
          scope.referrers.set(question, byTarget);
        }
        return byTarget.get(target) ?? [];
      },
    };
    let result: ReturnType<typeof estimator>;
    try {
      result = estimator(r, ctx);
    } catch (e) {
      notPriced.push({ resource: rid, reason: `estimator failed: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (result.free) free.push({ resource: rid, reason: result.free });
    for (const item of result.items) price(rid, region, group, item);
    for (const reason of result.notPriced ?? []) notPriced.push({ resource: rid, reason });
    // Data out to the internet attributed to this resource, unless its estimator prices its own.
    const out = usage.values.dataOutGB;
    if (out !== undefined && out > 0 && !OWN_DATA_OUT.has(r.type)) price(rid, region, group, dataOutItem(out));
    options.onUsageFields?.(rid, usage.fields);
    fieldsRead.set(r, new Set(usage.fields.keys()));
  }

  // Account-wide usage is priced once, in the estimate's region when it has one.
  const accountRegion = regions.size === 1 ? ([...regions][0] as string) : defaultRegion;
  const accountGroup = poolsByGroup.size === 1 ? ([...poolsByGroup.keys()][0] as string) : 'account-wide usage';
  const account: ResourceId = { ...ACCOUNT_RESOURCE, region: accountRegion };
  const accountOut = options.usage?.dataTransfer?.internetOutGB ?? 0;
  if (accountOut > 0) price(account, accountRegion, accountGroup, dataOutItem(accountOut));
  const metrics = options.usage?.cloudwatch?.customMetrics ?? 0;
  if (metrics > 0)
    price(account, accountRegion, accountGroup, {
      service: 'CloudWatch',
      description: `custom metrics × ${metrics}`,
      quantity: metrics,
      priceKey: 'cloudwatch.metric',
      what: 'CloudWatch custom metrics',
      allowances: ['always.cw.metrics'],
    });
  if ((accountOut > 0 || metrics > 0) && regions.size > 1) notes.push(`Account-wide usage (data transfer, custom metrics) is priced once, in ${accountRegion}.`);

  notes.push(
    freeTier === 'legacy'
      ? 'Legacy 12-month free tier applied (accounts created before 2025-07-15, in their first 12 months); accounts created later get credits instead.'
      : 'List prices: the 12-month free tier is not applied (use freeTier legacy for an account in its first 12 months created before 2025-07-15).',
  );
  notes.push(
    `Always-free allowances applied once per account${poolsByGroup.size > 1 ? ` (here ${poolsByGroup.size}: each template or cloud assembly is taken as its own account)` : ''}: CloudFront 1 TB out + 10 M requests, 100 GB data out to the internet, CloudWatch 5 GB logs / 10 alarms / 10 metrics / 3 dashboards, Lambda 1 M requests + 400,000 GB-s, DynamoDB 25 GB + 25 WCU + 25 RCU (provisioned), SQS 1 M and SNS 1 M requests, KMS 20,000 requests.`,
  );
  const ipv4 = lines.filter((l) => l.priceKey === 'vpc.public_ipv4');
  if (ipv4.length > 0) {
    const n = ipv4.reduce((a, l) => a + (l.count ?? 1), 0);
    notes.push(
      `Public IPv4: ${n} address(es), $${cents(ipv4.reduce((a, l) => a + l.monthly, 0)).toFixed(2)}/month (charged per hour since 2024-02-01, attached or idle: Elastic IPs, auto-assigned, load balancer and NAT addresses); estimates written before 2024 leave this out.`,
    );
  }
  if (resources.some((r) => r.type === 'AWS::CloudFront::Distribution'))
    notes.push('CloudFront: always free for 1 TB out and 10 M requests a month since 2021-12-01; the older "50 GB + 2 M requests for 12 months" offer is retired.');
  const weak = lines.filter((l) => l.confidence === 'C' || l.confidence === 'U');
  if (weak.length > 0) notes.push(`Unconfirmed prices (grade C/U) in ${weak.length} line(s): ${[...new Set(weak.map((l) => `${l.priceKey} (${l.confidence})`))].join(', ')}.`);
  if (notPriced.length > 0) notes.push(`${notPriced.length} item(s) not priced: the total is a lower bound.`);
  notes.push(`Prices: AWS price feeds (catalog "${catalog.name}", newest ${catalog.asOf}), on-demand, ${hoursPerMonth} h/month, USD, before tax.`);

  const unmatched = options.usage ? unmatchedUsageKeys(options.usage, resources, (r) => fieldsRead.get(r)) : [];
  const regionList = [...regions].sort();
  return {
    format: 'stackaudit-cost/1',
    currency: 'USD',
    region: regionList.length ? regionList.join(' + ') : defaultRegion,
    regions: regionList.length ? regionList : [defaultRegion],
    monthlyTotal: cents(lines.reduce((s, l) => s + l.monthly, 0)),
    complete: notPriced.length === 0,
    lines,
    notPriced,
    free,
    notes,
    freeTier,
    catalog: { name: catalog.name, asOf: catalog.asOf },
    ...(options.usage ? { usage: { unmatched } } : {}),
  };
}
