// Building blocks of the price tables: an entry with its grade, sources and date.
import type { Confidence, PriceEntry, PriceTier } from '../types.js';
import { PRICE_SOURCES } from './sources.js';

function newest(sources: readonly string[]): string {
  const dates = sources.map((s) => PRICE_SOURCES[s]?.date ?? '').filter((d) => /^\d{4}/.test(d));
  return dates.sort().at(-1) ?? 'undated';
}

export function p(usd: number, unit: string, confidence: Confidence, sources: readonly string[], note?: string): PriceEntry {
  return { usd, unit, confidence, sources, asOf: newest(sources), ...(note ? { note } : {}) };
}

export function tiered(tiers: readonly PriceTier[], unit: string, confidence: Confidence, sources: readonly string[], note?: string): PriceEntry {
  return { ...p(tiers[0]?.usd ?? 0, unit, confidence, sources, note), tiers };
}

export const E1 = 'us-east-1';
export const AP = 'ap-south-1';
export const G = 'global';
export type Prices = Record<string, Record<string, PriceEntry>>;


/** Joins price tables key by key; a key and region given twice is a data error, not an override. */
export function mergePrices(...tables: Prices[]): Prices {
  const out: Prices = {};
  for (const table of tables)
    for (const [key, byRegion] of Object.entries(table)) {
      const cur = (out[key] ??= {});
      for (const [region, entry] of Object.entries(byRegion)) {
        if (cur[region]) throw new Error(`price table: ${key} in ${region} is given twice`);
        cur[region] = entry;
      }
    }
  return out;
}
