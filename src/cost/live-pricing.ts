// --live-pricing: reads current list prices from the AWS Price List Query API for the price
// keys an estimate uses, caches the raw answers on disk, and overlays them on the embedded
// catalog. Any failure falls back to the embedded figure with a note. API notes:
// https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html
// (each PriceList element is a JSON string; tiered prices come as several dimensions in no
// guaranteed order; usage types carry the region's billing code as a prefix, except mostly in
// us-east-1: see usage-types.ts).
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// Types only at load time: the SDK is imported when live pricing is actually used, so scans start fast.
import type { Filter, GetProductsCommand, GetProductsCommandInput, GetProductsCommandOutput } from '@aws-sdk/client-pricing';
import type { Resource } from '../model/resource.js';
import { EMBEDDED_CATALOG } from './catalog/embedded.js';
import { mergeCatalogs, staticCatalog } from './catalog/lookup.js';
import { estimateResources, type EstimateOptions } from './estimate.js';
import { usagetypePrefix } from './usage-types.js';
import type { CostReport, PriceCatalog, PriceEntry, PriceTier } from './types.js';

/** The one method used, so tests hand in a mocked PricingClient (or a fake that never answers). */
export interface PricingSender {
  send(command: GetProductsCommand, options?: { abortSignal?: AbortSignal }): Promise<GetProductsCommandOutput>;
}

export interface LivePricingOptions {
  readonly client: PricingSender;
  /** Directory for cached answers (e.g. ~/.cache/stackaudit/pricing). */
  readonly cacheDir: string;
  /** How long a cached answer is used; default 24 h. */
  readonly ttlMs?: number;
  /** How long one GetProducts request may take before it counts as failed; default 10 s. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_LIVE_TIMEOUT_MS = 10_000;

export interface PriceQuery {
  readonly serviceCode: string;
  readonly filters: readonly Filter[];
  /** Multiply the API price by this to get the catalog's unit (per request → per 1k requests). */
  readonly scale: number;
  readonly unit: string;
}

// The Price List's databaseEngine values for the engines CloudFormation names.
const RDS_ENGINE: ReadonlyMap<string, string> = new Map([
  ['postgres', 'PostgreSQL'],
  ['mysql', 'MySQL'],
  ['mariadb', 'MariaDB'],
]);

