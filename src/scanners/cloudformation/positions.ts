// Source positions of a parsed template: JSON path → line and column, read from the YAML
// parser's events or from the JSON scan (json-template.ts). Built once per template in flat
// typed arrays, so the events can be dropped right after parsing and memory stays proportional
// to the number of nodes, whatever the length of keys or the depth of nesting (a map keyed by
// full path strings grows with depth × key length, which a hostile template can make quadratic).

import { EVENT_ID, SCALAR_STYLE, getScalarValue } from 'js-yaml';
import type { Event } from 'js-yaml';
import { longFormOf } from './schema.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export const SCALAR = 0;
export const SEQUENCE = 1;
export const MAPPING = 2;
/** Children of a larger collection are looked up through an index built on first use. */
const LINEAR_LIMIT = 16;

/** Start offset of a node, its tag or anchor included (a finding on `!Ref X` points at the tag). */
export function startOf(e: Event): number {
  let off = -1;
  switch (e.type) {
    case EVENT_ID.SCALAR:
      off = e.valueStart;
      if (off > 0 && (e.style === SCALAR_STYLE.DOUBLE_QUOTED || e.style === SCALAR_STYLE.SINGLE_QUOTED)) off--;
      break;
    case EVENT_ID.SEQUENCE:
    case EVENT_ID.MAPPING:
      off = e.start;
      break;
    default:
      return -1;
  }
  if (e.tagStart >= 0 && (off < 0 || e.tagStart < off)) off = e.tagStart;
  if (e.anchorStart >= 0 && (off < 0 || e.anchorStart < off)) off = e.anchorStart;
  return off;
}

/**
 * The nodes of one document in flat arrays. Node i is the i-th value node in document order
 * (mapping keys are not nodes: a value node carries its key's text and offset). A node's
 * children are i+1, then each next sibling at `next[child]`. Filled by `indexFromEvents` (YAML)
 * or by the JSON scanner (json-template.ts).
 */
export class NodeTable {
  kind: Uint8Array;
  start: Int32Array;
  keyStart: Int32Array;
  /** One past the node's last descendant: the next sibling, if any. */
  next: Int32Array;
  /**
   * A value's key, as a range of the text when the key needs no decoding (plain or simple
   * quoted keys, nearly all of them: no string is made for them until a lookup), else decoded.
   */
  keyFrom: Int32Array;
  keyTo: Int32Array;
  readonly decodedKeys = new Map<number, string>();
  /** The long-form key a short tag wraps the node in (`!Ref` → `Ref`), so paths through it resolve. */
  readonly wrap = new Map<number, string>();
  /** `!GetAtt A.B` is a scalar that becomes a two-item list. */
  readonly getAttScalars = new Set<number>();
  count = 0;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity).fill(-1);
    this.next = new Int32Array(capacity);
    this.keyFrom = new Int32Array(capacity).fill(-1);
    this.keyTo = new Int32Array(capacity);
  }

  /** Room for node `n` (the JSON scanner does not know the node count in advance). */
  ensure(n: number): void {
    if (n < this.kind.length) return;
    const size = Math.max(16, this.kind.length * 2, n + 1);
    const grow = <T extends Uint8Array | Int32Array>(from: T, make: (size: number) => T, fill?: number): T => {
      const to = make(size);
      if (fill !== undefined) to.fill(fill, from.length);
      to.set(from);
      return to;
    };
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.start = grow(this.start, (k) => new Int32Array(k));
    this.keyStart = grow(this.keyStart, (k) => new Int32Array(k), -1);
    this.next = grow(this.next, (k) => new Int32Array(k));
    this.keyFrom = grow(this.keyFrom, (k) => new Int32Array(k), -1);
    this.keyTo = grow(this.keyTo, (k) => new Int32Array(k));
  }
}

/** Positions of a YAML (or JSON parsed as YAML) document, read from the parser's events. */
export function indexFromEvents(text: string, events: readonly Event[]): PositionIndex {
  let capacity = 0;
  for (const e of events) if (e.type === EVENT_ID.SCALAR || e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.ALIAS) capacity++;
  const t = new NodeTable(capacity);
  let n = 0;
  // Open collections: node number, and for a mapping whether the next event is a key.
  const open: { node: number; mapping: boolean; expectKey: boolean; key: Event | undefined; skipDepth: number }[] = [];
  let i = events[0]?.type === EVENT_ID.DOCUMENT ? 1 : 0;
  for (; i < events.length; i++) {
    const e = events[i]!;
    if (e.type === EVENT_ID.DOCUMENT) break; // one document: parse() refused more
    const top = open[open.length - 1];
    if (top && top.skipDepth > 0) {
      // Inside a complex (collection) key: nothing in CloudFormation addresses it.
      if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) top.skipDepth++;
      else if (e.type === EVENT_ID.POP) top.skipDepth--;
      if (top.skipDepth === 0) {
        top.expectKey = false;
        top.key = undefined;
      }
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      const closed = open.pop();
      if (closed === undefined) break; // the document's end
      t.next[closed.node] = n;
      continue;
    }
    if (top?.mapping && top.expectKey) {
      if (e.type === EVENT_ID.SCALAR) {
        top.key = e;
        top.expectKey = false;
      } else if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) {
        top.skipDepth = 1;
      } else {
        top.expectKey = false;
        top.key = undefined;
      }
      continue;
    }
    // A value node.
    const node = n++;
    t.start[node] = startOf(e);
    if (top?.mapping) {
      const k = top.key;
      if (k?.type === EVENT_ID.SCALAR) {
        t.keyStart[node] = startOf(k);
        if (k.valueStart < 0) {
          t.keyFrom[node] = 0;
          t.keyTo[node] = 0;
        } else if (k.fast) {
          t.keyFrom[node] = k.valueStart;
          t.keyTo[node] = k.valueEnd;
        } else {
          t.decodedKeys.set(node, getScalarValue(text, k));
        }
      }
      top.expectKey = true;
      top.key = undefined;
    }
    if (e.type !== EVENT_ID.ALIAS && e.tagStart >= 0) {
      const long = longFormOf(text.slice(e.tagStart, e.tagEnd));
      if (long !== undefined) {
        t.wrap.set(node, long);
        if (e.type === EVENT_ID.SCALAR && long === 'Fn::GetAtt') t.getAttScalars.add(node);
      }
    }
    if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) {
      t.kind[node] = e.type === EVENT_ID.MAPPING ? MAPPING : SEQUENCE;
      open.push({ node, mapping: e.type === EVENT_ID.MAPPING, expectKey: true, key: undefined, skipDepth: 0 });
    } else {
      t.kind[node] = SCALAR;
      t.next[node] = n;
    }
  }
  // An unterminated collection (cannot happen after a successful parse) ends at the last node.
  for (const o of open) t.next[o.node] = n;
  t.count = n;
  return new PositionIndex(text, t);
}

