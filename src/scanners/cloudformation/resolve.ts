// Resolves CloudFormation intrinsic functions under one condition scenario at a time.
//
// A parameter is its override, else its Default (the deployment a user gets by default); with
// neither, each AllowedValue is a choice; with none of those its value is Unknown. A condition
// whose inputs are known is evaluated; one that is not becomes a choice (true or false). Choices
// are made through the engine's scenario (model/scenario.ts), so every read of one check sees the
// same assignment, and only the choices a read reaches are ever enumerated.
//
// Objects resolve lazily: a resolved object is a view whose properties resolve when read, so a
// rule reading `ViewerProtocolPolicy` does not enumerate the conditions of `Logging`. Results
// are memoised per node and per the choices they depended on, and every template has a work
// budget, so a small adversarial template cannot take unbounded time or memory.

import type { Path } from '../../model/resource.js';
import { choose, recordUnknown, type ChoiceValue, type ChoiceVar } from '../../model/scenario.js';
import { Composite, ResourceRef, Unknown, isRecord } from '../../model/values.js';
import { cidrSubnets } from './cidr.js';

/** `Ref: AWS::NoValue` — the property or list item is absent. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Work a single template may cost: intrinsic evaluations and nodes built, across all scenarios. */
export const RESOLUTION_LIMITS = {
  work: 5_000_000,
  stringLength: 1_000_000,
  /** Conditions referring to conditions, and intrinsics inside intrinsics. */
  depth: 400,
} as const;

export class TemplateStructureError extends Error {
  constructor(
    message: string,
    readonly path: Path,
  ) {
    super(message);
  }
}

/** A template that needs more work to resolve than the budget allows: an input error naming the limit. */
export class ResolutionLimitError extends TemplateStructureError {}

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
  readonly parameterValues?: ReadonlyMap<string, string>;
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  /** Looks an export up among the other templates of the same input (a cloud assembly); the value under the current scenario. */
  readonly importValue?: (name: string) => { readonly value: unknown } | undefined;
}

