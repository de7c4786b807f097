// Values as rules see them. A template's value may be unknowable before deployment (a
// parameter without a default, an import no stack exports) and an account's value may be
// unreadable (AccessDenied). Both become `Unknown` with a reason, so a rule can say
// "not evaluated because …" instead of guessing pass or fail.

/** A value no input shows: an unresolved Ref, a parameter without a default, a failed API read. */
export class Unknown {
  readonly kind = 'unknown' as const;
  constructor(readonly reason: string) {}
  toJSON(): string {
    return `<unknown: ${this.reason}>`;
  }
}

/** A reference to another resource of the same scan (`Ref` or `Fn::GetAtt`); its real value exists only once deployed. */
export class ResourceRef {
  readonly kind = 'ref' as const;
  constructor(
    /** Key of the template the resource lives in (its file path, or file#stack in a cloud assembly). */
    readonly scope: string,
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}
  toJSON(): string {
    return this.attribute ? `<GetAtt ${this.logicalId}.${this.attribute}>` : `<Ref ${this.logicalId}>`;
  }
}

/** A string built from literal parts and references (`Fn::Sub`, `Fn::Join`): its shape is known, its exact text is not. */
export class Composite {
  readonly kind = 'composite' as const;
  constructor(readonly parts: readonly (string | ResourceRef | Unknown)[]) {}
  /** The text with each reference written as `${LogicalId}` / `${LogicalId.Attr}` and each unknown as `${?}`. */
  text(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : p instanceof ResourceRef ? `\${${p.logicalId}${p.attribute ? `.${p.attribute}` : ''}}` : '${?}')).join('');
  }
  toJSON(): string {
    return this.text();
  }
}

/**
 * What a possible value assumes: an unknown condition taken as true or false
 * (`cond:IsProd` → true), or a parameter given one of its AllowedValues (`param:Env` → 'prod').
 */
export type Assumptions = Readonly<Record<string, string | boolean>>;

/** One possible value of a template property, with the assumptions under which it holds. */
export interface Possible<T = unknown> {
  readonly value: T;
  readonly when: Assumptions;
}

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;
export const isRef = (v: unknown): v is ResourceRef => v instanceof ResourceRef;
export const isComposite = (v: unknown): v is Composite => v instanceof Composite;

/** A plain (JSON-like) object, not an array and not one of the markers above. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof ResourceRef) && !(v instanceof Composite);
}

/** Follows a path into a value; an Unknown on the way is the answer, a missing key is undefined. */
export function dig(value: unknown, path: readonly (string | number)[]): unknown {
  let cur = value;
  for (const k of path) {
    if (cur instanceof Unknown || cur === undefined) return cur;
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k];
    else if (isRecord(cur) && typeof k === 'string') cur = cur[k];
    else return undefined;
  }
  return cur;
}

/** A literal string, or undefined for anything else (numbers are CloudFormation strings too). */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A number from a number or a numeric string ("22"), else undefined. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** CloudFormation accepts true/false and "true"/"false" (any case) for booleans. */
export function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** Describes a value for a message without ever printing more than needed. */
export function describe(v: unknown): string {
  if (v instanceof Unknown) return `unknown (${v.reason})`;
  if (v instanceof ResourceRef || v instanceof Composite) return v.toJSON();
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? 'undefined';
}
