import { EMBEDDED_CATALOG } from '../../src/cost/catalog/embedded.js';
import type { Resource } from '../../src/model/resource.js';
import type { CostReport } from '../../src/cost/types.js';

export function res(type: string, id: string, properties: Record<string, unknown> = {}): Resource {
  return { type, id, properties, origin: { kind: 'template', file: 'test.yaml', scope: 'test.yaml' } };
}

export const ref = (id: string): Record<string, string> => ({ Ref: id });

/** Sum of the lines whose service is in `services` (optionally filtered by price key). */
export function sum(report: CostReport, services: readonly string[], keep: (key: string) => boolean = () => true): number {
  return Math.round(report.lines.filter((l) => services.includes(l.service) && keep(l.priceKey)).reduce((s, l) => s + l.monthly, 0) * 100) / 100;
}

export function linesOf(report: CostReport, id: string): CostReport['lines'] {
  return report.lines.filter((l) => l.resource.id === id);
}

/** The embedded catalog's price of a key in a region (throws when it has none). */
export function price(key: string, region = 'us-east-1'): number {
  const found = EMBEDDED_CATALOG.lookup(key, region);
  if (!found.ok) throw new Error(found.reason);
  return found.entry.usd;
}
