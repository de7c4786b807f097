import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

type Flags = { readonly off: string[] } | Unknown;

/** Which of the four flags are not true; a flag absent from a configuration is false. */
function flagsOff(config: unknown, where: string): Flags {
  if (config instanceof Unknown) return config;
  if (config === undefined) return { off: [...FLAGS] };
  if (!isRecord(config)) return new Unknown(`${where} is known only at deployment`);
  const off: string[] = [];
  for (const f of FLAGS) {
    const v = config[f];
    if (v instanceof Unknown) return v;
    if (v === undefined) {
      off.push(f);
      continue;
    }
    const b = asBoolean(v);
    if (b === undefined) return new Unknown(`${where}.${f} is ${describe(v)}, known only at deployment`);
    if (!b) off.push(f);
  }
  return { off };
}

/** The account-level block (live only): all four on protects every bucket of the account. */
function accountBlock(ctx: RuleContext, bucket: Resource): Flags | undefined {
  if (bucket.origin.kind !== 'account') return undefined;
  const account = bucket.origin.account;
  const block = ctx.index.ofType('AWS::S3::AccountPublicAccessBlock').find((b) => b.origin.kind === 'account' && b.origin.account === account);
  if (!block) return new Unknown('the account-level Block Public Access setting was not collected');
  return flagsOff(ctx.values(block, [])[0]?.value, 'the account-level Block Public Access');
}

export const blockPublicAccess: Rule = {
  meta: {
    id: 'S3-001',
    name: 'block-public-access',
    title: 'S3 Block Public Access: all four flags are on',
    area: 'storage',
    severity: 'high',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'Block Public Access overrides any ACL or policy that would make the bucket public; 001 turns on all four flags and serves the site only through CloudFront. A bucket is covered when the bucket or the account sets all four.',
    remediation:
      'Set PublicAccessBlockConfiguration with BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets all true (or turn on the account-level block).',
    seeds: ['001'],
    equivalents: {
      checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      cdkNag: ['S3BucketLevelPublicAccessProhibited'],
      awsConfig: ['s3-bucket-level-public-access-prohibited', 's3-account-level-public-access-blocks'],
      prowler: ['s3_bucket_level_public_access_block', 's3_account_level_public_access_blocks'],
    },
  },
  check(resource, ctx) {
    const account = accountBlock(ctx, resource);
    for (const p of ctx.values(resource, ['PublicAccessBlockConfiguration'])) {
      const path = ['Properties', ...(p.value === undefined ? [] : ['PublicAccessBlockConfiguration'])];
      const bucket = flagsOff(p.value, 'PublicAccessBlockConfiguration');
      if (!(bucket instanceof Unknown) && bucket.off.length === 0) continue;
      if (account !== undefined) {
        if (!(account instanceof Unknown) && account.off.length === 0) continue;
        if (account instanceof Unknown) {
          ctx.notEvaluated(resource, `the bucket does not set all four Block Public Access flags and the account-level block could not be read: ${account.reason}`, { path });
          continue;
        }
      }
      if (bucket instanceof Unknown) {
        ctx.notEvaluated(resource, `Block Public Access could not be read: ${bucket.reason}`, { path });
        continue;
      }
      const what = p.value === undefined ? 'no PublicAccessBlockConfiguration (no flag is set)' : `Block Public Access flags off: ${bucket.off.join(', ')}`;
      const accountNote =
        account === undefined
          ? '; the account-level block is not visible in a template — if it sets all four flags the bucket is protected'
          : `; the account-level block does not cover it (off: ${account.off.join(', ')})`;
      ctx.fail(resource, `Bucket has ${what}${accountNote}${whenText(p.when)}`, { path });
    }
  },
};
