import type { InputError } from '../../model/finding.js';
import type { FailedRead } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import { regionError } from '../../model/regions.js';
import { apprunnerCollector } from './apprunner.js';
import type { CallError, CallResult, CallSource, SnapshotCall } from './calls.js';
import { isCallError } from './calls.js';
import { cloudfrontCollector } from './cloudfront.js';
import { cloudwatchCollector } from './cloudwatch.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { records, regionErrorFile, str } from './collector.js';
import { ec2Collector } from './ec2.js';
import { ecrCollector } from './ecr.js';
import { ecsCollector } from './ecs.js';
import { elasticacheCollector } from './elasticache.js';
import { elbCollector } from './elb.js';
import { elbv2Collector } from './elbv2.js';
import { oneLine } from './errors.js';
import { callName } from './iam.js';
import { lambdaCollector } from './lambda.js';
import { logsCollector } from './logs.js';
import { rdsCollector } from './rds.js';
import { s3Collector } from './s3.js';
import { secretsCollector } from './secrets.js';

export const collectors: readonly Collector[] = [
  ec2Collector,
  rdsCollector,
  s3Collector,
  cloudfrontCollector,
  elbv2Collector,
  elbCollector,
  ecsCollector,
  apprunnerCollector,
  logsCollector,
  cloudwatchCollector,
  ecrCollector,
  secretsCollector,
  elasticacheCollector,
  lambdaCollector,
];

/** Calls made by the run itself, before any collector. */
export const baseOperations: readonly Operation[] = [
  ['sts', 'GetCallerIdentity'],
  ['ec2', 'DescribeRegions'],
];

/** Every call an audit can make: what the IAM policy must allow, no more. */
export function allOperations(): Operation[] {
  return [...baseOperations, ...collectors.flatMap((c) => c.operations)];
}

export const SERVICE_IDS: readonly string[] = collectors.map((c) => c.id);

export interface CollectProgress {
  /** Collector id (ec2, s3, …) of the run that just made a call or finished. */
  readonly service: string;
  readonly region: string;
  readonly callsDone: number;
  readonly callsFailed: number;
  /** Collector runs (one per service and region) finished, out of all of them. */
  readonly runsDone: number;
  readonly runsTotal: number;
}

export interface CollectOptions {
  readonly source: CallSource;
  /** Regions to audit; default: the account's enabled regions (DescribeRegions). */
  readonly regions?: readonly string[];
  /** Collector ids to run (see SERVICE_IDS); default: all. */
  readonly services?: readonly string[];
  /** Where global calls go (STS, DescribeRegions, S3 list, CloudFront). Default us-east-1. */
  readonly homeRegion?: string;
  readonly onProgress?: (p: CollectProgress) => void;
}

export interface AccountCollection {
  readonly account: string;
  readonly resources: Resource[];
  readonly errors: InputError[];
  /** Every raw call made, one per page, for `--save`. */
  readonly calls: SnapshotCall[];
  /**
   * List calls that failed, stopped early or were not made (a service left out), with the
   * resource types they would have listed, so findings about those types can name them.
   */
  readonly failedReads: FailedRead[];
  /** The regions and collectors the run covered, and how many calls failed (for the summary line). */
  readonly regions: readonly string[];
  readonly services: readonly string[];
  readonly callsFailed: number;
}

/** Answers that say "not configured" (no bucket policy, no lifecycle policy): facts, not failed calls. */
const ABSENT = /^NoSuch|NotFound(Exception|Error)?$/;

/** Errors meaning the region is not enabled for the account (or the credentials are not valid there). */
const REGION_AUTH_ERRORS = new Set(['AuthFailure', 'UnrecognizedClientException', 'OptInRequired', 'InvalidClientTokenId']);

/**
 * Services AWS does not offer in every commercial region. For these alone, a DNS failure of
 * the regional endpoint (`getaddrinfo ENOTFOUND apprunner.<region>.amazonaws.com`) means "not
 * offered there", so there is nothing to read. App Runner runs in a subset of regions:
 * https://docs.aws.amazon.com/general/latest/gr/apprunner.html. Every other service collected
 * here is in every commercial region
 * (https://aws.amazon.com/about-aws/global-infrastructure/regional-product-services/), so a DNS
 * failure for it is a network problem and a failed read, never an empty region. Region names
 * themselves are checked before any call (a mistyped one would fail DNS everywhere).
 */
