// Runs the rules over each input and turns what they report into the Report contract. The
// engine, not the rules, owns the guarantees: every scenario a check's reads reach is explored
// (bounded, and the bound is reported), a check that read an unknown value and did not fail is
// not-evaluated with that value's reason, findings are keyed by message id (not wording) and
// reported once with the conditions they hold under, secrets are masked, and an error in one
// input becomes an error entry for that input while the others are still reported.

import { hash } from 'node:crypto';
import type { EffectiveConfig } from '../model/config.js';
import { SEVERITIES, severityRank, type Finding, type FindingResource, type InputError, type Report, type Severity, type Suppression } from '../model/finding.js';
import type { InventoryIndex } from '../model/inventory.js';
import type { Path, Resource } from '../model/resource.js';
import { resourceKey, tagsOf } from '../model/resource.js';
import type { MessageData, Report as RuleReport, Rule, RuleContext } from '../model/rule.js';
import { conditionsJson, conditionsText, explore, outsideRuns, recordUnknown, simplify, tolerateUnknowns, type Assignment, type Run } from '../model/scenario.js';
import { Unknown, dig } from '../model/values.js';
import { TemplateStructureError } from '../scanners/cloudformation/resolve.js';
import { VERSION } from '../version.js';
import { buildInventoryIndex } from './inventory-index.js';
import { printValue, redact } from './printer.js';
import type { InputSource } from './sources.js';
import { applySuppressions } from './suppressions.js';
import { resolveTier } from './tiers.js';

/** More scenarios than this for one rule and resource: the rest is reported as not evaluated. */
export const MAX_SCENARIOS = 1024;

/** Messages the engine itself reports, whatever the rule. */
const ENGINE_MESSAGES: Readonly<Record<string, string>> = {
  'engine/unknown': '{{reason}}',
  'engine/unexpanded': '{{reason}}',
  'engine/scenario-bound': 'more than {{bound}} condition scenarios reach the values this rule reads; the rest were not checked (pass --parameter values to narrow them)',
  'engine/rule-error': 'rule error: {{error}}',
};

export interface EvaluateOptions {
  readonly config: EffectiveConfig;
  readonly rules: readonly Rule[];
  readonly failOn?: Severity | 'none';
  readonly errors?: readonly InputError[];
  readonly notes?: readonly string[];
  readonly inputs?: number;
}

interface Raw {
  readonly status: 'fail' | 'not-evaluated';
  readonly messageId: string;
  readonly data?: MessageData;
  readonly path?: Path;
  readonly severity?: Severity;
  readonly resource: Resource;
}

/** The report; with one input, also its index (for tests and tools that ask more questions). */
export type EvaluationResult = Report & { readonly index?: InventoryIndex };

/**
 * Evaluates inputs one at a time. `sources` may be a lazy iterable: a scan of thousands of
 * templates then builds each input just before it is evaluated and lets it go right after.
 */
export function evaluate(sources: InputSource | Iterable<InputSource>, options: EvaluateOptions): EvaluationResult {
  const list: Iterable<InputSource> = isSource(sources) ? [sources] : sources;
  const findings: Finding[] = [];
  const errors: InputError[] = [...(options.errors ?? [])];
  const notes: string[] = [...(options.notes ?? [])];
  let first: { source: InputSource; index?: InventoryIndex } | undefined;
  let count = 0;
  let resourceCount = 0;
  for (const source of list) {
    count++;
    resourceCount += source.resources.length;
    // Indexes and resolved values hold every value read: only a lone input keeps them.
    if (count === 2) first?.source.release?.();
    let index: InventoryIndex | undefined;
    try {
      const out = evaluateInput(source, options);
      for (const f of out.findings) findings.push(f);
      for (const n of out.notes) notes.push(n);
      index = out.index;
    } catch (err) {
      // One input's failure is an error entry for that input; the others are still reported.
      errors.push(inputError(source, err));
    }
    if (count === 1) first = { source, ...(index ? { index } : {}) };
    else source.release?.();
  }
  const sorted = sortFindings(findings);
  const failOn = options.failOn ?? 'high';
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of sorted) if (f.status === 'fail') bySeverity[f.severity]++;
  const gateFailed = failOn !== 'none' && sorted.some((f) => f.status === 'fail' && severityRank(f.severity) >= severityRank(failOn));
  return {
    tool: { name: 'stackaudit', version: VERSION },
    findings: sorted,
    errors,
    summary: {
      resources: resourceCount,
      inputs: options.inputs ?? count,
      fail: sorted.filter((f) => f.status === 'fail').length,
      notEvaluated: sorted.filter((f) => f.status === 'not-evaluated').length,
      suppressed: sorted.filter((f) => f.status === 'suppressed').length,
      errors: errors.length,
      bySeverity,
      failOn,
      gateFailed,
    },
    ...(notes.length ? { notes } : {}),
    ...(count === 1 && first?.index ? { index: first.index } : {}),
  };
}

