// Usage profile: what a template cannot say (traffic, storage, task counts). Every field is
// optional; a missing one takes the default below and the cost line says so.
//
// | field              | default                  | used by                                             |
// |--------------------|--------------------------|-----------------------------------------------------|
// | hoursPerMonth      | 730                      | every hourly price (AWS Pricing Calculator month)   |
// | hours              | hoursPerMonth            | any resource: hours it runs in the month            |
// | taskCount          | DesiredCount, else 1     | ECS services (average running tasks)                |
// | instanceCount      | DesiredCapacity, else    | Auto Scaling groups, EKS node groups (average       |
// |                    | MinSize                  | running instances; node groups: DesiredSize, else   |
// |                    |                          | MinSize, else 2)                                    |
// | spot               | from capacity providers  | ECS services on FARGATE_SPOT                        |
// | spotDiscount       | none (priced on-demand)  | ECS Spot tasks: fraction off on-demand (0..1)       |
// | storageGB          | S3 5, Aurora 10, ECR 1,  | S3 buckets, RDS (overrides AllocatedStorage),       |
// |                    | DynamoDB 1, EFS 1; RDS   | Aurora clusters, ECR repositories, DynamoDB tables, |
// |                    | AllocatedStorage         | EFS file systems                                    |
// | storageClass       | STANDARD                 | S3 buckets: the class most bytes sit in             |
// | backupGB           | 0 beyond the free share  | RDS / Aurora backup storage beyond the free amount  |
// | putRequests        | 10,000                   | S3 PUT/COPY/POST/LIST requests per month            |
// | getRequests        | 100,000                  | S3 GET and other requests per month                 |
// | dataOutGB          | CloudFront 50; others 0  | CloudFront: data out to viewers; other resources:   |
// |                    |                          | data out to the internet (pooled, 100 GB free)      |
// | requests           | CloudFront 1,000,000;    | CloudFront HTTP(S) requests; WAF requests; Lambda   |
// |                    | WAF 1,000,000; Lambda,   | invocations; SQS requests (64 KB chunks); SNS       |
// |                    | SQS, SNS, API Gateway 0  | publishes; API Gateway REST/HTTP API calls          |
// | durationMs         | 100                      | Lambda: average billed duration per invocation      |
// | buildMinutes       | 0                        | Amplify apps: build minutes a month                 |
// | writeRequestsMillions | 0                     | DynamoDB on-demand (PAY_PER_REQUEST) write requests |
// | readRequestsMillions  | 0                     | DynamoDB on-demand (PAY_PER_REQUEST) read requests  |
// | httpsShare         | 1                        | CloudFront: share of requests over HTTPS            |
// | viewers            | the region's geography   | CloudFront: share of traffic per edge geography     |
// |                    |                          | (united_states, europe, india, …; see the docs)     |
// | lcu                | 1                        | ALB LCUs / NLB NLCUs, average per hour              |
// | processedGB        | NAT, Classic LB 10;      | NAT gateway, Classic LB, VPC interface endpoint and |
// |                    | endpoints, TGW 0         | Transit Gateway attachment data processed           |
// | acu                | MinCapacity              | Aurora Serverless v2 average ACUs (clamped min..max)|
// | ioRequestsMillions | 1                        | Aurora Standard I/O                                 |
// | activeHours        | hours                    | App Runner: hours with traffic (rest is idle)       |
// | queriesMillions    | 1                        | Route 53 hosted zones: standard queries             |
// | logIngestGB        | 1                        | CloudWatch log groups: GB ingested                  |
// | logStoredGB        | logIngestGB              | CloudWatch log groups: GB stored (archive)          |
// | apiCalls           | Secrets Manager 10,000;  | Secrets Manager API calls; KMS key requests         |
// |                    | KMS 0                    |                                                     |
// | readGB, writeGB    | 0                        | EFS elastic throughput: GB read and written         |
//
// Account-wide: `dataTransfer.internetOutGB` (default 0) and `cloudwatch.customMetrics`
// (default 0). Overrides: `defaults:` applies to every resource, then `resources:` keys
// `tag:Key=Value` (in file order), then the resource's name: logical id, `Stack/LogicalId`,
// `<file>#LogicalId`, or (accounts) physical id or ARN; later wins. A key that matches no
// resource is reported (did you mean …?), never silently ignored.
import { load, YAMLException } from 'js-yaml';
import type { InputError } from '../model/finding.js';
import { lazySchema } from '../model/lazy-zod.js';
import { editDistance } from '../model/regions.js';
import { resourceKey, tagsOf, type Resource } from '../model/resource.js';
import { FILE_LIMITS, InputFileError, readRegularTextFile } from '../scanners/files.js';
import type { UnmatchedUsageKey } from './types.js';

