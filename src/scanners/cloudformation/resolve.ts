// Resolves CloudFormation intrinsic functions to every value they can take.
//
// A parameter is its override, else its Default (the deployment a user gets by default);
// with neither, each AllowedValue is a scenario; with none of those it is Unknown. A
// condition whose inputs are known is evaluated and Fn::If takes that branch; otherwise
// Fn::If yields both branches, each tagged with the assumption it makes. Everything that
// cannot be known before deployment becomes Unknown/ResourceRef/Composite — never a guess.

import type { Path } from '../../model/resource.js';
import { Composite, ResourceRef, Unknown, isRecord, type Assumptions, type Possible } from '../../model/values.js';
import { cidrSubnets } from './cidr.js';

/** `Ref: AWS::NoValue` — the property or list item is absent. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** More combinations than this collapse: keeps resolution bounded on adversarial templates. */
const MAX_POSSIBILITIES = 64;
const MAX_DEPTH = 200;

export class TemplateStructureError extends Error {
  constructor(
    message: string,
    readonly path: Path,
  ) {
    super(message);
  }
}

export interface ParameterInfo {
  readonly name: string;
  readonly type: string;
  readonly noEcho: boolean;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly allowedValues?: readonly unknown[];
  readonly overridden: boolean;
}

export interface ResolverOptions {
  readonly scope: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly parameterValues?: Readonly<Record<string, string>>;
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  /** Looks an export up among the other templates of the scan (or cloud assembly). */
  readonly importValue?: (name: string) => readonly Possible[] | undefined;
}

