import type { Resource } from '../../model/resource.js';
import { defineRule, type ParameterDeclaration, type RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, isRecord } from '../../model/values.js';
import { boolOf } from '../lib/read.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, restoredFrom } from './db-common.js';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const SECRET_TYPES: ReadonlySet<string> = new Set(['AWS::SecretsManager::Secret', 'AWS::SecretsManager::SecretTargetAttachment']);

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

type Id = 'literal' | 'literal-text' | 'plain-ssm' | 'ssm-parameter' | 'parameter-visible' | 'parameter-default';
/** ok, a failure, or undecided (the reason is recorded). */
type Verdict = 'ok' | Id | Unknown;

/** Parameter names a raw property value takes its value from directly (a Ref, or a Ref in a branch of Fn::If). */
function parameterRefs(raw: unknown, depth = 0): string[] {
  if (depth > 16 || !isRecord(raw)) return [];
  const keys = Object.keys(raw);
  if (keys.length !== 1) return [];
  const v = raw[keys[0]!];
  if (keys[0] === 'Ref' && typeof v === 'string') return [v];
  if (keys[0] === 'Fn::If' && Array.isArray(v) && v.length === 3) return [...parameterRefs(v[1], depth + 1), ...parameterRefs(v[2], depth + 1)];
  return [];
}

/**
 * The parameter the value read in this scenario comes from. The engine gives the value, not its
 * provenance: the property as written names the candidates, and the value picks among them (a
 * parameter without a value resolves to an Unknown naming it; one with a value to that value).
 */
