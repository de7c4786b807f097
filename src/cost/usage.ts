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
// | edgeRegion         | us-eu                    | CloudFront price group of the viewers (us-eu/india) |
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
//
// Account-wide: `dataTransfer.internetOutGB` (default 0) and `cloudwatch.customMetrics`
// (default 0). Overrides: `defaults:` applies to every resource, then `resources:` keys
// `tag:Key=Value` (in file order), then the logical id; later wins.
import { readFile } from 'node:fs/promises';
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { lazySchema } from '../model/lazy-zod.js';
import type { InputError } from '../model/finding.js';
import { tagsOf, type Resource } from '../model/resource.js';

export const resourceUsageSchema = lazySchema((z) => {
  const nonNeg = z.number().min(0);
  return z
  .object({
    hours: nonNeg.max(744).optional(),
    taskCount: nonNeg.optional(),
    instanceCount: nonNeg.optional(),
    spot: z.boolean().optional(),
    spotDiscount: nonNeg.max(1).optional(),
    storageGB: nonNeg.optional(),
    storageClass: z.enum(['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE']).optional(),
    backupGB: nonNeg.optional(),
    putRequests: nonNeg.optional(),
    getRequests: nonNeg.optional(),
    dataOutGB: nonNeg.optional(),
    requests: nonNeg.optional(),
    durationMs: nonNeg.optional(),
    buildMinutes: nonNeg.optional(),
    writeRequestsMillions: nonNeg.optional(),
    readRequestsMillions: nonNeg.optional(),
    httpsShare: nonNeg.max(1).optional(),
    edgeRegion: z.enum(['us-eu', 'india']).optional(),
    lcu: nonNeg.optional(),
    processedGB: nonNeg.optional(),
    acu: nonNeg.optional(),
    ioRequestsMillions: nonNeg.optional(),
    activeHours: nonNeg.max(744).optional(),
    queriesMillions: nonNeg.optional(),
    logIngestGB: nonNeg.optional(),
    logStoredGB: nonNeg.optional(),
    apiCalls: nonNeg.optional(),
  })
  .strict();
});

export const usageProfileSchema = lazySchema((z) => {
  const nonNeg = z.number().min(0);
  return z
  .object({
    hoursPerMonth: z.number().positive().max(744).optional(),
    freeTier: z.enum(['none', 'legacy']).optional(),
    dataTransfer: z.object({ internetOutGB: nonNeg.optional() }).strict().optional(),
    cloudwatch: z.object({ customMetrics: nonNeg.optional() }).strict().optional(),
    defaults: resourceUsageSchema().optional(),
    resources: z.record(z.string(), resourceUsageSchema()).optional(),
  })
  .strict();
});

export type ResourceUsage = z.infer<ReturnType<typeof resourceUsageSchema>>;
export type UsageProfile = z.infer<ReturnType<typeof usageProfileSchema>>;

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

/** A resource's usage: explicit values, and a reader that falls back to a default and records that it did. */
export interface UsageView {
  readonly values: ResourceUsage;
  readonly hoursPerMonth: number;
  /** The usage value, or `fallback` (recorded in `assumed` as "field=value (default)"). */
  get<K extends keyof ResourceUsage>(field: K, fallback: NonNullable<ResourceUsage[K]>, why?: string): NonNullable<ResourceUsage[K]>;
  readonly assumed: string[];
  /** The defaults taken since the last call (for the item being built). */
  take(): string[];
}

function tagSelector(key: string): { k: string; v: string } | undefined {
  const m = /^tag:([^=]+)=(.*)$/.exec(key);
  return m ? { k: m[1] as string, v: m[2] as string } : undefined;
}

export function usageFor(profile: UsageProfile | undefined, resource: Resource): UsageView {
  const hoursPerMonth = profile?.hoursPerMonth ?? USAGE_DEFAULTS.hoursPerMonth;
  let values: ResourceUsage = { ...(profile?.defaults ?? {}) };
  const entries = Object.entries(profile?.resources ?? {});
  const tags = tagsOf(resource.properties);
  for (const [key, u] of entries) {
    const sel = tagSelector(key);
    if (sel && tags[sel.k] === sel.v) values = { ...values, ...u };
  }
  const own = profile?.resources?.[resource.id];
  if (own) values = { ...values, ...own };
  const assumed: string[] = [];
  let taken = 0;
  return {
    values,
    hoursPerMonth,
    assumed,
    take() {
      const out = assumed.slice(taken);
      taken = assumed.length;
      return out;
    },
    get(field, fallback, why) {
      const v = values[field];
      if (v !== undefined) return v as NonNullable<ResourceUsage[typeof field]>;
      const note = `${String(field)}=${String(fallback)} (${why ?? 'usage default'})`;
      assumed.push(note);
      return fallback;
    },
  };
}

/** Validates a parsed profile; schema errors name the zod path. */
export function parseUsageProfile(data: unknown, file: string): UsageProfile | InputError {
  const r = usageProfileSchema().safeParse(data ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  return { file, message: `usage profile: ${path}: ${issue?.message ?? 'invalid'}` };
}

/** Reads and validates a YAML usage profile. YAML errors carry the 1-based line. */
export async function loadUsageProfile(file: string): Promise<UsageProfile | InputError> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file, message: `cannot read usage profile${code ? ` (${code})` : ''}` };
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
