// Reading an S3 bucket policy the way IAM evaluates it: who a statement names (Principal /
// NotPrincipal in every form), whether a condition narrows it, and what it allows.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
//
// Statements are read lazily, field by field: the engine records every value a rule reads, so
// a rule reads only the fields that decide its verdict.

import type { InventoryIndex } from '../../model/inventory.js';
import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asString, isRecord } from '../../model/values.js';
import { parseCidr, isInternetRange } from '../../model/ip.js';
import { printValue } from '../../engine/printer.js';

/** One statement of a policy document, its fields read on demand. */
export class Statement {
  constructor(
    readonly node: Readonly<Record<string, unknown>>,
    readonly index: number,
    /** Path of the statement relative to the policy resource. */
    readonly path: Path,
  ) {}
  get effect(): unknown {
    return this.node['Effect'];
  }
  get principal(): unknown {
    return this.node['Principal'];
  }
  get notPrincipal(): unknown {
    return this.node['NotPrincipal'];
  }
  get actions(): readonly unknown[] | undefined {
    const a = this.node['Action'];
    return a === undefined ? undefined : list(a);
  }
  get notActions(): readonly unknown[] | undefined {
    const a = this.node['NotAction'];
    return a === undefined ? undefined : list(a);
  }
  get resources(): readonly unknown[] {
    return list(this.node['Resource']);
  }
  get condition(): Readonly<Record<string, unknown>> {
    const c = this.node['Condition'];
    return isRecord(c) ? c : {};
  }
  /** "statement 2 (AllowCloudFront)": the Sid is printed when it is a literal, never read otherwise. */
  label(ctx: RuleContext): string {
    const sid = ctx.tolerate(() => asString(this.node['Sid']));
    return sid ? `statement ${this.index} (${sid})` : `statement ${this.index}`;
  }
}

/**
 * The document as an object: literal, a JSON string (live, or Fn::Sub of JSON), Unknown (as
 * read), or undefined when absent. A string that is not JSON is reported through ctx.unknown.
 * `checked`: the policy is the resource the rule checks (so a path into it can be given).
 */
export function policyDocument(ctx: RuleContext, policy: Resource, checked = true): Readonly<Record<string, unknown>> | Unknown | undefined {
  const v = ctx.get(policy, ['PolicyDocument']);
  if (v === undefined || v instanceof Unknown || isRecord(v)) return v;
  const text = typeof v === 'string' ? v : v instanceof Composite ? v.text() : undefined;
  // A path is relative to the resource being checked: only when that is the policy itself.
  const path = checked ? ['Properties', 'PolicyDocument'] : undefined;
  if (text === undefined) return ctx.unknown(`the policy document is ${printValue(v)}, which is not known before deployment`, path);
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : ctx.unknown('the policy document is not a JSON object', path);
  } catch {
    return ctx.unknown('the policy document is a string that is not valid JSON', path);
  }
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The statements of a document, with the path of each relative to the policy resource. */
export function statements(ctx: RuleContext, policy: Resource, doc: Readonly<Record<string, unknown>>): Statement[] {
  const raw = doc['Statement'];
  const many = Array.isArray(raw);
  const base = ctx.sourcePath(policy, doc) ?? ['Properties', 'PolicyDocument'];
  return list(raw).flatMap((s, index) => (isRecord(s) ? [new Statement(s, index, ctx.sourcePath(policy, s) ?? [...base, 'Statement', ...(many ? [index] : [])])] : []));
}

export type PrincipalKind = 'public' | 'cloudfront-oai' | 'cloudfront-service' | 'other' | 'unknown';

export interface PrincipalEntry {
  readonly kind: PrincipalKind;
  readonly text: string;
}

const OAI_ARN = /^arn:aws[\w-]*:iam::cloudfront:user\/CloudFront Origin Access Identity /i;

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  return printValue(v);
}

/**
 * Each principal a Principal element names, classified. Absent (`undefined`) gives no entry:
 * the caller says what a statement without a principal means.
 */
export function principalEntries(p: unknown, from: Resource, index: InventoryIndex): PrincipalEntry[] {
  if (p === undefined) return [];
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
      } else if (type === 'Service' && typeof v === 'string' && v.toLowerCase() === 'cloudfront.amazonaws.com')
        out.push({ kind: 'cloudfront-service', text: 'Service cloudfront.amazonaws.com' });
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

/** The values one condition key is tested against, per positive operator (IfExists and Not* do not restrict). Reads only that key. */
export function conditionValues(condition: Readonly<Record<string, unknown>>, key: string): { operator: string; values: unknown[] }[] {
  const out: { operator: string; values: unknown[] }[] = [];
  for (const operator of Object.keys(condition)) {
    if (!POSITIVE_OPERATORS.test(operator)) continue;
    const block = condition[operator];
    if (!isRecord(block)) continue;
    for (const k of Object.keys(block)) if (k.toLowerCase() === key.toLowerCase()) out.push({ operator, values: list(block[k]) });
  }
  return out;
}

/**
 * The restricting condition of a statement, described, or undefined when nothing narrows it.
 * Only restricting keys are read; a value known only at deployment is recorded by the read (the
 * check then ends not-evaluated unless it fails for another reason).
 */
export function restrictingCondition(condition: Readonly<Record<string, unknown>>): string | undefined {
  for (const operator of Object.keys(condition)) {
    if (!POSITIVE_OPERATORS.test(operator)) continue;
    const block = condition[operator];
    if (!isRecord(block)) continue;
    for (const k of Object.keys(block)) {
      const key = k.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) continue;
      const values = list(block[k]);
      if (values.length === 0) continue;
      // "*" matches everything: no restriction.
      if (values.some((x) => typeof x === 'string' && /^\*+$/.test(x.trim()))) continue;
      // A value known only at deployment is taken as confining; the read recorded it, so the
      // statement is not evaluated rather than passed.
      if (values.some((x) => x instanceof Unknown)) return `${operator} ${k}`;
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
  const re = new RegExp(
    '^' +
      pattern
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  return re.test(action);
}

/** The write actions a statement allows (Action patterns, or everything but NotAction), or an Unknown (recorded). */
export function writeActions(ctx: RuleContext, s: Statement): string[] | Unknown {
  const notActions = s.notActions;
  if (notActions !== undefined) {
    const patterns = notActions.map((a) => asString(a));
    if (patterns.some((p) => p === undefined)) return ctx.unknown(`${s.label(ctx)}: NotAction is known only at deployment`, s.path);
    return WRITE_ACTIONS.filter((w) => !patterns.some((p) => globMatches(p!, w)));
  }
  const patterns = (s.actions ?? []).map((a) => asString(a));
  if (patterns.some((p) => p === undefined)) return ctx.unknown(`${s.label(ctx)}: Action is known only at deployment`, s.path);
  return [...new Set(patterns.filter((p) => WRITE_ACTIONS.some((w) => globMatches(p!, w))).map((p) => p!))];
}

export function actionText(s: Statement): string {
  const notActions = s.notActions;
  if (notActions !== undefined) return `every action except ${notActions.map(textOf).join(', ')}`;
  return (s.actions ?? []).map(textOf).join(', ') || 'no action';
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
