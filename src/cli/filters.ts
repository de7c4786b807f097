// Which findings a run reports: --check / --skip-check (rule ids, globs like NET-*, severities,
// as checkov's options take them) and --baseline share one way to narrow a report and recount
// its summary, so the gate always judges exactly what is printed.

import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from '../model/finding.js';
import { didYouMean } from '../engine/config.js';
import { globMatch, isGlob } from './glob.js';
import { UsageError } from './io.js';

export type CheckSpec = { readonly kind: 'rule'; readonly pattern: string } | { readonly kind: 'severity'; readonly severity: Severity };

/**
 * Parses `--check`/`--skip-check` items: a rule id (any case), a glob over rule ids, or a
 * severity. An id or glob that names no rule is a usage error with a did-you-mean: a typo must
 * not silently select nothing.
 */
export function parseCheckSpecs(items: readonly string[], option: string, ruleIds: readonly string[]): CheckSpec[] {
  return items.map((raw) => {
    const item = raw.trim();
    const lower = item.toLowerCase();
    if ((SEVERITIES as readonly string[]).includes(lower)) return { kind: 'severity', severity: lower as Severity };
    if (!ruleIds.some((id) => globMatch(item, id, { caseInsensitive: true }))) {
      const hint = isGlob(item) ? '' : didYouMean(item.toUpperCase(), [...ruleIds, ...SEVERITIES]);
      throw new UsageError(`${option} ${item}: matches no rule${hint || ' (give rule ids like NET-001, globs like NET-*, or severities)'}`);
    }
    return { kind: 'rule', pattern: item };
  });
}

function matchesRule(specs: readonly CheckSpec[], ruleId: string): boolean {
  return specs.some((s) => s.kind === 'rule' && globMatch(s.pattern, ruleId, { caseInsensitive: true }));
}

/**
 * checkov's semantics: with `check`, a finding stays when its rule is named or its severity is
 * at or above the lowest severity named; with `skipCheck`, it goes when its rule is named or
 * its severity is at or below the highest severity named. Skip wins over check.
 */
export function selectFindings(findings: readonly Finding[], check: readonly CheckSpec[], skip: readonly CheckSpec[]): Finding[] {
  const sevs = (specs: readonly CheckSpec[]): number[] => specs.flatMap((s) => (s.kind === 'severity' ? [severityRank(s.severity)] : []));
  const checkSevs = sevs(check);
  const skipSevs = sevs(skip);
  const minCheck = checkSevs.length > 0 ? Math.min(...checkSevs) : undefined;
  const maxSkip = skipSevs.length > 0 ? Math.max(...skipSevs) : undefined;
  return findings.filter((f) => {
    const rank = severityRank(f.severity);
    if (check.length > 0 && !matchesRule(check, f.ruleId) && !(minCheck !== undefined && rank >= minCheck)) return false;
    if (matchesRule(skip, f.ruleId) || (maxSkip !== undefined && rank <= maxSkip)) return false;
    return true;
  });
}

/** The report with only `findings`, its counts and gate recomputed (inputs, resources and errors unchanged). */
export function withFindings(report: Report, findings: readonly Finding[]): Pick<Report, 'findings' | 'summary'> {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (f.status === 'fail') bySeverity[f.severity]++;
  const failOn = report.summary.failOn;
  return {
    findings,
    summary: {
      ...report.summary,
      fail: findings.filter((f) => f.status === 'fail').length,
      notEvaluated: findings.filter((f) => f.status === 'not-evaluated').length,
      suppressed: findings.filter((f) => f.status === 'suppressed').length,
      bySeverity,
      gateFailed: failOn !== 'none' && findings.some((f) => f.status === 'fail' && severityRank(f.severity) >= severityRank(failOn)),
    },
  };
}
