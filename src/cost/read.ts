import type { Path, Resource } from '../model/resource.js';
import { asBoolean, asNumber, asString, describe, isComposite, isRecord, isRef, isUnknown, ResourceRef } from '../model/values.js';
import type { ValueReader } from './types.js';

/** Reads raw, literal properties: for tests and account resources (whose properties are already literal). */
export const literalReader: ValueReader = (resource: Resource, path: Path): unknown => {
  let cur: unknown = resource.properties;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isRecord(cur) && typeof key === 'string') cur = Object.hasOwn(cur, key) ? cur[key] : undefined;
    else return undefined;
  }
  return cur;
};

export type Known<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly why: string };

function unknownWhy(v: unknown): string {
  if (v === undefined) return 'not set';
  if (isUnknown(v) || isRef(v) || isComposite(v)) return describe(v);
  return `not a literal (${describe(v)})`;
}

/** Intrinsics left unresolved by a literal reader (`{Ref: X}`, `{"Fn::…": …}`) count as unknown too. */
function isIntrinsic(v: unknown): boolean {
  return isRecord(v) && Object.keys(v).length === 1 && /^(Ref|Fn::|Condition)/.test(Object.keys(v)[0] ?? '');
}

export function readNumber(read: ValueReader, r: Resource, path: Path): Known<number> {
  const v = read(r, path);
  const n = isIntrinsic(v) ? undefined : asNumber(v);
  return n === undefined ? { known: false, why: unknownWhy(v) } : { known: true, value: n };
}

export function readString(read: ValueReader, r: Resource, path: Path): Known<string> {
  const v = read(r, path);
  const s = isIntrinsic(v) ? undefined : asString(v);
  return s === undefined ? { known: false, why: unknownWhy(v) } : { known: true, value: s };
}

export function readBoolean(read: ValueReader, r: Resource, path: Path): Known<boolean> {
  const v = read(r, path);
  const b = isIntrinsic(v) ? undefined : asBoolean(v);
  return b === undefined ? { known: false, why: unknownWhy(v) } : { known: true, value: b };
}

export function readArray(read: ValueReader, r: Resource, path: Path): readonly unknown[] | undefined {
  const v = read(r, path);
  return Array.isArray(v) ? v : undefined;
}

/** The logical id a value refers to: a ResourceRef, a raw `{Ref: X}` / `{"Fn::GetAtt": [X, …]}`, else undefined. */
export function refTarget(v: unknown): string | undefined {
  if (v instanceof ResourceRef) return v.logicalId;
  // Accounts refer by physical id (i-…, eipalloc-…, an ARN): the string is the target's id.
  if (typeof v === 'string' && v !== '') return v;
  if (isRecord(v)) {
    const ref = v['Ref'];
    if (typeof ref === 'string') return ref;
    const ga = v['Fn::GetAtt'];
    if (Array.isArray(ga) && typeof ga[0] === 'string') return ga[0];
    if (typeof ga === 'string') return ga.split('.')[0];
  }
  return undefined;
}