/** Looks up positions in a NodeTable by JSON path. */
export class PositionIndex {
  private lineStarts: Int32Array | undefined;
  private readonly keyIndex = new Map<number, Map<string, number>>();
  private readonly itemIndex = new Map<number, Int32Array>();

  constructor(
    private readonly text: string,
    private readonly t: NodeTable,
  ) {}

  /**
   * Position (1-based) of the KEY at `path`; for an array item, the item's start; for the
   * long-form key of a short tag, the tag. The nearest existing ancestor when the path does not exist.
   */
  position(path: readonly (string | number)[]): Position {
    if (this.t.count === 0) return { line: 1, column: 1 };
    let node = 0;
    let offset = this.t.start[0]!;
    let unwrapped = false;
    let getAttItem = false;
    for (const seg of path) {
      if (getAttItem) break;
      const s = String(seg);
      const long = unwrapped ? undefined : this.t.wrap.get(node);
      if (long !== undefined) {
        if (s !== long) break;
        unwrapped = true;
        offset = this.t.start[node]!;
        continue;
      }
      if (this.t.getAttScalars.has(node)) {
        if (s !== '0' && s !== '1') break;
        getAttItem = true;
        continue;
      }
      const kind = this.t.kind[node];
      let child = -1;
      if (kind === MAPPING) child = this.childByKey(node, s);
      else if (kind === SEQUENCE && /^(0|[1-9]\d*)$/.test(s)) child = this.childByIndex(node, Number(s));
      if (child < 0) break;
      node = child;
      unwrapped = false;
      const key = this.t.keyStart[child]!;
      offset = kind === MAPPING && key >= 0 ? key : this.t.start[child]!;
    }
    return offset < 0 ? { line: 1, column: 1 } : this.toPosition(offset);
  }

  private childByKey(node: number, key: string): number {
    let index = this.keyIndex.get(node);
    if (index === undefined) {
      const end = this.t.next[node]!;
      let seen = 0;
      for (let c = node + 1; c < end; c = this.t.next[c]!) {
        if (this.keyIs(c, key)) return c;
        if (++seen === LINEAR_LIMIT) break;
      }
      if (seen < LINEAR_LIMIT) return -1;
      // A large mapping (Resources of a big template): index it once, so that lookups stay O(1).
      index = new Map<string, number>();
      for (let c = node + 1; c < end; c = this.t.next[c]!) {
        const k = this.keyOf(c);
        if (k !== undefined && !index.has(k)) index.set(k, c);
      }
      this.keyIndex.set(node, index);
    }
    return index.get(key) ?? -1;
  }

  private keyOf(node: number): string | undefined {
    const from = this.t.keyFrom[node]!;
    return from >= 0 ? this.text.slice(from, this.t.keyTo[node]) : this.t.decodedKeys.get(node);
  }

  private keyIs(node: number, key: string): boolean {
    const from = this.t.keyFrom[node]!;
    if (from < 0) return this.t.decodedKeys.get(node) === key;
    return this.t.keyTo[node]! - from === key.length && this.text.startsWith(key, from);
  }

  private childByIndex(node: number, wanted: number): number {
    let items = this.itemIndex.get(node);
    if (items === undefined) {
      const end = this.t.next[node]!;
      let seen = 0;
      for (let c = node + 1; c < end; c = this.t.next[c]!) {
        if (seen === wanted) return c;
        if (++seen === LINEAR_LIMIT) break;
      }
      if (seen < LINEAR_LIMIT) return -1;
      const list: number[] = [];
      for (let c = node + 1; c < end; c = this.t.next[c]!) list.push(c);
      items = Int32Array.from(list);
      this.itemIndex.set(node, items);
    }
    return wanted < items.length ? items[wanted]! : -1;
  }

  private toPosition(offset: number): Position {
    // Line starts are found on the first lookup: most templates of a large scan need none.
    this.lineStarts ??= lineStartsOf(this.text);
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

function lineStartsOf(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}