const PSEUDO = new Map<string, (o: ResolverOptions) => unknown>([
  ['AWS::Region', (o) => o.region],
  ['AWS::AccountId', (o) => o.accountId],
  ['AWS::Partition', (o) => (o.region.startsWith('cn-') ? 'aws-cn' : o.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws')],
  ['AWS::URLSuffix', (o) => (o.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com')],
  ['AWS::StackName', (o) => o.stackName],
  ['AWS::StackId', (o) => `arn:aws:cloudformation:${o.region}:${o.accountId}:stack/${o.stackName}/00000000-0000-0000-0000-000000000000`],
  ['AWS::NotificationARNs', () => []],
]);

/**
 * Attributes whose value is a property the template states, so `!GetAtt Vpc.CidrBlock` is known.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values
 */
const ATTRIBUTES_FROM_PROPERTIES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['AWS::EC2::VPC', new Map([['CidrBlock', 'CidrBlock']])],
  ['AWS::EC2::Subnet', new Map([['CidrBlock', 'CidrBlock']])],
]);

/** Parameter names that read as secrets: their values are never printed. */
export const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth/i;

/** Stands for "a value none of the template's comparisons name" in a parameter choice. */
const OTHER = '\u0000other';

function own(rec: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

function mapOf(v: unknown): Map<string, unknown> {
  return new Map(isRecord(v) ? Object.entries(v) : []);
}

function isIntrinsicKey(k: string): boolean {
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::');
}

interface Trie {
  hasValue: boolean;
  value?: unknown;
  var?: ChoiceVar;
  next?: Map<ChoiceValue, Trie>;
}

/** Choices consulted, in order, by every resolution in progress (shared: imports cross resolvers). */
const consultLog: [ChoiceVar, ChoiceValue][] = [];
/** Resolutions in progress, across resolvers; the log is emptied when the outermost one ends. */
let frames = 0;

export class Resolver {
  private readonly parameters: ReadonlyMap<string, unknown>;
  private readonly conditions: ReadonlyMap<string, unknown>;
  private readonly mappings: ReadonlyMap<string, unknown>;
  private readonly resources: ReadonlyMap<string, unknown>;
  /** Raw intrinsic node → its values by the choices it depended on. */
  private memo = new WeakMap<object, Trie>();
  private conditionMemo = new Map<string, Trie>();
  private views = new WeakMap<object, Record<string, unknown>>();
  /** Resolved object or array → the raw path it came from, for precise finding lines. */
  private origins = new WeakMap<object, Path>();
  private literal = new WeakMap<object, boolean>();
  private parents = new WeakMap<object, readonly [object, string | number]>();
  /** Unknown items of a materialised list, recorded when a rule reads the list. */
  private unknownItems = new WeakMap<object, [Unknown, number][]>();
  private readonly conditionStack: string[] = [];
  private readonly vars = new Map<string, ChoiceVar>();
  private comparedLiterals?: Map<string, string[]>;
  private work = 0;

  constructor(readonly options: ResolverOptions) {
    const b = options.body;
    this.parameters = mapOf(own(b, 'Parameters'));
    this.conditions = mapOf(own(b, 'Conditions'));
    this.mappings = mapOf(own(b, 'Mappings'));
    this.resources = mapOf(own(b, 'Resources'));
  }

  /**
   * Forgets every resolved value (memo tables, views, source paths). A scan calls it once an input
   * is evaluated, so thousands of inputs do not keep every value they resolved in memory; a later
   * read resolves again.
   */
  release(): void {
    this.memo = new WeakMap();
    this.conditionMemo = new Map();
    this.views = new WeakMap();
    this.origins = new WeakMap();
    this.literal = new WeakMap();
    this.parents = new WeakMap();
    this.unknownItems = new WeakMap();
  }

  hasResource(id: string): boolean {
    return this.resources.has(id);
  }

  hasCondition(name: string): boolean {
    return this.conditions.has(name);
  }

  conditionNames(): string[] {
    return [...this.conditions.keys()];
  }

  parameter(name: string): ParameterInfo | undefined {
    const def = this.parameters.get(name);
    if (!isRecord(def)) return undefined;
    const allowed = own(def, 'AllowedValues');
    return {
      name,
      type: typeof own(def, 'Type') === 'string' ? (own(def, 'Type') as string) : 'String',
      noEcho: own(def, 'NoEcho') === true || own(def, 'NoEcho') === 'true',
      hasDefault: Object.hasOwn(def, 'Default'),
      default: own(def, 'Default'),
      overridden: this.options.parameterValues?.has(name) ?? false,
      ...(Array.isArray(allowed) ? { allowedValues: allowed } : {}),
    };
  }

  /** Whether a parameter's value must never be printed: NoEcho, a secret-like name, or given on the command line. */
  isSecretParameter(name: string): boolean {
    const info = this.parameter(name);
    return !!info && (info.noEcho || SECRET_NAME.test(name) || info.overridden);
  }

  /** Values a report must never show: secret parameters' defaults and given values, and every given value. */
  secretValues(): string[] {
    const out: string[] = [];
    for (const name of this.parameters.keys()) {
      const info = this.parameter(name);
      if (!info) continue;
      const given = this.options.parameterValues?.get(name);
      const secret = info.noEcho || SECRET_NAME.test(name);
      for (const v of [given, secret ? info.default : undefined, ...(secret ? (info.allowedValues ?? []) : [])]) {
        if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
      }
    }
    return out;
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
   * The value of a raw template node found at `path`, under the current scenario. Objects come
   * back as lazy views, lists as arrays; `NO_VALUE` marks an absent value.
   */
  value(raw: unknown, path: Path): unknown {
    if (raw === null || typeof raw !== 'object') return raw;
    if (this.isLiteral(raw, 0)) {
      if (!this.origins.has(raw)) this.origins.set(raw, path);
      return raw;
    }
    if (Array.isArray(raw)) return this.memoised(raw, () => this.array(raw, path));
    const rec = raw as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && isIntrinsicKey(keys[0]!)) {
      const fn = keys[0]!;
      return this.memoised(rec, () => this.intrinsic(fn, rec[fn], [...path, fn]));
    }
    return this.view(rec, keys, path);
  }

  /** A value read by a rule: unknowns it meets are recorded on the scenario's run. */
  read(raw: unknown, path: Path): unknown {
    const v = this.value(raw, path);
    if (v === NO_VALUE) return undefined;
    if (v instanceof Unknown) recordUnknown({ reason: v.reason, path, scope: this.options.scope });
    else if (Array.isArray(v)) {
      const items = this.unknownItems.get(v);
      if (items) for (const [u, i] of items) recordUnknown({ reason: u.reason, path: [...path, i], scope: this.options.scope });
    }
    return v;
  }

  /** Whether a condition holds in the current scenario (an unknown condition is a choice). */
  conditionHolds(name: string, path: Path = ['Conditions', name]): boolean {
    const v = this.condition(name, path);
    return v;
  }

  /**
   * Evaluates every condition once, dependencies first and without recursion, so that a chain
   * of thousands of conditions costs no stack; circular or undefined ones are input errors.
   */
  checkConditions(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    for (const start of this.conditions.keys()) {
      if (state.get(start) === 'done') continue;
      const stack: { name: string; deps: string[]; i: number }[] = [{ name: start, deps: this.conditionDeps(start), i: 0 }];
      state.set(start, 'visiting');
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.i < top.deps.length) {
          const dep = top.deps[top.i++]!;
          if (!this.conditions.has(dep)) throw new TemplateStructureError(`condition ${dep} is not defined in Conditions`, ['Conditions', top.name]);
          const s = state.get(dep);
          if (s === 'visiting') {
            const cycle = [...stack.map((f) => f.name).slice(stack.findIndex((f) => f.name === dep)), dep];
            throw new TemplateStructureError(`circular condition: ${cycle.join(' -> ')}`, ['Conditions', dep]);
          }
          if (s === undefined) {
            state.set(dep, 'visiting');
            stack.push({ name: dep, deps: this.conditionDeps(dep), i: 0 });
          }
          continue;
        }
        stack.pop();
        state.set(top.name, 'done');
        this.condition(top.name);
      }
    }
  }

  /**
   * Every condition a template names (`Fn::If`, a resource's `Condition`, `{Condition: X}`)
   * must be defined: CloudFormation rejects the template otherwise, so it is an input error
   * with its line, found before any rule runs.
   */
  checkConditionNames(): void {
    const bad = this.firstUndefinedCondition();
    if (bad) throw new TemplateStructureError(`condition ${bad.name} is not defined in Conditions`, bad.path);
  }

  /** Walks nodes only (paths are rebuilt for the one that fails): most templates pass. */
  private firstUndefinedCondition(): { name: string; path: Path } | undefined {
    const roots: [unknown, Path][] = [];
    for (const section of ['Resources', 'Outputs']) {
      const rec = this.options.body[section];
      if (isRecord(rec)) for (const id of Object.keys(rec)) roots.push([rec[id], [section, id]]);
    }
    for (const [root, rootPath] of roots) {
      // A resource's or output's own Condition.
      if (isRecord(root) && typeof root['Condition'] === 'string' && !this.conditions.has(root['Condition'])) return { name: root['Condition'], path: [...rootPath, 'Condition'] };
      const todo: unknown[] = [root];
      let bad: string | undefined;
      while (todo.length > 0 && bad === undefined) {
        const n = todo.pop();
        if (Array.isArray(n)) {
          for (const x of n) if (x !== null && typeof x === 'object') todo.push(x);
          continue;
        }
        if (!isRecord(n)) continue;
        for (const k of Object.keys(n)) {
          const v = n[k];
          if (k === 'Fn::If' && Array.isArray(v) && typeof v[0] === 'string' && !this.conditions.has(v[0])) bad = v[0];
          if (v !== null && typeof v === 'object') todo.push(v);
        }
      }
      if (bad !== undefined) return { name: bad, path: findIf(root, bad, rootPath) ?? rootPath };
    }
    return undefined;
  }

  /** Names of the conditions a condition refers to (`{Condition: X}` anywhere in its expression). */
  private conditionDeps(name: string): string[] {
    const out: string[] = [];
    const todo: unknown[] = [this.conditions.get(name)];
    while (todo.length > 0) {
      const n = todo.pop();
      if (Array.isArray(n)) for (const x of n) todo.push(x);
      else if (isRecord(n)) {
        for (const [k, v] of Object.entries(n)) {
          if (k === 'Condition' && typeof v === 'string') out.push(v);
          else todo.push(v);
        }
      }
    }
    return out;
  }

  private tick(path: Path): void {
    if (++this.work > RESOLUTION_LIMITS.work) {
      throw new ResolutionLimitError(
        `resolving this template needs more than ${RESOLUTION_LIMITS.work.toLocaleString('en-US')} steps (stackaudit's work limit per template)`,
        path,
      );
    }
  }

  private consult(v: ChoiceVar): ChoiceValue {
    const value = choose(v);
    if (frames > 0) consultLog.push([v, value]);
    return value;
  }

  /** Looks a node up by the choices it depended on, or computes and remembers it. */
  private memoised(raw: object, compute: () => unknown): unknown {
    const root = this.memo.get(raw);
    if (root) {
      let node: Trie | undefined = root;
      while (node) {
        if (node.hasValue) return node.value;
        if (!node.var) break;
        node = node.next?.get(this.consult(node.var));
      }
    }
    return this.remember(raw, this.memo, compute);
  }

  private remember<K extends object | string>(key: K, store: { get(k: K): Trie | undefined; set(k: K, t: Trie): unknown }, compute: () => unknown): unknown {
    if (frames >= RESOLUTION_LIMITS.depth) throw new ResolutionLimitError(`intrinsic functions nest more than ${RESOLUTION_LIMITS.depth} deep`, []);
    const start = consultLog.length;
    frames++;
    let value: unknown;
    let deps: [ChoiceVar, ChoiceValue][];
    try {
      value = compute();
      const seen = new Set<string>();
      deps = [];
      for (let i = start; i < consultLog.length; i++) {
        const [v, a] = consultLog[i]!;
        if (seen.has(v.key)) continue;
        seen.add(v.key);
        deps.push([v, a]);
      }
    } finally {
      if (--frames === 0) consultLog.length = 0;
    }
    let node = store.get(key);
    if (!node) store.set(key, (node = { hasValue: false }));
    for (const [v, a] of deps) {
      if (!node.var) {
        node.var = v;
        node.next = new Map();
      } else if (node.var.key !== v.key) return value; // not a decision tree: leave uncached
      let child = node.next!.get(a);
      if (!child) node.next!.set(a, (child = { hasValue: false }));
      node = child;
    }
    node.hasValue = true;
    node.value = value;
    return value;
  }

  /**
   * Whether a raw subtree holds no intrinsic function. Such a subtree resolves to itself — most
   * of a template — so it is returned as is instead of being copied node by node.
   */
  private isLiteral(raw: object, depth: number): boolean {
    const cached = this.literal.get(raw);
    if (cached !== undefined) return cached;
    if (depth > RESOLUTION_LIMITS.depth) throw new TemplateStructureError('template nesting is too deep to resolve', []);
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

  /** A lazy object: each property resolves (under the scenario current at the time) when read. */
  private view(rec: Record<string, unknown>, keys: readonly string[], path: Path): Record<string, unknown> {
    const cached = this.views.get(rec);
    if (cached) return cached;
    this.tick(path);
    const view: Record<string, unknown> = {};
    for (const k of keys) {
      const child = rec[k];
      if (child === null || typeof child !== 'object' || this.isLiteral(child, 0)) {
        if (child !== null && typeof child === 'object' && !this.origins.has(child)) this.origins.set(child, [...path, k]);
        Object.defineProperty(view, k, { value: child, enumerable: true, writable: false, configurable: false });
      } else {
        // The child's path is built once, not at every read.
        const at = [...path, k];
        Object.defineProperty(view, k, { get: () => this.read(child, at), enumerable: true, configurable: false });
      }
    }
    this.views.set(rec, view);
    this.origins.set(view, path);
    return view;
  }

  private array(raw: readonly unknown[], path: Path): unknown[] {
    this.tick(path);
    const out: unknown[] = [];
    const unknown: [Unknown, number][] = [];
    raw.forEach((item, i) => {
      const v = this.value(item, [...path, i]);
      if (v === NO_VALUE) return;
      if (v instanceof Unknown) unknown.push([v, out.length]);
      out.push(v);
    });
    this.origins.set(out, path);
    if (unknown.length > 0) this.unknownItems.set(out, unknown);
    return out;
  }

  private intrinsic(fn: string, arg: unknown, path: Path): unknown {
    this.tick(path);
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : new Unknown('Ref to a non-string name');
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg, path) : new Unknown('Condition with a non-string name');
      case 'Fn::GetAtt':
        return this.getAtt(arg, path);
      case 'Fn::Sub':
        return this.sub(arg, path);
      case 'Fn::Join':
        return this.join(arg, path);
      case 'Fn::Select':
        return this.select(arg, path);
      case 'Fn::Split':
        return this.split(arg, path);
      case 'Fn::If':
        return this.fnIf(arg, path);
      case 'Fn::Equals':
        return this.equals(arg, path);
      case 'Fn::And':
      case 'Fn::Or':
        return this.andOr(fn === 'Fn::And', arg, path);
      case 'Fn::Not': {
        const inner = this.conditionOperand(Array.isArray(arg) ? arg[0] : arg, [...path, 0]);
        return typeof inner === 'boolean' ? !inner : new Unknown('Fn::Not of a condition known only at deployment');
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, path);
      case 'Fn::ImportValue':
        return this.importValue(arg, path);
      case 'Fn::GetAZs': {
        const r = this.value(arg, path);
        const region = typeof r === 'string' && r !== '' ? r : this.options.region;
        return ['a', 'b', 'c'].map((s) => `${region}${s}`);
      }
      case 'Fn::Base64':
        // Rules want the text CloudFormation will encode (user data is read for secrets).
        return this.value(arg, path);
      case 'Fn::Cidr':
        return this.cidr(arg, path);
      case 'Fn::Length': {
        const list = this.value(arg, path);
        return Array.isArray(list) ? list.length : new Unknown('Fn::Length of a value known only at deployment');
      }
      case 'Fn::ToJsonString': {
        const v = plain(this.value(arg, path));
        return v instanceof Unknown ? new Unknown('Fn::ToJsonString of values known only at deployment') : this.limitLength(JSON.stringify(v), path);
      }
      default:
        return new Unknown(`${fn} is not evaluated (a macro, or an intrinsic stackaudit does not know)`);
    }
  }

  private ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = PSEUDO.get(name);
    if (pseudo) return pseudo(this.options);
    if (this.parameters.has(name)) return this.parameterValue(name);
    if (this.resources.has(name)) return new ResourceRef(this.options.scope, name);
    return new Unknown(`Ref to ${name}, which is neither a parameter nor a resource of this template`);
  }

  private typed(info: ParameterInfo, v: unknown): unknown {
    const isList = info.type === 'CommaDelimitedList' || /^List</.test(info.type);
    if (isList && typeof v === 'string') return v.split(',').map((s) => s.trim());
    return v;
  }

  private parameterValue(name: string): unknown {
    const info = this.parameter(name);
    if (!info) return new Unknown(`parameter ${name} is not declared`);
    const given = this.options.parameterValues?.get(name);
    // An SSM-typed parameter's value (or Default) names a parameter in Parameter Store, read at deploy time.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
    if (info.type.startsWith('AWS::SSM::Parameter::Value<')) return new Unknown(`parameter ${name} is read from SSM Parameter Store at deployment`);
    if (given !== undefined) return this.typed(info, given);
    if (info.hasDefault) return this.typed(info, info.default);
    if (info.allowedValues && info.allowedValues.length > 0) {
      const v = this.parameterVar(
        name,
        info.allowedValues.map((a) => String(a)),
      );
      return this.typed(info, this.consult(v));
    }
    return new Unknown(`parameter ${name} has no Default and no value was given (--parameter ${name}=…)`);
  }

  private parameterVar(name: string, domain: readonly string[], other?: string): ChoiceVar {
    const key = `${this.options.scope}\u0000param:${name}`;
    let v = this.vars.get(key);
    if (!v) {
      v = { key, kind: 'parameter', name, domain, ...(this.isSecretParameter(name) ? { secret: true } : {}), ...(other !== undefined ? { other } : {}) };
      this.vars.set(key, v);
    }
    return v;
  }

  /**
   * A parameter with no value, compared in conditions: its value is a choice among the literals
   * the template compares it with, plus "none of them", so that `IsProd` and `IsDev` built on
   * the same parameter can never both be true.
   */
  private comparedParameter(name: string): ChoiceValue | undefined {
    const info = this.parameter(name);
    if (!info || info.hasDefault || this.options.parameterValues?.has(name) || info.type.startsWith('AWS::SSM::')) return undefined;
    if (info.allowedValues && info.allowedValues.length > 0)
      return this.consult(
        this.parameterVar(
          name,
          info.allowedValues.map((a) => String(a)),
        ),
      );
    const literals = this.literalsComparedWith(name);
    if (literals.length === 0) return undefined;
    return this.consult(this.parameterVar(name, [...literals, OTHER], OTHER));
  }

  private literalsComparedWith(name: string): string[] {
    if (!this.comparedLiterals) {
      const found = new Map<string, Set<string>>();
      const todo: unknown[] = [...this.conditions.values()];
      while (todo.length > 0) {
        const n = todo.pop();
        if (Array.isArray(n)) for (const x of n) todo.push(x);
        else if (isRecord(n)) {
          const eq = own(n, 'Fn::Equals');
          if (Array.isArray(eq) && eq.length === 2) {
            for (const [a, b] of [
              [eq[0], eq[1]],
              [eq[1], eq[0]],
            ]) {
              const ref = isRecord(a) ? own(a, 'Ref') : undefined;
              if (typeof ref === 'string' && (typeof b === 'string' || typeof b === 'number' || typeof b === 'boolean')) {
                const set = found.get(ref) ?? new Set<string>();
                set.add(String(b));
                found.set(ref, set);
              }
            }
          }
          for (const k of Object.keys(n)) todo.push(n[k]);
        }
      }
      this.comparedLiterals = new Map([...found].map(([k, s]) => [k, [...s].sort()]));
    }
    return this.comparedLiterals.get(name) ?? [];
  }

  /** The truth of a named condition in the current scenario; an unknown one is a choice. */
  private condition(name: string, path: Path = ['Conditions', name]): boolean {
    if (!this.conditions.has(name)) throw new TemplateStructureError(`condition ${name} is not defined in Conditions`, path);
    const memo = this.conditionMemo.get(name);
    if (memo) {
      let node: Trie | undefined = memo;
      while (node) {
        if (node.hasValue) return node.value as boolean;
        if (!node.var) break;
        node = node.next?.get(this.consult(node.var));
      }
    }
    if (this.conditionStack.includes(name)) {
      throw new TemplateStructureError(`circular condition: ${[...this.conditionStack, name].join(' -> ')}`, ['Conditions', name]);
    }
    this.conditionStack.push(name);
    try {
      return this.remember(name, this.conditionMemo, () => {
        const v = this.conditionOperand(this.conditions.get(name), ['Conditions', name]);
        if (typeof v === 'boolean') return v;
        // Inputs known only at deployment: the condition itself is the choice.
        const key = `${this.options.scope}\u0000cond:${name}`;
        let cv = this.vars.get(key);
        if (!cv) this.vars.set(key, (cv = { key, kind: 'condition', name, domain: [true, false] }));
        return this.consult(cv) as boolean;
      }) as boolean;
    } finally {
      this.conditionStack.pop();
    }
  }

  /** A condition expression's value: boolean, or Unknown. */
  private conditionOperand(raw: unknown, path: Path): unknown {
    const v = this.value(raw, path);
    if (typeof v === 'boolean' || v instanceof Unknown) return v;
    if (typeof v === 'string' && (v === 'true' || v === 'false')) return v === 'true';
    return new Unknown('a condition that does not evaluate to true or false');
  }

  private getAtt(arg: unknown, path: Path): unknown {
    let parts: unknown[];
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      parts = dot < 0 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)];
    } else if (Array.isArray(arg)) parts = arg;
    else return new Unknown('malformed Fn::GetAtt');
    const [id, attr] = parts;
    if (typeof id !== 'string') return new Unknown('malformed Fn::GetAtt');
    if (!this.resources.has(id)) return new Unknown(`Fn::GetAtt names ${id}, which is not a resource of this template`);
    const a = this.value(attr, [...path, 1]);
    if (typeof a === 'string') {
      // Some attributes are what the template itself states (a VPC's CidrBlock): use it.
      const def = this.resources.get(id);
      const type = isRecord(def) ? own(def, 'Type') : undefined;
      const prop = typeof type === 'string' ? ATTRIBUTES_FROM_PROPERTIES.get(type)?.get(a) : undefined;
      const props = isRecord(def) ? own(def, 'Properties') : undefined;
      if (prop !== undefined && isRecord(props) && Object.hasOwn(props, prop)) {
        const v = this.value(props[prop], ['Resources', id, 'Properties', prop]);
        if (typeof v === 'string') return v;
      }
    }
    return new ResourceRef(this.options.scope, id, typeof a === 'string' ? a : '?');
  }

  private limitLength(s: string, path: Path): string {
    if (s.length > RESOLUTION_LIMITS.stringLength) {
      throw new ResolutionLimitError(`a resolved string is longer than ${RESOLUTION_LIMITS.stringLength.toLocaleString('en-US')} characters (stackaudit's limit per value)`, path);
    }
    return s;
  }

  private sub(arg: unknown, path: Path): unknown {
    let text: unknown;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') text = arg;
    else if (Array.isArray(arg) && typeof arg[0] === 'string') {
      text = arg[0];
      if (isRecord(arg[1])) vars = arg[1];
    } else return new Unknown('malformed Fn::Sub');
    const pieces: unknown[] = [];
    for (const piece of splitSub(text as string)) {
      if (piece.kind === 'text') {
        pieces.push(piece.text);
        continue;
      }
      const name = piece.name;
      if (Object.hasOwn(vars, name)) {
        const v = this.value(vars[name], [...path, 1, name]);
        pieces.push(v === NO_VALUE ? new Unknown(`Fn::Sub variable ${name} is AWS::NoValue`) : v);
        continue;
      }
      const dot = name.indexOf('.');
      if (dot > 0 && this.resources.has(name.slice(0, dot))) pieces.push(new ResourceRef(this.options.scope, name.slice(0, dot), name.slice(dot + 1)));
      else if (this.parameters.has(name) || this.resources.has(name) || PSEUDO.has(name)) pieces.push(this.ref(name));
      else pieces.push(new Unknown(`Fn::Sub names \${${name}}, which is neither a parameter, a resource nor a variable`));
    }
    return this.concat(pieces, path);
  }

  private join(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Join');
    const d = this.value(arg[0], [...path, 0]);
    const list = this.value(arg[1], [...path, 1]);
    if (typeof d !== 'string' || !Array.isArray(list)) return new Unknown('Fn::Join over values known only at deployment');
    const pieces: unknown[] = [];
    list.forEach((item, i) => {
      if (i > 0) pieces.push(d);
      pieces.push(item);
    });
    return this.concat(pieces, path);
  }

  private select(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Select');
    const i = this.value(arg[0], [...path, 0]);
    const list = this.value(arg[1], [...path, 1]);
    const n = typeof i === 'number' ? i : typeof i === 'string' && /^\d+$/.test(i) ? Number(i) : Number.NaN;
    if (!Array.isArray(list) || Number.isNaN(n)) return new Unknown('Fn::Select over values known only at deployment');
    // `!Select [2, !Split ['/', !GetAtt Site.WebsiteURL]]`: a part of a reference's text is not
    // known, but it still refers to the same thing (the host of the bucket's website URL).
    const whole = opaqueSplits.get(list);
    if (whole) return whole;
    if (n >= list.length) return new Unknown(`Fn::Select index ${n} is out of range (list has ${list.length})`);
    return list[n];
  }

  private split(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Split');
    const d = this.value(arg[0], [...path, 0]);
    const s = this.value(arg[1], [...path, 1]);
    if (typeof d === 'string' && typeof s === 'string') return d === '' ? [s] : s.split(d);
    // Splitting a reference (a bucket's WebsiteURL on '/') keeps what is known: its parts refer to it.
    if (typeof d === 'string' && d !== '' && (s instanceof ResourceRef || s instanceof Composite)) {
      const whole = s instanceof Composite ? s : new Composite([s]);
      const parts = splitComposite(whole, d);
      opaqueSplits.set(parts, whole);
      return parts;
    }
    return new Unknown('Fn::Split of a value known only at deployment');
  }

  private fnIf(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return new Unknown('malformed Fn::If');
    const holds = this.condition(arg[0], path);
    return holds ? this.value(arg[1], [...path, 1]) : this.value(arg[2], [...path, 2]);
  }

  private equals(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Equals');
    const operand = (raw: unknown, i: number): unknown => {
      const ref = isRecord(raw) ? own(raw, 'Ref') : undefined;
      if (typeof ref === 'string' && Object.keys(raw as object).length === 1) {
        const chosen = this.comparedParameter(ref);
        if (chosen !== undefined) return chosen;
      }
      return this.value(raw, [...path, i]);
    };
    const a = operand(arg[0], 0);
    const b = operand(arg[1], 1);
    if (a === OTHER || b === OTHER) {
      if (a === OTHER && b === OTHER) return new Unknown('Fn::Equals compares two values known only at deployment');
      const otherSide = a === OTHER ? b : a;
      return isScalar(otherSide) ? false : new Unknown('Fn::Equals compares values known only at deployment');
    }
    if (containsMarker(a) || containsMarker(b)) return new Unknown('Fn::Equals compares values known only at deployment');
    return JSON.stringify(normalizeScalar(plain(a))) === JSON.stringify(normalizeScalar(plain(b)));
  }

  /** Linear in the operands, and stops at the first decisive one. */
  private andOr(isAnd: boolean, arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg)) return new Unknown(`malformed ${isAnd ? 'Fn::And' : 'Fn::Or'}`);
    let unknown: Unknown | undefined;
    for (let i = 0; i < arg.length; i++) {
      const v = this.conditionOperand(arg[i], [...path, i]);
      if (v === !isAnd) return !isAnd;
      if (v instanceof Unknown) unknown ??= new Unknown(`${isAnd ? 'Fn::And' : 'Fn::Or'} over conditions known only at deployment`);
    }
    return unknown ?? isAnd;
  }

  private findInMap(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length < 3) return new Unknown('malformed Fn::FindInMap');
    const [m, k1, k2] = arg.slice(0, 3).map((k, i) => this.value(k, [...path, i]));
    if (typeof m !== 'string' || typeof k1 !== 'string' || typeof k2 !== 'string') return new Unknown('Fn::FindInMap with keys known only at deployment');
    const map = this.mappings.get(m);
    const top = isRecord(map) ? own(map, k1) : undefined;
    if (!isRecord(top) || !Object.hasOwn(top, k2)) {
      // Language-extension form: a fourth argument { DefaultValue }.
      const fallback = isRecord(arg[3]) ? own(arg[3], 'DefaultValue') : undefined;
      if (fallback !== undefined) return this.value(fallback, [...path, 3, 'DefaultValue']);
      return new Unknown(`Mappings ${m}.${k1}.${k2} does not exist`);
    }
    const found = top[k2];
    // CloudFormation allows only literals in Mappings; an intrinsic there would also let a few
    // bytes of mapping grow without bound. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html
    if (found !== null && typeof found === 'object' && !this.isLiteral(found, 0))
      return new Unknown(`Mappings ${m}.${k1}.${k2} holds an intrinsic function, which CloudFormation does not allow in Mappings`);
    if (found !== null && typeof found === 'object' && !this.origins.has(found)) this.origins.set(found, ['Mappings', m, k1, k2]);
    return found;
  }

  private importValue(arg: unknown, path: Path): unknown {
    const name = this.value(arg, path);
    if (typeof name !== 'string') return new Unknown('Fn::ImportValue of a name known only at deployment');
    const found = this.options.importValue?.(name);
    if (!found) return new Unknown(`no template of this input exports ${name}`);
    return found.value;
  }

  private cidr(arg: unknown, path: Path): unknown {
    if (!Array.isArray(arg) || arg.length !== 3) return new Unknown('malformed Fn::Cidr');
    const [block, count, bits] = arg.map((a, i) => this.value(a, [...path, i]));
    const subnets = typeof block === 'string' ? cidrSubnets(block, Number(count), Number(bits)) : undefined;
    return subnets ?? new Unknown('Fn::Cidr of values known only at deployment');
  }

  /** Joins resolved pieces: a plain string when every piece is literal, else a Composite. */
  private concat(pieces: readonly unknown[], path: Path): unknown {
    if (pieces.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) return this.limitLength(pieces.join(''), path);
    const parts: (string | ResourceRef | Unknown)[] = [];
    let length = 0;
    for (const p of pieces) {
      if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') {
        const s = String(p);
        length += s.length;
        const prev = parts[parts.length - 1];
        if (typeof prev === 'string') parts[parts.length - 1] = prev + s;
        else parts.push(s);
      } else if (p instanceof ResourceRef || p instanceof Unknown) parts.push(p);
      else if (p instanceof Composite) {
        for (const x of p.parts) parts.push(x);
        length += p.text().length;
      } else parts.push(new Unknown('a list or object inside a string'));
      if (length > RESOLUTION_LIMITS.stringLength) this.limitLength('x'.repeat(RESOLUTION_LIMITS.stringLength + 1), path);
    }
    return new Composite(parts);
  }
}

