import type { InputError } from '../../model/finding.js';
import type { FailedRead } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import { apprunnerCollector } from './apprunner.js';
import type { CallResult, CallSource, SnapshotCall } from './calls.js';
import { isCallError } from './calls.js';
import { cloudfrontCollector } from './cloudfront.js';
import { cloudwatchCollector } from './cloudwatch.js';
import type { Collector, CollectorContext, Operation } from './collector.js';
import { records, regionErrorFile, str } from './collector.js';
import { ec2Collector } from './ec2.js';
import { ecrCollector } from './ecr.js';
import { ecsCollector } from './ecs.js';
import { elasticacheCollector } from './elasticache.js';
import { elbCollector } from './elb.js';
import { elbv2Collector } from './elbv2.js';
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
  /** Collector id (ec2, s3, …). */
  readonly service: string;
  readonly region: string;
  readonly callsDone: number;
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
  /** List calls that failed, so findings about what they would have listed can name them. */
  readonly failedReads: FailedRead[];
}

/** Errors meaning the region is not enabled for the account (or the credentials are not valid there). */
const REGION_AUTH_ERRORS = new Set(['AuthFailure', 'UnrecognizedClientException', 'OptInRequired', 'InvalidClientTokenId']);

/**
 * A service with no endpoint in a region (e.g. App Runner in most regions): nothing exists
 * there to read. Only trusted when STS answered, so a missing network is never hidden.
 */
function serviceNotInRegion(name: string, message: string): boolean {
  return name === 'UnknownEndpoint' || /getaddrinfo ENOTFOUND|ENOTFOUND/.test(message) || name === 'ENOTFOUND';
}

interface RegionError {
  readonly region: string;
  readonly call: string;
  readonly name: string;
  readonly message: string;
}

export async function collectAccount(options: CollectOptions): Promise<AccountCollection> {
  const { source } = options;
  const home = options.homeRegion ?? 'us-east-1';
  const calls: SnapshotCall[] = [];
  const errors: InputError[] = [];
  const regionErrors: RegionError[] = [];
  let callsDone = 0;

  const record = (r: CallResult, service: string, region: string): CallResult => {
    if (r.pages) calls.push(...r.pages);
    callsDone += r.pages?.length ?? 1;
    options.onProgress?.({ service, region, callsDone });
    return r;
  };

  const identity = record(await source.call('sts', 'GetCallerIdentity', home, {}), 'sts', home);
  let account = source.account ?? 'unknown';
  let partition = 'aws';
  if (isCallError(identity)) {
    errors.push({ file: `account ${account}`, message: `${callName('sts', 'GetCallerIdentity')} failed: ${identity.error.name}: ${identity.error.message}` });
    // Live, a failed identity call means no credentials or no network: every other call would fail the same way.
    if (source.account === undefined) return { account, resources: [], errors, calls, failedReads: [] };
  } else {
    account = str(identity.output['Account']) ?? account;
    partition = str(identity.output['Arn'])?.split(':')[1] ?? partition;
  }

  let regions = options.regions ? [...options.regions] : undefined;
  if (!regions) {
    const r = record(await source.call('ec2', 'DescribeRegions', home, { AllRegions: false }), 'ec2', home);
    if (isCallError(r) && source.regions && source.regions.length > 0) {
      regions = [...source.regions];
    } else if (isCallError(r)) {
      errors.push({ file: `account ${account}`, message: `${callName('ec2', 'DescribeRegions')} failed: ${r.error.name}: ${r.error.message}; auditing ${home} only` });
      regions = [home];
    } else {
      regions = records(r.output['Regions'])
        .flatMap((x) => (str(x['RegionName']) ? [str(x['RegionName']) as string] : []))
        .sort();
    }
  }

  const selected = options.services ? collectors.filter((c) => options.services?.includes(c.id)) : collectors;
  for (const id of options.services ?? []) {
    if (!SERVICE_IDS.includes(id)) errors.push({ file: `account ${account}`, message: `unknown service "${id}" (known: ${SERVICE_IDS.join(', ')})` });
  }
  const runs: { collector: Collector; region: string }[] = [];
  for (const collector of selected) {
    if (collector.scope === 'global') runs.push({ collector, region: home });
    else for (const region of new Set([...regions, ...(collector.alsoRegions ?? [])])) runs.push({ collector, region });
  }

  const results = await Promise.all(
    runs.map(async ({ collector, region }) => {
      const ctx: CollectorContext = {
        account,
        partition,
        region,
        async call(service, operation, input = {}, callRegion = region) {
          return record(await source.call(service, operation, callRegion, input), collector.id, callRegion);
        },
        listFailed(service, operation, error) {
          regionErrors.push({ region, call: callName(service, operation), name: error.name, message: error.message });
        },
        resource(type, id, properties, arn, resourceRegion = region) {
          return { type, id, ...(arn ? { arn } : {}), properties, origin: { kind: 'account', account, region: resourceRegion } };
        },
      };
      try {
        return await collector.collect(ctx);
      } catch (e) {
        // A mapping bug must not end the audit: the rest of the account is still reported.
        errors.push({ file: regionErrorFile(account, region), message: `${collector.id} collector failed: ${e instanceof Error ? e.message : String(e)}` });
        return [];
      }
    }),
  );

  errors.push(...summarizeRegionErrors(account, regionErrors, !isCallError(identity)));

  const resources = results.flat().sort((a, b) => cmp(a.type, b.type) || cmp(a.origin.kind === 'account' ? a.origin.region : '', b.origin.kind === 'account' ? b.origin.region : '') || cmp(a.id, b.id));
  const failedReads = regionErrors.map((e) => ({ region: e.region, call: e.call, error: e.name }));
  return { account, resources, errors, calls, failedReads };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One error per region the account cannot use; the other failed list calls one by one. */
function summarizeRegionErrors(account: string, regionErrors: readonly RegionError[], networkWorks: boolean): InputError[] {
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
    if (denied.has(e.region) || (networkWorks && serviceNotInRegion(e.name, e.message))) continue;
    const message = `${e.call} failed: ${e.name}${e.message ? `: ${e.message}` : ''}`;
    const key = `${e.region}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: regionErrorFile(account, e.region), message });
  }
  return out.sort((a, b) => cmp(a.file, b.file) || cmp(a.message, b.message));
}
