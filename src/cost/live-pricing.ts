// --live-pricing: reads current list prices from the AWS Price List Query API for the price
// keys an estimate uses, caches the raw answers on disk, and overlays them on the embedded
// catalog. Any failure falls back to the embedded figure with a note. API notes:
// https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html
// (each PriceList element is a JSON string; tiered prices come as several dimensions in no
// guaranteed order; us-east-1 usage types have no region prefix, Mumbai uses APS3-).
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// Types only at load time: the SDK is imported when live pricing is actually used, so scans start fast.
import type { Filter, GetProductsCommand, GetProductsCommandInput, GetProductsCommandOutput } from '@aws-sdk/client-pricing';
import type { Resource } from '../model/resource.js';
import { EMBEDDED_CATALOG } from './catalog/prices.js';
import { estimateCost, type EstimateOptions } from './estimate.js';
import type { CostReport, PriceCatalog, PriceEntry, PriceTier } from './types.js';

/** The one method used, so tests hand in a mocked PricingClient. */
export interface PricingSender {
  send(command: GetProductsCommand): Promise<GetProductsCommandOutput>;
}

export interface LivePricingOptions {
  readonly client: PricingSender;
  /** Directory for cached answers (e.g. ~/.cache/stackaudit/pricing). */
  readonly cacheDir: string;
  /** How long a cached answer is used; default 24 h. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export interface PriceQuery {
  readonly serviceCode: string;
  readonly filters: readonly Filter[];
  /** Multiply the API price by this to get the catalog's unit (per request → per 1k requests). */
  readonly scale: number;
  readonly unit: string;
}

// Price List usage types carry a region prefix, except in us-east-1.
const USAGETYPE_PREFIX: Readonly<Record<string, string>> = { 'us-east-1': '', 'us-east-2': 'USE2-', 'us-west-2': 'USW2-', 'eu-west-1': 'EU-', 'eu-central-1': 'EUC1-', 'ap-south-1': 'APS3-' };

// The Price List's databaseEngine values for the engines CloudFormation names.
const RDS_ENGINE: Readonly<Record<string, string>> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB' };

const tm = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The GetProducts query for one catalog price key in one region, or undefined when not mapped. */
export function priceListQuery(key: string, region: string): PriceQuery | undefined {
  const rc = tm('regionCode', region);
  const prefix = USAGETYPE_PREFIX[region];
  const ut = (s: string): Filter | undefined => (prefix === undefined ? undefined : tm('usagetype', prefix + s));
  const appRunnerUt = (s: string): Filter | undefined => (region === 'us-east-1' ? tm('usagetype', `USE1-${s}`) : ut(s));
  const q = (serviceCode: string, unit: string, filters: (Filter | undefined)[], scale = 1): PriceQuery | undefined =>
    filters.some((f) => f === undefined) ? undefined : { serviceCode, unit, scale, filters: [...(filters as Filter[]), rc] };
  let m: RegExpExecArray | null;
  if ((m = /^ec2\.instance\.(.+)$/.exec(key)))
    return q('AmazonEC2', 'Hrs', [tm('instanceType', m[1] as string), tm('operatingSystem', 'Linux'), tm('tenancy', 'Shared'), tm('preInstalledSw', 'NA'), tm('capacitystatus', 'Used')]);
  if ((m = /^rds\.(postgres|mysql|mariadb)\.(.+)\.(single_az|multi_az)$/.exec(key)))
    return q('AmazonRDS', 'Hrs', [tm('instanceType', m[2] as string), tm('databaseEngine', RDS_ENGINE[m[1] as string] as string), tm('deploymentOption', m[3] === 'multi_az' ? 'Multi-AZ' : 'Single-AZ')]);
  // Aurora lists two rows per class, Standard (InstanceUsage:) and I/O-Optimized
  // (InstanceUsageIOOptimized:), at different prices: the usage type tells them apart.
  if ((m = /^aurora\.(mysql|postgresql)\.(db\.[^.]+\.[^.]+)(\.io_optimized)?$/.exec(key)))
    return q('AmazonRDS', 'Hrs', [tm('instanceType', m[2] as string), tm('databaseEngine', m[1] === 'mysql' ? 'Aurora MySQL' : 'Aurora PostgreSQL'), ut(`${m[3] ? 'InstanceUsageIOOptimized' : 'InstanceUsage'}:${m[2]}`)]);
  if ((m = /^ebs\.(gp2|gp3|io1|st1|sc1)\.storage$/.exec(key))) return q('AmazonEC2', 'GB-Mo', [tm('productFamily', 'Storage'), tm('volumeApiName', m[1] as string)]);
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
    case 'rds.storage.gp.single_az':
      return q('AmazonRDS', 'GB-Mo', [ut('RDS:GP3-Storage')]);
    case 'rds.storage.gp.multi_az':
      return q('AmazonRDS', 'GB-Mo', [ut('RDS:Multi-AZ-GP3-Storage')]);
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
    case 'aurora.serverless_v2.acu':
      return q('AmazonRDS', 'ACU-Hr', [ut('Aurora:ServerlessV2Usage')]);
    case 'aurora.serverless_v2.acu.io_optimized':
      return q('AmazonRDS', 'ACU-Hr', [ut('Aurora:ServerlessV2IOOptimizedUsage')]);
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
  const term = Object.values(onDemand).map(rec).find((t) => t !== undefined);
  const dims = Object.values(rec(term?.['priceDimensions']) ?? {})
    .map(rec)
    .filter((d): d is Record<string, unknown> => d !== undefined)
    .map((d) => ({ unit: str(d['unit']) ?? '', begin: Number(str(d['beginRange']) ?? '0'), end: str(d['endRange']) ?? 'Inf', usd: Number(str(rec(d['pricePerUnit'])?.['USD']) ?? 'NaN') }))
    .filter((d) => Number.isFinite(d.usd))
    .sort((a, b) => a.begin - b.begin);
  const first = dims[0];
  if (!first) return undefined;
  const attrs = rec(product['attributes']);
  const attributes: Record<string, string> = {};
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
  };
  if (dims.length === 1) return base;
  return { ...base, tiers: dims.map((d) => ({ upTo: d.end === 'Inf' ? null : Number(d.end), usd: d.usd })) };
}

