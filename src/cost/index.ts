export { EMBEDDED_CATALOG, PRICE_SOURCES } from './catalog/prices.js';
export { describeSource, lookupPrice, splitTiers, type PriceLookup } from './catalog/lookup.js';
export { ACCOUNT_RESOURCE, estimateCost, type EstimateOptions } from './estimate.js';
export { ESTIMATORS } from './estimators/index.js';
export { ALWAYS_FREE, LEGACY_12_MONTH, type Allowance, type FreeTierMode } from './free-tier.js';
export { FREE_TYPES } from './free-types.js';
export {
  compareCost,
  formatComparisonMarkdown,
  formatComparisonText,
  formatCostJson,
  formatCostMarkdown,
  formatCostText,
  type CostComparison,
  type ResourceCostChange,
} from './format.js';
export { costAdvisories, type AdvisoryOptions, type CostAdvisory } from './advisories.js';
export {
  estimateCostLive,
  fetchLivePrices,
  mergeCatalogs,
  parsePriceListItem,
  priceListQuery,
  type LivePricingOptions,
  type ParsedPrice,
  type PriceQuery,
  type PricingSender,
} from './live-pricing.js';
export { literalReader } from './read.js';
export {
  isInputError,
  loadUsageProfile,
  parseUsageProfile,
  parseUsageProfileText,
  resourceUsageSchema,
  USAGE_DEFAULTS,
  usageProfileSchema,
  usageFor,
  type ResourceUsage,
  type UsageProfile,
} from './usage.js';
export type {
  Confidence,
  CostLine,
  CostReport,
  FreeResource,
  NotPriced,
  PriceCatalog,
  PriceEntry,
  PriceSource,
  PriceTier,
  ResourceId,
  ValueReader,
} from './types.js';
