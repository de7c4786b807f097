import type { PriceCatalog, PriceEntry, PriceLookup } from '../types.js';
import { thousands } from '../numbers.js';

export type { PriceLookup };

/** A regional price, else a global one (CloudFront, Route 53); a missing price is reported with the reason, never guessed. */
export function lookupPrice(catalog: PriceCatalog, key: string, region: string, what?: string): PriceLookup {
  return catalog.lookup(key, region, what);
}

/** Short provenance text for a line: feed, publication date and the feed's rate key (first tier's for tiered prices). */
export function describeSource(entry: PriceEntry): string {
  const rate = Array.isArray(entry.source.rate) ? entry.source.rate[0] : entry.source.rate;
  return `${entry.source.feed} (${entry.source.published})${rate ? ` ${rate}` : ''}${entry.confidence === 'A' ? '' : ` [grade ${entry.confidence}]`}`;
}

/** Prices given as a table: key → region (or `global`) → entry. Live Price List answers and tests use it. */
export function staticCatalog(name: string, asOf: string, prices: Readonly<Record<string, Readonly<Record<string, PriceEntry>>>>): PriceCatalog {
  const table = new Map(Object.entries(prices).map(([k, byRegion]) => [k, new Map(Object.entries(byRegion))] as const));
  return {
    name,
    asOf,
    lookup(key, region, what) {
      const byRegion = table.get(key);
      const regional = byRegion?.get(region);
      if (regional) return { ok: true, entry: regional, region };
      const global = byRegion?.get('global');
      if (global) return { ok: true, entry: global, region: 'global' };
      return { ok: false, reason: `no price for ${what ?? key} in ${region} (catalog ${name}, ${asOf})` };
    },
  };
}

/** `top` where it has the price, else `base` (with base's reason when neither has it). */
export function mergeCatalogs(base: PriceCatalog, top: PriceCatalog): PriceCatalog {
  return {
    name: `${top.name}+${base.name}`,
    get asOf() {
      return base.asOf;
    },
    lookup(key, region, what) {
      const hit = top.lookup(key, region, what);
      // A regional answer from the overlay wins; a global fallback does not hide a regional base price.
      if (hit.ok && hit.region === region) return hit;
      const under = base.lookup(key, region, what);
      return under.ok || !hit.ok ? under : hit;
    },
  };
}

/**
 * Splits a quantity over the tiers of a tiered price; returns [quantity, unit price, label] per
 * tier used. `scale` multiplies the bounds, for tiers that count per thing (io2 IOPS per volume).
 */
export function splitTiers(entry: PriceEntry, quantity: number, scale = 1): { quantity: number; usd: number; label: string }[] {
  if (!entry.tiers || entry.tiers.length === 0) return [{ quantity, usd: entry.usd, label: '' }];
  const out: { quantity: number; usd: number; label: string }[] = [];
  let from = 0;
  for (const tier of entry.tiers) {
    if (quantity <= from) break;
    const upTo = tier.upTo === null ? null : tier.upTo * scale;
    const to = upTo === null ? quantity : Math.min(quantity, upTo);
    out.push({
      quantity: to - from,
      usd: tier.usd,
      label: upTo === null ? `over ${fmtQty(from, entry.unit)}` : from === 0 ? `first ${fmtQty(upTo, entry.unit)}` : `${fmtQty(from, entry.unit)}–${fmtQty(upTo, entry.unit)}`,
    });
    if (upTo === null) break;
    from = upTo;
  }
  // A tiered entry whose known tiers end before the quantity: the rest has no price.
  if (quantity > from && entry.tiers.at(-1)?.upTo !== null) out.push({ quantity: quantity - from, usd: Number.NaN, label: `over ${fmtQty(from, entry.unit)}` });
  return out;
}

function fmtQty(n: number, unit: string): string {
  if (unit === 'GB' || unit === 'GB-Mo') return n >= 1024 && n % 1024 === 0 ? `${n / 1024} TB` : `${n} GB`;
  return `${thousands(n)} ${unit}`;
}