const PSEUDO: Record<string, (o: ResolverOptions) => unknown> = {
  'AWS::Region': (o) => o.region,
  'AWS::AccountId': (o) => o.accountId,
  'AWS::Partition': (o) => (o.region.startsWith('cn-') ? 'aws-cn' : o.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'),
  'AWS::URLSuffix': (o) => (o.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'),
  'AWS::StackName': (o) => o.stackName,
  'AWS::StackId': (o) => `arn:aws:cloudformation:${o.region}:${o.accountId}:stack/${o.stackName}/00000000-0000-0000-0000-000000000000`,
  'AWS::NotificationARNs': () => [],
};

const one = (value: unknown, when: Assumptions = {}): Possible[] => [{ value, when }];

/** Combines two sets of assumptions; undefined when they contradict each other. */
export function mergeAssumptions(a: Assumptions, b: Assumptions): Assumptions | undefined {
  let out: Record<string, string | boolean> | undefined;
  for (const [k, v] of Object.entries(b)) {
    if (k in a) {
      if (a[k] !== v) return undefined;
      continue;
    }
    out ??= { ...a };
    out[k] = v;
  }
  return out ?? a;
}

/** Every consistent combination of the parts' possibilities (bounded). */
function product(parts: readonly (readonly Possible[])[]): { values: unknown[]; when: Assumptions }[] {
  let acc: { values: unknown[]; when: Assumptions }[] = [{ values: [], when: {} }];
  for (const options of parts) {
    if (options.length === 1) {
      const only = options[0]!;
      const next: typeof acc = [];
      for (const a of acc) {
        const when = mergeAssumptions(a.when, only.when);
        if (when) next.push({ values: [...a.values, only.value], when });
      }
      acc = next;
      continue;
    }
    const next: typeof acc = [];
    for (const a of acc) {
      for (const o of options) {
        const when = mergeAssumptions(a.when, o.when);
        if (when) next.push({ values: [...a.values, o.value], when });
        if (next.length >= MAX_POSSIBILITIES) break;
      }
      if (next.length >= MAX_POSSIBILITIES) break;
    }
    acc = next;
  }
  return acc;
}

function isIntrinsicKey(k: string): boolean {
  return k === 'Ref' || k.startsWith('Fn::') || k === 'Condition';
}

export class Resolver {
  private readonly parameters: Readonly<Record<string, unknown>>;
  private readonly conditions: Readonly<Record<string, unknown>>;
  private readonly mappings: Readonly<Record<string, unknown>>;
  private readonly resources: Readonly<Record<string, unknown>>;
  private readonly conditionCache = new Map<string, Possible[]>();
  private readonly conditionStack: string[] = [];
  private readonly paramCache = new Map<string, Possible[]>();
  /** Resolved object/array → the raw path it came from, for precise finding lines. */
  private readonly origins = new WeakMap<object, Path>();
  /** Raw object/array without intrinsics → whether it has none; filled once per node. */
  private readonly literal = new WeakMap<object, boolean>();
  /** A node inside a literal subtree → its parent and key, so its path is rebuilt only when asked. */
  private readonly parents = new WeakMap<object, readonly [object, string | number]>();

  constructor(readonly options: ResolverOptions) {
    const b = options.body;
    this.parameters = isRecord(b['Parameters']) ? b['Parameters'] : {};
    this.conditions = isRecord(b['Conditions']) ? b['Conditions'] : {};
    this.mappings = isRecord(b['Mappings']) ? b['Mappings'] : {};
    this.resources = isRecord(b['Resources']) ? b['Resources'] : {};
  }

  sourcePath(node: unknown): Path | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const known = this.origins.get(node);
    if (known) return known;
    const up = this.parents.get(node);
    if (!up) return undefined;
    const parent = this.sourcePath(up[0]);
    return parent ? [...parent, up[1]] : undefined;
  }

  /**
   * Whether a raw subtree holds no intrinsic function. Such a subtree resolves to itself —
   * most of a template — so it is returned as is instead of being copied node by node.
   */
  private isLiteral(raw: object, depth: number): boolean {
    const cached = this.literal.get(raw);
    if (cached !== undefined) return cached;
    if (depth > MAX_DEPTH) throw new TemplateStructureError('template nesting is too deep to resolve', []);
    let result = true;
    if (Array.isArray(raw)) {
      for (let i = 0; i < raw.length; i++) {
        const v: unknown = raw[i];
        if (v !== null && typeof v === 'object') {
          if (!this.isLiteral(v, depth + 1)) result = false;
          else this.parents.set(v, [raw, i]);
        }
      }
    } else {
      const keys = Object.keys(raw);
      if (keys.length === 1 && isIntrinsicKey(keys[0]!)) result = false;
      else {
        for (const k of keys) {
          const v = (raw as Record<string, unknown>)[k];
          if (v !== null && typeof v === 'object') {
            if (!this.isLiteral(v, depth + 1)) result = false;
            else this.parents.set(v, [raw, k]);
          }
        }
      }
    }
    this.literal.set(raw, result);
    return result;
  }

  parameter(name: string): ParameterInfo | undefined {
    const def = this.parameters[name];
    if (!isRecord(def)) return undefined;
    const info: ParameterInfo = {
      name,
      type: typeof def['Type'] === 'string' ? def['Type'] : 'String',
      noEcho: def['NoEcho'] === true || def['NoEcho'] === 'true',
      hasDefault: 'Default' in def,
      default: def['Default'],
      overridden: this.options.parameterValues?.[name] !== undefined,
      ...(Array.isArray(def['AllowedValues']) ? { allowedValues: def['AllowedValues'] } : {}),
    };
    return info;
  }

  /** Every possible value of a raw template node found at `path`. */
  resolve(raw: unknown, path: Path): Possible[] {
    return this.node(raw, path, 0);
  }

  /** Every possible truth value of a named condition (boolean, or Unknown). */
  condition(name: string, path: Path = ['Conditions', name]): Possible[] {
    const cached = this.conditionCache.get(name);
    if (cached) return cached;
    if (this.conditionStack.includes(name)) {
      throw new TemplateStructureError(`circular condition: ${[...this.conditionStack, name].join(' -> ')}`, ['Conditions', name]);
    }
    if (!(name in this.conditions)) {
      throw new TemplateStructureError(`condition ${name} is not defined in Conditions`, path);
    }
    this.conditionStack.push(name);
    try {
      const result = this.node(this.conditions[name], ['Conditions', name], 0).map((p) => ({
        value: typeof p.value === 'boolean' ? p.value : p.value instanceof Unknown ? p.value : new Unknown(`condition ${name} does not evaluate to a boolean`),
        when: p.when,
      }));
      this.conditionCache.set(name, result);
      return result;
    } finally {
      this.conditionStack.pop();
    }
  }

  /** Whether a resource whose `Condition` is `name` exists: true, false, or unknown. */
  conditionHolds(name: string): boolean | Unknown {
    const poss = this.condition(name);
    if (poss.every((p) => p.value === true)) return true;
    if (poss.every((p) => p.value === false)) return false;
    return new Unknown(`condition ${name} depends on values not known before deployment`);
  }

  private node(raw: unknown, path: Path, depth: number): Possible[] {
    if (depth > MAX_DEPTH) throw new TemplateStructureError('template nesting is too deep to resolve', path);
    if (raw === null || typeof raw !== 'object') return one(raw);
    if (this.isLiteral(raw, depth)) {
      if (!this.origins.has(raw)) this.origins.set(raw, path);
      return one(raw);
    }
    if (Array.isArray(raw)) return this.array(raw, path, depth);
    const rec = raw as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && isIntrinsicKey(keys[0]!)) return this.intrinsic(keys[0]!, rec[keys[0]!], [...path, keys[0]!], depth + 1);
    return this.object(rec, keys, path, depth);
  }

  private array(raw: readonly unknown[], path: Path, depth: number): Possible[] {
    const parts = raw.map((item, i) => this.node(item, [...path, i], depth + 1));
    return product(parts).map(({ values, when }) => {
      const arr = values.filter((v) => v !== NO_VALUE);
      this.origins.set(arr, path);
      return { value: arr, when };
    });
  }

  private object(rec: Record<string, unknown>, keys: readonly string[], path: Path, depth: number): Possible[] {
    const parts = keys.map((k) => this.node(rec[k], [...path, k], depth + 1));
    return product(parts).map(({ values, when }) => {
      const obj: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        if (values[i] !== NO_VALUE) obj[k] = values[i];
      });
      this.origins.set(obj, path);
      return { value: obj, when };
    });
  }

  private intrinsic(fn: string, arg: unknown, path: Path, depth: number): Possible[] {
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, path) : one(new Unknown('Ref to a non-string name'));
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg, path) : one(new Unknown('Condition with a non-string name'));
      case 'Fn::GetAtt':
        return this.getAtt(arg, path, depth);
      case 'Fn::Sub':
        return this.sub(arg, path, depth);
      case 'Fn::Join':
        return this.join(arg, path, depth);
      case 'Fn::Select':
        return this.select(arg, path, depth);
      case 'Fn::Split':
        return this.split(arg, path, depth);
      case 'Fn::If':
        return this.fnIf(arg, path, depth);
      case 'Fn::Equals':
        return this.equals(arg, path, depth);
      case 'Fn::And':
      case 'Fn::Or':
        return this.andOr(fn, arg, path, depth);
      case 'Fn::Not':
        return this.not(arg, path, depth);
      case 'Fn::FindInMap':
        return this.findInMap(arg, path, depth);
      case 'Fn::ImportValue':
        return this.importValue(arg, path, depth);
      case 'Fn::GetAZs':
        return this.getAzs(arg, path, depth);
      case 'Fn::Base64':
        // Rules want the text CloudFormation will encode (user data is read for secrets).
        return this.node(arg, path, depth);
      case 'Fn::Cidr':
        return this.cidr(arg, path, depth);
      case 'Fn::Length':
        return this.node(arg, path, depth).map((p) => ({ value: Array.isArray(p.value) ? p.value.length : new Unknown('Fn::Length of a non-list'), when: p.when }));
      case 'Fn::ToJsonString':
        return this.node(arg, path, depth).map((p) => ({ value: containsMarker(p.value) ? new Unknown('Fn::ToJsonString of values known only at deployment') : JSON.stringify(p.value), when: p.when }));
      default:
        return one(new Unknown(`${fn} is not evaluated (macro or unsupported intrinsic)`));
    }
  }

  private ref(name: string, path: Path): Possible[] {
    if (name === 'AWS::NoValue') return one(NO_VALUE);
    const pseudo = PSEUDO[name];
    if (pseudo) return one(pseudo(this.options));
    if (name in this.parameters) return this.parameterValues(name);
    if (name in this.resources) return one(new ResourceRef(this.options.scope, name));
    return one(new Unknown(`Ref to ${name}, which is neither a parameter nor a resource of this template`));
  }

  private parameterValues(name: string): Possible[] {
    const cached = this.paramCache.get(name);
    if (cached) return cached;
    const info = this.parameter(name)!;
    const typed = (v: unknown): unknown => {
      const isList = info.type === 'CommaDelimitedList' || /^List</.test(info.type);
      if (isList && typeof v === 'string') return v.split(',').map((s) => s.trim());
      return v;
    };
    let result: Possible[];
    const override = this.options.parameterValues?.[name];
    if (override !== undefined && !info.type.startsWith('AWS::SSM::Parameter::Value<')) result = one(typed(override));
    // An SSM-typed parameter's Default (or value) names a parameter in Parameter Store; the
    // value itself is read at deploy time.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
    else if (info.type.startsWith('AWS::SSM::Parameter::Value<')) result = one(new Unknown(`parameter ${name} is read from SSM parameter ${String(override ?? info.default ?? '?')} at deployment`));
    else if (info.hasDefault) result = one(typed(info.default));
    else if (info.allowedValues && info.allowedValues.length > 0) result = info.allowedValues.map((v) => ({ value: typed(v), when: { [`param:${name}`]: String(v) } }));
    else result = one(new Unknown(`parameter ${name} has no Default and no value was given (--parameter ${name}=…)`));
    this.paramCache.set(name, result);
    return result;
  }

  private getAtt(arg: unknown, path: Path, depth: number): Possible[] {
    let parts: unknown[];
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      parts = dot < 0 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)];
    } else if (Array.isArray(arg)) parts = arg;
    else return one(new Unknown('malformed Fn::GetAtt'));
    const [id, attr] = parts;
    if (typeof id !== 'string') return one(new Unknown('malformed Fn::GetAtt'));
    if (!(id in this.resources)) return one(new Unknown(`Fn::GetAtt names ${id}, which is not a resource of this template`));
    return this.node(attr, [...path, 1], depth).map((p) => ({
      value: typeof p.value === 'string' ? new ResourceRef(this.options.scope, id, p.value) : new ResourceRef(this.options.scope, id, '?'),
      when: p.when,
    }));
  }

  private sub(arg: unknown, path: Path, depth: number): Possible[] {
    let text: unknown;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') text = arg;
    else if (Array.isArray(arg) && typeof arg[0] === 'string') {
      text = arg[0];
      if (isRecord(arg[1])) vars = arg[1];
    } else return one(new Unknown('malformed Fn::Sub'));
    const pieces = splitSub(text as string);
    const parts: Possible[][] = pieces.map((piece) => {
      if (piece.kind === 'text') return one(piece.text);
      const name = piece.name;
      if (name in vars) return this.node(vars[name], [...path, 1, name], depth + 1);
      const dot = name.indexOf('.');
      if (dot > 0 && name.slice(0, dot) in this.resources) return one(new ResourceRef(this.options.scope, name.slice(0, dot), name.slice(dot + 1)));
      if (name in this.parameters || name in this.resources || name in PSEUDO) return this.ref(name, path);
      return one(new Unknown(`Fn::Sub names \${${name}}, which is neither a parameter, a resource nor a variable`));
    });
    return product(parts).map(({ values, when }) => ({ value: concat(values), when }));
  }

  private join(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length !== 2) return one(new Unknown('malformed Fn::Join'));
    const delims = this.node(arg[0], [...path, 0], depth);
    const lists = this.node(arg[1], [...path, 1], depth);
    return product([delims, lists]).map(({ values: [d, list], when }) => {
      if (typeof d !== 'string' || !Array.isArray(list)) return { value: new Unknown('Fn::Join over values known only at deployment'), when };
      const pieces: unknown[] = [];
      list.forEach((item, i) => {
        if (i > 0) pieces.push(d);
        pieces.push(item);
      });
      return { value: concat(pieces), when };
    });
  }

  private select(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length !== 2) return one(new Unknown('malformed Fn::Select'));
    const idx = this.node(arg[0], [...path, 0], depth);
    const lists = this.node(arg[1], [...path, 1], depth);
    return product([idx, lists]).map(({ values: [i, list], when }) => {
      const n = typeof i === 'number' ? i : typeof i === 'string' && /^\d+$/.test(i) ? Number(i) : NaN;
      if (!Array.isArray(list) || Number.isNaN(n)) return { value: new Unknown('Fn::Select over values known only at deployment'), when };
      if (n >= list.length) return { value: new Unknown(`Fn::Select index ${n} is out of range (list has ${list.length})`), when };
      return { value: list[n], when };
    });
  }

  private split(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length !== 2) return one(new Unknown('malformed Fn::Split'));
    const parts = product([this.node(arg[0], [...path, 0], depth), this.node(arg[1], [...path, 1], depth)]);
    return parts.map(({ values: [d, s], when }) =>
      typeof d === 'string' && typeof s === 'string' ? { value: s.split(d), when } : { value: new Unknown('Fn::Split of a value known only at deployment'), when },
    );
  }

  private fnIf(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return one(new Unknown('malformed Fn::If'));
    const name = arg[0];
    const out: Possible[] = [];
    for (const c of this.condition(name, path)) {
      const branches: [boolean, unknown, number][] =
        c.value === true ? [[true, arg[1], 1]] : c.value === false ? [[false, arg[2], 2]] : [[true, arg[1], 1], [false, arg[2], 2]];
      for (const [truth, branch, index] of branches) {
        const assumed = c.value instanceof Unknown ? mergeAssumptions(c.when, { [`cond:${name}`]: truth }) : c.when;
        if (!assumed) continue;
        for (const p of this.node(branch, [...path, index], depth)) {
          const when = mergeAssumptions(assumed, p.when);
          if (when) out.push({ value: p.value, when });
        }
      }
    }
    return out.slice(0, MAX_POSSIBILITIES);
  }

  private equals(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length !== 2) return one(new Unknown('malformed Fn::Equals'));
    return product([this.node(arg[0], [...path, 0], depth), this.node(arg[1], [...path, 1], depth)]).map(({ values: [a, b], when }) => {
      if (containsMarker(a) || containsMarker(b)) return { value: new Unknown('Fn::Equals compares values known only at deployment'), when };
      return { value: JSON.stringify(normalizeScalar(a)) === JSON.stringify(normalizeScalar(b)), when };
    });
  }

  private andOr(fn: string, arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg)) return one(new Unknown(`malformed ${fn}`));
    const isAnd = fn === 'Fn::And';
    return product(arg.map((c, i) => this.node(c, [...path, i], depth))).map(({ values, when }) => {
      if (values.some((v) => v === !isAnd)) return { value: !isAnd, when };
      if (values.every((v) => typeof v === 'boolean')) return { value: isAnd, when };
      return { value: new Unknown(`${fn} over conditions known only at deployment`), when };
    });
  }

  private not(arg: unknown, path: Path, depth: number): Possible[] {
    const inner = Array.isArray(arg) ? arg[0] : arg;
    return this.node(inner, [...path, 0], depth).map((p) => ({ value: typeof p.value === 'boolean' ? !p.value : new Unknown('Fn::Not of a condition known only at deployment'), when: p.when }));
  }

  private findInMap(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length < 3) return one(new Unknown('malformed Fn::FindInMap'));
    const keys = product(arg.slice(0, 3).map((k, i) => this.node(k, [...path, i], depth)));
    return keys.flatMap(({ values: [m, k1, k2], when }) => {
      if (typeof m !== 'string' || typeof k1 !== 'string' || typeof k2 !== 'string') {
        return [{ value: new Unknown('Fn::FindInMap with keys known only at deployment'), when }];
      }
      const map = this.mappings[m];
      const top = isRecord(map) ? map[k1] : undefined;
      if (!isRecord(top) || !(k2 in top)) {
        // Language-extension form: a fourth argument { DefaultValue }.
        const fallback = isRecord(arg[3]) ? arg[3]['DefaultValue'] : undefined;
        if (fallback !== undefined) return this.node(fallback, [...path, 3, 'DefaultValue'], depth).map((p) => ({ value: p.value, when: mergeAssumptions(when, p.when) ?? when }));
        return [{ value: new Unknown(`Mappings ${m}.${k1}.${k2} does not exist`), when }];
      }
      return this.node(top[k2], ['Mappings', m, k1, k2], depth).map((p) => ({ value: p.value, when: mergeAssumptions(when, p.when) ?? when }));
    });
  }

  private importValue(arg: unknown, path: Path, depth: number): Possible[] {
    return this.node(arg, path, depth).flatMap((p) => {
      if (typeof p.value !== 'string') return [{ value: new Unknown('Fn::ImportValue of a name known only at deployment'), when: p.when }];
      const found = this.options.importValue?.(p.value);
      if (!found) return [{ value: new Unknown(`no template in this scan exports ${p.value}`), when: p.when }];
      return found.map((f) => ({ value: f.value, when: mergeAssumptions(p.when, f.when) ?? p.when }));
    });
  }

  private getAzs(arg: unknown, path: Path, depth: number): Possible[] {
    return this.node(arg, path, depth).map((p) => {
      const region = typeof p.value === 'string' && p.value !== '' ? p.value : this.options.region;
      return { value: ['a', 'b', 'c'].map((s) => `${region}${s}`), when: p.when };
    });
  }

  private cidr(arg: unknown, path: Path, depth: number): Possible[] {
    if (!Array.isArray(arg) || arg.length !== 3) return one(new Unknown('malformed Fn::Cidr'));
    return product(arg.map((a, i) => this.node(a, [...path, i], depth))).map(({ values: [block, count, bits], when }) => {
      const subnets = typeof block === 'string' ? cidrSubnets(block, Number(count), Number(bits)) : undefined;
      return { value: subnets ?? new Unknown('Fn::Cidr of values known only at deployment'), when };
    });
  }
}

