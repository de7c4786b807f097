// Account resources are literal: their properties are what the API returned, with an Unknown
// wherever a read failed. Rules read them through views that record every Unknown they touch,
// exactly as template values are recorded, so "could not read" can never become a pass.

import type { Path } from '../model/resource.js';
import { recordUnknown } from '../model/scenario.js';
import { Unknown, isRecord } from '../model/values.js';

const MAX_DEPTH = 200;

/** Whether a literal value holds an Unknown anywhere (memoised per object). */
export class UnknownScanner {
  private readonly memo = new WeakMap<object, boolean>();

  contains(v: unknown, depth = 0): boolean {
    if (v instanceof Unknown) return true;
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return false;
    const hit = this.memo.get(v);
    if (hit !== undefined) return hit;
    let found = false;
    if (Array.isArray(v)) found = v.some((x) => this.contains(x, depth + 1));
    else if (isRecord(v)) found = Object.keys(v).some((k) => this.contains(v[k], depth + 1));
    this.memo.set(v, found);
    return found;
  }
}

/** Views over literal data that record the Unknowns a rule reads; data without one is returned as is. */
export class LiteralViews {
  private readonly views = new WeakMap<object, unknown>();
  private readonly scanner = new UnknownScanner();

  constructor(private readonly scope: string) {}

  /** The value to hand a rule for `v` found at `path`. */
  read(v: unknown, path: Path): unknown {
    if (v instanceof Unknown) {
      recordUnknown({ reason: v.reason, path, scope: this.scope });
      return v;
    }
    if (v === null || typeof v !== 'object' || !this.scanner.contains(v)) return v;
    if (Array.isArray(v)) {
      // A list is read whole: each unreadable item is an unknown read.
      v.forEach((x, i) => {
        if (x instanceof Unknown) recordUnknown({ reason: x.reason, path: [...path, i], scope: this.scope });
      });
      let view = this.views.get(v) as unknown[] | undefined;
      if (!view) {
        view = v.map((x, i) => (x instanceof Unknown ? x : this.read(x, [...path, i])));
        this.views.set(v, view);
      }
      return view;
    }
    let view = this.views.get(v) as Record<string, unknown> | undefined;
    if (!view) {
      const rec = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(rec)) {
        const child = rec[k];
        if (child === null || typeof child !== 'object' || (!(child instanceof Unknown) && !this.scanner.contains(child))) {
          Object.defineProperty(out, k, { value: child, enumerable: true, configurable: false, writable: false });
        } else Object.defineProperty(out, k, { get: () => this.read(child, [...path, k]), enumerable: true, configurable: false });
      }
      view = out;
      this.views.set(v, view);
    }
    return view;
  }
}