function isSource(v: InputSource | Iterable<InputSource>): v is InputSource {
  return typeof (v as InputSource).props === 'function';
}

/** An error while evaluating one resource of an input: it ends that input only. */
class InputEvaluationError extends Error {
  constructor(
    readonly resource: Resource,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

function inputError(source: InputSource, err: unknown): InputError {
  const inner = err instanceof InputEvaluationError ? err.error : err;
  const message = redact(firstLine(inner instanceof Error ? inner.message : String(inner)), source.secrets);
  const resource = err instanceof InputEvaluationError ? err.resource : source.resources[0];
  const at = resource ? (inner instanceof TemplateStructureError && inner.path.length > 0 ? source.locateAbsolute(resource, inner.path) : source.locate(resource, undefined)) : {};
  const file = at.file ?? (at.account ? `account ${at.account}${at.region ? ` region ${at.region}` : ''}` : source.key);
  const where = { file, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.column !== undefined ? { column: at.column } : {}) };
  if (inner instanceof TemplateStructureError) return { ...where, message };
  return { ...where, message: `could not be evaluated: ${message}` };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}

function evaluateInput(source: InputSource, options: EvaluateOptions): { findings: Finding[]; notes: string[]; index: InventoryIndex } {
  const { config } = options;
  const index = buildInventoryIndex(source);
  const ctx = new CheckContext(source, index, config);
  const tagsFor = (r: Resource): Record<string, string> => outsideRuns(() => tagsOf({ Tags: dig(source.props(r), ['Tags']) }));
  const findings: Finding[] = [];

  for (const rule of options.rules) {
    if (config.rules[rule.meta.id]?.enabled === false) continue;
    const messages: Readonly<Record<string, string>> = rule.meta.messages ?? {};
    // One body per rule, not per resource: it checks the resource the context points at.
    const checkResource = (c: RuleContext): void => {
      const resource = ctx.resource;
      if (resource.unexpanded) c.notEvaluated({ messageId: 'engine/unexpanded', data: { reason: resource.unexpanded } });
      else if (c.exists(resource)) rule.check(resource, c);
    };
    const run = (resource: Resource, body: (c: RuleContext) => void): void => {
      let raws: Aggregated[];
      try {
        raws = exploreCheck(source, ctx, resource, body);
      } catch (err) {
        throw new InputEvaluationError(resource, err);
      }
      for (const f of raws) findings.push(toFinding(source, rule, messages, f));
    };
    for (const type of rule.meta.resourceTypes) for (const resource of index.ofType(type)) run(resource, checkResource);
    // An account whose every read failed still gets its whole-input checks (a billing alarm).
    if (rule.checkInput && (source.resources.length > 0 || (source.failedReads?.length ?? 0) > 0)) {
      const whole = rule.checkInput.bind(rule);
      run(index.inputResource(), (c) => whole(c));
    }
  }
  const suppressed = applySuppressions(findings, source.resources, config, tagsFor);
  return { findings: suppressed.findings, notes: [...source.notes, ...suppressed.notes], index };
}

interface Aggregated {
  readonly raw: Raw;
  readonly holds: Assignment[];
  text?: string;
  conditions?: Record<string, string | boolean>[];
}

/** Runs one rule on one resource in every scenario its reads reach, and merges what they found. */
function exploreCheck(source: InputSource, ctx: CheckContext, resource: Resource, body: (ctx: RuleContext) => void): Aggregated[] {
  const exploration = explore((run) => {
    const out: Raw[] = [];
    ctx.resource = resource;
    ctx.out = out;
    try {
      body(ctx);
    } catch (err) {
      // Budget and structure errors end the input; anything else is this rule's error only.
      if (err instanceof TemplateStructureError) throw err;
      out.push({ status: 'not-evaluated', messageId: 'engine/rule-error', data: { error: firstLine(err instanceof Error ? err.message : String(err)) }, resource });
    }
    return settle(out, run, resource, source);
  }, MAX_SCENARIOS);

  // Most checks: one scenario, and nothing or one thing to report (it holds always: no conditions).
  if (exploration.leaves.length === 1 && !exploration.truncated) {
    const only = exploration.leaves[0]!;
    if (only.result.length === 0) return [];
    if (only.result.length === 1) return [{ raw: only.result[0]!, holds: [only.assignment] }];
  }
  const all = exploration.leaves.map((l) => l.assignment);
  const byKey = new Map<string, Aggregated>();
  for (const leaf of exploration.leaves) {
    for (const raw of leaf.result) {
      const key = [raw.status, raw.messageId, stableJson(raw.data), JSON.stringify(raw.path ?? []), raw.severity ?? '', resourceKey(raw.resource)].join('\u0000');
      const agg = byKey.get(key);
      if (agg) agg.holds.push(leaf.assignment);
      else byKey.set(key, { raw, holds: [leaf.assignment] });
    }
  }
  const out = [...byKey.values()];
  for (const agg of out) {
    // Past the bound the explored scenarios are a sample: say only what all of them share.
    const terms = exploration.truncated ? [common(agg.holds)].filter((t) => t.size > 0) : simplify(agg.holds, all, exploration.vars);
    if (terms.length > 0) {
      agg.text = conditionsText(terms, exploration.vars);
      agg.conditions = conditionsJson(terms, exploration.vars);
    }
  }
  if (exploration.truncated) out.push({ raw: { status: 'not-evaluated', messageId: 'engine/scenario-bound', data: { bound: MAX_SCENARIOS }, resource }, holds: [] });
  return out;
}

/** The choices every assignment agrees on. */
function common(holds: readonly Assignment[]): Map<string, string | boolean> {
  const [first, ...rest] = holds;
  const out = new Map(first ?? []);
  for (const h of rest) for (const [k, v] of out) if (h.get(k) !== v) out.delete(k);
  return out;
}

/** A run's verdict: its reports, or — when it read an unknown value and neither failed nor explained — not-evaluated with that value's reason. */
function settle(out: Raw[], run: Run, resource: Resource, source: InputSource): Raw[] {
  if (out.length > 0 || run.unknowns.length === 0) return out;
  // The first unknown decides the reason; a later record of the same one may know its line.
  const reason = run.unknowns[0]!.reason;
  const first = run.unknowns.find((u) => u.reason === reason && relativePath(u.path, resource, source) !== undefined) ?? run.unknowns[0]!;
  const path = relativePath(first.path, resource, source);
  return [{ status: 'not-evaluated', messageId: 'engine/unknown', data: { reason: first.reason }, resource, ...(path ? { path } : {}) }];
}

/** A template-absolute path as a path relative to the resource (when it is inside it). */
function relativePath(path: readonly (string | number)[], resource: Resource, source: InputSource): Path | undefined {
  if (source.kind === 'template' && path[0] === 'Resources' && path[1] === resource.id) return path.slice(2);
  if (source.kind === 'account' && path[0] === 'Properties') return path;
  return undefined;
}

/**
 * The context a check sees. One per input, pointed at the resource and report list of the run
 * in progress: a scan runs thousands of checks, and a context of closures per run was garbage.
 */
class CheckContext implements RuleContext {
  resource!: Resource;
  out!: Raw[];