/** Usage numbers are bounded so that a month's cost stays a finite, printable number. */
export const MAX_USAGE = 1e12;

// CloudFront edge geographies (the price feed's names, as slugs).
export const VIEWER_GEOGRAPHIES = ['united_states', 'canada', 'europe', 'japan', 'india', 'asia_pacific', 'australia', 'south_america', 'south_africa', 'middle_east'] as const;
export type ViewerGeography = (typeof VIEWER_GEOGRAPHIES)[number];

export const resourceUsageSchema = lazySchema((z) => {
  const num = z.number().finite().min(0, 'must not be negative').max(MAX_USAGE, `must be at most ${MAX_USAGE}`);
  const geography = z.enum(VIEWER_GEOGRAPHIES);
  return z
    .object({
      hours: num.max(744).optional(),
      taskCount: num.optional(),
      instanceCount: num.optional(),
      spot: z.boolean().optional(),
      spotDiscount: num.max(1).optional(),
      storageGB: num.optional(),
      storageClass: z.enum(['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE']).optional(),
      backupGB: num.optional(),
      putRequests: num.optional(),
      getRequests: num.optional(),
      dataOutGB: num.optional(),
      requests: num.optional(),
      durationMs: num.optional(),
      buildMinutes: num.optional(),
      writeRequestsMillions: num.optional(),
      readRequestsMillions: num.optional(),
      httpsShare: num.max(1).optional(),
      // One geography, or shares per geography (they must add up to 1).
      viewers: z.union([geography, z.partialRecord(geography, num.max(1))]).optional(),
      // Older profiles: us-eu (United States) or india.
      edgeRegion: z.enum(['us-eu', 'india']).optional(),
      lcu: num.optional(),
      processedGB: num.optional(),
      acu: num.optional(),
      ioRequestsMillions: num.optional(),
      activeHours: num.max(744).optional(),
      queriesMillions: num.optional(),
      logIngestGB: num.optional(),
      logStoredGB: num.optional(),
      apiCalls: num.optional(),
      readGB: num.optional(),
      writeGB: num.optional(),
    })
    .strict();
});

const profileSchema = lazySchema((z) => {
  const num = z.number().finite().min(0, 'must not be negative').max(MAX_USAGE, `must be at most ${MAX_USAGE}`);
  return z
    .object({
      hoursPerMonth: z.number().positive().max(744).optional(),
      freeTier: z.enum(['none', 'legacy']).optional(),
      dataTransfer: z.object({ internetOutGB: num.optional() }).strict().optional(),
      cloudwatch: z.object({ customMetrics: num.optional() }).strict().optional(),
      defaults: resourceUsageSchema().optional(),
      // Validated key by key below: a record schema would drop a key named __proto__.
      resources: z.unknown().optional(),
    })
    .strict();
});

export type ResourceUsage = ReturnType<ReturnType<typeof resourceUsageSchema>['parse']>;

export interface UsageProfile {
  readonly hoursPerMonth?: number;
  readonly freeTier?: 'none' | 'legacy';
  readonly dataTransfer?: { readonly internetOutGB?: number };
  readonly cloudwatch?: { readonly customMetrics?: number };
  readonly defaults?: ResourceUsage;
  /** Per-resource usage in file order; keys are names from the file, looked up as map keys only. */
  readonly resources?: ReadonlyMap<string, ResourceUsage> | Readonly<Record<string, ResourceUsage>>;
}

/** The documented defaults (see the table above and docs/usage-profile.md). */
export const USAGE_DEFAULTS = {
  hoursPerMonth: 730,
  s3StorageGB: 5,
  auroraStorageGB: 10,
  ecrStorageGB: 1,
  putRequests: 10_000,
  getRequests: 100_000,
  cloudfrontDataOutGB: 50,
  cloudfrontRequests: 1_000_000,
  wafRequests: 1_000_000,
  httpsShare: 1,
  lcu: 1,
  processedGB: 10,
  ioRequestsMillions: 1,
  queriesMillions: 1,
  logIngestGB: 1,
  apiCalls: 10_000,
} as const;

type UsageValue = ResourceUsage[keyof ResourceUsage];

