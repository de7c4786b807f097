// The public API: named re-exports only.

export { scanTemplates, type ScanOptions, type ScanResult } from './engine/scan-templates.js';
export { evaluate, type EvaluateOptions, type EvaluationResult } from './engine/evaluate.js';
export { accountSource, templateSources, type InputSource } from './engine/sources.js';
export { effectiveConfig, loadConfigFile, configSchema, type ConfigFile } from './engine/config.js';
export { RULES } from './rules/index.js';
export { VERSION } from './version.js';
export type { Finding, FindingResource, FindingStatus, InputError, Report, ReportSummary, Severity, Suppression } from './model/finding.js';
export type { Resource, Origin, Path } from './model/resource.js';
export { defineRule, type Rule, type RuleMeta, type RuleContext } from './model/rule.js';
export type { EffectiveConfig, Tier, TierInfo } from './model/config.js';
export { Unknown, ResourceRef, Composite, type Possible } from './model/values.js';
export { reporters, formatText, formatJson, formatSarif, formatJunit, formatMarkdown, type ReporterContext } from './reporters/index.js';
export { estimateCost, compareCost, costAdvisories, formatCostText, formatCostJson, formatCostMarkdown, loadUsageProfile, type CostReport } from './cost/index.js';
export { loadTemplates, defaultReader, type LoadedTemplates } from './engine/scan-templates.js';
export { auditAccount, type AuditOptions, type AuditResult } from './engine/audit-account.js';
export { createLiveCallSource, createSnapshotCallSource, readSnapshot, writeSnapshot, buildSnapshot, collectAccount } from './scanners/account/index.js';
export {
  StackauditValidation,
  type StackauditValidationOptions,
  type CdkValidationContext,
  type CdkValidationReport,
  type CdkViolation,
  type CdkViolatingResource,
} from './cdk/validation.js';
