// stackaudit.config.yaml: rule switches and severities, port lists, tiers, budget, suppressions
// and the CLI's defaults. Validated so that a typo is an error naming the key (and its line),
// with a did-you-mean, never a silent default: an unknown key, an unknown rule id or a wrong
// type stops the run (exit 2).

import { EVENT_ID, constructFromEvents, getScalarValue, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { z } from 'zod';
import { lazySchema } from '../model/lazy-zod.js';
import type { EffectiveConfig, Tier, TierTargets } from '../model/config.js';
import { SEVERITIES } from '../model/finding.js';
import { RULES } from '../rules/index.js';
import { FILE_LIMITS, InputFileError, readRegularTextFile } from '../scanners/files.js';

const SEVERITY_LIST = SEVERITIES.join(', ');

export const configSchema = lazySchema((z) => {
  const severity = z.enum(SEVERITIES, { error: `expected a severity: ${SEVERITY_LIST}` });
  const tier = z.enum(['dev', 'staging', 'prod'], { error: 'expected a tier: dev, staging or prod' });
  const port = z
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole port number' })
    .min(0, { error: 'a port is 0–65535' })
    .max(65535, { error: 'a port is 0–65535' });
  const strings = z.array(z.string({ error: 'expected a string' }), { error: 'expected a list of strings' });
  const minutes = z.number({ error: 'expected a number of minutes' });
  const targets = z
    .object({
      rtoMinutes: minutes.positive({ error: 'must be more than 0' }),
      rpoMinutes: minutes.nonnegative({ error: 'must be 0 or more' }),
      backupRetentionDays: z
        .number({ error: 'expected a number of days' })
        .int({ error: 'expected whole days' })
        .min(0, { error: 'must be 0–35 (the RDS maximum is 35)' })
        .max(35, { error: 'must be 0–35 (the RDS maximum is 35)' }),
    })
    .partial()
    .strict();

  return z
    .object(
      {
        rules: z
          .record(
            z.string(),
            z.union(
              [
                z.literal('off'),
                z.literal(false),
                severity,
                z.object({ enabled: z.boolean({ error: 'expected true or false' }).optional(), severity: severity.optional() }).strict(),
              ],
              {
                error: `expected off, a severity (${SEVERITY_LIST}) or { enabled, severity }`,
              },
            ),
            { error: 'expected a mapping of rule ids, e.g. NET-004: off' },
          )
          .optional(),
        backendPorts: z.array(port, { error: 'expected a list of ports' }).optional(),
        databasePorts: z.array(port, { error: 'expected a list of ports' }).optional(),
        apiPathPatterns: strings.optional(),
        tiers: z
          .object(
            {
              tagKeys: strings.optional(),
              parameterNames: strings.optional(),
              default: tier.optional(),
              targets: z.object({ dev: targets, staging: targets, prod: targets }, { error: 'expected a mapping of tiers (dev, staging, prod)' }).partial().strict().optional(),
            },
            { error: 'expected a mapping (tagKeys, parameterNames, default, targets)' },
          )
          .strict()
          .optional(),
        budget: z.number({ error: 'expected an amount in USD per month' }).positive({ error: 'must be more than 0' }).optional(),
        allowUnpriced: z.boolean({ error: 'expected true or false' }).optional(),
        region: z
          .string({ error: 'expected a region name' })
          .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'a region looks like us-east-1' })
          .optional(),
        failOn: z.union([severity, z.literal('none')], { error: `expected a severity (${SEVERITY_LIST}) or none` }).optional(),
        softFail: z.boolean({ error: 'expected true or false' }).optional(),
        check: strings.optional(),
        skipCheck: strings.optional(),
        skipPath: strings.optional(),
        suppressions: z
          .array(
            z
              .object(
                {
                  rule: z.string({ error: 'expected a rule id' }),
                  resource: z.string({ error: 'expected a logical id, physical id, ARN, glob or tag:Key=Value' }),
                  reason: z.string({ error: 'a suppression needs a reason' }).min(1, { error: 'a suppression needs a reason' }),
                  expires: z
                    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.date().transform((d) => d.toISOString().slice(0, 10))], { error: 'expires is a date like 2026-12-31' })
                    .optional(),
                },
                { error: 'expected a mapping { rule, resource, reason, expires }' },
              )
              .strict(),
            { error: 'expected a list of { rule, resource, reason, expires }' },
          )
          .optional(),
      },
      { error: 'the config must be a mapping of keys (rules, backendPorts, tiers, suppressions, …)' },
    )
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
export const DEFAULT_API_PATH_PATTERNS = ['/api/*', '/api*', 'api/*'] as const;
export const DEFAULT_TIER_TAG_KEYS = ['Environment', 'environment', 'env', 'Env', 'Stage', 'stage', 'Tier'] as const;
export const DEFAULT_TIER_PARAMETER_NAMES = ['EnvName', 'Environment', 'EnvironmentName', 'Env', 'Stage', 'StageName', 'Tier'] as const;