/** A usage field an estimate read for one resource, and the value it uses when the profile gives none. */
export interface UsageField {
  readonly default: NonNullable<UsageValue>;
  readonly why?: string;
}

/** A resource's usage: explicit values, and readers that fall back to a default and record that they did. */
export interface UsageView {
  readonly values: ResourceUsage;
  readonly hoursPerMonth: number;
  /** The usage value, or `fallback` (recorded in `assumed` as "field=value (default)"). */
  get<K extends keyof ResourceUsage>(field: K, fallback: NonNullable<ResourceUsage[K]>, why?: string): NonNullable<ResourceUsage[K]>;
  /** The usage value or undefined; `templateDefault` is what the caller uses instead (for `--usage-template`). */
  peek<K extends keyof ResourceUsage>(field: K, templateDefault: NonNullable<ResourceUsage[K]>, why?: string): ResourceUsage[K];
  readonly assumed: string[];
  /** The defaults taken since the last call (for the item being built). */
  take(): string[];
  /** Every usage field read, with its default: what `--usage-template` writes. */
  readonly fields: Map<string, UsageField>;
}

function tagSelector(key: string): { k: string; v: string } | undefined {
  const m = /^tag:([^=]+)=(.*)$/.exec(key);
  return m ? { k: m[1] as string, v: m[2] as string } : undefined;
}

/** The profile's per-resource entries in file order, whatever form they were given in. */
export function usageEntries(profile: UsageProfile | undefined): [string, ResourceUsage][] {
  const r = profile?.resources;
  if (!r) return [];
  return r instanceof Map ? [...(r as ReadonlyMap<string, ResourceUsage>)] : Object.entries(r as Record<string, ResourceUsage>);
}

/** The names a usage key may give a resource: logical (or physical) id, Stack/Id, its resourceKey, its ARN. */
export function resourceNames(r: Resource): string[] {
  const names = [r.id, resourceKey(r)];
  if (r.origin.kind === 'template' && r.origin.stack !== undefined) names.push(`${r.origin.stack}/${r.id}`);
  if (r.arn) names.push(r.arn);
  return names;
}

/** Whether a usage key selects a resource (tag selectors compare own tags only). */
export function usageKeyMatches(key: string, r: Resource): boolean {
  const sel = tagSelector(key);
  if (sel) {
    const tags = tagsOf(r.properties);
    return Object.hasOwn(tags, sel.k) && tags[sel.k] === sel.v;
  }
  return resourceNames(r).includes(key);
}

export function usageFor(profile: UsageProfile | undefined, resource: Resource): UsageView {
  const hoursPerMonth = profile?.hoursPerMonth ?? USAGE_DEFAULTS.hoursPerMonth;
  let values: ResourceUsage = { ...(profile?.defaults ?? {}) };
  const entries = usageEntries(profile);
  // Tag selectors first (in file order), then names: the more specific wins.
  for (const [key, u] of entries) if (tagSelector(key) && usageKeyMatches(key, resource)) values = { ...values, ...u };
  for (const [key, u] of entries) if (!tagSelector(key) && usageKeyMatches(key, resource)) values = { ...values, ...u };
  const assumed: string[] = [];
  const fields = new Map<string, UsageField>();
  let taken = 0;
  const has = (field: string): boolean => Object.hasOwn(values, field) && (values as Record<string, unknown>)[field] !== undefined;
  return {
    values,
    hoursPerMonth,
    assumed,
    fields,
    take() {
      const out = assumed.slice(taken);
      taken = assumed.length;
      return out;
    },
    get(field, fallback, why) {
      if (!fields.has(field)) fields.set(field, { default: fallback, ...(why ? { why } : {}) });
      if (has(field)) return values[field] as NonNullable<ResourceUsage[typeof field]>;
      assumed.push(`${String(field)}=${String(fallback)} (${why ?? 'usage default'})`);
      return fallback;
    },
    peek(field, templateDefault, why) {
      if (!fields.has(field)) fields.set(field, { default: templateDefault, ...(why ? { why } : {}) });
      return has(field) ? values[field] : undefined;
    },
  };
}

/**
 * Keys of `resources:` that select no resource, each with the closest name when one is close.
 * `fieldsOf` (the usage fields each resource's estimate reads) makes the suggestion smarter: a
 * key whose fields only a load balancer reads suggests the load balancer, whatever its name.
 */
