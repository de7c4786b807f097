// Condition scenarios, owned by the engine so that no rule can lose them (cfn-lint v1's model).
//
// A rule's check runs under one scenario at a time: every value it reads is resolved under the
// same assignment of the choices a template leaves open (an unknown condition, a parameter
// given only AllowedValues). Choices are assigned lazily, the first time a read reaches one, and
// each alternative is queued as a new run: only the choices that reach what the rule actually
// reads are enumerated, and two properties can never be read under contradicting assumptions.

export type ChoiceValue = string | boolean;

/** A decision the template leaves open: an unknown condition, or a parameter's value among a few. */
export interface ChoiceVar {
  /** Unique in the scan: the template's scope plus the condition or parameter name. */
  readonly key: string;
  readonly kind: 'condition' | 'parameter';
  readonly name: string;
  readonly domain: readonly ChoiceValue[];
  /** A parameter whose value must never be printed (NoEcho, secret-like name). */
  readonly secret?: boolean;
  /** Domain values that stand for "none of the others" (printed as such, never compared as text). */
  readonly other?: ChoiceValue;
}

export type Assignment = ReadonlyMap<string, ChoiceValue>;

/** What a run found out about the values it read. */
export interface UnknownRead {
  readonly reason: string;
  /** Template-absolute path of the value (['Resources', id, 'Properties', …]); empty when not a template value. */
  readonly path: readonly (string | number)[];
  /** The template scope the value belongs to, or the account resource key. */
  readonly scope?: string;
}

/** No choice made yet, no unknown read: shared, never written (most runs make no choice and read nothing unknown). */
const NO_CHOICES: Assignment = new Map();
const NO_UNKNOWNS: readonly UnknownRead[] = Object.freeze([]);

/**
 * One execution of a check under one scenario. A scan runs thousands of them, nearly all with
 * no choice to make: the assignment and the list of unknowns are made on first need.
 */
export class Run {
  private own: Map<string, ChoiceValue> | undefined;
  private reads: UnknownRead[] | undefined;
  /** Reads whose unknowns the rule declared cannot change its verdict. */
  tolerant = 0;

  constructor(
    private readonly base: Assignment,
    private readonly fork: (assignment: Map<string, ChoiceValue>) => void,
    private readonly register: (v: ChoiceVar) => void,
  ) {}

  /** The choices this run made or started from. */
  get assigned(): Assignment {
    return this.own ?? this.base;
  }

  /** The unknown values it read (not counting tolerated reads). */
  get unknowns(): readonly UnknownRead[] {
    return this.reads ?? NO_UNKNOWNS;
  }

  choose(v: ChoiceVar): ChoiceValue {
    const cur = this.assigned.get(v.key);
    if (cur !== undefined) return cur;
    this.register(v);
    const [first, ...rest] = v.domain;
    // The alternatives keep every choice made so far in this run: the same reads lead there.
    for (const d of rest) {
      const next = new Map(this.assigned);
      next.set(v.key, d);
      this.fork(next);
    }
    this.own ??= new Map(this.base);
    this.own.set(v.key, first!);
    return first!;
  }

  recordUnknown(read: UnknownRead): void {
    if (this.tolerant === 0) (this.reads ??= []).push(read);
  }
}

let active: Run | undefined;

/**
 * The value of a choice in the current run; outside a run (the cost estimator, the default
 * reading) the first value of its domain: the deployment a user gets by default.
 */
export function choose(v: ChoiceVar): ChoiceValue {
  return active ? active.choose(v) : v.domain[0]!;
}

export function recordUnknown(read: UnknownRead): void {
  active?.recordUnknown(read);
}

/** Runs `fn` with the unknowns it reads not counted (the rule declared they cannot change its verdict). */
export function tolerateUnknowns<T>(fn: () => T): T {
  if (!active) return fn();
  const run = active;
  run.tolerant++;
  try {
    return fn();
  } finally {
    run.tolerant--;
  }
}

export function activeRun(): Run | undefined {
  return active;
}

/** Runs `fn` outside any scenario (default choices, nothing recorded). */
export function outsideRuns<T>(fn: () => T): T {
  const saved = active;
  active = undefined;
  try {
    return fn();
  } finally {
    active = saved;
  }
}

export interface Exploration<T> {
  /** One entry per run (scenario) explored: its full assignment and what the run produced. */
  readonly leaves: readonly { readonly assignment: Assignment; readonly result: T; readonly run: Run }[];
  /** Set when more scenarios existed than the bound allows. */
  readonly truncated: boolean;
  readonly vars: ReadonlyMap<string, ChoiceVar>;
}