interface CacheFile {
  readonly fetchedAt: number;
  readonly priceList: readonly string[];
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
  do {
    const { GetProductsCommand } = await import('@aws-sdk/client-pricing');
    const page = await opts.client.send(new GetProductsCommand({ ...input, ...(token ? { NextToken: token } : {}) }));
    for (const s of page.PriceList ?? []) out.push(typeof s === 'string' ? s : JSON.stringify(s));
    token = page.NextToken;
  } while (token);
  await mkdir(opts.cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify({ fetchedAt: now, priceList: out } satisfies CacheFile));
  return out;
}

/** An answer must agree with every filter on the attributes it has (trimmed items lack some). */
function matches(p: ParsedPrice, query: PriceQuery): boolean {
  return query.filters.every((f) => {
    const v = f.Field ? p.attributes[f.Field] : undefined;
    return v === undefined || v.toLowerCase() === (f.Value ?? '').toLowerCase();
  });
}

/** Live prices for the given keys as a catalog overlay, with notes for every key that fell back. */
export async function fetchLivePrices(keys: readonly string[], region: string, opts: LivePricingOptions): Promise<{ catalog: PriceCatalog; notes: string[] }> {
  const prices: Record<string, Record<string, PriceEntry>> = {};
  const sources: Record<string, { title: string; date: string }> = {};
  const notes: string[] = [];
  for (const key of [...new Set(keys)].sort()) {
    const query = priceListQuery(key, region);
    if (!query) continue;
    try {
      const parsed = (await getProducts(query, opts)).map(parsePriceListItem).filter((p): p is ParsedPrice => p !== undefined && p.usd > 0 && matches(p, query));
      const distinct = new Set(parsed.map((p) => JSON.stringify([p.usd, p.tiers ?? null])));
      const pick = parsed[0];
      if (!pick) {
        notes.push(`live pricing: no product for ${key} in ${region}; using the embedded catalog`);
        continue;
      }
      if (distinct.size > 1) {
        notes.push(`live pricing: ${parsed.length} different prices for ${key} in ${region}; using the embedded catalog`);
        continue;
      }
      const src = `pricelist:${pick.sku}`;
      sources[src] = { title: `AWS Price List ${query.serviceCode} SKU ${pick.sku}${pick.version ? ` version ${pick.version}` : ''}`, date: (pick.publicationDate ?? pick.effectiveDate ?? 'live').slice(0, 10) };
      prices[key] = {
        [region]: {
          usd: pick.usd * query.scale,
          unit: query.unit,
          confidence: 'A',
          sources: [src],
          asOf: sources[src].date,
          ...(pick.tiers ? { tiers: pick.tiers.map((t) => ({ upTo: t.upTo, usd: t.usd * query.scale })) } : {}),
        },
      };
    } catch (e) {
      const name = e instanceof Error ? e.name : 'Error';
      notes.push(`live pricing failed for ${key} (${name}); using the embedded catalog`);
    }
  }
  return { catalog: { name: 'live', asOf: new Date((opts.now ?? Date.now)()).toISOString().slice(0, 10), currency: 'USD', sources, prices }, notes };
}

/** Overlays `top` on `base`, per key and region. */
export function mergeCatalogs(base: PriceCatalog, top: PriceCatalog): PriceCatalog {
  const prices: Record<string, Record<string, PriceEntry>> = {};
  for (const [k, v] of Object.entries(base.prices)) prices[k] = { ...v };
  for (const [k, v] of Object.entries(top.prices)) prices[k] = { ...(prices[k] ?? {}), ...v };
  return { name: Object.keys(top.prices).length ? `${top.name}+${base.name}` : base.name, asOf: top.asOf, currency: 'USD', sources: { ...base.sources, ...top.sources }, prices };
}

/** estimateCost with live prices for every key the estimate needs; the embedded catalog covers the rest. */
export async function estimateCostLive(resources: readonly Resource[], options: EstimateOptions & { readonly live: LivePricingOptions }): Promise<CostReport> {
  const base = options.catalog ?? EMBEDDED_CATALOG;
  const first = estimateCost(resources, { ...options, catalog: base });
  const keys = [...first.lines.map((l) => l.priceKey), ...first.notPriced.flatMap((n) => (n.priceKey ? [n.priceKey] : []))];
  let live: { catalog: PriceCatalog; notes: string[] };
  try {
    live = await fetchLivePrices(keys, options.region, options.live);
  } catch (e) {
    return { ...first, notes: [...first.notes, `live pricing failed (${e instanceof Error ? e.name : 'Error'}); embedded catalog used`] };
  }
  const report = estimateCost(resources, { ...options, catalog: mergeCatalogs(base, live.catalog) });
  return { ...report, notes: [...report.notes, ...live.notes] };
}