export function unmatchedUsageKeys(
  profile: UsageProfile | undefined,
  resources: readonly Resource[],
  fieldsOf?: (r: Resource) => ReadonlySet<string> | undefined,
): UnmatchedUsageKey[] {
  const out: UnmatchedUsageKey[] = [];
  for (const [key, usage] of usageEntries(profile)) {
    if (resources.some((r) => usageKeyMatches(key, r))) continue;
    const given = Object.keys(usage).filter((f) => (usage as Record<string, unknown>)[f] !== undefined && f !== 'hours');
    const reads = (r: Resource): boolean => {
      const fields = fieldsOf?.(r);
      return fields !== undefined && given.length > 0 && given.every((f) => fields.has(f));
    };
    const namesOf = (r: Resource): string[] =>
      tagSelector(key) ? Object.entries(tagsOf(r.properties)).map(([k, v]) => `tag:${k}=${v}`) : resourceNames(r).slice(0, 1).concat(resourceNames(r).slice(2));
    const typed = [...new Set(resources.filter(reads).flatMap(namesOf))].sort();
    const all = [...new Set(resources.flatMap(namesOf))].sort();
    let best: string | undefined;
    // A resource that reads the key's fields is a good guess whatever its name; a tag or a bare
    // name must be close in spelling.
    let bestDistance = typed.length && !tagSelector(key) ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(key.length / 3)) + 1;
    for (const c of typed.length ? typed : all) {
      const d = editDistance(key.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    out.push({ key, ...(best ? { suggestion: best } : {}) });
  }
  return out;
}

/** Validates a parsed profile; errors name the key path. */
export function parseUsageProfile(data: unknown, file: string): UsageProfile | InputError {
  const r = profileSchema().safeParse(data ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(root)';
    return { file, message: `usage profile: ${path}: ${issue?.message ?? 'invalid'}` };
  }
  const { resources: raw, ...rest } = r.data;
  const resources = new Map<string, ResourceUsage>();
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw)) return { file, message: 'usage profile: resources: expected a map of resource names to usage' };
    // Own keys only, __proto__ and constructor included: they are resource names like any other.
    for (const key of Object.keys(raw)) {
      const entry = resourceUsageSchema().safeParse((raw as Record<string, unknown>)[key] ?? {});
      if (!entry.success) {
        const issue = entry.error.issues[0];
        return { file, message: `usage profile: resources.${key}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}` };
      }
      resources.set(key, entry.data);
    }
  }
  if (rest.defaults?.viewers !== undefined) {
    const bad = viewerShareError(rest.defaults.viewers);
    if (bad) return { file, message: `usage profile: defaults.viewers: ${bad}` };
  }
  for (const [key, u] of resources) {
    const bad = u.viewers !== undefined ? viewerShareError(u.viewers) : undefined;
    if (bad) return { file, message: `usage profile: resources.${key}.viewers: ${bad}` };
  }
  return { ...rest, resources } as UsageProfile;
}

function viewerShareError(v: NonNullable<ResourceUsage['viewers']>): string | undefined {
  if (typeof v === 'string') return undefined;
  const total = Object.values(v).reduce((a: number, b) => a + (b ?? 0), 0);
  return Math.abs(total - 1) > 1e-6 ? `shares add up to ${+total.toFixed(6)}, not 1` : undefined;
}

/** Reads and validates a YAML usage profile: a regular file within the size limit; YAML errors carry the 1-based line. */
export async function loadUsageProfile(file: string): Promise<UsageProfile | InputError> {
  let text: string;
  try {
    text = readRegularTextFile(file, { maxBytes: FILE_LIMITS.usage, what: 'usage profile' });
  } catch (e) {
    if (e instanceof InputFileError) return { file, message: e.message };
    return { file, message: 'cannot read usage profile' };
  }
  return parseUsageProfileText(text, file);
}

export function parseUsageProfileText(text: string, file: string): UsageProfile | InputError {
  if (text.trim() === '') return {};
  let data: unknown;
  try {
    data = load(text, { filename: file });
  } catch (e) {
    if (e instanceof YAMLException) {
      return { file, ...(e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : {}), message: `usage profile: ${e.reason}` };
    }
    return { file, message: 'usage profile: unreadable YAML' };
  }
  return parseUsageProfile(data, file);
}

export function isInputError(v: unknown): v is InputError {
  return typeof v === 'object' && v !== null && typeof (v as InputError).file === 'string' && typeof (v as InputError).message === 'string' && !('resources' in v);
}
