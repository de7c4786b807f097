// --baseline previous.json: keep only findings whose fingerprint the earlier report lacks,
// so a team can gate new problems from day one without fixing the old ones first.

import { isAbsolute, resolve } from 'node:path';
import type { Finding, Report } from '../model/finding.js';
import { FILE_LIMITS, InputFileError, readRegularTextFile } from '../scanners/files.js';
import { withFindings } from './filters.js';
import { UsageError } from './io.js';

/** The fingerprints of an earlier JSON report, read as a regular file of bounded size. */
export function readBaseline(file: string, cwd: string = process.cwd()): Set<string> {
  let text: string;
  try {
    text = readRegularTextFile(isAbsolute(file) ? file : resolve(cwd, file), { maxBytes: FILE_LIMITS.baseline, what: 'baseline' });
  } catch (err) {
    throw new UsageError(err instanceof InputFileError ? `${file}: ${err.message}` : `${file}: cannot read baseline`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: not a stackaudit JSON report (not valid JSON)`);
  }
  const findings = data !== null && typeof data === 'object' ? (data as { findings?: unknown }).findings : undefined;
  if (!Array.isArray(findings)) throw new UsageError(`${file}: not a stackaudit JSON report (no "findings" list); write one with --output json=FILE`);
  const known = new Set<string>();
  for (const f of findings) {
    const fp = f !== null && typeof f === 'object' ? (f as { fingerprint?: unknown }).fingerprint : undefined;
    if (typeof fp === 'string') known.add(fp);
  }
  return known;
}

export function applyBaseline(report: Report, file: string, cwd?: string): Pick<Report, 'findings' | 'summary' | 'notes'> {
  const known = readBaseline(file, cwd);
  const findings: Finding[] = report.findings.filter((f) => !known.has(f.fingerprint));
  return {
    ...withFindings(report, findings),
    notes: [...(report.notes ?? []), `baseline ${file}: ${report.findings.length - findings.length} known finding(s) hidden`],
  };
}
