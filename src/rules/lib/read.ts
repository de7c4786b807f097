// Reading a property as a literal. A value that exists but is known only at deployment (a
// reference, a composite string) becomes an Unknown the engine records: the check then ends
// not-evaluated with that reason unless it fails for another reason. Rules never write
// "is known only at deployment" themselves.

import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, asNumber, asString } from '../../model/values.js';
import { printValue } from '../../engine/printer.js';

function literal<T>(ctx: RuleContext, r: Resource, path: Path, convert: (v: unknown) => T | undefined, what: string): T | undefined | Unknown {
  const v = ctx.get(r, path);
  if (v === undefined || v instanceof Unknown) return v;
  const out = convert(v);
  if (out !== undefined) return out;
  return ctx.unknown(`${path.join('.')} is ${printValue(v)}, which is not ${what} known before deployment`, ['Properties', ...path]);
}

/** A boolean property (`true`/`"true"`), absent (undefined), or Unknown. */
export function boolOf(ctx: RuleContext, r: Resource, path: Path): boolean | undefined | Unknown {
  return literal(ctx, r, path, asBoolean, 'a boolean');
}

export function numberOf(ctx: RuleContext, r: Resource, path: Path): number | undefined | Unknown {
  return literal(ctx, r, path, asNumber, 'a number');
}

export function stringOf(ctx: RuleContext, r: Resource, path: Path): string | undefined | Unknown {
  return literal(ctx, r, path, asString, 'a string');
}

/** The same for a value already read (an item of a list, a nested field). */
export function asKnownBoolean(ctx: RuleContext, v: unknown, what: string, path?: Path): boolean | undefined | Unknown {
  if (v === undefined || v instanceof Unknown) return v;
  return asBoolean(v) ?? ctx.unknown(`${what} is ${printValue(v)}, which is not a boolean known before deployment`, path);
}