  constructor(
    private readonly source: InputSource,
    readonly index: InventoryIndex,
    readonly config: EffectiveConfig,
  ) {}

  get(r: Resource, path: Path = []): unknown {
    return dig(this.source.props(r), path);
  }

  unknown(reason: string, path?: Path): Unknown {
    const absolute = path ? (this.source.kind === 'template' && path[0] === 'Properties' ? ['Resources', this.resource.id, ...path] : path) : [];
    recordUnknown({ reason, path: absolute });
    return new Unknown(reason);
  }

  exists(r: Resource): boolean {
    return this.source.exists(r);
  }

  tolerate<T>(fn: () => T): T {
    return tolerateUnknowns(fn);
  }

  parameter(r: Resource, name: string) {
    return this.source.parameter(r, name);
  }

  sourcePath(r: Resource, node: unknown) {
    return this.source.sourcePath(r, node);
  }

  propertyPath(r: Resource, key: string): Path {
    return this.source.written(r, key) ? ['Properties', key] : ['Properties'];
  }

  tier(r: Resource) {
    const tags = tolerateUnknowns(() => tagsOf({ Tags: dig(this.source.props(r), ['Tags']) }));
    return resolveTier(this.config, tags, (names) => this.source.stackParameter(r, names));
  }

  report(r: RuleReport): void {
    this.push('fail', r);
  }

