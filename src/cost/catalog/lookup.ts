import type { PriceCatalog, PriceEntry } from '../types.js';

export type PriceLookup = { readonly ok: true; readonly entry: PriceEntry; readonly region: string } | { readonly ok: false; readonly reason: string };

/** A regional price, else a global one (CloudFront, Route 53); a missing price is reported, never guessed. */
export function lookupPrice(catalog: PriceCatalog, key: string, region: string, what?: string): PriceLookup {
  const byRegion = catalog.prices[key];
  const entry = byRegion?.[region] ?? byRegion?.['global'];
  if (entry) return { ok: true, entry, region: byRegion?.[region] ? region : 'global' };
  return { ok: false, reason: `no price for ${what ?? key} in ${region} (catalog ${catalog.name}, ${catalog.asOf})` };
}

/** Short provenance text for a line: catalog, key, grade, sources, date. */
export function describeSource(catalog: PriceCatalog, key: string, entry: PriceEntry): string {
  return `${catalog.name}:${key} [${entry.confidence}; ${entry.sources.join(', ')}; ${entry.asOf}]`;
}

/** Splits a quantity over the tiers of a tiered price; returns [quantity, unit price, label] per tier used. */
export function splitTiers(entry: PriceEntry, quantity: number): { quantity: number; usd: number; label: string }[] {
  if (!entry.tiers || entry.tiers.length === 0) return [{ quantity, usd: entry.usd, label: '' }];
  const out: { quantity: number; usd: number; label: string }[] = [];
  let from = 0;
  for (const tier of entry.tiers) {
    if (quantity <= from) break;
    const to = tier.upTo === null ? quantity : Math.min(quantity, tier.upTo);
    out.push({ quantity: to - from, usd: tier.usd, label: tier.upTo === null ? `over ${fmtQty(from)}` : from === 0 ? `first ${fmtQty(tier.upTo)}` : `${fmtQty(from)}–${fmtQty(tier.upTo)}` });
    if (tier.upTo === null) break;
    from = tier.upTo;
  }
  // A tiered entry whose known tiers end before the quantity: the rest has no price.
  if (quantity > from && entry.tiers.at(-1)?.upTo !== null) out.push({ quantity: quantity - from, usd: Number.NaN, label: `over ${fmtQty(from)}` });
  return out;
}

function fmtQty(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024} TB` : `${n} GB`;
}
