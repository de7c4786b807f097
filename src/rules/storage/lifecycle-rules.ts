import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, isRecord } from '../../model/values.js';
import { asKnownString } from '../lib/known.js';
import { backupHint } from './buckets.js';

type LifecycleRule = Readonly<Record<string, unknown>>;

interface Rules {
  /** Rules whose Status is Enabled. */
  readonly enabled: readonly LifecycleRule[];
  /** Rules whose Status is known only at deployment, with it. */
  readonly undecided: readonly (readonly [LifecycleRule, Unknown])[];
}

/** The bucket's lifecycle rules by status; absent configuration = none; Unknown (recorded) when unreadable. */
function rulesOf(ctx: RuleContext, bucket: Resource): Rules | Unknown {
  const lifecycle = ctx.get(bucket, ['LifecycleConfiguration']);
  if (lifecycle instanceof Unknown) return lifecycle;
  if (lifecycle === undefined) return { enabled: [], undecided: [] };
  if (!isRecord(lifecycle)) return ctx.unknown('LifecycleConfiguration is not an object known before deployment', ['Properties', 'LifecycleConfiguration']);
  const rules = lifecycle['Rules'];
  if (rules instanceof Unknown) return rules;
  const enabled: LifecycleRule[] = [];
  const undecided: (readonly [LifecycleRule, Unknown])[] = [];
  if (!Array.isArray(rules)) return { enabled, undecided };
  rules.forEach((r, i) => {
    if (!isRecord(r)) return;
    // A rule's status matters only if the rule would satisfy what is asked: read it without recording.
    const status = ctx.tolerate(() => asKnownString(ctx, r['Status'], `LifecycleConfiguration.Rules[${i}].Status`));
    if (status instanceof Unknown) undecided.push([r, status]);
    else if (status === 'Enabled') enabled.push(r);
  });
  return { enabled, undecided };
}

/** Whether an enabled rule satisfies `want`; otherwise the Unknown of an undecided rule that would (recorded), or false. */
function satisfied(ctx: RuleContext, rules: Rules, want: (r: LifecycleRule) => boolean): boolean | Unknown {
  if (rules.enabled.some(want)) return true;
  const undecided = rules.undecided.find(([r]) => want(r));
  return undecided ? ctx.unknown(undecided[1].reason, ['Properties', 'LifecycleConfiguration']) : false;
}

const expiresCurrent = (r: LifecycleRule): boolean => r['ExpirationInDays'] !== undefined || r['ExpirationDate'] !== undefined;

// The singular NoncurrentVersionTransition and NoncurrentVersionExpirationInDays are the deprecated forms CloudFormation still accepts.
const handlesNoncurrent = (r: LifecycleRule): boolean =>
  ['NoncurrentVersionExpiration', 'NoncurrentVersionExpirationInDays', 'NoncurrentVersionTransition', 'NoncurrentVersionTransitions'].some((k) => r[k] !== undefined);

export const lifecycleRules = defineRule({
  meta: {
    id: 'S3-005',
    name: 'lifecycle-rules',
    title: 'Backup buckets expire objects; versioned buckets expire or transition noncurrent versions',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'Without lifecycle rules backups and old versions accumulate and are billed forever: database backups are typically deleted after 30 days, and noncurrent versions moved to Glacier after 90. A bucket counts as a backup bucket when its name, its id or a tag key or value contains "backup" (e.g. Purpose=backup).',
    remediation:
      'Add LifecycleConfiguration.Rules with Status Enabled: ExpirationInDays (e.g. 30) on backup buckets; NoncurrentVersionExpiration or NoncurrentVersionTransitions (e.g. GLACIER after 90 days) on versioned buckets.',
    messages: {
      'backup-kept': 'bucket looks like a backup bucket ({{hint}}) but no enabled lifecycle rule expires its objects: backups are kept and billed forever',
      'noncurrent-kept': 'versioned bucket has no enabled lifecycle rule that expires or transitions noncurrent versions: old versions are kept and billed forever',
    },
    seeds: ['001', '003'],
    equivalents: { checkov: ['CKV2_AWS_61'], awsConfig: ['s3-lifecycle-policy-check', 's3-version-lifecycle-policy-check'], prowler: ['s3_bucket_lifecycle_enabled'] },
  },
  check(bucket, ctx) {
    // A hint, not a fact: a name or tags known only at deployment give none.
    const backup = ctx.tolerate(() => backupHint(ctx, bucket));
    // Versioning matters only when no rule handles noncurrent versions: read it without recording, surface it then.
    const status = ctx.tolerate(() => asKnownString(ctx, ctx.get(bucket, ['VersioningConfiguration', 'Status']), 'VersioningConfiguration.Status'));
    const versioned = status instanceof Unknown ? status : status === 'Enabled';
    if (backup === undefined && versioned === false) return;

    const rules = rulesOf(ctx, bucket);
    if (rules instanceof Unknown) return;
    const path = ctx.propertyPath(bucket, 'LifecycleConfiguration');
    if (backup !== undefined && satisfied(ctx, rules, expiresCurrent) === false) ctx.report({ messageId: 'backup-kept', data: { hint: backup }, path });
    if (versioned === false) return;
    const noncurrent = satisfied(ctx, rules, handlesNoncurrent);
    if (noncurrent !== false) return;
    if (versioned instanceof Unknown) ctx.unknown(versioned.reason, ['Properties', 'VersioningConfiguration']);
    else ctx.report({ messageId: 'noncurrent-kept', path });
  },
});
