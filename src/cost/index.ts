export { EMBEDDED_CATALOG } from './catalog/embedded.js';
export { describeSource, lookupPrice, mergeCatalogs, splitTiers, staticCatalog, type PriceLookup } from './catalog/lookup.js';
export { ACCOUNT_RESOURCE, DEFAULT_REGION, allowanceGroupOf, estimateResources, priceRegionOf, resourceIdOf, scopeOf, type EstimateOptions } from './estimate.js';
export { estimateCost, type CostInput } from './estimate-cost.js';
export { ESTIMATORS } from './estimators/index.js';
export { ALWAYS_FREE, LEGACY_12_MONTH, type Allowance, type FreeTierMode } from './free-tier.js';
export { FREE_TYPES } from './free-types.js';
export { MARKDOWN_LIMIT, formatCostJson, formatCostMarkdown, formatCostText, resourceLabel, totalText } from './format.js';
export { compareCost, formatComparisonMarkdown, formatComparisonText, parseSavedEstimate, type CostComparison, type ResourceCostChange } from './compare.js';
export { budgetVerdict } from './budget.js';
export { costAdvisories, gravitonAdvisories, gravitonOf, overBudgetAdvisory, publicIpv4Advisories, type AdvisoryOptions, type CostAdvisory } from './advisories.js';
export {
  DEFAULT_LIVE_TIMEOUT_MS,
  estimateCostLive,
  fetchLivePrices,
  parsePriceListItem,
  priceListQuery,
  type LiveKey,
  type LivePrices,
  type LivePricingOptions,
  type ParsedPrice,
  type PriceQuery,
  type PricingSender,
} from './live-pricing.js';
export { REGION_BILLING_CODES, usagetypePrefix } from './usage-types.js';
export { literalReader } from './read.js';
export { usageTemplate } from './usage-template.js';
export {
  isInputError,
  loadUsageProfile,
  parseUsageProfile,
  parseUsageProfileText,
  resourceUsageSchema,
  unmatchedUsageKeys,
  USAGE_DEFAULTS,
  usageFor,
  usageKeyMatches,
  type ResourceUsage,
  type UsageProfile,
} from './usage.js';
export type {
  BudgetVerdict,
  Confidence,
  CostLine,
  CostReport,
  FreeResource,
  NotPriced,
  PriceCatalog,
  PriceEntry,
  PriceRef,
  PriceTier,
  ResourceId,
  UnmatchedUsageKey,
  ValueReader,
} from './types.js';
