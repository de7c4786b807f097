// The JSON fast path must read every text exactly as the YAML path does, or decline it. Each
// case parses the same text both ways and compares values (prototypes and -0 included) and the
// position of every path; texts the fast path must decline are listed with the reason.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constructFromEvents, parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseJsonTemplate } from '../../../src/scanners/cloudformation/json-template.js';
import { MAX_DEPTH, parseTemplateText } from '../../../src/scanners/cloudformation/parse.js';
import { indexFromEvents } from '../../../src/scanners/cloudformation/positions.js';
import type { PositionIndex } from '../../../src/scanners/cloudformation/positions.js';
import { CLOUDFORMATION_SCHEMA } from '../../../src/scanners/cloudformation/schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');

function viaYaml(text: string): { value: unknown; positions: PositionIndex } {
  const events = parseEvents(text, { filename: 't.json', maxDepth: MAX_DEPTH });
  const [value] = constructFromEvents(events, { source: text, filename: 't.json', schema: CLOUDFORMATION_SCHEMA, maxAliases: 0 });
  return { value, positions: indexFromEvents(text, events) };
}

function yamlReads(text: string): boolean {
  try {
    viaYaml(text);
    return true;
  } catch {
    return false;
  }
}

/** Every path in a value, plus one missing key under each mapping and one index past each list. */
function pathsOf(value: unknown, limit = 20_000): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (out.length >= limit) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        out.push([...path, i]);
        walk(item, [...path, i]);
      });
      out.push([...path, v.length]);
    } else if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) {
        out.push([...path, k]);
        walk((v as Record<string, unknown>)[k], [...path, k]);
      }
      out.push([...path, 'NoSuchKey']);
    }
  };
  walk(value, []);
  return out;
}

/** Deep equality that also tells -0 from 0 and checks prototypes and own-key order. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]));
}

function expectSameReading(text: string, name = 'text'): void {
  const fast = parseJsonTemplate(text, MAX_DEPTH);
  expect(fast, `${name}: the fast path declined plain JSON`).toBeDefined();
  const slow = viaYaml(text);
  expect(same(fast!.value, slow.value), `${name}: values differ`).toBe(true);
  for (const path of pathsOf(slow.value)) {
    expect(fast!.positions.position(path), `${name} ${JSON.stringify(path)}`).toEqual(slow.positions.position(path));
  }
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(json|template)$/.test(name)) out.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    // ../shared is absent in a fresh clone.
  }
  return out;
}

describe('JSON fast path reads as the YAML path does', () => {
  it.each([
    ['a small template', '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"Key": "a", "Value": "b"}]}}}}'],
    ['pretty-printed with tabs and CRLF', '{\r\n\t"Resources" : {\r\n\t\t"B" : { "Type" : "X::Y::Z" }\r\n\t}\r\n}\r\n'],
    ['escaped keys and values', '{"Resources": {"A\\"b": {"Type": "X::Y::Z", "P\\u0041": "\\\\", "Q": "a\\\\\\"b", "R\\\\": "\\/\\ud83d\\ude00"}}}'],
    ['a key that ends in an escaped backslash', '{"Resources": {"k\\\\": {"Type": "X::Y::Z"}, "n": {"Type": "\\\\\\\\"}}}'],
    [
      'names of JavaScript built-ins',
      '{"Resources": {"__proto__": {"Type": "X::Y::Z"}, "constructor": {"Type": "X::Y::Z", "Properties": {"toString": 1, "hasOwnProperty": null}}}}',
    ],
    ['numbers of every JSON form', '{"Resources": {}, "N": [0, -0, 1, -1, 1.5, 1e5, 1E5, 1e+5, 1e-5, -1.5E-3, 1e-400, 12345678901234567890, 0.1]}'],
    ['literals and empty collections', '{"Resources": {}, "L": [true, false, null, {}, [], [[]], {"a": {}}]}'],
    ['raw non-ASCII, NEL and line separators inside strings', '{"Resources": {}, "S": "é\u0085\u2028\u2029漢字😀"}'],
    ['an empty key', '{"Resources": {"": {"Type": "X::Y::Z"}}}'],
    ['a long key', `{"Resources": {"${'k'.repeat(3000)}": {"Type": "X::Y::Z"}}}`],
    [
      'a wide mapping and a long list',
      `{"Resources": {${Array.from({ length: 300 }, (_, i) => `"R${i}": {"Type": "X::Y::Z", "L": [${Array.from({ length: 40 }, (_, j) => j).join(',')}]}`).join(',')}}}`,
    ],
  ])('%s', (_name, text) => {
    expectSameReading(text, _name);
  });

  it(`accepts nesting exactly as far as the YAML path does (${MAX_DEPTH} levels)`, () => {
    for (const depth of [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1]) {
      const text = `{"Resources": {}, "D": ${'['.repeat(depth - 2)}1${']'.repeat(depth - 2)}}`;
      if (yamlReads(text)) expectSameReading(text, `depth ${depth}`);
      else expect(parseJsonTemplate(text, MAX_DEPTH), `depth ${depth}`).toBeUndefined();
    }
    // Both sides of the limit are exercised.
    expect([MAX_DEPTH - 2, MAX_DEPTH + 1].map((d) => yamlReads(`{"D": ${'['.repeat(d - 2)}1${']'.repeat(d - 2)}}`))).toEqual([true, false]);
  });

  it.each([
    ['a duplicate key (the YAML path names it)', '{"Resources": {"A": {"Type": "X::Y::Z"}, "A": {"Type": "X::Y::Z"}}}'],
    ['a duplicate key written with an escape', '{"Resources": {"A": 1, "\\u0041": 2}}'],
    ['a number too large for a double (the YAML path keeps its text)', '{"Resources": {}, "N": 1E400}'],
    ['nesting past the limit', `{"Resources": ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}}`],
    ['a C1 control character inside a string', '{"Resources": {}, "S": "a\u0090b"}'],
    ['a lone surrogate', '{"Resources": {}, "S": "a\ud800b"}'],
    ['invalid JSON that YAML may read', '{"Resources": {}, "S": a}'],
    ['a trailing comma', '{"Resources": {},}'],
    ['a second document', '{"Resources": {}}\n---\n{}'],
    ['a comment', '{"Resources": {}} # note'],
    ['an unterminated string', '{"Resources": {"A'],
    ['an unterminated mapping', '{"Resources": {'],
  ])('declines %s', (_name, text) => {
    expect(parseJsonTemplate(text, MAX_DEPTH)).toBeUndefined();
  });

  it('gives the same outcome as before for declined text: the YAML path reports it', () => {
    const outcome = parseTemplateText('{\n"Resources": {"A": {"Type": "X::Y::Z"},\n "A": {"Type": "X::Y::Z"}}}', 'dup.json');
    expect(outcome).toMatchObject({ kind: 'error', error: { file: 'dup.json', line: 3, message: 'duplicate key "A"' } });
  });

  const files = [...jsonFiles(join(repo, 'fixtures')), ...jsonFiles(join(repo, '../shared/corpus/templates'))].filter((f) =>
    /^\s*\{/.test(readFileSync(f, 'utf8').replace(/^\ufeff/, '')),
  );

  it('covers the bundled fixtures', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.slice(repo.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    if (yamlReads(text)) expectSameReading(text, file);
    else expect(parseJsonTemplate(text, MAX_DEPTH), 'accepted what the YAML path refuses').toBeUndefined();
  });
});