const REGION_LIMITED_SERVICES: ReadonlySet<string> = new Set(['apprunner']);

function notOfferedInRegion(service: string, error: CallError): boolean {
  if (!REGION_LIMITED_SERVICES.has(service)) return false;
  return error.name === 'ENOTFOUND' || error.name === 'UnknownEndpoint' || /getaddrinfo ENOTFOUND/.test(error.message);
}

interface RegionError {
  readonly region: string;
  readonly call: string;
  readonly name: string;
  readonly message: string;
  readonly types: readonly string[];
  readonly detail?: string;
}

/** The regions a collector covers: the home region for a global one, else the audited ones plus its extras. */
function regionsOf(collector: Collector, regions: readonly string[], home: string): string[] {
  return collector.scope === 'global' ? [home] : [...new Set([...regions, ...(collector.alsoRegions ?? [])])];
}

function listedBy(collector: Collector, service: string, operation: string): ListedBy | undefined {
  return collector.lists.find((l) => l.service === service && l.operation === operation);
}

const emptyCollection = (account: string, errors: InputError[]): AccountCollection => ({
  account,
  resources: [],
  errors,
  calls: [],
  failedReads: [],
  regions: [],
  services: [],
  callsFailed: 0,
});

export async function collectAccount(options: CollectOptions): Promise<AccountCollection> {
  const { source } = options;
  const home = options.homeRegion ?? 'us-east-1';
  // A mistyped region fails DNS for every call, which would read as an empty account.
  for (const region of [...(options.regions ?? []), home]) {
    const problem = regionError(region);
    if (problem) return emptyCollection(source.account ?? 'unknown', [{ file: 'audit', message: problem }]);
  }
  const calls: SnapshotCall[] = [];
  const errors: InputError[] = [];
  const regionErrors: RegionError[] = [];
  let callsDone = 0;
  let callsFailed = 0;
  let runsDone = 0;
  let runsTotal = 0;
  const progress = (service: string, region: string): void => options.onProgress?.({ service, region, callsDone, callsFailed, runsDone, runsTotal });

  const record = (r: CallResult, service: string, region: string): CallResult => {
    // One by one: a spread of a very long page list would exceed the argument limit.
    if (r.pages) for (const p of r.pages) calls.push(p);
    callsDone += r.pages?.length ?? 1;
    if (isCallError(r) && !ABSENT.test(r.error.name)) callsFailed++;
    progress(service, region);
    return r;
  };

  const identity = record(await source.call('sts', 'GetCallerIdentity', home, {}), 'sts', home);
  let account = source.account ?? 'unknown';
  let partition = 'aws';
  if (isCallError(identity)) {
    errors.push({
      file: `account ${account}`,
      message: `${callName('sts', 'GetCallerIdentity')} failed: ${identity.error.name}${identity.error.message ? `: ${identity.error.message}` : ''}`,
    });
    // Live, a failed identity call means no credentials or no network: every other call would fail the same way.
    if (source.account === undefined) return { ...emptyCollection(account, errors), calls, callsFailed };
  } else {
    account = str(identity.output['Account']) ?? account;
    partition = str(identity.output['Arn'])?.split(':')[1] ?? partition;
  }

  let regions = options.regions ? [...new Set(options.regions)] : undefined;
  if (!regions) {
    const r = record(await source.call('ec2', 'DescribeRegions', home, { AllRegions: false }), 'ec2', home);
    if (isCallError(r) && source.regions && source.regions.length > 0) {
      regions = [...source.regions];
    } else if (isCallError(r)) {
      errors.push({
        file: `account ${account}`,
        message: `${callName('ec2', 'DescribeRegions')} failed: ${r.error.name}${r.error.message ? `: ${r.error.message}` : ''}; auditing ${home} only`,
      });
      regions = [home];
    } else {
      regions = records(r.output['Regions'])
        .flatMap((x) => (str(x['RegionName']) ? [str(x['RegionName']) as string] : []))
        .sort();
    }
  }

  const wanted = options.services;
  const selected = wanted ? collectors.filter((c) => wanted.includes(c.id)) : collectors;
  for (const id of wanted ?? []) {
    if (!SERVICE_IDS.includes(id)) errors.push({ file: `account ${account}`, message: `unknown service "${id}" (known: ${SERVICE_IDS.join(', ')})` });
  }
  // A service left out is not read, so what it would list is unknown, not absent.
  const skipped: FailedRead[] = [];
  if (wanted) {
    const why = `not collected (--services ${wanted.join(',')})`;
    for (const collector of collectors) {
      if (selected.includes(collector)) continue;
      for (const region of regionsOf(collector, regions, home)) {
        for (const l of collector.lists) if (!l.perParent) skipped.push({ region, call: callName(l.service, l.operation), error: why, types: l.types });
      }
    }
  }

  const runs: { collector: Collector; region: string }[] = [];
  for (const collector of selected) for (const region of regionsOf(collector, regions, home)) runs.push({ collector, region });
  runsTotal = runs.length;

  const results = await Promise.all(
    runs.map(async ({ collector, region }) => {
      const ctx: CollectorContext = {
        account,
        partition,
        region,
        async call(service, operation, input = {}, callRegion = region) {
          return record(await source.call(service, operation, callRegion, input), collector.id, callRegion);
        },
        listFailed(service, operation, error, detail) {
          if (notOfferedInRegion(service, error)) return;
          const types = listedBy(collector, service, operation)?.types ?? [];
          regionErrors.push({ region, call: callName(service, operation), name: error.name, message: error.message, types, ...(detail ? { detail } : {}) });
        },
        resource(type, id, properties, arn, resourceRegion = region) {
          return { type, id, ...(arn ? { arn } : {}), properties, origin: { kind: 'account', account, region: resourceRegion } };
        },
      };
      try {
        return await collector.collect(ctx);
      } catch (e) {
        // A mapping bug must not end the audit: the rest of the account is still reported, and
        // what this collector lists in this region is recorded as unread.
        const message = `${collector.id} collector failed: ${oneLine(e instanceof Error ? e.message : String(e))}`;
        errors.push({ file: regionErrorFile(account, region), message });
        for (const l of collector.lists) regionErrors.push({ region, call: callName(l.service, l.operation), name: 'CollectorFailed', message, types: l.types });
        return [];
      } finally {
        runsDone++;
        progress(collector.id, region);
      }
    }),
  );

  errors.push(...summarizeRegionErrors(account, regionErrors));

  const resources: Resource[] = [];
  for (const list of results) for (const r of list) resources.push(r);
  resources.sort((a, b) => cmp(a.type, b.type) || cmp(a.origin.kind === 'account' ? a.origin.region : '', b.origin.kind === 'account' ? b.origin.region : '') || cmp(a.id, b.id));
  const failedReads: FailedRead[] = [...regionErrors.map((e) => ({ region: e.region, call: e.call, error: e.name, types: e.types })), ...skipped];
  return { account, resources, errors, calls, failedReads, regions, services: selected.map((c) => c.id), callsFailed };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One error per region the account cannot use; the other failed list calls one line each. */
function summarizeRegionErrors(account: string, regionErrors: readonly RegionError[]): InputError[] {
  const out: InputError[] = [];
  const denied = new Map<string, RegionError>();
  for (const e of regionErrors) if (REGION_AUTH_ERRORS.has(e.name) && !denied.has(e.region)) denied.set(e.region, e);
  for (const [region, e] of [...denied].sort(([a], [b]) => cmp(a, b))) {
    out.push({
      file: regionErrorFile(account, region),
      message: `region not enabled for this account or credentials rejected there (${e.call} failed: ${e.name}); nothing was audited in it`,
    });
  }
  const seen = new Set<string>();
  for (const e of regionErrors) {
    if (denied.has(e.region) || e.name === 'CollectorFailed') continue;
    const message = `${e.call}${e.detail ? ` for ${e.detail}` : ''} failed: ${e.name}${e.message ? `: ${e.message}` : ''}`;
    const key = `${e.region}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: regionErrorFile(account, e.region), message });
  }
  return out.sort((a, b) => cmp(a.file, b.file) || cmp(a.message, b.message));
}