/** The path of the first `Fn::If` naming `name` under a node. */
function findIf(node: unknown, name: string, path: Path, depth = 0): Path | undefined {
  if (depth > RESOLUTION_LIMITS.depth) return undefined;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const hit = findIf(node[i], name, [...path, i], depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  for (const k of Object.keys(node)) {
    const v = node[k];
    if (k === 'Fn::If' && Array.isArray(v) && v[0] === name) return [...path, k];
    const hit = findIf(v, name, [...path, k], depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
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

/** Lists split out of a text with references: their items' positions are not known. */
const opaqueSplits = new WeakMap<object, Composite>();

/** Splits a Composite on a literal delimiter: each part keeps its references. */
function splitComposite(c: Composite, d: string): unknown[] {
  const out: unknown[] = [];
  let cur: (string | ResourceRef | Unknown)[] = [];
  const flush = () => {
    out.push(cur.length === 0 ? '' : cur.every((p) => typeof p === 'string') ? cur.join('') : new Composite(cur));
    cur = [];
  };
  for (const p of c.parts) {
    if (typeof p !== 'string') {
      cur.push(p);
      continue;
    }
    const segs = p.split(d);
    segs.forEach((s, i) => {
      if (i > 0) flush();
      if (s !== '') cur.push(s);
    });
  }
  flush();
  return out;
}

/** A resolved value as plain data (views and arrays copied), or Unknown if it holds a marker. */
export function plain(v: unknown, depth = 0): unknown {
  if (depth > RESOLUTION_LIMITS.depth) return new Unknown('a value nested too deep');
  if (v instanceof Unknown || v instanceof ResourceRef || v instanceof Composite) return new Unknown('a value known only at deployment');
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const p = plain(x, depth + 1);
      if (p instanceof Unknown) return p;
      out.push(p);
    }
    return out;
  }
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const p = plain(v[k], depth + 1);
      if (p instanceof Unknown) return p;
      if (p !== undefined) Object.defineProperty(out, k, { value: p, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

function containsMarker(v: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (v instanceof Unknown || v instanceof ResourceRef || v instanceof Composite) return true;
  if (Array.isArray(v)) return v.some((x) => containsMarker(x, depth + 1));
  if (isRecord(v)) return Object.keys(v).some((k) => containsMarker(v[k], depth + 1));
  return false;
}

/** CloudFormation compares condition operands as strings ("80" equals 80). */
function normalizeScalar(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(normalizeScalar);
  return v;
}
