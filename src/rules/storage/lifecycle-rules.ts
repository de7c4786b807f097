import type { Rule } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { backupHint } from './buckets.js';

type Rules = readonly Record<string, unknown>[] | Unknown;

/** Enabled lifecycle rules; absent configuration = none. */
function enabledRules(lifecycle: unknown): Rules {
  if (lifecycle instanceof Unknown) return lifecycle;
  if (lifecycle === undefined) return [];
  if (!isRecord(lifecycle)) return new Unknown('LifecycleConfiguration is known only at deployment');
  const rules = lifecycle['Rules'];
  if (rules instanceof Unknown) return rules;
  if (!Array.isArray(rules)) return [];
  const out: Record<string, unknown>[] = [];
  for (const r of rules) {
    if (!isRecord(r)) continue;
    if (r['Status'] instanceof Unknown) return r['Status'];
    if (asString(r['Status']) === 'Enabled') out.push(r);
  }
  return out;
}

const expiresCurrent = (r: Record<string, unknown>): boolean => r['ExpirationInDays'] !== undefined || r['ExpirationDate'] !== undefined;

// The singular NoncurrentVersionTransition and NoncurrentVersionExpirationInDays are the deprecated forms CloudFormation still accepts.
const handlesNoncurrent = (r: Record<string, unknown>): boolean =>
  ['NoncurrentVersionExpiration', 'NoncurrentVersionExpirationInDays', 'NoncurrentVersionTransition', 'NoncurrentVersionTransitions'].some((k) => r[k] !== undefined);

export const lifecycleRules: Rule = {
  meta: {
    id: 'S3-005',
    name: 'lifecycle-rules',
    title: 'Backup buckets expire objects; versioned buckets expire or transition noncurrent versions',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'Without lifecycle rules backups and old versions accumulate and are billed forever: 001 deletes database backups after 30 days, 003 moves noncurrent versions to Glacier after 90 days. A bucket counts as a backup bucket when its logical id, its name or a tag key or value contains "backup" (e.g. Purpose=backup).',
    remediation:
      'Add LifecycleConfiguration.Rules with Status Enabled: ExpirationInDays (e.g. 30) on backup buckets; NoncurrentVersionExpiration or NoncurrentVersionTransitions (e.g. GLACIER after 90 days) on versioned buckets.',
    seeds: ['001', '003'],
    equivalents: { checkov: ['CKV2_AWS_61'], awsConfig: ['s3-lifecycle-policy-check', 's3-version-lifecycle-policy-check'], prowler: ['s3_bucket_lifecycle_enabled'] },
  },
  check(resource, ctx) {
    const backup = backupHint(ctx, resource);
    for (const p of ctx.values(resource, [])) {
      if (!isRecord(p.value)) continue;
      const props = p.value;
      const lifecycle = props['LifecycleConfiguration'];
      const path = ['Properties', ...(lifecycle === undefined ? [] : ['LifecycleConfiguration'])];
      const versioning = props['VersioningConfiguration'];
      const status = isRecord(versioning) ? versioning['Status'] : versioning;
      const versioned = status instanceof Unknown ? status : asString(status) === 'Enabled';
      if (backup === undefined && versioned === false) continue;
      const rules = enabledRules(lifecycle);
      if (rules instanceof Unknown) {
        ctx.notEvaluated(resource, `lifecycle rules could not be read: ${rules.reason}`, { path });
        continue;
      }
      const when = whenText(p.when);
      if (backup !== undefined && !rules.some(expiresCurrent))
        ctx.fail(resource, `Bucket looks like a backup bucket (${backup}) but no enabled lifecycle rule expires its objects (001 keeps backups 30 days)${when}`, { path });
      if (versioned instanceof Unknown) {
        if (!rules.some(handlesNoncurrent)) ctx.notEvaluated(resource, `versioning could not be read, so whether noncurrent versions need a lifecycle rule is unknown: ${versioned.reason}`, { path });
      } else if (versioned && !rules.some(handlesNoncurrent))
        ctx.fail(resource, `Versioned bucket has no enabled lifecycle rule that expires or transitions noncurrent versions (003: Glacier after 90 days); old versions are kept and billed forever${when}`, { path });
    }
  },
};
