// Fn::ForEach (the AWS::LanguageExtensions transform), expanded as CloudFormation expands it
// before anything else reads the template: `${Identifier}` and `&{Identifier}` in keys and
// strings, `Ref: Identifier`, nested loops, in Resources, Outputs, Conditions and properties.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html

import type { Path } from '../../model/resource.js';
import { isRecord } from '../../model/values.js';

const PREFIX = 'Fn::ForEach::';
/** CloudFormation allows 500 resources; this bounds what a loop over a huge list may build. */
const MAX_EXPANDED_NODES = 2_000_000;

/** A loop whose collection is known only at deployment: its resources cannot be checked. */
export interface UnexpandedLoop {
  readonly loop: string;
  /** Template-absolute path of the loop. */
  readonly path: Path;
  readonly reason: string;
  /** Output keys and resource types of its fragment, as written (identifiers not substituted). */
  readonly outputs: readonly { readonly key: string; readonly type?: string }[];
}

export interface Expansion {
  readonly body: Readonly<Record<string, unknown>>;
  /** Where each expanded logical id (Resources) came from in the original template. */
  readonly origins: ReadonlyMap<string, Path>;
  readonly unexpanded: readonly UnexpandedLoop[];
}

export class ForEachError extends Error {
  constructor(
    message: string,
    readonly path: Path,
  ) {
    super(message);
  }
}

/** The collection's items, or why they are not known. Given the raw collection node. */
export type CollectionReader = (raw: unknown) => readonly string[] | { readonly unknown: string };

/** Whether the template uses Fn::ForEach anywhere (cheap check before copying anything). */
export function usesForEach(body: Readonly<Record<string, unknown>>): boolean {
  const todo: unknown[] = [body['Resources'], body['Outputs'], body['Conditions']];
  while (todo.length > 0) {
    const n = todo.pop();
    if (Array.isArray(n)) for (const x of n) todo.push(x);
    else if (isRecord(n)) {
      for (const k of Object.keys(n)) {
        if (k.startsWith(PREFIX)) return true;
        todo.push(n[k]);
      }
    }
  }
  return false;
}

export function expandForEach(body: Readonly<Record<string, unknown>>, collection: CollectionReader): Expansion {
  const origins = new Map<string, Path>();
  const unexpanded: UnexpandedLoop[] = [];
  let budget = MAX_EXPANDED_NODES;
  const spend = (path: Path) => {
    if (--budget < 0) throw new ForEachError(`Fn::ForEach expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes`, path);
  };

  /** Expands loops inside a node (any object may hold `Fn::ForEach::` keys). */
  const expand = (node: unknown, path: Path, section: string | undefined): unknown => {
    spend(path);
    if (Array.isArray(node)) return node.map((x, i) => expand(x, [...path, i], undefined));
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    const put = (k: string, v: unknown, from: Path) => {
      if (Object.hasOwn(out, k)) throw new ForEachError(`Fn::ForEach produces the key ${k} twice`, from);
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      if (section === 'Resources') origins.set(k, from);
    };
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (!key.startsWith(PREFIX)) {
        put(key, expand(value, [...path, key], undefined), [...path, key]);
        continue;
      }
      const loopPath = [...path, key];
      if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isRecord(value[2])) {
        throw new ForEachError(`${key} must be [Identifier, Collection, {OutputKey: OutputValue}]`, loopPath);
      }
      const [identifier, coll, fragment] = value as [string, unknown, Record<string, unknown>];
      const items = collection(coll);
      if (!Array.isArray(items)) {
        const reason = (items as { unknown: string }).unknown;
        unexpanded.push({
          loop: key.slice(PREFIX.length),
          path: loopPath,
          reason,
          outputs: Object.keys(fragment).map((k) => {
            const t = isRecord(fragment[k]) ? (fragment[k] as Record<string, unknown>)['Type'] : undefined;
            return { key: k, ...(typeof t === 'string' ? { type: t } : {}) };
          }),
        });
        continue;
      }
      for (const item of items as readonly string[]) {
        for (const outKey of Object.keys(fragment)) {
          const from: Path = [...loopPath, 2, outKey];
          const newKey = substitute(outKey, identifier, item);
          if (newKey === outKey && !outKey.startsWith(PREFIX)) throw new ForEachError(`${key}: the output key ${outKey} must contain \${${identifier}} or &{${identifier}}`, from);
          const replaced = replaceIdentifier(fragment[outKey], identifier, item, spend, from);
          if (newKey.startsWith(PREFIX)) {
            // A nested loop: its own keys are expanded into this object.
            const inner = expand({ [newKey]: replaced }, path, section) as Record<string, unknown>;
            for (const k of Object.keys(inner)) put(k, inner[k], origins.get(k) ?? from);
          } else put(newKey, expand(replaced, [...path, newKey], undefined), from);
        }
      }
    }
    return out;
  };

  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    const v = body[key];
    const expanded = key === 'Resources' || key === 'Outputs' || key === 'Conditions' ? expand(v, [key], key) : v;
    Object.defineProperty(out, key, { value: expanded, enumerable: true, writable: true, configurable: true });
  }
  return { body: out, origins, unexpanded };
}

/** `${Id}` → the item; `&{Id}` → the item with non-alphanumeric characters removed (for logical ids). */
function substitute(text: string, identifier: string, item: string): string {
  return text
    .split(`\${${identifier}}`)
    .join(item)
    .split(`&{${identifier}}`)
    .join(item.replace(/[^A-Za-z0-9]/g, ''));
}

function replaceIdentifier(node: unknown, identifier: string, item: string, spend: (p: Path) => void, path: Path): unknown {
  spend(path);
  if (typeof node === 'string') return substitute(node, identifier, item);
  if (Array.isArray(node)) return node.map((x, i) => replaceIdentifier(x, identifier, item, spend, [...path, i]));
  if (!isRecord(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'Ref' && node['Ref'] === identifier) return item;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    Object.defineProperty(out, substitute(k, identifier, item), {
      value: replaceIdentifier(node[k], identifier, item, spend, [...path, k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
