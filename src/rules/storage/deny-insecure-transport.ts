import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Composite, Unknown, asBoolean, asString, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { policiesOf } from './buckets.js';
import { policyDocument, principalEntries, statements, type Statement } from './policy.js';

/** Whether a statement denies every principal every S3 action on the objects when aws:SecureTransport is false. */
function deniesInsecure(s: Statement, from: Resource, ctx: RuleContext): boolean {
  if (s.effect !== 'Deny' || s.notPrincipal !== undefined) return false;
  if (!principalEntries(s.principal, from, ctx.index).some((e) => e.kind === 'public')) return false;
  const actions = (s.actions ?? []).map((a) => asString(a)?.toLowerCase());
  if (!actions.some((a) => a === '*' || a === 's3:*')) return false;
  // The objects (bucket/*, or *) must be covered; a statement on the bucket ARN alone leaves GetObject over HTTP open.
  const coversObjects = s.resources.some((r) => {
    const t = typeof r === 'string' ? r : r instanceof Composite ? r.text() : '';
    return t === '*' || t.endsWith('/*') || t.endsWith('*');
  });
  if (!coversObjects) return false;
  for (const [operator, block] of Object.entries(s.condition)) {
    if (!/^bool(ifexists)?$/i.test(operator) || !isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) {
      if (k.toLowerCase() !== 'aws:securetransport') continue;
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => asBoolean(x) === false)) return true;
    }
  }
  return false;
}

export const denyInsecureTransport: Rule = {
  meta: {
    id: 'S3-006',
    name: 'deny-insecure-transport',
    title: 'S3 bucket policy denies requests without TLS',
    area: 'storage',
    severity: 'medium',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale: 'S3 accepts plain HTTP unless the bucket policy denies it; 003 requires encryption in transit everywhere. A Deny on aws:SecureTransport=false for every principal is the documented way.',
    remediation:
      'Add to the bucket policy: Effect Deny, Principal "*", Action s3:*, Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_379'], cdkNag: ['S3BucketSSLRequestsOnly'], awsConfig: ['s3-bucket-ssl-requests-only'], prowler: ['s3_bucket_secure_transport_policy'] },
  },
  check(resource, ctx) {
    const policies = policiesOf(ctx, resource);
    if (policies.length === 0) {
      ctx.fail(resource, 'Bucket has no bucket policy, so nothing denies requests over plain HTTP (aws:SecureTransport false)', { path: ['Properties'] });
      return;
    }
    for (const policy of policies) {
      for (const p of ctx.values(policy, ['PolicyDocument'])) {
        const doc = policyDocument(p.value);
        if (doc instanceof Unknown) ctx.notEvaluated(resource, `bucket policy ${policy.id} could not be read: ${doc.reason}`, { path: ['Properties'] });
        else if (doc === undefined || !statements(doc).some((s) => deniesInsecure(s, policy, ctx)))
          ctx.fail(resource, `Bucket policy ${policy.id} has no statement denying every principal s3:* on the objects when aws:SecureTransport is false${whenText(p.when)}`, { path: ['Properties'] });
      }
    }
  },
};