/** Explores every scenario `body` reaches, up to `maxRuns`. */
export function explore<T>(body: (run: Run) => T, maxRuns: number): Exploration<T> {
  // Made when a run first meets a choice: most checks meet none and explore one scenario.
  let stack: Map<string, ChoiceValue>[] | undefined;
  let vars: Map<string, ChoiceVar> | undefined;
  const fork = (a: Map<string, ChoiceValue>): void => {
    (stack ??= []).push(a);
  };
  const register = (v: ChoiceVar): void => {
    (vars ??= new Map()).set(v.key, v);
  };
  const leaves: { assignment: Assignment; result: T; run: Run }[] = [];
  let truncated = false;
  for (let base: Assignment | undefined = NO_CHOICES; base !== undefined; base = stack?.pop()) {
    if (leaves.length >= maxRuns) {
      truncated = true;
      break;
    }
    const run = new Run(base, fork, register);
    const saved = active;
    active = run;
    let result: T;
    try {
      result = body(run);
    } finally {
      active = saved;
    }
    leaves.push({ assignment: run.assigned, result, run });
  }
  return { leaves, truncated, vars: vars ?? NO_VARS };
}

const NO_VARS: ReadonlyMap<string, ChoiceVar> = new Map();

/** A conjunction of choices (one term of a condition formula). */
export type Term = ReadonlyMap<string, ChoiceValue>;

/**
 * The simplest formula (terms joined by "or") equivalent to "one of `holds`" among all explored
 * leaves: a choice whose every value leads to the finding is dropped. Empty when it holds always.
 */
export function simplify(holds: readonly Assignment[], all: readonly Assignment[], vars: ReadonlyMap<string, ChoiceVar>): Term[] {
  if (holds.length === 0) return [];
  if (holds.length === all.length) return [];
  let terms: Map<string, ChoiceValue>[] = dedupe(holds.map((h) => new Map(h)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, v] of vars) {
      const groups = new Map<string, Map<string, ChoiceValue>[]>();
      for (const t of terms) {
        if (!t.has(key)) continue;
        const sig = signature(t, key);
        const g = groups.get(sig);
        if (g) g.push(t);
        else groups.set(sig, [t]);
      }
      for (const group of groups.values()) {
        const values = new Set(group.map((t) => t.get(key)));
        if (v.domain.every((d) => values.has(d))) {
          const merged = new Map(group[0]!);
          merged.delete(key);
          terms = terms.filter((t) => !group.includes(t));
          terms.push(merged);
          changed = true;
        }
      }
    }
    terms = absorb(dedupe(terms));
    if (terms.some((t) => t.size === 0)) return [];
  }
  return terms.sort((a, b) => termText(a, vars).localeCompare(termText(b, vars)));
}

function signature(t: ReadonlyMap<string, ChoiceValue>, except: string): string {
  return [...t]
    .filter(([k]) => k !== except)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\u0001');
}

function dedupe(terms: Map<string, ChoiceValue>[]): Map<string, ChoiceValue>[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const s = signature(t, '');
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}

/** Drops a term that another, more general term already covers. */
function absorb(terms: Map<string, ChoiceValue>[]): Map<string, ChoiceValue>[] {
  return terms.filter((t, i) => !terms.some((o, j) => j !== i && o.size < t.size && [...o].every(([k, v]) => t.get(k) === v)));
}

/** How a choice's value reads in a message; secret parameter values never appear. */
export function choiceText(v: ChoiceVar, value: ChoiceValue): string {
  if (v.kind === 'condition') return `condition ${v.name} is ${String(value)}`;
  if (v.other !== undefined && value === v.other) {
    const named = v.domain.filter((d) => d !== v.other);
    return v.secret ? `parameter ${v.name} is none of its compared values` : `parameter ${v.name} is none of ${named.map((d) => JSON.stringify(d)).join(', ')}`;
  }
  if (v.secret) return `parameter ${v.name} is its ${ordinal(v.domain.indexOf(value) + 1)} allowed value`;
  return `parameter ${v.name} is ${String(value)}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function termText(t: Term, vars: ReadonlyMap<string, ChoiceVar>): string {
  return [...t]
    .map(([k, val]) => {
      const v = vars.get(k);
      return v ? choiceText(v, val) : `${k} is ${String(val)}`;
    })
    .sort()
    .join(' and ');
}

/** " (when condition IsProd is false)"; several terms are joined with "or". */
export function conditionsText(terms: readonly Term[], vars: ReadonlyMap<string, ChoiceVar>): string {
  if (terms.length === 0) return '';
  return ` (when ${terms.map((t) => termText(t, vars)).join(', or when ')})`;
}

/** The terms as JSON records: `{ "condition IsProd": true, "parameter Env": "prod" }`, secret values hidden. */
export function conditionsJson(terms: readonly Term[], vars: ReadonlyMap<string, ChoiceVar>): Record<string, ChoiceValue>[] {
  return terms.map((t) => {
    const out: Record<string, ChoiceValue> = Object.create(null) as Record<string, ChoiceValue>;
    for (const [k, val] of t) {
      const v = vars.get(k);
      if (!v) continue;
      const shown = v.secret && v.kind === 'parameter' ? `(allowed value ${v.domain.indexOf(val) + 1})` : v.other !== undefined && val === v.other ? '(other)' : val;
      out[`${v.kind} ${v.name}`] = shown;
    }
    return { ...out };
  });
}
