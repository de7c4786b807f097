import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Composite, Unknown, asBoolean, asString, isRecord } from '../../model/values.js';
import { policiesOf } from '../lib/s3.js';
import { policyDocument, principalEntries, statements, type Statement } from './policy.js';

/**
 * Whether a statement denies every principal every S3 action on the objects when
 * aws:SecureTransport is false: true, false, or the Unknown of a field that could make it true.
 * Called inside `ctx.tolerate`: one statement's unknown must not hide another's deny.
 */
function deniesInsecure(s: Statement, policy: Resource, ctx: RuleContext): boolean | Unknown {
  const effect = s.effect;
  if (effect instanceof Unknown) return effect;
  if (asString(effect) !== 'Deny' || s.notPrincipal !== undefined) return false;
  const entries = principalEntries(s.principal, policy, ctx.index);
  if (!entries.some((e) => e.kind === 'public'))
    return entries.some((e) => e.kind === 'unknown') ? new Unknown(`the principal of ${s.label(ctx)} is known only at deployment`) : false;
  const actions = s.actions ?? [];
  const unknownAction = actions.find((a) => asString(a) === undefined);
  if (!actions.some((a) => ['*', 's3:*'].includes(asString(a)?.toLowerCase() ?? '')))
    return unknownAction === undefined ? false : new Unknown(`an Action of ${s.label(ctx)} is known only at deployment`);
  // The objects (bucket/*, or *) must be covered; a statement on the bucket ARN alone leaves GetObject over HTTP open.
  const resources = s.resources;
  const coversObjects = resources.some((r) => {
    const t = typeof r === 'string' ? r : r instanceof Composite ? r.text() : '';
    return t === '*' || t.endsWith('*');
  });
  if (!coversObjects) return resources.some((r) => r instanceof Unknown) ? new Unknown(`a Resource of ${s.label(ctx)} is known only at deployment`) : false;
  const condition = s.condition;
  let unknown: Unknown | undefined;
  for (const operator of Object.keys(condition)) {
    if (!/^bool(ifexists)?$/i.test(operator)) continue;
    const block = condition[operator];
    if (!isRecord(block)) continue;
    for (const k of Object.keys(block)) {
      if (k.toLowerCase() !== 'aws:securetransport') continue;
      const v = block[k];
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => asBoolean(x) === false)) return true;
      if (values.some((x) => asBoolean(x) === undefined)) unknown ??= new Unknown(`the aws:SecureTransport value of ${s.label(ctx)} is known only at deployment`);
    }
  }
  return unknown ?? false;
}

export const denyInsecureTransport = defineRule({
  meta: {
    id: 'S3-006',
    name: 'deny-insecure-transport',
    title: 'S3 bucket policy denies requests without TLS',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'S3 accepts plain HTTP unless the bucket policy denies it, and data should be encrypted in transit everywhere. A Deny on aws:SecureTransport=false for every principal is the documented way.',
    remediation:
      'Add to the bucket policy: Effect Deny, Principal "*", Action s3:*, Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
    messages: {
      'no-policy': 'bucket has no bucket policy, so nothing denies requests over plain HTTP (aws:SecureTransport false)',
      'no-deny': 'bucket policy {{policy}} has no statement denying every principal s3:* on the objects when aws:SecureTransport is false',
    },
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_379'], cdkNag: ['S3BucketSSLRequestsOnly'], awsConfig: ['s3-bucket-ssl-requests-only'], prowler: ['s3_bucket_secure_transport_policy'] },
  },
  check(bucket, ctx) {
    const policies = policiesOf(ctx, bucket);
    if (policies.length === 0) {
      ctx.report({ messageId: 'no-policy', path: ['Properties'] });
      return;
    }
    for (const policy of policies) {
      const doc = policyDocument(ctx, policy, false);
      if (doc instanceof Unknown) continue;
      const verdicts = doc === undefined ? [] : ctx.tolerate(() => statements(ctx, policy, doc).map((s) => deniesInsecure(s, policy, ctx)));
      if (verdicts.includes(true)) continue;
      const unknown = verdicts.find((v): v is Unknown => v instanceof Unknown);
      if (unknown) ctx.unknown(`bucket policy ${policy.id}: ${unknown.reason}`);
      else ctx.report({ messageId: 'no-deny', data: { policy: policy.id }, path: ['Properties'] });
    }
  },
});
