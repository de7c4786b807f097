import * as path from 'node:path';
import { SEVERITIES, severityRank } from '../model/finding.js';
import type { Finding, FindingStatus, InputError, Report, ReportSummary, Severity } from '../model/finding.js';

/**
 * A report's strings are typed as strings, but a bug upstream could hand us an `Unknown`
 * or a `ResourceRef`; print their `toJSON()` text (never `[object Object]`, never their
 * internals) so every format stays well-formed.
 */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const j = (v as { toJSON: () => unknown }).toJSON();
    return typeof j === 'string' ? j : (JSON.stringify(j) ?? '');
  }
  return JSON.stringify(v) ?? '';
}

/** A positive integer (lines and columns are 1-based), else undefined. */
export function posInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** The largest of the values, or `floor`; without spreading them into arguments (a report may hold 400,000 findings). */
export function maxOf<T>(items: readonly T[], value: (item: T) => number, floor = 0): number {
  let max = floor;
  for (const item of items) {
    const v = value(item);
    if (v > max) max = v;
  }
  return max;
}

export function nonNegInt(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * The file as a path relative to `cwd` with forward slashes, when it lies inside `cwd`;
 * otherwise as the user named it (forward slashes too).
 */
export function displayPath(file: string, cwd: string): string {
  // Asked for every finding of the same few files: path.resolve/relative once per file.
  const key = `${cwd}\u0000${file}`;
  const hit = displayCache.get(key);
  if (hit !== undefined) return hit;
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const shown = (inside ? rel : file).split(path.sep).join('/').replace(/\\/g, '/');
  if (displayCache.size > 10_000) displayCache.clear();
  displayCache.set(key, shown);
  return shown;
}

const displayCache = new Map<string, string>();

/** Whether `displayPath` could express the file relative to `cwd`. */
export function isInside(file: string, cwd: string): boolean {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export type Place =
  | { readonly kind: 'template'; readonly file: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'account'; readonly account: string; readonly region: string };

/** Where a finding is: a template position, or an account and region. */
export function placeOf(f: Finding, cwd: string): Place {
  const r = f.resource;
  if (typeof r.file === 'string' && r.file !== '') {
    const line = posInt(r.line);
    const column = line === undefined ? undefined : posInt(r.column);
    return { kind: 'template', file: displayPath(r.file, cwd), ...(line !== undefined && { line }), ...(column !== undefined && { column }) };
  }
  return { kind: 'account', account: str(r.account) || 'unknown-account', region: str(r.region) || 'global' };
}

/** `file:line:col`, `file:line`, `file`, or `account/region`. */
export function placeText(p: Place): string {
  if (p.kind === 'account') return `${p.account}/${p.region}`;
  if (p.line === undefined) return p.file;
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

/** Group heading: the template file, or the account and region. */
export function groupKey(p: Place): string {
  return p.kind === 'template' ? p.file : `${p.account}/${p.region}`;
}

const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'not-evaluated', 'suppressed'];

function cmp(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Findings in output order: templates (file, line, column) before accounts (account,
 * region), then rule, resource, status, message. The engine sorts too; sorting here keeps
 * every format deterministic whatever it is handed. Code-unit comparison, not locale.
 */
export function sortFindings(findings: readonly Finding[], cwd: string): Finding[] {
  const keyed = findings.map((f) => {
    const p = placeOf(f, cwd);
    const k: (string | number)[] = p.kind === 'template' ? [0, p.file, '', p.line ?? 0, p.column ?? 0] : [1, p.account, p.region, 0, 0];
    k.push(str(f.ruleId), str(f.resource.id), STATUS_ORDER.indexOf(f.status), str(f.message), str(f.fingerprint));
    return { f, k };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const c = cmp(a.k[i] ?? '', b.k[i] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((x) => x.f);
}

export function sortErrors(errors: readonly InputError[], cwd: string): InputError[] {
  return [...errors].sort(
    (a, b) =>
      cmp(displayPath(str(a.file), cwd), displayPath(str(b.file), cwd)) ||
      cmp(posInt(a.line) ?? 0, posInt(b.line) ?? 0) ||
      cmp(posInt(a.column) ?? 0, posInt(b.column) ?? 0) ||
      cmp(str(a.message), str(b.message)),
  );
}

/** `file:line: message` (line when known). */
export function errorText(e: InputError, cwd: string): string {
  const file = displayPath(str(e.file), cwd);
  const line = posInt(e.line);
  return `${line === undefined ? file : `${file}:${line}`}: ${oneLine(str(e.message))}`;
}

/** One line: newlines and tabs become spaces, other control characters (ANSI escapes from a tag value…) are shown escaped. */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * `N findings (x critical, y high), M not evaluated, K suppressed, E input errors in R resources from I inputs`.
 * Counts come from the summary the engine computed; severities with no finding are left out.
 */
export function summaryLine(s: ReportSummary): string {
  const fail = nonNegInt(s.fail);
  const bySev = SEVERITIES.map((sev) => [sev, nonNegInt(s.bySeverity?.[sev])] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`);
  const findings = `${plural(fail, 'finding')}${bySev.length > 0 ? ` (${bySev.join(', ')})` : ''}`;
  return (
    `${findings}, ${nonNegInt(s.notEvaluated)} not evaluated, ${nonNegInt(s.suppressed)} suppressed, ` +
    `${plural(nonNegInt(s.errors), 'input error')} in ${plural(nonNegInt(s.resources), 'resource')} from ${plural(nonNegInt(s.inputs), 'input')}`
  );
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** Unknown severities (should not happen) are treated as the least severe, never dropped. */
export function severityOf(f: Finding): Severity {
  return isSeverity(f.severity) ? f.severity : 'info';
}

/** The exit code a report gives: 2 for input errors, 1 when the gate failed (unless soft-fail), else 0. */
export function exitCodeOf(report: Pick<Report, 'errors' | 'summary'>, softFail = false): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  return report.summary.gateFailed === true && !softFail ? 1 : 0;
}

/** How many failing findings are at or above the gate's severity. */
export function atOrAbove(s: ReportSummary): number {
  if (!isSeverity(s.failOn)) return 0;
  const limit = severityRank(s.failOn);
  return SEVERITIES.filter((sev) => severityRank(sev) >= limit).reduce((n, sev) => n + nonNegInt(s.bySeverity?.[sev]), 0);
}

/**
 * The gate's verdict in words, with the exit code it leads to:
 * `--fail-on high: 3 findings at or above it → exit 1`.
 */
export function verdictText(report: Pick<Report, 'errors' | 'summary'>, softFail = false): string {
  const s = report.summary;
  const failOn = str(s.failOn);
  const n = atOrAbove(s);
  const gate =
    failOn === 'none'
      ? '--fail-on none: findings never fail the run'
      : n === 0
        ? `--fail-on ${failOn}: no finding at or above it`
        : `--fail-on ${failOn}: ${plural(n, 'finding')} at or above it`;
  const code = exitCodeOf(report, softFail);
  const why = code === 2 ? ` (${plural(report.errors.length, 'input error')})` : softFail && s.gateFailed === true ? ' (--soft-fail)' : '';
  return `${gate} → exit ${code}${why}`;
}
