import type { Resource } from '../../model/resource.js';
import { Unknown } from '../../model/values.js';
import type { CallResult } from './calls.js';
import { isCallError } from './calls.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { all, cfnTags, compact, failedRead, listCall, obj, records, str } from './collector.js';

export const s3Operations: readonly Operation[] = [
  ['s3', 'ListBuckets'],
  ['s3', 'GetBucketLocation'],
  ['s3', 'GetPublicAccessBlock'],
  ['s3', 'GetBucketPolicy'],
  ['s3', 'GetBucketVersioning'],
  ['s3', 'GetBucketEncryption'],
  ['s3', 'GetBucketLifecycleConfiguration'],
  ['s3', 'GetBucketAcl'],
  ['s3', 'GetBucketTagging'],
  ['s3-control', 'GetPublicAccessBlock'],
];

export const s3Lists: readonly ListedBy[] = [{ service: 's3', operation: 'ListBuckets', types: ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'] }];

/** Errors that mean "not configured": facts, not failed reads. */
const NOT_CONFIGURED: ReadonlyMap<string, string> = new Map([
  ['GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration'],
  ['GetBucketPolicy', 'NoSuchBucketPolicy'],
  ['GetBucketEncryption', 'ServerSideEncryptionConfigurationNotFoundError'],
  ['GetBucketLifecycleConfiguration', 'NoSuchLifecycleConfiguration'],
  ['GetBucketTagging', 'NoSuchTagSet'],
]);

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** The bucket's region from GetBucketLocation: empty means us-east-1, and the legacy `EU` means eu-west-1. */
export function regionFromLocation(constraint: unknown): string {
  const c = str(constraint);
  if (!c) return 'us-east-1';
  if (c === 'EU') return 'eu-west-1';
  return c;
}

/** The canned ACL a template would write for these grants (S3-007), or undefined when none is public. */
export function accessControlFromGrants(grants: readonly Record<string, unknown>[]): string | undefined {
  let allUsersRead = false;
  let allUsersWrite = false;
  let authenticated = false;
  for (const g of grants) {
    const uri = str(obj(g['Grantee'])['URI']);
    const permission = str(g['Permission']);
    if (uri === ALL_USERS) {
      if (permission === 'WRITE' || permission === 'WRITE_ACP' || permission === 'FULL_CONTROL') allUsersWrite = true;
      else allUsersRead = true;
    } else if (uri === AUTHENTICATED_USERS) authenticated = true;
  }
  if (allUsersWrite) return 'PublicReadWrite';
  if (allUsersRead) return 'PublicRead';
  if (authenticated) return 'AuthenticatedRead';
  return undefined;
}

/** A lifecycle rule as CloudFormation writes it (flat ExpirationInDays, TransitionInDays, …). */
export function lifecycleRuleToCfn(r: Record<string, unknown>): Record<string, unknown> {
  const expiration = obj(r['Expiration']);
  const filter = obj(r['Filter']);
  const and = obj(filter['And']);
  const tags = [...records(filter['Tag'] ? [filter['Tag']] : []), ...records(and['Tags'])];
  const ncExpiration = obj(r['NoncurrentVersionExpiration']);
  const abort = obj(r['AbortIncompleteMultipartUpload']);
  return compact({
    Id: str(r['ID']),
    Status: str(r['Status']),
    Prefix: str(filter['Prefix']) ?? str(and['Prefix']) ?? str(r['Prefix']),
    TagFilters: tags.length > 0 ? tags.map((t) => ({ Key: t['Key'], Value: t['Value'] })) : undefined,
    ObjectSizeGreaterThan: filter['ObjectSizeGreaterThan'] ?? and['ObjectSizeGreaterThan'],
    ObjectSizeLessThan: filter['ObjectSizeLessThan'] ?? and['ObjectSizeLessThan'],
    ExpirationInDays: expiration['Days'],
    ExpirationDate: expiration['Date'],
    ExpiredObjectDeleteMarker: expiration['ExpiredObjectDeleteMarker'],
    Transitions: records(r['Transitions']).length
      ? records(r['Transitions']).map((t) => compact({ TransitionInDays: t['Days'], TransitionDate: t['Date'], StorageClass: t['StorageClass'] }))
      : undefined,
    NoncurrentVersionTransitions: records(r['NoncurrentVersionTransitions']).length
      ? records(r['NoncurrentVersionTransitions']).map((t) =>
          compact({ TransitionInDays: t['NoncurrentDays'], StorageClass: t['StorageClass'], NewerNoncurrentVersions: t['NewerNoncurrentVersions'] }),
        )
      : undefined,
    NoncurrentVersionExpiration: Object.keys(ncExpiration).length
      ? compact({ NoncurrentDays: ncExpiration['NoncurrentDays'], NewerNoncurrentVersions: ncExpiration['NewerNoncurrentVersions'] })
      : undefined,
    AbortIncompleteMultipartUpload: Object.keys(abort).length ? compact({ DaysAfterInitiation: abort['DaysAfterInitiation'] }) : undefined,
  });
}

type Read = { readonly kind: 'value'; readonly output: Record<string, unknown> } | { readonly kind: 'absent' } | { readonly kind: 'failed'; readonly unknown: Unknown };

function classify(operation: string, r: CallResult, service = 's3'): Read {
  if (!isCallError(r)) return { kind: 'value', output: r.output as Record<string, unknown> };
  if (NOT_CONFIGURED.get(operation) === r.error.name) return { kind: 'absent' };
  return { kind: 'failed', unknown: failedRead(service, operation, r.error) };
}

const PAB_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

function pabConfig(output: Record<string, unknown>): Record<string, unknown> {
  const c = obj(output['PublicAccessBlockConfiguration']);
  // An unset flag in a configuration that exists is false.
  return Object.fromEntries(PAB_FLAGS.map((f) => [f, c[f] === true]));
}

async function collectBucket(ctx: CollectorContext, bucket: Record<string, unknown>): Promise<Resource[]> {
  const name = str(bucket['Name']);
  if (!name) return [];
  const arn = `arn:${ctx.partition}:s3:::${name}`;
  let region = str(bucket['BucketRegion']);
  if (!region) {
    const loc = await ctx.call('s3', 'GetBucketLocation', { Bucket: name });
    if (isCallError(loc)) {
      if (loc.error.name === 'NoSuchBucket') return [];
      const unknown = failedRead('s3', 'GetBucketLocation', loc.error);
      // Without its region no other read can be addressed; every property says why.
      return [
        ctx.resource(
          'AWS::S3::Bucket',
          name,
          {
            BucketName: name,
            PublicAccessBlockConfiguration: unknown,
            VersioningConfiguration: unknown,
            BucketEncryption: unknown,
            LifecycleConfiguration: unknown,
            AccessControl: unknown,
            AclGrants: unknown,
            Tags: unknown,
          },
          arn,
          ctx.region,
        ),
        ctx.resource('AWS::S3::BucketPolicy', name, { Bucket: name, PolicyDocument: unknown }, arn, ctx.region),
      ];
    }
    region = regionFromLocation(obj(loc.output)['LocationConstraint']);
  }
  const ops = [
    'GetPublicAccessBlock',
    'GetBucketPolicy',
    'GetBucketVersioning',
    'GetBucketEncryption',
    'GetBucketLifecycleConfiguration',
    'GetBucketAcl',
    'GetBucketTagging',
  ] as const;
  const results = await all(ops, (op) => ctx.call('s3', op, { Bucket: name }, region));
  // Deleted between ListBuckets and now.
  if (results.some((r) => isCallError(r) && r.error.name === 'NoSuchBucket')) return [];
  const [pab, policy, versioning, encryption, lifecycle, acl, tagging] = ops.map((op, i) => classify(op, results[i] as CallResult)) as [Read, Read, Read, Read, Read, Read, Read];

  const grants = acl.kind === 'value' ? records(acl.output['Grants']) : [];
  const properties = compact({
    BucketName: name,
    PublicAccessBlockConfiguration: pab.kind === 'value' ? pabConfig(pab.output) : pab.kind === 'failed' ? pab.unknown : undefined,
    // No Status: versioning was never enabled, as when a template omits VersioningConfiguration.
    VersioningConfiguration:
      versioning.kind === 'value'
        ? str(versioning.output['Status'])
          ? { Status: str(versioning.output['Status']) }
          : undefined
        : versioning.kind === 'failed'
          ? versioning.unknown
          : undefined,
    BucketEncryption:
      encryption.kind === 'value'
        ? {
            ServerSideEncryptionConfiguration: records(obj(encryption.output['ServerSideEncryptionConfiguration'])['Rules']).map((r) =>
              compact({
                ServerSideEncryptionByDefault: compact({
                  SSEAlgorithm: str(obj(r['ApplyServerSideEncryptionByDefault'])['SSEAlgorithm']),
                  KMSMasterKeyID: str(obj(r['ApplyServerSideEncryptionByDefault'])['KMSMasterKeyID']),
                }),
                BucketKeyEnabled: r['BucketKeyEnabled'],
              }),
            ),
          }
        : encryption.kind === 'failed'
          ? encryption.unknown
          : undefined,
    LifecycleConfiguration:
      lifecycle.kind === 'value' ? { Rules: records(lifecycle.output['Rules']).map(lifecycleRuleToCfn) } : lifecycle.kind === 'failed' ? lifecycle.unknown : undefined,
    AccessControl: acl.kind === 'value' ? accessControlFromGrants(grants) : acl.kind === 'failed' ? acl.unknown : undefined,
    // Extension: the raw grants, for messages and for grants no canned ACL describes.
    AclGrants: acl.kind === 'value' ? grants : acl.kind === 'failed' ? acl.unknown : undefined,
    Tags: tagging.kind === 'value' ? cfnTags(tagging.output['TagSet']) : tagging.kind === 'failed' ? tagging.unknown : undefined,
  });
  const out = [ctx.resource('AWS::S3::Bucket', name, properties, arn, region)];
  if (policy.kind === 'failed') out.push(ctx.resource('AWS::S3::BucketPolicy', name, { Bucket: name, PolicyDocument: policy.unknown }, arn, region));
  else if (policy.kind === 'value') {
    const text = str(policy.output['Policy']);
    let document: unknown;
    try {
      document = text === undefined ? undefined : JSON.parse(text);
    } catch {
      document = undefined;
    }
    out.push(
      ctx.resource(
        'AWS::S3::BucketPolicy',
        name,
        {
          Bucket: name,
          PolicyDocument: typeof document === 'object' && document !== null ? document : new Unknown('s3:GetBucketPolicy returned a policy that is not a JSON object'),
        },
        arn,
        region,
      ),
    );
  }
  return out;
}

async function collectAccountBlock(ctx: CollectorContext): Promise<Resource> {
  const r = await ctx.call('s3-control', 'GetPublicAccessBlock', { AccountId: ctx.account });
  const read = classify('GetPublicAccessBlock', r, 's3-control');
  const properties =
    read.kind === 'value'
      ? pabConfig(read.output)
      : read.kind === 'failed'
        ? Object.fromEntries(PAB_FLAGS.map((f) => [f, read.unknown]))
        : // Not configured at the account: no flag applies, exactly as if all four were false.
          Object.fromEntries(PAB_FLAGS.map((f) => [f, false]));
  return ctx.resource('AWS::S3::AccountPublicAccessBlock', ctx.account, { ...properties, Configured: read.kind === 'failed' ? read.unknown : read.kind === 'value' });
}

export const s3Collector: Collector = {
  id: 's3',
  scope: 'global',
  operations: s3Operations,
  lists: s3Lists,
  async collect(ctx) {
    const [list, accountBlock] = await Promise.all([
      // With MaxBuckets the answer is paginated and carries each BucketRegion, saving a
      // GetBucketLocation per bucket; without it we fall back to GetBucketLocation.
      // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
      listCall(ctx, 's3', 'ListBuckets', { MaxBuckets: 10000 }),
      collectAccountBlock(ctx),
    ]);
    const buckets = await all(records(list?.['Buckets']), (b) => collectBucket(ctx, b));
    return [accountBlock, ...buckets.flat()];
  },
};
