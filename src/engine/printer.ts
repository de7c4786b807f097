// The one way a value that came from input reaches a message: bounded in length, objects
// summarised instead of serialised, and every known secret (secret parameters' values, every
// value given on the command line) replaced before anything is printed.

import { Composite, ResourceRef, Unknown, isRecord } from '../model/values.js';

const MAX_TEXT = 400;

/** A value as a message may show it. */
export function printValue(v: unknown): string {
  if (typeof v === 'string') return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}… (${v.length} characters)` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined) return '(not set)';
  if (v === null) return 'null';
  if (v instanceof Unknown) return `unknown (${printValue(v.reason)})`;
  if (v instanceof ResourceRef || v instanceof Composite) return printValue(v.toJSON());
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isRecord(v)) return `an object with ${Object.keys(v).length} key(s)`;
  return typeof v;
}

/** Replaces every occurrence of a secret (longest first) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s !== '' && out.includes(s)) out = out.split(s).join('***');
  return out;
}
