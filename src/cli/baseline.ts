// --baseline previous.json: keep only findings whose fingerprint the earlier report lacks,
// so a team can gate new problems from day one without fixing the old ones first.

import { readFileSync } from 'node:fs';
import type { Finding, Report, Severity } from '../model/finding.js';
import { severityRank, SEVERITIES } from '../model/finding.js';
import { UsageError } from './io.js';

export function applyBaseline(report: Report, file: string): Pick<Report, 'findings' | 'summary' | 'notes'> {
  let known: Set<string>;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { findings?: { fingerprint?: unknown }[] };
    if (!Array.isArray(data.findings)) throw new Error('no findings array');
    known = new Set(data.findings.map((f) => String(f.fingerprint)));
  } catch (err) {
    throw new UsageError(`${file}: not a stackaudit JSON report: ${String((err as Error).message).split('\n')[0]}`);
  }
  const findings: Finding[] = report.findings.filter((f) => !known.has(f.fingerprint));
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
    notes: [...(report.notes ?? []), `baseline ${file}: ${report.findings.length - findings.length} known finding(s) hidden`],
  };
}