export function effectiveConfig(file: ConfigFile = {}, today: string = new Date().toISOString().slice(0, 10)): EffectiveConfig {
  // Null prototype: rule ids come from the file, and a key like `constructor` must not meet Object.prototype.
  const rules: Record<string, { enabled: boolean; severity?: (typeof SEVERITIES)[number] }> = Object.create(null) as Record<string, never>;
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
    apiPathPatterns: file.apiPathPatterns ?? [...DEFAULT_API_PATH_PATTERNS],
    tiers: {
      tagKeys: file.tiers?.tagKeys ?? [...DEFAULT_TIER_TAG_KEYS],
      parameterNames: file.tiers?.parameterNames ?? [...DEFAULT_TIER_PARAMETER_NAMES],
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
    ...(file.failOn !== undefined ? { failOn: file.failOn } : {}),
    ...(file.softFail !== undefined ? { softFail: file.softFail } : {}),
    ...(file.check !== undefined ? { check: file.check } : {}),
    ...(file.skipCheck !== undefined ? { skipCheck: file.skipCheck } : {}),
    ...(file.skipPath !== undefined ? { skipPath: file.skipPath } : {}),
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

export interface ConfigCheckOptions {
  /** Rule ids a config may name (default: every rule in RULES). */
  readonly ruleIds?: readonly string[];
}

/** Reads and validates a config file: a regular file of at most 1 MB, whatever the path points at. */
export function loadConfigFile(file: string, today?: string, options: ConfigCheckOptions = {}): EffectiveConfig {
  let text: string;
  try {
    text = readRegularTextFile(file, { maxBytes: FILE_LIMITS.config, what: 'config file' });
  } catch (err) {
    if (err instanceof InputFileError) throw new ConfigError(file, err.message);
    throw new ConfigError(file, `cannot read config file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseConfigText(text, file, today, options);
}

/** Validates config text (YAML or JSON). A file of only comments is the default config. */
export function parseConfigText(text: string, file: string, today?: string, options: ConfigCheckOptions = {}): EffectiveConfig {
  let events: Event[];
  let data: unknown;
  try {
    events = parseEvents(text, { filename: file, maxDepth: 64 });
    const docs = events.filter((e) => e.type === EVENT_ID.DOCUMENT).length;
    if (docs > 1) throw new ConfigError(file, 'the config holds several YAML documents (---); use one');
    data = docs === 0 ? {} : (constructFromEvents(events, { source: text, filename: file, maxAliases: 0 })[0] ?? {});
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const mark = (err as { mark?: { line?: number } }).mark;
    const reason = (err as { reason?: unknown }).reason;
    const message = typeof reason === 'string' ? reason : String((err as Error).message).split('\n')[0];
    throw new ConfigError(file, `invalid YAML: ${message}`, mark?.line !== undefined ? mark.line + 1 : undefined);
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => lineAt(text, events, path);
  const ruleIds = options.ruleIds ?? RULES.map((r) => r.meta.id);
  // Rule ids are checked on the data as written, before the schema copies it: a key such as
  // `__proto__` would not survive the copy as a key, and must not pass unnoticed.
  const rawRules = data !== null && typeof data === 'object' && Object.hasOwn(data, 'rules') ? (data as Record<string, unknown>)['rules'] : undefined;
  if (rawRules !== null && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
    for (const id of Object.keys(rawRules)) {
      if (!ruleIds.includes(id)) throw new ConfigError(file, `rules.${id}: unknown rule id${didYouMean(id, ruleIds)}`, lineOf(['rules', id]));
    }
  }
  const parsed = configSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { path, message } = describeIssue(issue as unknown as Issue, data);
    throw new ConfigError(file, message, lineOf(path));
  }
  for (const [i, s] of (parsed.data.suppressions ?? []).entries()) {
    if (!ruleIds.includes(s.rule))
      throw new ConfigError(file, `suppressions[${i}].rule: unknown rule id ${s.rule}${didYouMean(s.rule, ruleIds)}`, lineOf(['suppressions', i, 'rule']));
  }
  return effectiveConfig(parsed.data, today);
}

// ---------------------------------------------------------------------------------------------
// Messages: zod's issues, said in the config's own terms, with the key path and a did-you-mean.

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
}

function pathText(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s === '' ? '(top level)' : s;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** A short description of a value for a message: its type and, for scalars, a shortened literal. */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return `the date ${v.toISOString().slice(0, 10)}`;
  if (typeof v === 'object') return 'a mapping';
  const text = typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v) : String(v);
  return `${typeof v === 'string' ? 'the string' : typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? 'the boolean' : typeof v} ${text}`;
}

/** Keys the schema accepts at a path (for did-you-mean), by walking the zod definition. */
function keysAt(path: readonly (string | number)[]): string[] {
  type Def = { type?: string; innerType?: unknown; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown; options?: unknown[] };
  const defOf = (s: unknown): Def => ((s as { def?: Def } | undefined)?.def ?? {}) as Def;
  const unwrap = (s: unknown): unknown => {
    let cur = s;
    for (let d = defOf(cur); d.type === 'optional' || d.type === 'nullable' || d.type === 'default'; d = defOf(cur)) cur = d.innerType;
    return cur;
  };
  let node: unknown = configSchema();
  for (const seg of path) {
    const d = defOf(unwrap(node));
    if (d.type === 'object' && typeof seg === 'string') node = d.shape?.[seg];
    else if (d.type === 'array') node = d.element;
    else if (d.type === 'record') node = d.valueType;
    else return [];
  }
  const d = defOf(unwrap(node));
  if (d.type === 'object') return Object.keys(d.shape ?? {});
  if (d.type === 'union') return (d.options ?? []).flatMap((o) => (defOf(unwrap(o)).type === 'object' ? Object.keys(defOf(unwrap(o)).shape ?? {}) : []));
  return [];
}

function describeIssue(issue: Issue, data: unknown): { path: (string | number)[]; message: string } {
  const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  const value = valueAt(data, path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys?.[0] ?? '';
    const keyPath = [...path, key];
    return { path: keyPath, message: `${pathText(keyPath)}: unknown key${didYouMean(key, keysAt(path))}` };
  }
  const where = pathText(path);
  if (issue.code === 'invalid_type' && value === undefined && path.length > 0) return { path, message: `${where}: ${issue.message} (missing)` };
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    const allowed = (issue.values ?? []).map(String);
    return { path, message: `${where}: ${issue.message}, got ${describeValue(value)}${didYouMean(value, allowed)}` };
  }
  const got = issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_format' ? ` (got ${describeValue(value)})` : `, got ${describeValue(value)}`;
  return { path, message: `${where}: ${issue.message}${got}` };
}

// ---------------------------------------------------------------------------------------------
// Did you mean: the closest candidate by edit distance, when it is close enough to be a typo.

/** Damerau–Levenshtein distance (adjacent transpositions count 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[x.length]![y.length]!;
}

/** The closest candidate, if it is a plausible typo of `input`. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(input, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(input.length, best.length) / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean X?)`, or '' when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const c = closest(input, candidates);
  return c === undefined || c === input ? '' : ` (did you mean ${c}?)`;
}

// ---------------------------------------------------------------------------------------------
// Lines: the YAML events of the one parse, walked to the node at a path.

function lineAt(text: string, events: readonly Event[], path: readonly (string | number)[]): number | undefined {
  let i = events[0]?.type === EVENT_ID.DOCUMENT ? 1 : 0;
  let offset: number | undefined;
  const startOf = (e: Event): number => (e.type === EVENT_ID.SCALAR ? e.valueStart : e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE ? e.start : -1);
  const skip = (): void => {
    let depth = 0;
    do {
      const e = events[i++];
      if (e === undefined) return;
      if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) depth++;
      else if (e.type === EVENT_ID.POP) depth--;
    } while (depth > 0);
  };
  for (const seg of path) {
    const node = events[i];
    if (node === undefined) break;
    i++;
    let found = false;
    if (node.type === EVENT_ID.MAPPING) {
      while (events[i] !== undefined && events[i]!.type !== EVENT_ID.POP) {
        const k = events[i]!;
        if (k.type === EVENT_ID.SCALAR && getScalarValue(text, k) === String(seg)) {
          offset = startOf(k);
          i++;
          found = true;
          break;
        }
        skip();
        skip();
      }
    } else if (node.type === EVENT_ID.SEQUENCE && typeof seg === 'number') {
      for (let n = 0; events[i] !== undefined && events[i]!.type !== EVENT_ID.POP; n++) {
        if (n === seg) {
          const s = startOf(events[i]!);
          if (s >= 0) offset = s;
          found = true;
          break;
        }
        skip();
      }
    }
    if (!found) break;
  }
  if (offset === undefined || offset < 0) return undefined;
  let line = 1;
  for (let p = text.indexOf('\n'); p !== -1 && p < offset; p = text.indexOf('\n', p + 1)) line++;
  return line;
}
