// Reading an S3 bucket policy the way IAM evaluates it: who a statement names (Principal /
// NotPrincipal in every form), whether a condition narrows it, and what it allows.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html

import type { InventoryIndex } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import { Composite, ResourceRef, Unknown, asString, isRecord } from '../../model/values.js';
import { parseCidr, isInternetRange } from '../../model/ip.js';

export interface Statement {
  readonly index: number;
  readonly effect: string | undefined;
  readonly principal: unknown;
  readonly notPrincipal: unknown;
  readonly actions: readonly unknown[] | undefined;
  readonly notActions: readonly unknown[] | undefined;
  readonly resources: readonly unknown[];
  readonly condition: Record<string, unknown>;
  readonly sid: string | undefined;
  /** The statement object as resolved, for ctx.sourcePath. */
  readonly node: Record<string, unknown>;
}

/** The document as an object: literal, a JSON string (live, Fn::Sub of JSON), or Unknown. */
export function policyDocument(v: unknown): Record<string, unknown> | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (isRecord(v)) return v;
  const text = typeof v === 'string' ? v : v instanceof Composite ? v.text() : undefined;
  if (text === undefined) return v === undefined ? undefined : new Unknown('the policy document is known only at deployment');
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : new Unknown('the policy document is not a JSON object');
  } catch {
    return new Unknown('the policy document is a string that is not valid JSON');
  }
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function statements(doc: Record<string, unknown>): Statement[] {
  return list(doc['Statement']).flatMap((s, index) =>
    !isRecord(s)
      ? []
      : [{
      index,
      effect: asString(s['Effect']),
      principal: s['Principal'],
      notPrincipal: s['NotPrincipal'],
      actions: s['Action'] === undefined ? undefined : list(s['Action']),
      notActions: s['NotAction'] === undefined ? undefined : list(s['NotAction']),
      resources: list(s['Resource']),
      condition: isRecord(s['Condition']) ? s['Condition'] : {},
      sid: asString(s['Sid']),
      node: s,
        }],
  );
}

export type PrincipalKind = 'public' | 'cloudfront-oai' | 'cloudfront-service' | 'other' | 'unknown';

export interface PrincipalEntry {
  readonly kind: PrincipalKind;
  readonly text: string;
}

const OAI_ARN = /^arn:aws[\w-]*:iam::cloudfront:user\/CloudFront Origin Access Identity /i;

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof ResourceRef || v instanceof Composite) return v.toJSON();
  if (v instanceof Unknown) return `unknown (${v.reason})`;
  return JSON.stringify(v) ?? String(v);
}

/** Each principal a Principal element names, classified. */
export function principalEntries(p: unknown, from: Resource, index: InventoryIndex): PrincipalEntry[] {
  if (p instanceof Unknown) return [{ kind: 'unknown', text: textOf(p) }];
  if (p === '*') return [{ kind: 'public', text: '"*"' }];
  if (!isRecord(p)) return [{ kind: 'unknown', text: textOf(p) }];
  const out: PrincipalEntry[] = [];
  for (const [type, raw] of Object.entries(p)) {
    for (const v of list(raw)) {
      const t = textOf(v);
      if (v instanceof Unknown) out.push({ kind: 'unknown', text: `${type} ${t}` });
      else if (type === 'AWS' && v === '*') out.push({ kind: 'public', text: '{"AWS": "*"}' });
      else if (type === 'AWS' && OAI_ARN.test(t)) out.push({ kind: 'cloudfront-oai', text: t });
      else if (type === 'CanonicalUser') {
        // A canonical user in an origin bucket policy is how OAIs were granted before the ARN form;
        // GetAtt OAI.S3CanonicalUserId makes it certain.
        const target = v instanceof ResourceRef ? index.lookup(from, v) : undefined;
        if (v instanceof ResourceRef && target && target.type !== 'AWS::CloudFront::CloudFrontOriginAccessIdentity') out.push({ kind: 'other', text: `CanonicalUser ${t}` });
        else out.push({ kind: 'cloudfront-oai', text: `CanonicalUser ${t}` });
      } else if (type === 'Service' && typeof v === 'string' && v.toLowerCase() === 'cloudfront.amazonaws.com') out.push({ kind: 'cloudfront-service', text: 'Service cloudfront.amazonaws.com' });
      else out.push({ kind: 'other', text: `${type} ${t}` });
    }
  }
  return out.length ? out : [{ kind: 'unknown', text: 'an empty Principal' }];
}

