import type { Severity } from './finding.js';

export const TIERS = ['dev', 'staging', 'prod'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierTargets {
  /** Recovery time objective, minutes. */
  readonly rtoMinutes: number;
  /** Recovery point objective, minutes. */
  readonly rpoMinutes: number;
  /** DB-003 minimum automated-backup retention, days. */
  readonly backupRetentionDays: number;
}

export interface TierInfo {
  readonly tier: Tier;
  /** How the tier was found: `tag Environment=production`, `parameter EnvName`, `config`, or `assumed`. */
  readonly source: string;
  readonly assumed: boolean;
}

export interface ConfigSuppression {
  readonly rule: string;
  /** Logical id, physical id, ARN, or a glob over them; `tag:Key=Value` matches a tag. */
  readonly resource: string;
  readonly reason: string;
  /** ISO date; from that day on the suppression no longer applies. */
  readonly expires?: string;
}

/** The configuration every rule reads, after defaults are applied (see engine/config.ts for the file schema). */
export interface EffectiveConfig {
  readonly rules: Readonly<Record<string, { readonly enabled: boolean; readonly severity?: Severity }>>;
  /** NET-002: application backend ports that must never face the internet. */
  readonly backendPorts: readonly number[];
  /** NET-004: database and cache ports. */
  readonly databasePorts: readonly number[];
  /** CF-004: path patterns of API behaviors. */
  readonly apiPathPatterns: readonly string[];
  readonly tiers: {
    readonly tagKeys: readonly string[];
    readonly parameterNames: readonly string[];
    /** Tier for resources nothing else names; undefined means assume prod and say so. */
    readonly default?: Tier;
    readonly targets: Readonly<Record<Tier, TierTargets>>;
  };
  /** COST-001 / OBS-002: monthly budget in USD. */
  readonly budget?: number;
  /** `cost --allow-unpriced`: an estimate with unpriced items may still pass the budget. Default false. */
  readonly allowUnpriced: boolean;
  /** Region for inputs that name none (no cdk.out environment); the CLI's `--region` wins. */
  readonly region?: string;
  /** CLI defaults (the command line wins): the gate, soft-fail, which checks run, which paths are skipped. */
  readonly failOn?: Severity | 'none';
  readonly softFail?: boolean;
  /** Rule ids, globs (`NET-*`) or severities to run; the others are left out of the report. */
  readonly check?: readonly string[];
  /** Rule ids, globs or severities to leave out. */
  readonly skipCheck?: readonly string[];
  /** Path globs of inputs to leave out (`infra/legacy/**`). */
  readonly skipPath?: readonly string[];
  readonly suppressions: readonly ConfigSuppression[];
  /** Today's date (YYYY-MM-DD) for suppression expiry; injected so rules and engine stay pure. */
  readonly today: string;
}
