// A fast path for templates written as plain JSON: the value from the engine's own JSON.parse
// (native, many times faster than a YAML parser on the same text) and positions from one
// linear scan of the text. It answers only when the YAML path would read the text the same
// way; anything else (invalid JSON, duplicate keys, nesting past the limit, characters YAML
// refuses, numbers too large for a double) returns undefined and the YAML path parses the
// file, so every error message and every value stays what it was.

import { MAPPING, NodeTable, PositionIndex, SCALAR, SEQUENCE } from './positions.js';

export interface JsonTemplate {
  readonly value: unknown;
  readonly positions: PositionIndex;
}

// What js-yaml refuses anywhere in a stream (its PATTERN_NON_PRINTABLE): C0 controls but tab
// and line breaks, DEL, C1 controls but NEL, U+FFFE/U+FFFF and lone surrogates. JSON.parse
// accepts several of these inside strings.
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The value and positions of `text` when it is plain JSON read alike by JSON.parse and the YAML path; else undefined. */
export function parseJsonTemplate(text: string, maxDepth: number): JsonTemplate | undefined {
  if (NON_PRINTABLE.test(text)) return undefined;
  // The scan comes first: it stops at the depth limit before JSON.parse would walk millions of brackets.
  const scanned = scanJson(text, maxDepth);
  if (scanned === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // JSON.parse keeps the last of duplicate keys where the YAML path reports them: fewer keys
  // in the value than in the text means a duplicate.
  if (!sameKeysAndFiniteNumbers(value, scanned.keys)) return undefined;
  return { value, positions: new PositionIndex(text, scanned.table) };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Node table of valid JSON in one pass; undefined as soon as the text is not JSON-shaped or
 * nests deeper than `maxDepth`. Validity itself is JSON.parse's job: this only has to be right
 * on valid JSON and to stop, in linear time, on anything else.
 */
function scanJson(text: string, maxDepth: number): { table: NodeTable; keys: number } | undefined {
  const length = text.length;
  const table = new NodeTable(Math.min(1 << 20, 16 + (length >> 4)));
  // Open collections, innermost last: node number and whether it is a mapping.
  const open: number[] = [];
  const openIsMapping: boolean[] = [];
  let n = 0;
  let keys = 0;
  // The next backslash at or after the cursor, found once and reused, so that checking each
  // string for escapes stays linear however far apart the backslashes are.
  let backslash = -2;
  const escapedBetween = (from: number, to: number): boolean => {
    if (backslash !== -1 && backslash < from) backslash = text.indexOf('\\', from);
    return backslash !== -1 && backslash < to;
  };
  /** Index of the quote closing the string that opens at `at`, or -1. */
  const stringEnd = (at: number): number => {
    let from = at + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q === -1) return -1;
      let k = q - 1;
      while (k > at && text.charCodeAt(k) === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) return q;
      from = q + 1;
    }
  };
  const skipSpace = (from: number): number => {
    let i = from;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    return i;
  };

  let i = skipSpace(0);
  let keyStart = -1;
  let keyFrom = -1;
  let keyTo = 0;
  let keyText: string | undefined;
  for (;;) {
    // A value starts at i; inside a mapping, its key was just read.
    if (i >= length) return undefined;
    // js-yaml counts every node on the way down, the document and the scalar at the bottom included.
    if (open.length + 1 >= maxDepth) return undefined;
    const node = n++;
    table.ensure(node);
    table.start[node] = i;
    if (openIsMapping[openIsMapping.length - 1] === true) {
      table.keyStart[node] = keyStart;
      if (keyText === undefined) {
        table.keyFrom[node] = keyFrom;
        table.keyTo[node] = keyTo;
      } else table.decodedKeys.set(node, keyText);
    }
    const c = text.charCodeAt(i);
    let opened = false;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const mapping = c === OPEN_BRACE;
      table.kind[node] = mapping ? MAPPING : SEQUENCE;
      open.push(node);
      openIsMapping.push(mapping);
      i = skipSpace(i + 1);
      const close = text.charCodeAt(i);
      if (close !== (mapping ? CLOSE_BRACE : CLOSE_BRACKET)) opened = true;
    } else if (c === QUOTE) {
      const end = stringEnd(i);
      if (end === -1) return undefined;
      table.kind[node] = SCALAR;
      table.next[node] = n;
      i = skipSpace(end + 1);
    } else {
      // A number, true, false or null: up to the next delimiter.
      const from = i;
      while (i < length) {
        const d = text.charCodeAt(i);
        if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
        i++;
      }
      if (i === from) return undefined;
      table.kind[node] = SCALAR;
      table.next[node] = n;
      i = skipSpace(i);
    }

    if (!opened) {
      // After a value (or an empty collection, whose closing bracket is at i): close what ends here.
      for (;;) {
        if (open.length === 0) {
          table.count = n;
          return skipSpace(i) === length ? { table, keys } : undefined;
        }
        const mapping = openIsMapping[openIsMapping.length - 1];
        const d = text.charCodeAt(i);
        if (d === (mapping ? CLOSE_BRACE : CLOSE_BRACKET)) {
          table.next[open.pop()!] = n;
          openIsMapping.pop();
          i = skipSpace(i + 1);
          continue;
        }
        if (d !== COMMA) return undefined;
        i = skipSpace(i + 1);
        break;
      }
    }
    if (openIsMapping[openIsMapping.length - 1] === true) {
      // A key, then a colon.
      if (text.charCodeAt(i) !== QUOTE) return undefined;
      const end = stringEnd(i);
      if (end === -1) return undefined;
      keys++;
      keyStart = i;
      if (escapedBetween(i + 1, end)) {
        try {
          keyText = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return undefined;
        }
      } else {
        keyText = undefined;
        keyFrom = i + 1;
        keyTo = end;
      }
      i = skipSpace(end + 1);
      if (text.charCodeAt(i) !== COLON) return undefined;
      i = skipSpace(i + 1);
    }
  }
}

/**
 * Whether the value holds `keys` mapping keys in all (fewer means JSON.parse dropped a
 * duplicate) and only finite numbers (js-yaml keeps `1e400` as a string; JSON.parse makes it
 * Infinity). Iterative: depth is bounded already, but a wide value needs no recursion either.
 */
function sameKeysAndFiniteNumbers(value: unknown, keys: number): boolean {
  let counted = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const k in v) {
        counted++;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return counted === keys;
}