  notEvaluated(r: RuleReport): void {
    this.push('not-evaluated', r);
  }

  private push(status: Raw['status'], r: RuleReport): void {
    this.out.push({
      status,
      messageId: r.messageId,
      ...(r.data ? { data: r.data } : {}),
      ...(r.path ? { path: r.path } : {}),
      ...(r.severity ? { severity: r.severity } : {}),
      resource: r.resource ?? this.resource,
    });
  }
}

function toFinding(source: InputSource, rule: Rule, messages: Readonly<Record<string, string>>, agg: Aggregated): Finding {
  const { raw } = agg;
  const template = messages[raw.messageId] ?? ENGINE_MESSAGES[raw.messageId] ?? raw.messageId;
  const data = maskData(raw.data, source.secrets);
  const text = redact(interpolate(template, data), source.secrets) + (agg.text ? redact(agg.text, source.secrets) : '');
  const located = source.locate(raw.resource, raw.path);
  const resource: FindingResource = { id: raw.resource.id, type: raw.resource.type, ...(raw.resource.arn ? { arn: raw.resource.arn } : {}), ...located };
  return {
    ruleId: rule.meta.id,
    ruleName: rule.meta.name,
    severity: raw.severity ?? rule.meta.severity,
    status: raw.status,
    message: text,
    messageId: raw.messageId,
    ...(data ? { data } : {}),
    ...(agg.conditions ? { conditions: agg.conditions } : {}),
    resource,
    ...(raw.status === 'not-evaluated' ? { reason: text } : {}),
    ...(raw.path ? { path: raw.path } : {}),
    fingerprint: fingerprint(rule.meta.id, resource, raw.path, raw.messageId, data),
  };
}

function maskData(data: MessageData | undefined, secrets: readonly string[]): MessageData | undefined {
  if (!data) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const k of Object.keys(data)) {
    const v = data[k]!;
    out[k] = typeof v === 'string' ? redact(printValue(v), secrets) : v;
  }
  return out;
}

function interpolate(template: string, data: MessageData | undefined): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, k: string) => (data && Object.hasOwn(data, k) ? String(data[k]) : m));
}

function stableJson(data: MessageData | undefined): string {
  if (!data) return '';
  return JSON.stringify(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
}

/** Stable when lines move and when messages are reworded: rule, where, resource, path, message id and data. */
function fingerprint(ruleId: string, r: FindingResource, path: Path | undefined, messageId: string, data: MessageData | undefined): string {
  const where = r.file ?? `${r.account ?? ''}/${r.region ?? ''}`;
  const text = [ruleId, where, r.stack ?? '', r.type, r.id, JSON.stringify(path ?? []), messageId, stableJson(data)].join('\u0000');
  return hash('sha256', text, 'hex').slice(0, 32);
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const cmp = (a: string | number | undefined, b: string | number | undefined): number => {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return a < b ? -1 : 1;
  };
  return [...findings].sort(
    (a, b) =>
      cmp(a.resource.file, b.resource.file) ||
      cmp(a.resource.account, b.resource.account) ||
      cmp(a.resource.region, b.resource.region) ||
      cmp(a.resource.line, b.resource.line) ||
      cmp(a.resource.column, b.resource.column) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.resource.id, b.resource.id) ||
      cmp(a.message, b.message),
  );
}

export type { Suppression };