const tm = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The GetProducts query for one catalog price key in one region, or undefined when not mapped. */
export function priceListQuery(key: string, region: string): PriceQuery | undefined {
  const rc = tm('regionCode', region);
  const prefix = usagetypePrefix(region);
  const ut = (s: string): Filter | undefined => (prefix === undefined ? undefined : tm('usagetype', prefix + s));
  const appRunnerUt = (s: string): Filter | undefined => (region === 'us-east-1' ? tm('usagetype', `USE1-${s}`) : ut(s));
  const q = (serviceCode: string, unit: string, filters: (Filter | undefined)[], scale = 1): PriceQuery | undefined =>
    filters.some((f) => f === undefined) ? undefined : { serviceCode, unit, scale, filters: [...(filters as Filter[]), rc] };
  let m: RegExpExecArray | null;
  if ((m = /^ec2\.instance\.(.+)$/.exec(key)))
    return q('AmazonEC2', 'Hrs', [
      tm('instanceType', m[1] as string),
      tm('operatingSystem', 'Linux'),
      tm('tenancy', 'Shared'),
      tm('preInstalledSw', 'NA'),
      tm('capacitystatus', 'Used'),
    ]);
  if ((m = /^rds\.(postgres|mysql|mariadb)\.(.+)\.(single_az|multi_az)$/.exec(key)))
    return q('AmazonRDS', 'Hrs', [
      tm('instanceType', m[2] as string),
      tm('databaseEngine', RDS_ENGINE.get(m[1] as string) as string),
      tm('deploymentOption', m[3] === 'multi_az' ? 'Multi-AZ' : 'Single-AZ'),
    ]);
  // Aurora lists two rows per class, Standard (InstanceUsage:) and I/O-Optimized
  // (InstanceUsageIOOptimized:), at different prices: the usage type tells them apart.
  if ((m = /^aurora\.(mysql|postgresql)\.(db\.[^.]+\.[^.]+)(\.io_optimized)?$/.exec(key)))
    return q('AmazonRDS', 'Hrs', [
      tm('instanceType', m[2] as string),
      tm('databaseEngine', m[1] === 'mysql' ? 'Aurora MySQL' : 'Aurora PostgreSQL'),
      ut(`${m[3] ? 'InstanceUsageIOOptimized' : 'InstanceUsage'}:${m[2]}`),
    ]);
  if ((m = /^ebs\.(gp2|gp3|io1|io2|st1|sc1|standard)\.storage$/.exec(key))) return q('AmazonEC2', 'GB-Mo', [tm('productFamily', 'Storage'), tm('volumeApiName', m[1] as string)]);
  if ((m = /^aurora\.(postgresql|mysql)\.serverless_v2\.acu(\.io_optimized)?$/.exec(key)))
    return q('AmazonRDS', 'ACU-Hr', [
      tm('databaseEngine', m[1] === 'mysql' ? 'Aurora MySQL' : 'Aurora PostgreSQL'),
      ut(m[2] ? 'Aurora:ServerlessV2IOOptimizedUsage' : 'Aurora:ServerlessV2Usage'),
    ]);
  if ((m = /^elasticache\.(redis|valkey|memcached)\.(cache\..+)$/.exec(key)))
    return q('AmazonElastiCache', 'Hrs', [tm('instanceType', m[2] as string), tm('cacheEngine', m[1] === 'redis' ? 'Redis' : m[1] === 'valkey' ? 'Valkey' : 'Memcached')]);
  switch (key) {
    case 'vpc.public_ipv4':
      return q('AmazonVPC', 'Hrs', [tm('group', 'VPCPublicIPv4Address'), ut('PublicIPv4:InUseAddress')]);
    case 'nat.hour':
      return q('AmazonEC2', 'Hrs', [tm('productFamily', 'NAT Gateway'), ut('NatGateway-Hours')]);
    case 'nat.gb':
      return q('AmazonEC2', 'GB', [tm('productFamily', 'NAT Gateway'), ut('NatGateway-Bytes')]);
    case 'elb.alb.hour':
      return q('AWSELB', 'Hrs', [tm('productFamily', 'Load Balancer-Application'), ut('LoadBalancerUsage')]);
    case 'elb.alb.lcu':
      return q('AWSELB', 'LCU-Hrs', [tm('productFamily', 'Load Balancer-Application'), ut('LCUUsage')]);
    case 'rds.storage.gp3.single_az':
      return q('AmazonRDS', 'GB-Mo', [ut('RDS:GP3-Storage')]);
    case 'rds.storage.gp3.multi_az':
      return q('AmazonRDS', 'GB-Mo', [ut('RDS:Multi-AZ-GP3-Storage')]);
    case 'rds.storage.gp2.single_az':
      return q('AmazonRDS', 'GB-Mo', [ut('RDS:GP2-Storage')]);
    case 'rds.storage.gp2.multi_az':
      return q('AmazonRDS', 'GB-Mo', [ut('RDS:Multi-AZ-GP2-Storage')]);
    case 's3.standard.storage':
      return q('AmazonS3', 'GB-Mo', [ut('TimedStorage-ByteHrs')]);
    case 's3.requests.put':
      return q('AmazonS3', '1k requests', [ut('Requests-Tier1')], 1000);
    case 's3.requests.get':
      return q('AmazonS3', '1k requests', [ut('Requests-Tier2')], 1000);
    case 'fargate.x86.vcpu':
      return q('AmazonECS', 'vCPU-Hrs', [ut('Fargate-vCPU-Hours:perCPU')]);
    case 'fargate.x86.gb':
      return q('AmazonECS', 'GB-Hrs', [ut('Fargate-GB-Hours')]);
    case 'fargate.arm.vcpu':
      return q('AmazonECS', 'vCPU-Hrs', [ut('Fargate-ARM-vCPU-Hours:perCPU')]);
    case 'fargate.arm.gb':
      return q('AmazonECS', 'GB-Hrs', [ut('Fargate-ARM-GB-Hours')]);
    case 'aurora.storage.standard':
      return q('AmazonRDS', 'GB-Mo', [ut('Aurora:StorageUsage')]);
    case 'aurora.storage.io_optimized':
      return q('AmazonRDS', 'GB-Mo', [ut('Aurora:IO-OptimizedStorageUsage')]);
    case 'aurora.io.standard':
      // Priced per I/O; the catalog counts millions.
      return q('AmazonRDS', '1M requests', [ut('Aurora:StorageIOUsage')], 1_000_000);
    // App Runner's usage types carry a region prefix even in us-east-1 (USE1-AppRunner-vCPU-hours);
    // the Price List gives the provisioned-memory unit as plain "hours".
    case 'apprunner.active.vcpu':
      return q('AWSAppRunner', 'vCPU-Hrs', [appRunnerUt('AppRunner-vCPU-hours')]);
    case 'apprunner.active.gb':
      return q('AWSAppRunner', 'GB-Hrs', [appRunnerUt('AppRunner-GB-hours')]);
    case 'apprunner.provisioned.gb':
      return q('AWSAppRunner', 'GB-Hrs', [appRunnerUt('AppRunner-Provisioned-GB-hours')]);
    case 'cloudwatch.logs.ingest':
      return q('AmazonCloudWatch', 'GB', [tm('productFamily', 'Data Payload'), ut('DataProcessing-Bytes')]);
    case 'cloudwatch.logs.storage':
      return q('AmazonCloudWatch', 'GB-Mo', [tm('productFamily', 'Storage Snapshot'), ut('TimedStorage-ByteHrs')]);
    default:
      return undefined;
  }
}

