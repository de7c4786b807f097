import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asBoolean, isRecord, type Assumptions } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, propPath, whenText } from './db-common.js';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const SECRET_TYPES = new Set(['AWS::SecretsManager::Secret', 'AWS::SecretsManager::SecretTargetAttachment']);

/**
 * Dynamic references CloudFormation resolves at deploy time without storing the value:
 * `{{resolve:secretsmanager:…}}` and `{{resolve:ssm-secure:…}}`. A plain `{{resolve:ssm:…}}`
 * reads a String parameter, which anyone with ssm:GetParameter reads in clear.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
 */
function dynamicReference(text: string): 'secret' | 'plain-ssm' | undefined {
  if (/\{\{resolve:(secretsmanager|ssm-secure):/i.test(text)) return 'secret';
  if (/\{\{resolve:ssm:/i.test(text)) return 'plain-ssm';
  return undefined;
}

type Verdict = { readonly ok: true } | { readonly ok: false; readonly why: string } | { readonly unknown: string };

function judgeParameter(ctx: RuleContext, r: Resource, key: string, name: string): Verdict | undefined {
  const decl = ctx.parameter(r, name);
  if (!decl) return undefined;
  // A parameter of an SSM type reads a plain String parameter; NoEcho without Default keeps the value out of the template and of DescribeStacks.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties
  if (/^AWS::SSM::Parameter::Value</.test(decl.type)) return { ok: false, why: `${key} comes from parameter ${name}, a plain SSM String parameter (use a SecureString via {{resolve:ssm-secure:…}} or Secrets Manager)` };
  if (!decl.noEcho) return { ok: false, why: `${key} comes from parameter ${name}, which is not NoEcho: the value shows in the console and in DescribeStacks` };
  if (decl.hasDefault) return { ok: false, why: `${key} comes from NoEcho parameter ${name}, which has a Default: the secret is written in the template` };
  return { ok: true };
}

function judgeValue(ctx: RuleContext, r: Resource, key: string, value: unknown): Verdict {
  if (value instanceof Unknown) {
    const m = /^parameter (\S+) has no Default/.exec(value.reason);
    if (m) return judgeParameter(ctx, r, key, m[1]!) ?? { unknown: value.reason };
    return { unknown: value.reason };
  }
  if (typeof value === 'string') {
    const dyn = dynamicReference(value);
    if (dyn === 'secret') return { ok: true };
    if (dyn === 'plain-ssm') return { ok: false, why: `${key} is a {{resolve:ssm:…}} reference to a plain String parameter, not a SecureString or a Secrets Manager secret` };
    // Never print the literal, not even in part.
    return { ok: false, why: `${key} is a literal in the template (value not shown)` };
  }
  if (value instanceof Composite) {
    const dyn = dynamicReference(value.text());
    if (dyn === 'secret') return { ok: true };
    if (dyn === 'plain-ssm') return { ok: false, why: `${key} is a {{resolve:ssm:…}} reference to a plain String parameter` };
    const refs = value.parts.filter((p): p is ResourceRef => p instanceof ResourceRef);
    if (refs.some((p) => SECRET_TYPES.has(ctx.index.lookup(r, p)?.type ?? ''))) return { ok: true };
    if (value.parts.some((p) => typeof p === 'string' && p !== '')) return { ok: false, why: `${key} is built from literal text (value not shown)` };
    return { unknown: `${key} is built from references that cannot be judged` };
  }
  if (value instanceof ResourceRef) {
    const target = ctx.index.lookup(r, value);
    if (target && SECRET_TYPES.has(target.type)) return { ok: true };
    return { unknown: `${key} refers to ${value.logicalId}${target ? ` (${target.type})` : ''}, whose value is not a visible secret` };
  }
  return { ok: false, why: `${key} is a literal in the template (value not shown)` };
}

function check(ctx: RuleContext, r: Resource, key: string): void {
  const path = propPath(ctx, r, key);
  // A Ref to a parameter is judged by the parameter's declaration, whatever its default resolves to.
  const raw = ctx.raw(r, [key]);
  if (isRecord(raw) && typeof raw['Ref'] === 'string' && Object.keys(raw).length === 1) {
    const v = judgeParameter(ctx, r, key, raw['Ref']);
    if (v) return report(ctx, r, v, {}, path);
  }
  for (const p of ctx.values(r, [key])) {
    if (p.value === undefined) continue;
    report(ctx, r, judgeValue(ctx, r, key, p.value), p.when, path);
  }
}

function report(ctx: RuleContext, r: Resource, v: Verdict, when: Assumptions, path: readonly (string | number)[]): void {
  const fix = r.type === REPLICATION_GROUP ? 'use a {{resolve:secretsmanager:…}} reference or a NoEcho parameter without a Default' : 'use ManageMasterUserPassword, a {{resolve:secretsmanager:…}} reference or a NoEcho parameter without a Default';
  if ('unknown' in v) ctx.notEvaluated(r, `where the credential comes from cannot be judged: ${v.unknown}${whenText(when)}`, { path });
  else if (!v.ok) ctx.fail(r, `${v.why}; ${fix}${whenText(when)}`, { path });
}

export const credentialsNotLiteral: Rule = {
  meta: {
    id: 'DB-008',
    name: 'credentials-not-literal',
    title: 'Database credentials come from Secrets Manager or a NoEcho parameter, never a literal',
    area: 'database',
    severity: 'critical',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER, REPLICATION_GROUP],
    rationale:
      'A password in a template lives in every clone of the repository, in the stack\'s template in CloudFormation and, for a non-NoEcho parameter, in DescribeStacks output (002, 004 keep credentials in environment variables and Secrets Manager).',
    remediation: 'Set ManageMasterUserPassword: true (RDS keeps the password in Secrets Manager), or use {{resolve:secretsmanager:…}}; for ElastiCache AuthToken use a Secrets Manager dynamic reference. Rotate any password that was ever committed.',
    seeds: ['002', '004'],
    equivalents: { cfnNag: ['F23', 'F34', 'F44'], cdkNag: ['RDS2'], prowler: ['cloudformation_stack_outputs_find_secrets'] },
  },
  check(resource, ctx) {
    const key = resource.type === REPLICATION_GROUP ? 'AuthToken' : 'MasterUserPassword';
    if (resource.type !== REPLICATION_GROUP && ctx.values(resource, ['ManageMasterUserPassword']).every((p) => asBoolean(p.value) === true)) return;
    if (resource.origin.kind === 'account') {
      // A read replica's or Aurora member's credentials are its source's or cluster's.
      if (isClusterMember(ctx, resource) || isReadReplica(ctx, resource)) return;
      // The API never returns a password or token, so where it is kept cannot be seen.
      const enabled = resource.type === REPLICATION_GROUP ? asBoolean(ctx.values(resource, ['AuthTokenEnabled'])[0]?.value) === true : true;
      if (enabled) {
        ctx.notEvaluated(
          resource,
          resource.type === REPLICATION_GROUP
            ? 'an AUTH token is set; the API does not show whether it is also kept in Secrets Manager'
            : 'the master password is not managed by RDS in Secrets Manager (ManageMasterUserPassword off); where it is kept cannot be seen from the account',
          { path: ['Properties'] },
        );
      }
      return;
    }
    check(ctx, resource, key);
  },
};
