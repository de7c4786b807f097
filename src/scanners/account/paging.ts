// Which input field carries the page token, where the next token is in the output, and
// which output lists are concatenated across pages. Both sources use this table: the live
// source to walk pages, the snapshot source to merge recorded pages back into one output.

export interface PagingSpec {
  readonly inputToken: string;
  /** Path of the next-page token in the output. */
  readonly outputToken: readonly string[];
  /** Paths of the lists that continue on the next page. */
  readonly lists: readonly (readonly string[])[];
}

const p = (inputToken: string, outputToken: string | readonly string[], ...lists: (string | readonly string[])[]): PagingSpec => ({
  inputToken,
  outputToken: typeof outputToken === 'string' ? [outputToken] : outputToken,
  lists: lists.map((l) => (typeof l === 'string' ? [l] : l)),
});

const TABLE: ReadonlyMap<string, PagingSpec> = new Map(
  Object.entries({
    'ec2:DescribeSecurityGroups': p('NextToken', 'NextToken', 'SecurityGroups'),
    'ec2:DescribeManagedPrefixLists': p('NextToken', 'NextToken', 'PrefixLists'),
    'ec2:DescribeVpcs': p('NextToken', 'NextToken', 'Vpcs'),
    'ec2:DescribeSubnets': p('NextToken', 'NextToken', 'Subnets'),
    'ec2:DescribeRouteTables': p('NextToken', 'NextToken', 'RouteTables'),
    'ec2:DescribeInternetGateways': p('NextToken', 'NextToken', 'InternetGateways'),
    'ec2:DescribeNatGateways': p('NextToken', 'NextToken', 'NatGateways'),
    'ec2:DescribeInstances': p('NextToken', 'NextToken', 'Reservations'),
    'ec2:DescribeLaunchTemplateVersions': p('NextToken', 'NextToken', 'LaunchTemplateVersions'),
    'ec2:DescribeVolumes': p('NextToken', 'NextToken', 'Volumes'),
    'rds:DescribeDBInstances': p('Marker', 'Marker', 'DBInstances'),
    'rds:DescribeDBClusters': p('Marker', 'Marker', 'DBClusters'),
    's3:ListBuckets': p('ContinuationToken', 'ContinuationToken', 'Buckets'),
    'cloudfront:ListDistributions': p('Marker', ['DistributionList', 'NextMarker'], ['DistributionList', 'Items']),
    'cloudfront:ListCloudFrontOriginAccessIdentities': p('Marker', ['CloudFrontOriginAccessIdentityList', 'NextMarker'], ['CloudFrontOriginAccessIdentityList', 'Items']),
    'cloudfront:ListOriginAccessControls': p('Marker', ['OriginAccessControlList', 'NextMarker'], ['OriginAccessControlList', 'Items']),
    'elastic-load-balancing-v2:DescribeLoadBalancers': p('Marker', 'NextMarker', 'LoadBalancers'),
    'elastic-load-balancing-v2:DescribeTargetGroups': p('Marker', 'NextMarker', 'TargetGroups'),
    'elastic-load-balancing-v2:DescribeListeners': p('Marker', 'NextMarker', 'Listeners'),
    'elastic-load-balancing:DescribeLoadBalancers': p('Marker', 'NextMarker', 'LoadBalancerDescriptions'),
    'ecs:ListClusters': p('nextToken', 'nextToken', 'clusterArns'),
    'ecs:ListServices': p('nextToken', 'nextToken', 'serviceArns'),
    'apprunner:ListServices': p('NextToken', 'NextToken', 'ServiceSummaryList'),
    'cloudwatch-logs:DescribeLogGroups': p('nextToken', 'nextToken', 'logGroups'),
    'cloudwatch:DescribeAlarms': p('NextToken', 'NextToken', 'MetricAlarms', 'CompositeAlarms'),
    'ecr:DescribeRepositories': p('nextToken', 'nextToken', 'repositories'),
    'secrets-manager:ListSecrets': p('NextToken', 'NextToken', 'SecretList'),
    'elasticache:DescribeReplicationGroups': p('Marker', 'Marker', 'ReplicationGroups'),
    'elasticache:DescribeCacheClusters': p('Marker', 'Marker', 'CacheClusters'),
    'lambda:ListFunctions': p('Marker', 'NextMarker', 'Functions'),
  }),
);

export function pagingOf(service: string, operation: string): PagingSpec | undefined {
  return TABLE.get(`${service}:${operation}`);
}

/** Input fields that select a page or its size, never which resource: ignored when matching snapshot calls. */
export const PAGING_INPUT_FIELDS: ReadonlySet<string> = new Set([
  'NextToken',
  'nextToken',
  'Marker',
  'ContinuationToken',
  'MaxResults',
  'maxResults',
  'MaxRecords',
  'MaxItems',
  'MaxBuckets',
  'PageSize',
  'limit',
]);

/** Input fields that continue a paginated sequence (a page after the first). */
const CONTINUATION_FIELDS = ['NextToken', 'nextToken', 'Marker', 'ContinuationToken'] as const;

export function isContinuation(input: Readonly<Record<string, unknown>>): boolean {
  return CONTINUATION_FIELDS.some((k) => Object.hasOwn(input, k) && input[k] !== undefined && input[k] !== null && input[k] !== '');
}

export function getPath(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setPath(value: Record<string, unknown>, path: readonly string[], v: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy = { ...value };
  if (rest.length === 0) {
    if (v === undefined) delete copy[head];
    else copy[head] = v;
  } else {
    const child = copy[head];
    copy[head] = setPath(typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : {}, rest, v);
  }
  return copy;
}

/** The next page's token, or undefined on the last page. */
export function nextToken(spec: PagingSpec, output: unknown): string | undefined {
  const t = getPath(output, spec.outputToken);
  return typeof t === 'string' && t !== '' ? t : undefined;
}

/** One output from several pages: lists concatenated, everything else from the first page, no next token. */
export function mergePages(spec: PagingSpec | undefined, outputs: readonly Record<string, unknown>[]): Record<string, unknown> {
  const first = outputs[0] ?? {};
  if (!spec || outputs.length <= 1) return spec ? setPath(first, spec.outputToken, undefined) : first;
  let merged = setPath(first, spec.outputToken, undefined);
  for (const list of spec.lists) {
    const all: unknown[] = [];
    let any = false;
    for (const o of outputs) {
      const items = getPath(o, list);
      if (Array.isArray(items)) {
        any = true;
        // One by one: a spread of a very long page exceeds the engine's argument limit.
        for (const item of items) all.push(item);
      }
    }
    if (any) merged = setPath(merged, list, all);
  }
  return merged;
}

/** The input that identifies a call: paging fields removed, keys sorted, as JSON. */
export function identifyingKey(service: string, operation: string, region: string, input: Readonly<Record<string, unknown>>): string {
  return `${service}|${operation}|${region}|${canonicalJson(input, true)}`;
}

function canonicalJson(v: unknown, top = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x)).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => x !== undefined && !(top && PAGING_INPUT_FIELDS.has(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