export interface ParsedPrice {
  readonly sku: string;
  readonly unit: string;
  readonly usd: number;
  readonly tiers?: readonly PriceTier[];
  readonly usagetype?: string;
  readonly version?: string;
  readonly publicationDate?: string;
  readonly effectiveDate?: string;
  /** The first price dimension's rate code (`<SKU>.<term>.<rate>`). */
  readonly rateCode?: string;
  /** Product attributes (with productFamily), to check an answer against its query. */
  readonly attributes: Readonly<Record<string, string>>;
}

const rec = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One PriceList element (a JSON string, or already parsed) → its on-demand price, tiers sorted by beginRange. */
export function parsePriceListItem(item: unknown): ParsedPrice | undefined {
  let obj: unknown = item;
  if (typeof item === 'string') {
    try {
      obj = JSON.parse(item);
    } catch {
      return undefined;
    }
  }
  const root = rec(obj);
  const product = rec(root?.['product']);
  const onDemand = rec(rec(root?.['terms'])?.['OnDemand']);
  if (!root || !product || !onDemand) return undefined;
  const term = Object.values(onDemand)
    .map(rec)
    .find((t) => t !== undefined);
  const dims = Object.values(rec(term?.['priceDimensions']) ?? {})
    .map(rec)
    .filter((d): d is Record<string, unknown> => d !== undefined)
    .map((d) => ({
      unit: str(d['unit']) ?? '',
      begin: Number(str(d['beginRange']) ?? '0'),
      end: str(d['endRange']) ?? 'Inf',
      usd: Number(str(rec(d['pricePerUnit'])?.['USD']) ?? 'NaN'),
      rateCode: str(d['rateCode']),
    }))
    .filter((d) => Number.isFinite(d.usd))
    .sort((a, b) => a.begin - b.begin);
  const first = dims[0];
  if (!first) return undefined;
  const attrs = rec(product['attributes']);
  // Attribute names come from the API answer: a null-prototype object keeps them plain keys.
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(attrs ?? {})) if (typeof v === 'string') attributes[k] = v;
  if (str(product['productFamily'])) attributes['productFamily'] = str(product['productFamily']) as string;
  const base = {
    attributes,
    sku: str(product['sku']) ?? '?',
    unit: first.unit,
    usd: first.usd,
    ...(str(attrs?.['usagetype']) ? { usagetype: str(attrs?.['usagetype']) as string } : {}),
    ...(str(root['version']) ? { version: str(root['version']) as string } : {}),
    ...(str(root['publicationDate']) ? { publicationDate: str(root['publicationDate']) as string } : {}),
    ...(str(term?.['effectiveDate']) ? { effectiveDate: str(term?.['effectiveDate']) as string } : {}),
    ...(first.rateCode ? { rateCode: first.rateCode } : {}),
  };
  if (dims.length === 1) return base;
  return { ...base, tiers: dims.map((d) => ({ upTo: d.end === 'Inf' ? null : Number(d.end), usd: d.usd })) };
}

