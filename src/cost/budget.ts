// The budget gate (`cost --budget`, config `budget`, COST-001 in `scan`). An estimate with items
// it could not price is a lower bound, so it never passes a budget unless the user allows it.
import type { BudgetVerdict, CostReport } from './types.js';

const money = (n: number): string => `$${n.toFixed(2)}`;
const cents = (n: number): number => Math.round(n * 100) / 100;

export function budgetVerdict(report: Pick<CostReport, 'monthlyTotal' | 'complete' | 'notPriced' | 'region'>, limit: number, allowUnpriced = false): BudgetVerdict {
  const total = report.monthlyTotal;
  const base = { limit, total, allowUnpriced };
  const unpriced = report.notPriced.length;
  if (total > limit) {
    const atLeast = report.complete ? '' : 'at least ';
    return {
      ...base,
      verdict: 'over',
      passed: false,
      message: `Estimated ${atLeast}${money(total)}/month in ${report.region} exceeds the budget of ${money(limit)} by ${atLeast}${money(cents(total - limit))}.`,
    };
  }
  if (report.complete) return { ...base, verdict: 'within', passed: true, message: `Estimated ${money(total)}/month in ${report.region} is within the budget of ${money(limit)}.` };
  const first = report.notPriced[0];
  const why = first ? ` (first: ${first.resource.id}: ${first.reason})` : '';
  if (allowUnpriced)
    return {
      ...base,
      verdict: 'incomplete',
      passed: true,
      message: `Estimated at least ${money(total)}/month in ${report.region}, within the budget of ${money(limit)} only as far as priced: ${unpriced} item(s) not priced, allowed by allowUnpriced${why}.`,
    };
  return {
    ...base,
    verdict: 'incomplete',
    passed: false,
    message: `The estimate is incomplete: ${unpriced} item(s) not priced${why}, so at least ${money(total)}/month cannot be shown to stay within the budget of ${money(limit)}. Price them (usage profile, --live-pricing) or allow it with --allow-unpriced.`,
  };
}
