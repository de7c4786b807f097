import type { Path, Resource } from '../model/resource.js';

/**
 * How sure we are of a price. A: read from an AWS price feed or the Price List API (every
 * generated catalog price); B: two agreeing third parties or older AWS data; C: one source, or
 * derived; U: unconfirmed. See docs/cost-catalog.md.
 */
export type Confidence = 'A' | 'B' | 'C' | 'U';

/** Where one price comes from: the feed (or other source), its publication date and the feed's own rate key. */
export interface PriceRef {
  /** Feed file (e.g. `aws-price-watcher/raw/vpc.json`), `pricelist:<SKU>` for live prices, or a hand source's title. */
  readonly feed: string;
  /** When the feed was published (ISO date), or the date its content last changed. */
  readonly published: string;
  /** The feed's rate key: a Price List rate code `<SKU>.<offer term>.<rate>`, or the feed's usage key; one per tier for tiered prices. */
  readonly rate?: string | readonly string[];
  readonly repo?: string;
  readonly commit?: string;
  readonly url?: string;
}

/** Upper bound (inclusive, in the entry's unit) of one tier; `null` for the last tier. */
export interface PriceTier {
  readonly upTo: number | null;
  readonly usd: number;
}

export interface PriceEntry {
  /** Price of one unit (the first tier's price for tiered entries). */
  readonly usd: number;
  readonly unit: string;
  readonly confidence: Confidence;
  readonly source: PriceRef;
  readonly tiers?: readonly PriceTier[];
  readonly note?: string;
}

export type PriceLookup = { readonly ok: true; readonly entry: PriceEntry; readonly region: string } | { readonly ok: false; readonly reason: string };

/**
 * Prices by key (`ec2.instance.t3.micro`) and region code, or `global` for prices that do not
 * depend on the region (CloudFront by edge geography, Route 53, CloudWatch dashboards).
 */
export interface PriceCatalog {
  readonly name: string;
  /** Date of the newest source the catalog rests on. */
  readonly asOf: string;
  /** The regional price, else the global one; a missing price says why (region, service or item). */
  lookup(key: string, region: string, what?: string): PriceLookup;
}

/** Reads a property of a resource at a path; returns `Unknown`, `ResourceRef`, `Composite`, undefined or a literal. */
export type ValueReader = (resource: Resource, path: Path) => unknown;

/** A resource as cost output names it: logical or physical id, type, and the input it came from. */
export interface ResourceId {
  readonly id: string;
  readonly type: string;
  /** `resourceKey` of the resource: unique in one estimate (input + stack + logical id, or account/region/type/id). */
  readonly key?: string;
  readonly file?: string;
  readonly stack?: string;
  readonly account?: string;
  /** The region the resource is priced in. */
  readonly region?: string;
}

export interface CostLine {
  readonly resource: ResourceId;
  readonly service: string;
  readonly description: string;
  /** Total usage in `unit`, including any part a free allowance covers. */
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  /** (quantity − freeQuantity) × unitPrice, rounded to the cent. */
  readonly monthly: number;
  /** Short provenance text: feed, publication date, rate key. */
  readonly priceSource: string;
  readonly price: PriceRef;
  readonly confidence: Confidence;
  /** Region whose price was used (`global` for region-less prices). */
  readonly region: string;
  /** The price key in the catalog. */
  readonly priceKey: string;
  /** Part of the quantity an allowance covered, and which. */
  readonly freeQuantity?: number;
  readonly freeAllowance?: string;
  /** How many things the quantity counts (e.g. public IPv4 addresses). */
  readonly count?: number;
  /** Usage or template values that were not known and took a documented default. */
  readonly assumptions?: readonly string[];
}

export interface NotPriced {
  readonly resource: ResourceId;
  readonly reason: string;
  /** The price key that was missing, when the reason is a missing price. */
  readonly priceKey?: string;
}

export interface FreeResource {
  readonly resource: ResourceId;
  readonly reason: string;
}

/** A key of a usage profile's `resources` that matched no resource of the estimate. */
export interface UnmatchedUsageKey {
  readonly key: string;
  /** The closest resource name, when one is close. */
  readonly suggestion?: string;
}

/** What `--budget` (or config `budget`) decided, in every output format. */
export interface BudgetVerdict {
  /** Monthly budget, USD. */
  readonly limit: number;
  readonly total: number;
  /** within: priced in full and at or below the limit; over: above it; incomplete: items not priced. */
  readonly verdict: 'within' | 'over' | 'incomplete';
  /** Whether the gate passes: within, or incomplete but at or below the limit with `allowUnpriced`. */
  readonly passed: boolean;
  readonly allowUnpriced: boolean;
  readonly message: string;
}

export interface CostReport {
  readonly format: 'stackaudit-cost/1';
  readonly currency: 'USD';
  /** The region every resource is priced in, or the regions joined with " + ". */
  readonly region: string;
  readonly regions: readonly string[];
  readonly monthlyTotal: number;
  /** False when an item could not be priced: the total is then a lower bound ("at least"). */
  readonly complete: boolean;
  readonly lines: readonly CostLine[];
  readonly notPriced: readonly NotPriced[];
  /** Glue resources that AWS does not bill (security groups, routes, IAM…). */
  readonly free: readonly FreeResource[];
  readonly notes: readonly string[];
  readonly freeTier: 'none' | 'legacy';
  readonly catalog: { readonly name: string; readonly asOf: string };
  /** Usage profile keys that matched nothing. */
  readonly usage?: { readonly unmatched: readonly UnmatchedUsageKey[] };
  readonly budget?: BudgetVerdict;
}