interface CacheFile {
  readonly fetchedAt: number;
  readonly priceList: readonly string[];
}

class LiveTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/** One request, bounded: the SDK call is aborted and the wait ends after `timeoutMs`, whatever the sender does. */
async function sendWithTimeout(opts: LivePricingOptions, command: GetProductsCommand): Promise<GetProductsCommandOutput> {
  const ms = opts.timeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new LiveTimeout(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([opts.client.send(command, { abortSignal: abort.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function getProducts(query: PriceQuery, opts: LivePricingOptions): Promise<readonly string[]> {
  const input: GetProductsCommandInput = { ServiceCode: query.serviceCode, FormatVersion: 'aws_v1', MaxResults: 100, Filters: [...query.filters] };
  const file = join(opts.cacheDir, createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32) + '.json');
  const now = (opts.now ?? Date.now)();
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
    if (typeof cached.fetchedAt === 'number' && Array.isArray(cached.priceList) && now - cached.fetchedAt < (opts.ttlMs ?? 24 * 3600_000)) return cached.priceList;
  } catch {
    // no usable cache entry: fetch
  }
  const out: string[] = [];
  let token: string | undefined;
  const { GetProductsCommand } = await import('@aws-sdk/client-pricing');
  let pages = 0;
  do {
    const page = await sendWithTimeout(opts, new GetProductsCommand({ ...input, ...(token ? { NextToken: token } : {}) }));
    for (const s of page.PriceList ?? []) out.push(typeof s === 'string' ? s : JSON.stringify(s));
    token = page.NextToken;
    // A filter that matches one product needs one page; a runaway paginator must not loop forever.
    if (++pages >= 20) break;
  } while (token);
  await mkdir(opts.cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify({ fetchedAt: now, priceList: out } satisfies CacheFile));
  return out;
}

/** An answer must agree with every filter on the attributes it has (trimmed items lack some). */
function matches(p: ParsedPrice, query: PriceQuery): boolean {
  return query.filters.every((f) => {
    const v = f.Field && Object.hasOwn(p.attributes, f.Field) ? p.attributes[f.Field] : undefined;
    return v === undefined || v.toLowerCase() === (f.Value ?? '').toLowerCase();
  });
}

/** A price wanted from the Price List: catalog key and the region it is priced in. */
export interface LiveKey {
  readonly key: string;
  readonly region: string;
}

export interface LivePrices {
  readonly catalog: PriceCatalog;
  /** Keys answered live. */
  readonly answered: number;
  /** Keys that fell back to the embedded catalog, with why. */
  readonly fallbacks: readonly { readonly key: string; readonly region: string; readonly why: string }[];
}

/**
 * Live prices for the given keys as a catalog overlay. After a failed request (timeout, network,
 * credentials) the remaining keys are not asked: each would wait as long again.
 */
export async function fetchLivePrices(keys: readonly LiveKey[], opts: LivePricingOptions): Promise<LivePrices> {
  const prices: Record<string, Record<string, PriceEntry>> = {};
  const fallbacks: { key: string; region: string; why: string }[] = [];
  let failed: string | undefined;
  const seen = new Set<string>();
  const wanted = keys
    .filter((k) => (seen.has(`${k.key}@${k.region}`) ? false : (seen.add(`${k.key}@${k.region}`), true)))
    .sort((a, b) => (a.key + a.region).localeCompare(b.key + b.region));
  let answered = 0;
  for (const { key, region } of wanted) {
    const query = priceListQuery(key, region);
    if (!query) continue;
    if (failed) {
      fallbacks.push({ key, region, why: failed });
      continue;
    }
    try {
      const parsed = (await getProducts(query, opts)).map(parsePriceListItem).filter((p): p is ParsedPrice => p !== undefined && p.usd > 0 && matches(p, query));
      const distinct = new Set(parsed.map((p) => JSON.stringify([p.usd, p.tiers ?? null])));
      const pick = parsed[0];
      if (!pick) {
        fallbacks.push({ key, region, why: 'no product' });
        continue;
      }
      if (distinct.size > 1) {
        fallbacks.push({ key, region, why: `${parsed.length} different prices` });
        continue;
      }
      answered++;
      prices[key] = {
        ...(prices[key] ?? {}),
        [region]: {
          usd: pick.usd * query.scale,
          unit: query.unit,
          confidence: 'A',
          source: {
            feed: `pricelist:${pick.sku} (AWS Price List ${query.serviceCode}${pick.version ? ` version ${pick.version}` : ''})`,
            published: (pick.publicationDate ?? pick.effectiveDate ?? 'live').slice(0, 10),
            ...(pick.rateCode ? { rate: pick.rateCode } : {}),
          },
          ...(pick.tiers ? { tiers: pick.tiers.map((t) => ({ upTo: t.upTo, usd: t.usd * query.scale })) } : {}),
        },
      };
    } catch (e) {
      failed = e instanceof Error ? `${e.name}${e instanceof LiveTimeout ? `: ${e.message}` : ''}` : 'Error';
      fallbacks.push({ key, region, why: failed });
    }
  }
  const asOf = new Date((opts.now ?? Date.now)()).toISOString().slice(0, 10);
  return { catalog: staticCatalog('live', asOf, prices), answered, fallbacks };
}

/** estimateCost with live prices for every key the estimate needs; the embedded catalog covers the rest. */
export async function estimateCostLive(resources: readonly Resource[], options: EstimateOptions & { readonly live: LivePricingOptions }): Promise<CostReport> {
  const base = options.catalog ?? EMBEDDED_CATALOG;
  const first = estimateResources(resources, { ...options, catalog: base });
  const keys: LiveKey[] = [
    ...first.lines.filter((l) => l.region !== 'global').map((l) => ({ key: l.priceKey, region: l.region })),
    ...first.notPriced.flatMap((n) => (n.priceKey && n.resource.region ? [{ key: n.priceKey, region: n.resource.region }] : [])),
  ];
  let live: LivePrices;
  try {
    live = await fetchLivePrices(keys, options.live);
  } catch (e) {
    return {
      ...first,
      notes: [...first.notes, `Live pricing failed (${e instanceof Error ? e.name : 'Error'}): every price is from the embedded catalog (AWS price feeds, newest ${base.asOf}).`],
    };
  }
  const report = estimateResources(resources, { ...options, catalog: mergeCatalogs(base, live.catalog) });
  return { ...report, notes: [...report.notes, ...liveNotes(live, base.asOf)] };
}

/** One note for all the prices that fell back, naming the embedded catalog's own date. */
function liveNotes(live: LivePrices, embeddedAsOf: string): string[] {
  const notes = [`Live pricing: ${live.answered} price(s) read from the AWS Price List API.`];
  if (live.fallbacks.length === 0) return notes;
  const reasons = [...new Set(live.fallbacks.map((f) => f.why))].join('; ');
  notes.push(
    `Live pricing: ${live.fallbacks.length} price(s) could not be read (${reasons}) and come from the embedded catalog (AWS price feeds, newest ${embeddedAsOf}): ${live.fallbacks.map((f) => `${f.key} in ${f.region}`).join(', ')}.`,
  );
  return notes;
}
