// Runs the rules over an inventory and turns what they report into the Report contract:
// severities from config, suppressions (inline and config), de-duplication, stable
// fingerprints, deterministic order, and the --fail-on gate.

import { hash } from 'node:crypto';
import type { EffectiveConfig } from '../model/config.js';
import {
  SEVERITIES,
  severityRank,
  type Finding,
  type FindingResource,
  type InputError,
  type Report,
  type Severity,
  type Suppression,
} from '../model/finding.js';
import type { FailedRead, InventoryIndex } from '../model/inventory.js';
import type { Path, Resource } from '../model/resource.js';
import { resourceKey, tagsOf } from '../model/resource.js';
import type { ParameterDeclaration, ReportOptions, Rule, RuleContext } from '../model/rule.js';
import { isRecord, type Possible } from '../model/values.js';
import { buildInventoryIndex } from './inventory-index.js';
import { applySuppressions } from './suppressions.js';
import { resolveTier } from './tiers.js';
import { VERSION } from '../version.js';

/** What the engine needs from an input, template or account. */
export interface EvaluationSource {
  readonly input: 'template' | 'account';
  readonly resources: readonly Resource[];
  /** Live audits: list calls that failed (their resources are missing, not absent). */
  readonly failedReads?: readonly FailedRead[];
  values(resource: Resource, path: Path): readonly Possible[];
  raw(resource: Resource, path: Path): unknown;
  sourcePath(resource: Resource, node: unknown): Path | undefined;
  parameter(resource: Resource, name: string): ParameterDeclaration | undefined;
  /** The first of `names` that the resource's stack declares, with its value. */
  stackParameter(resource: Resource, names: readonly string[]): { name: string; value: string } | undefined;
  /** Where a finding on `path` of the resource points: file/line/column or account/region. */
  locate(resource: Resource, path: Path | undefined): Partial<FindingResource>;
}

export interface EvaluateOptions {
  readonly config: EffectiveConfig;
  readonly rules: readonly Rule[];
  readonly failOn?: Severity | 'none';
  readonly errors?: readonly InputError[];
  readonly notes?: readonly string[];
  readonly inputs?: number;
}

interface Raw {
  readonly rule: Rule;
  readonly resource: Resource;
  readonly status: 'fail' | 'not-evaluated';
  readonly message: string;
  readonly reason?: string;
  readonly path?: Path;
  readonly severity?: Severity;
}

export function evaluate(source: EvaluationSource, options: EvaluateOptions): Report & { index: InventoryIndex } {
  const { config } = options;
  const index = buildInventoryIndex(source.resources, (r, p) => source.values(r, p), source.failedReads ?? []);
  const raws: Raw[] = [];
  let current: Rule | undefined;
  const report = (status: Raw['status']) => (resource: Resource, text: string, o: ReportOptions = {}) => {
    raws.push({
      rule: current!,
      resource: o.resource ?? resource,
      status,
      message: text,
      ...(status === 'not-evaluated' ? { reason: text } : {}),
      ...(o.path ? { path: o.path } : {}),
      ...(o.severity ? { severity: o.severity } : {}),
    });
  };
  // Tags as deployed (a `Value: !Ref Env` resolves), for tiers and tag suppressions alike.
  const tagsFor = (r: Resource): Record<string, string> => tagsOf(firstLiteral(source.values(r, ['Tags'])) ?? {});
  const ctx: RuleContext = {
    input: source.input,
    config,
    index,
    values: (r, p) => source.values(r, p),
    raw: (r, p) => source.raw(r, p),
    parameter: (r, n) => source.parameter(r, n),
    sourcePath: (r, n) => source.sourcePath(r, n),
    tier: (r) => resolveTier(config, tagsFor(r), (names) => source.stackParameter(r, names)),
    fail: report('fail'),
    notEvaluated: report('not-evaluated'),
  };

  for (const rule of options.rules) {
    if (config.rules[rule.meta.id]?.enabled === false) continue;
    current = rule;
    for (const resource of rule.meta.resourceTypes.flatMap((t) => index.ofType(t))) {
      try {
        rule.check(resource, ctx);
      } catch (err) {
        // A rule that throws is a finding for that rule and resource, not a crashed run.
        ctx.notEvaluated(resource, `rule error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (rule.checkInventory) {
      try {
        rule.checkInventory(ctx);
      } catch (err) {
        const first = source.resources[0];
        if (first) ctx.notEvaluated(first, `rule error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const r of raws) {
    const key = `${r.rule.meta.id}|${resourceKey(r.resource)}|${r.status}|${r.message}|${JSON.stringify(r.path ?? [])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const located = source.locate(r.resource, r.path ? r.path : undefined);
    const resource: FindingResource = { id: r.resource.id, type: r.resource.type, ...(r.resource.arn ? { arn: r.resource.arn } : {}), ...located };
    const severity = config.rules[r.rule.meta.id]?.severity ?? r.severity ?? r.rule.meta.severity;
    findings.push({
      ruleId: r.rule.meta.id,
      ruleName: r.rule.meta.name,
      severity,
      status: r.status,
      message: r.message,
      resource,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.path ? { path: r.path } : {}),
      fingerprint: fingerprint(r.rule.meta.id, resource, r.path, r.message),
    });
  }

  const suppressed = applySuppressions(findings, source.resources, config, tagsFor);
  const sorted = sortFindings(suppressed.findings);
  const failOn = options.failOn ?? 'high';
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of sorted) if (f.status === 'fail') bySeverity[f.severity]++;
  const gateFailed = failOn !== 'none' && sorted.some((f) => f.status === 'fail' && severityRank(f.severity) >= severityRank(failOn));
  const errors = options.errors ?? [];
  const notes = [...(options.notes ?? []), ...suppressed.notes];
  return {
    tool: { name: 'stackaudit', version: VERSION },
    findings: sorted,
    errors,
    summary: {
      resources: source.resources.length,
      inputs: options.inputs ?? 0,
      fail: sorted.filter((f) => f.status === 'fail').length,
      notEvaluated: sorted.filter((f) => f.status === 'not-evaluated').length,
      suppressed: sorted.filter((f) => f.status === 'suppressed').length,
      errors: errors.length,
      bySeverity,
      failOn,
      gateFailed,
    },
    ...(notes.length ? { notes } : {}),
    index,
  };
}

function firstLiteral(poss: readonly Possible[]): Record<string, unknown> | undefined {
  for (const p of poss) {
    if (Array.isArray(p.value) || isRecord(p.value)) return { Tags: p.value };
  }
  return undefined;
}

/** Stable when lines move: the rule, where (file or account/region), the resource and the path. */
function fingerprint(ruleId: string, r: FindingResource, path: Path | undefined, message: string): string {
  const where = r.file ?? `${r.account ?? ''}/${r.region ?? ''}`;
  const text = [ruleId, where, r.stack ?? '', r.type, r.id, JSON.stringify(path ?? []), path ? '' : message].join('\u0000');
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