function parameterBehind(ctx: RuleContext, r: Resource, key: string, value: unknown): ParameterDeclaration | undefined {
  if (value instanceof Unknown) {
    const m = /^parameter (\S+) (?:has no Default|is read from SSM)/.exec(value.reason);
    return m ? ctx.parameter(r, m[1]!) : undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const raw = Object.hasOwn(r.properties, key) ? r.properties[key] : undefined;
  const decls = parameterRefs(raw).flatMap((n) => ctx.parameter(r, n) ?? []);
  const direct = isRecord(raw) && Object.hasOwn(raw, 'Ref');
  if (direct) return decls[0];
  return decls.find((d) => d.overridden || (d.hasDefault && String(d.default) === String(value)));
}

/**
 * A parameter's declaration decides: an SSM-typed parameter reads a plain String; a parameter
 * without NoEcho shows in the console and DescribeStacks; a NoEcho Default is a literal in the
 * template — unless it is empty, which makes every caller pass the value.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties
 */
function judgeParameter(decl: ParameterDeclaration): Verdict {
  if (/^AWS::SSM::Parameter::Value</.test(decl.type)) return 'ssm-parameter';
  if (!decl.noEcho) return 'parameter-visible';
  if (decl.hasDefault && decl.default !== undefined && decl.default !== null && String(decl.default) !== '') return 'parameter-default';
  return 'ok';
}

function judgeValue(ctx: RuleContext, r: Resource, key: string, value: unknown): Verdict {
  const path = ['Properties', key];
  if (value instanceof Unknown) return ctx.unknown(value.reason, path);
  if (typeof value === 'string') {
    const dyn = dynamicReference(value);
    if (dyn === 'secret') return 'ok';
    // Never print the literal, not even in part.
    return dyn === 'plain-ssm' ? 'plain-ssm' : 'literal';
  }
  if (value instanceof Composite) {
    const dyn = dynamicReference(value.text());
    if (dyn === 'secret') return 'ok';
    if (dyn === 'plain-ssm') return 'plain-ssm';
    const refs = value.parts.filter((p): p is ResourceRef => p instanceof ResourceRef);
    if (refs.some((p) => SECRET_TYPES.has(ctx.index.lookup(r, p)?.type ?? ''))) return 'ok';
    if (value.parts.some((p) => typeof p === 'string' && p !== '')) return 'literal-text';
    return ctx.unknown(`${key} is built from references whose values cannot be judged`, path);
  }
  if (value instanceof ResourceRef) {
    const target = ctx.index.lookup(r, value);
    if (target && SECRET_TYPES.has(target.type)) return 'ok';
    return ctx.unknown(`${key} refers to ${value.logicalId}${target ? ` (${target.type})` : ''}, whose value is not a visible secret`, path);
  }
  return 'literal';
}

export const credentialsNotLiteral = defineRule({
  meta: {
    id: 'DB-008',
    name: 'credentials-not-literal',
    title: 'Database credentials come from Secrets Manager or a NoEcho parameter, never a literal',
    area: 'database',
    severity: 'critical',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER, REPLICATION_GROUP],
    rationale:
      "A password in a template lives in every clone of the repository, in the stack's template in CloudFormation and, for a parameter without NoEcho, in DescribeStacks output. Secrets Manager (or a NoEcho parameter every caller must pass) keeps it out of all three.",
    remediation:
      'Set ManageMasterUserPassword: true (RDS keeps the password in Secrets Manager), or use {{resolve:secretsmanager:…}}; for ElastiCache AuthToken use a Secrets Manager dynamic reference. Rotate any password that was ever committed.',
    messages: {
      literal: '{{key}} is a literal in the template (value not shown); {{fix}}',
      'literal-text': '{{key}} is built from literal text (value not shown); {{fix}}',
      'plain-ssm': '{{key}} is a {{resolve:ssm:…}} reference to a plain String parameter, not a SecureString or a Secrets Manager secret; {{fix}}',
      'ssm-parameter': '{{key}} comes from parameter {{parameter}}, a plain SSM String parameter; {{fix}}',
      'parameter-visible': '{{key}} comes from parameter {{parameter}}, which is not NoEcho: the value shows in the console and in DescribeStacks; {{fix}}',
      'parameter-default': '{{key}} comes from NoEcho parameter {{parameter}}, which has a Default: the secret is written in the template; {{fix}}',
      'password-not-shown':
        'the master password is not managed by RDS in Secrets Manager (ManageMasterUserPassword false) and its value is never shown, so where it is kept cannot be seen',
      'token-not-shown': 'an AUTH token is set, and whether it is kept in Secrets Manager cannot be seen (the API never returns it)',
    },
    seeds: ['002', '004'],
    equivalents: { cfnNag: ['F23', 'F34', 'F44'], cdkNag: ['RDS2'], prowler: ['cloudformation_stack_outputs_find_secrets'] },
  },
  check(r, ctx) {
    const cache = r.type === REPLICATION_GROUP;
    const key = cache ? 'AuthToken' : 'MasterUserPassword';
    const managed = cache ? false : ctx.tolerate(() => boolOf(ctx, r, ['ManageMasterUserPassword']));
    if (managed === true) return;
    // Where the value comes from decides, not what it is: read it without recording, then judge.
    const value = ctx.tolerate(() => ctx.get(r, [key]));
    const path = ctx.propertyPath(r, key);
    if (value === undefined) {
      // Nothing written here: a replica, an Aurora member, a restored database has its source's.
      // A live read never returns the secret, only whether there is one (AuthTokenEnabled) and
      // whether RDS manages it (ManageMasterUserPassword stated false): then where it is kept cannot be seen.
      if (cache) {
        if (boolOf(ctx, r, ['AuthTokenEnabled']) === true) ctx.notEvaluated({ messageId: 'token-not-shown', path: ['Properties'] });
        return;
      }
      if (managed !== false || isClusterMember(ctx, r) || isReadReplica(ctx, r) || restoredFrom(ctx, r)) return;
      ctx.notEvaluated({ messageId: 'password-not-shown', path: ['Properties'] });
      return;
    }
    const decl = parameterBehind(ctx, r, key, value);
    const verdict = decl ? judgeParameter(decl) : judgeValue(ctx, r, key, value);
    if (verdict === 'ok' || verdict instanceof Unknown) return;
    const fix = cache
      ? 'use a {{resolve:secretsmanager:…}} reference or a NoEcho parameter without a Default'
      : 'use ManageMasterUserPassword, a {{resolve:secretsmanager:…}} reference or a NoEcho parameter without a Default';
    ctx.report({ messageId: verdict, data: { key, fix, ...(decl ? { parameter: decl.name } : {}) }, path });
  },
});
