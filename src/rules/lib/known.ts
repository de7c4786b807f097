// Judging a value already read (an item of a list, a field of a nested object) as a literal,
// like `asKnownBoolean` in read.ts: absent stays undefined, an Unknown is passed on, and a value
// that exists but is known only at deployment (a reference, a composite string) becomes an
// Unknown the engine records.

import type { Path } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown, asNumber, asString } from '../../model/values.js';
import { printValue } from '../../engine/printer.js';

/** A literal string (numbers count: CloudFormation strings), absent (undefined), or Unknown (recorded). */
export function asKnownString(ctx: RuleContext, v: unknown, what: string, path?: Path): string | undefined | Unknown {
  if (v === undefined || v instanceof Unknown) return v;
  return asString(v) ?? ctx.unknown(`${what} is ${printValue(v)}, which is not a string known before deployment`, path);
}

/** A literal number (or numeric string), absent (undefined), or Unknown (recorded). */
export function asKnownNumber(ctx: RuleContext, v: unknown, what: string, path?: Path): number | undefined | Unknown {
  if (v === undefined || v instanceof Unknown) return v;
  return asNumber(v) ?? ctx.unknown(`${what} is ${printValue(v)}, which is not a number known before deployment`, path);
}

/**
 * Runs `fn` with its unknown reads not recorded and returns what it returned: for the "any of
 * these makes it pass" questions, where an unknown alternative must not hide a known pass.
 * When nothing passed, `surface` records the first Unknown found, so the check still ends
 * not-evaluated with its reason.
 */
export function surface(ctx: RuleContext, values: readonly unknown[], path?: Path): Unknown | undefined {
  const u = values.find((v): v is Unknown => v instanceof Unknown);
  return u ? ctx.unknown(u.reason, path) : undefined;
}
