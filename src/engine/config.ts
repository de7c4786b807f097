// stackaudit.config.yaml: rule switches and severities, port lists, tiers, budget and
// suppressions. Validated with zod so a typo is an error with its path, not a silent default.

import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import type { z } from 'zod';
import { lazySchema } from '../model/lazy-zod.js';
import type { EffectiveConfig, Tier, TierTargets } from '../model/config.js';
import { SEVERITIES } from '../model/finding.js';

export const configSchema = lazySchema((z) => {
  const severity = z.enum(SEVERITIES);
  const tier = z.enum(['dev', 'staging', 'prod']);
  const targets = z.object({ rtoMinutes: z.number().positive(), rpoMinutes: z.number().nonnegative(), backupRetentionDays: z.number().int().min(0).max(35) });

  return z
  .object({
    rules: z
      .record(
        z.string().regex(/^[A-Z0-9]+-\d{3}$/, 'rule ids look like NET-001'),
        z.union([z.literal('off'), z.literal(false), severity, z.object({ enabled: z.boolean().optional(), severity: severity.optional() }).strict()]),
      )
      .optional(),
    backendPorts: z.array(z.number().int().min(0).max(65535)).optional(),
    databasePorts: z.array(z.number().int().min(0).max(65535)).optional(),
    apiPathPatterns: z.array(z.string()).optional(),
    tiers: z
      .object({
        tagKeys: z.array(z.string()).optional(),
        parameterNames: z.array(z.string()).optional(),
        default: tier.optional(),
        targets: z.object({ dev: targets.partial(), staging: targets.partial(), prod: targets.partial() }).partial().optional(),
      })
      .strict()
      .optional(),
    budget: z.number().positive().optional(),
    allowUnpriced: z.boolean().optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region looks like us-east-1').optional(),
    suppressions: z
      .array(
        z
          .object({
            rule: z.string(),
            resource: z.string(),
            reason: z.string().min(1, 'a suppression needs a reason'),
            expires: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expires is a date like 2026-12-31'), z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
});

export type ConfigFile = z.infer<ReturnType<typeof configSchema>>;

/** RTO/RPO targets from 003's table; retention minimums from CONTROLS.md (prod 35 days per 003). */
export const DEFAULT_TIER_TARGETS: Readonly<Record<Tier, TierTargets>> = {
  dev: { rtoMinutes: 240, rpoMinutes: 1440, backupRetentionDays: 7 },
  staging: { rtoMinutes: 120, rpoMinutes: 60, backupRetentionDays: 7 },
  prod: { rtoMinutes: 30, rpoMinutes: 5, backupRetentionDays: 35 },
};

export const DEFAULT_BACKEND_PORTS = [3000, 3001, 5000, 5002, 8000, 8080] as const;
export const DEFAULT_DATABASE_PORTS = [5432, 3306, 1433, 1521, 6379, 11211, 27017] as const;

export function effectiveConfig(file: ConfigFile = {}, today: string = new Date().toISOString().slice(0, 10)): EffectiveConfig {
  const rules: Record<string, { enabled: boolean; severity?: (typeof SEVERITIES)[number] }> = {};
  for (const [id, v] of Object.entries(file.rules ?? {})) {
    if (v === 'off' || v === false) rules[id] = { enabled: false };
    else if (typeof v === 'string') rules[id] = { enabled: true, severity: v };
    else rules[id] = { enabled: v.enabled ?? true, ...(v.severity ? { severity: v.severity } : {}) };
  }
  const t = file.tiers?.targets ?? {};
  return {
    rules,
    backendPorts: file.backendPorts ?? [...DEFAULT_BACKEND_PORTS],
    databasePorts: file.databasePorts ?? [...DEFAULT_DATABASE_PORTS],
    apiPathPatterns: file.apiPathPatterns ?? ['/api/*', '/api*', 'api/*'],
    tiers: {
      tagKeys: file.tiers?.tagKeys ?? ['Environment', 'environment', 'env', 'Env', 'Stage', 'stage', 'Tier'],
      parameterNames: file.tiers?.parameterNames ?? ['EnvName', 'Environment', 'EnvironmentName', 'Env', 'Stage', 'StageName', 'Tier'],
      ...(file.tiers?.default ? { default: file.tiers.default } : {}),
      targets: {
        dev: { ...DEFAULT_TIER_TARGETS.dev, ...t.dev },
        staging: { ...DEFAULT_TIER_TARGETS.staging, ...t.staging },
        prod: { ...DEFAULT_TIER_TARGETS.prod, ...t.prod },
      },
    },
    ...(file.budget !== undefined ? { budget: file.budget } : {}),
    allowUnpriced: file.allowUnpriced ?? false,
    ...(file.region !== undefined ? { region: file.region } : {}),
    suppressions: (file.suppressions ?? []).map((s) => ({ ...s, ...(s.expires ? { expires: String(s.expires) } : {}) })),
    today,
  };
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export function loadConfigFile(file: string, today?: string): EffectiveConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, `cannot read config: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let data: unknown;
  try {
    data = load(text, { filename: file, maxAliases: 0 }) ?? {};
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    throw new ConfigError(file, `invalid YAML: ${String((err as Error).message).split('\n')[0]}`, mark?.line !== undefined ? mark.line + 1 : undefined);
  }
  const parsed = configSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return effectiveConfig(parsed.data, today);
}