/** Condition keys that confine a statement to a network, an organization, an account or a named source. */
const RESTRICTING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:sourceip',
]);

const POSITIVE_OPERATORS = /^(forallvalues:|foranyvalue:)?(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike|ipaddress)$/i;

/** The values one condition key is tested against, per positive operator (IfExists and Not* do not restrict). */
export function conditionValues(condition: Record<string, unknown>, key: string): { operator: string; values: unknown[] }[] {
  const out: { operator: string; values: unknown[] }[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!POSITIVE_OPERATORS.test(operator) || !isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) out.push({ operator, values: list(v) });
  }
  return out;
}

/** The restricting condition of a statement, described, or undefined when nothing narrows it. */
export function restrictingCondition(condition: Record<string, unknown>): string | undefined {
  for (const [operator, block] of Object.entries(condition)) {
    if (!POSITIVE_OPERATORS.test(operator) || !isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) {
      const key = k.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) continue;
      const values = list(v);
      if (values.length === 0) continue;
      // "*" matches everything: no restriction.
      if (values.some((x) => typeof x === 'string' && /^\*+$/.test(x.trim()))) continue;
      if (key === 'aws:sourceip') {
        // A source IP condition confines only when no range it admits is on the internet.
        const cidrs = values.map((x) => (typeof x === 'string' ? parseCidr(x.includes('/') ? x : `${x}/${x.includes(':') ? 128 : 32}`) : undefined));
        if (cidrs.some((c) => c === undefined || isInternetRange(c))) continue;
      }
      return `${operator} ${k}`;
    }
  }
  return undefined;
}

const WRITE_ACTIONS = [
  's3:putobject',
  's3:putobjectacl',
  's3:deleteobject',
  's3:deleteobjectversion',
  's3:putbucketpolicy',
  's3:deletebucket',
  's3:putbucketacl',
  's3:abortmultipartupload',
  's3:restoreobject',
  's3:replicateobject',
];

function globMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(action);
}

/** The write actions a statement allows (Action patterns, or everything but NotAction), or Unknown. */
export function writeActions(s: Statement): string[] | Unknown {
  if (s.notActions !== undefined) {
    const patterns = s.notActions.map((a) => asString(a));
    if (patterns.some((p) => p === undefined)) return new Unknown('NotAction is known only at deployment');
    return WRITE_ACTIONS.filter((w) => !patterns.some((p) => globMatches(p!, w)));
  }
  const patterns = (s.actions ?? []).map((a) => asString(a));
  if (patterns.some((p) => p === undefined)) return new Unknown('Action is known only at deployment');
  return [...new Set(patterns.filter((p) => WRITE_ACTIONS.some((w) => globMatches(p!, w))).map((p) => p!))];
}

export function actionText(s: Statement): string {
  if (s.notActions !== undefined) return `every action except ${s.notActions.map(textOf).join(', ')}`;
  return (s.actions ?? []).map(textOf).join(', ') || 'no action';
}

export function statementLabel(s: Statement): string {
  return s.sid ? `statement ${s.index} (${s.sid})` : `statement ${s.index}`;
}

/** Whether an aws:SourceArn value names a CloudFront distribution (an ARN or a reference to one). */
export function namesDistribution(v: unknown, from: Resource, index: InventoryIndex): boolean {
  if (v instanceof ResourceRef) return index.lookup(from, v)?.type === 'AWS::CloudFront::Distribution';
  const t = v instanceof Composite ? v.text() : typeof v === 'string' ? v : undefined;
  if (t === undefined) return false;
  // distribution/* would admit every distribution of the account, not the one serving this bucket.
  const m = /^arn:aws[\w-]*:cloudfront::[^:]*:distribution\/(.+)$/i.exec(t);
  return m !== null && !/^\*+$/.test(m[1]!);
}
