// A resource's tier (dev / staging / prod) decides the tier-dependent controls. It comes
// from a tag, a stack parameter, or the config; with none, prod is assumed and said.

import type { EffectiveConfig, Tier, TierInfo } from '../model/config.js';

const ALIASES: Readonly<Record<string, Tier>> = {
  prod: 'prod',
  production: 'prod',
  prd: 'prod',
  live: 'prod',
  main: 'prod',
  staging: 'staging',
  stage: 'staging',
  stg: 'staging',
  preprod: 'staging',
  'pre-prod': 'staging',
  uat: 'staging',
  qa: 'staging',
  dev: 'dev',
  development: 'dev',
  develop: 'dev',
  test: 'dev',
  testing: 'dev',
  sandbox: 'dev',
  local: 'dev',
};

/** `Production`, `prd`, `PROD-EU` → prod; unrecognised values → undefined. */
export function normalizeTier(value: string): Tier | undefined {
  const v = value.trim().toLowerCase();
  if (ALIASES[v]) return ALIASES[v];
  const head = v.split(/[-_.\s]/)[0] ?? '';
  return ALIASES[head];
}

export function resolveTier(
  config: EffectiveConfig,
  tags: Readonly<Record<string, string>>,
  stackParameter: (names: readonly string[]) => { name: string; value: string } | undefined,
): TierInfo {
  for (const key of config.tiers.tagKeys) {
    const v = tags[key];
    const tier = v !== undefined ? normalizeTier(v) : undefined;
    if (tier) return { tier, source: `tag ${key}=${v}`, assumed: false };
  }
  const p = stackParameter(config.tiers.parameterNames);
  if (p) {
    const tier = normalizeTier(p.value);
    if (tier) return { tier, source: `parameter ${p.name}=${p.value}`, assumed: false };
  }
  if (config.tiers.default) return { tier: config.tiers.default, source: 'config', assumed: false };
  return { tier: 'prod', source: 'assumed (no tier tag or parameter)', assumed: true };
}
