import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, isRecord } from '../../model/values.js';
import { asKnownBoolean } from '../lib/read.js';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
type Flag = (typeof FLAGS)[number];
const CONFIG = 'PublicAccessBlockConfiguration';

/**
 * The account-level block's flags (an account input collects it; a template has none), read
 * without recording: it matters only for a flag the bucket turns off, and the caller surfaces
 * its Unknown then. `undefined` when the input has no account-level block.
 */
function accountFlags(ctx: RuleContext, bucket: Resource): Record<Flag, boolean | Unknown> | Unknown | undefined {
  return ctx.tolerate(() => {
    const block = ctx.index.find('AWS::S3::AccountPublicAccessBlock', bucket);
    if (block === undefined || block instanceof Unknown) return block;
    const out = {} as Record<Flag, boolean | Unknown>;
    for (const f of FLAGS) {
      const v = asKnownBoolean(ctx, ctx.get(block, [f]), `the account-level ${f}`);
      // A flag an existing configuration leaves out is false.
      out[f] = v ?? false;
    }
    return out;
  });
}

export const blockPublicAccess = defineRule({
  meta: {
    id: 'S3-001',
    name: 'block-public-access',
    title: 'S3 Block Public Access: all four flags are on',
    area: 'storage',
    severity: 'high',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'Block Public Access overrides any ACL or policy that would make the bucket public. S3 turns all four flags on for every bucket created since April 2023, so a template that leaves PublicAccessBlockConfiguration out gets them all (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html); a flag turned off, in the template or on a live bucket, opens the way unless the account-level block sets the same flag.',
    remediation:
      'Leave PublicAccessBlockConfiguration out, or set BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets all true (or turn the flags on in the account-level block). Serve a website through CloudFront with origin access control instead of opening the bucket.',
    messages: {
      'flags-off': 'Block Public Access is turned off on the bucket for {{flags}} (only an account-level block, which this input does not show, would still cover it)',
      'flags-off-account': 'Block Public Access is turned off on the bucket for {{flags}}, and the account-level block does not set {{plural}} either',
    },
    seeds: ['001'],
    equivalents: {
      checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      cdkNag: ['S3BucketLevelPublicAccessProhibited'],
      awsConfig: ['s3-bucket-level-public-access-prohibited', 's3-account-level-public-access-blocks'],
      prowler: ['s3_bucket_level_public_access_block', 's3_account_level_public_access_blocks'],
    },
  },
  check(bucket, ctx) {
    const account = accountFlags(ctx, bucket);
    // All four on at the account level: the bucket's own flags cannot change anything.
    if (account !== undefined && !(account instanceof Unknown) && FLAGS.every((f) => account[f] === true)) return;

    const config = ctx.get(bucket, [CONFIG]);
    // Absent: what S3 applies to a bucket created today, all four flags on.
    if (config === undefined || config instanceof Unknown) return;
    const path = ['Properties', CONFIG];
    if (!isRecord(config)) {
      ctx.unknown(`${CONFIG} is not an object known before deployment`, path);
      return;
    }
    const off: Flag[] = [];
    for (const f of FLAGS) {
      const v = asKnownBoolean(ctx, config[f], `${CONFIG}.${f}`, [...path, f]);
      if (v instanceof Unknown) continue;
      // A flag an existing configuration leaves out is false (PutPublicAccessBlock's default).
      if (v !== true) off.push(f);
    }
    if (off.length === 0) return;

    if (account === undefined) {
      ctx.report({ messageId: 'flags-off', data: { flags: off.join(', ') }, path });
      return;
    }
    const unreadable = (reason: string) =>
      ctx.unknown(
        `the account-level Block Public Access, which may cover the bucket, could not be read (${reason}); the bucket turns off ${off.length === FLAGS.length ? 'all four flags' : off.join(', ')}`,
      );
    if (account instanceof Unknown) {
      unreadable(account.reason);
      return;
    }
    // S3 applies the most restrictive combination of the bucket's and the account's flags.
    const exposed = off.filter((f) => account[f] === false);
    if (exposed.length > 0) {
      ctx.report({ messageId: 'flags-off-account', data: { flags: exposed.join(', '), plural: exposed.length > 1 ? 'them' : 'it' }, path });
      return;
    }
    const unknown = off.map((f) => account[f]).find((v): v is Unknown => v instanceof Unknown);
    if (unknown) unreadable(unknown.reason);
  },
});