/** `${Name}` and `${Name.Attr}` references in a Fn::Sub string; `${!Literal}` stays literal. */
function splitSub(text: string): ({ kind: 'text'; text: string } | { kind: 'ref'; name: string })[] {
  const out: ({ kind: 'text'; text: string } | { kind: 'ref'; name: string })[] = [];
  const re = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const inner = m[1]!;
    if (inner.startsWith('!')) {
      out.push({ kind: 'text', text: text.slice(last, m.index) + '${' + inner.slice(1) + '}' });
    } else {
      if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
      out.push({ kind: 'ref', name: inner.trim() });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Joins resolved pieces: a plain string when every piece is literal, else a Composite. */
function concat(pieces: readonly unknown[]): unknown {
  if (pieces.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) return pieces.join('');
  const parts: (string | ResourceRef | Unknown)[] = [];
  for (const p of pieces) {
    if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') {
      const s = String(p);
      const prev = parts[parts.length - 1];
      if (typeof prev === 'string') parts[parts.length - 1] = prev + s;
      else parts.push(s);
    } else if (p instanceof ResourceRef || p instanceof Unknown) parts.push(p);
    else if (p instanceof Composite) parts.push(...p.parts);
    else parts.push(new Unknown('a list or object inside a string'));
  }
  return new Composite(parts);
}

function containsMarker(v: unknown): boolean {
  if (v instanceof Unknown || v instanceof ResourceRef || v instanceof Composite) return true;
  if (Array.isArray(v)) return v.some(containsMarker);
  if (isRecord(v)) return Object.values(v).some(containsMarker);
  return false;
}

/** CloudFormation compares condition operands as strings ("80" equals 80). */
function normalizeScalar(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(normalizeScalar);
  return v;
}
