import type { Path, Resource } from '../model/resource.js';

/** How sure we are of a price: see docs/usage-profile.md and the catalog's sources. */
export type Confidence = 'A' | 'B' | 'C' | 'U';

export interface PriceSource {
  readonly title: string;
  readonly url?: string;
  readonly repo?: string;
  /** File inside `repo`. */
  readonly path?: string;
  readonly commit?: string;
  /** When the figure was published or captured (ISO date or a short phrase). */
  readonly date: string;
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
  readonly sources: readonly string[];
  /** Date of the newest source the figure rests on. */
  readonly asOf: string;
  readonly tiers?: readonly PriceTier[];
  readonly note?: string;
}

/** Prices keyed by a stable price key (`ec2.instance.t3.micro`) and then a region code or `global`. */
export interface PriceCatalog {
  readonly name: string;
  readonly asOf: string;
  readonly currency: 'USD';
  readonly sources: Readonly<Record<string, PriceSource>>;
  readonly prices: Readonly<Record<string, Readonly<Record<string, PriceEntry>>>>;
}

/** Reads a property of a resource at a path; returns `Unknown`, `ResourceRef`, `Composite`, undefined or a literal. */
export type ValueReader = (resource: Resource, path: Path) => unknown;

export interface ResourceId {
  readonly id: string;
  readonly type: string;
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
  readonly priceSource: string;
  readonly confidence: Confidence;
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

export interface CostReport {
  readonly currency: 'USD';
  readonly region: string;
  readonly monthlyTotal: number;
  readonly lines: readonly CostLine[];
  readonly notPriced: readonly NotPriced[];
  /** Glue resources that AWS does not bill (security groups, routes, IAM…). */
  readonly free: readonly FreeResource[];
  readonly notes: readonly string[];
  readonly freeTier: 'none' | 'legacy';
  readonly catalog: { readonly name: string; readonly asOf: string };
}
