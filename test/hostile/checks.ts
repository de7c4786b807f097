// What every run of a hostile case must hold (issue 13), as a list of broken promises: an
// empty list is a pass. Pure functions over the captured output of the runs, so the e2e test
// and the unit test share them and a failure says exactly which promise broke.

import type { ExpectedFinding, HostileCase } from './corpus.mjs';
import { GOOD_FINDING } from './corpus.mjs';

export type Format = 'json' | 'text' | 'sarif' | 'junit' | 'markdown';

export interface Run {
  readonly format: Format;
  /** Exit code; null when the run was killed. */
  readonly status: number | null;
  /** Why it was killed: the time limit, or too much output. */
  readonly killed?: 'timeout' | 'output';
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
}

interface JsonFinding {
  ruleId?: unknown;
  status?: unknown;
  resource?: { id?: unknown; file?: unknown };
}

interface JsonReport {
  findings?: JsonFinding[];
  errors?: { file?: unknown; message?: unknown }[];
  notes?: unknown[];
}

/** Raw control characters (other than newline) and bidi/invisible format characters: what a terminal acts on. */
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const STACK_LINE = /^\s+at \S.*(\.js|\.ts|\.mjs|<anonymous>|node:)/m;

/** The formats a case is run in: JSON always (its findings are checked); others as the case asks. */
export function formatsOf(c: HostileCase): Format[] {
  const command = c.args[0];
  const formats: Format[] = ['json'];
  if (c.expect.terminalSafe || c.expect.allFormats || c.expect.finiteCost) formats.push('text');
  if (c.expect.markdownSafe || c.expect.allFormats) formats.push('markdown');
  if (c.expect.allFormats && command !== 'cost') formats.push('sarif', 'junit');
  return formats;
}

function matches(f: JsonFinding, want: Omit<ExpectedFinding, 'status'>, status?: string): boolean {
  const file = typeof f.resource?.file === 'string' ? f.resource.file : '';
  return (
    f.ruleId === want.ruleId &&
    f.resource?.id === want.resourceId &&
    (want.file === undefined || file === want.file || file.endsWith(`/${want.file}`)) &&
    (status === undefined || f.status === status)
  );
}

function show(s: string): string {
  return JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s);
}

/** Every promise of issue 13 this case's runs break. */
export function problems(c: HostileCase, runs: readonly Run[]): string[] {
  const out: string[] = [];
  const e = c.expect;
  const allowed = Array.isArray(e.exit) ? e.exit : [e.exit];
  for (const r of runs) {
    const tag = `[${r.format}]`;
    if (r.killed === 'timeout') {
      out.push(`${tag} killed after ${Math.round(r.wallMs / 1000)} s: no answer (a hang or unbounded work)`);
      continue;
    }
    if (r.killed === 'output') {
      out.push(`${tag} killed: output grew past the test's cap`);
      continue;
    }
    if (r.status === null) {
      out.push(`${tag} ended by a signal (an abort: out of memory?) ${show(r.stderr)}`);
      continue;
    }
    if (!allowed.includes(r.status)) out.push(`${tag} exit ${r.status}, expected ${allowed.join(' or ')}; stderr ${show(r.stderr)}`);
    if (STACK_LINE.test(r.stderr) || STACK_LINE.test(r.stdout)) out.push(`${tag} a stack trace was printed`);
    if (/internal error|bad_alloc|FATAL ERROR|Maximum call stack|heap out of memory/i.test(r.stderr)) {
      out.push(`${tag} stderr shows a crash: ${show(r.stderr)}`);
    }
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    const stray = lines.filter((l) => !l.startsWith('stackaudit: '));
    if (stray.length > 0) out.push(`${tag} stderr lines not of the form "stackaudit: …" (a message broke its line?): ${show(stray.join('⏎'))}`);
    const wantFiles = [...(e.errorFiles ?? []), ...(r.status === 2 ? (e.errorFilesIfExit2 ?? []) : [])];
    for (const file of wantFiles) {
      if (!lines.some((l) => l.includes(file))) out.push(`${tag} no stderr line names ${file}: ${show(r.stderr)}`);
    }
    for (const secret of [...(e.secrets ?? []), ...(e.forbidden ?? [])]) {
      if (r.stdout.includes(secret) || r.stderr.includes(secret)) out.push(`${tag} printed ${show(secret)}`);
    }
    if (e.noErrors && r.stderr.trim() !== '') out.push(`${tag} stderr not empty: ${show(r.stderr)}`);
    if (e.terminalSafe && (r.format === 'text' || r.stderr !== '')) {
      const text = r.format === 'text' ? r.stdout + r.stderr : r.stderr;
      const bad = TERMINAL_UNSAFE.exec(text);
      if (bad) out.push(`${tag} raw U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} printed to the terminal`);
      if (text.split(/[\r\n]/).some((l) => /^\s*fake\.yaml:1:1/.test(l))) out.push(`${tag} a forged report line was printed`);
    }
    if (e.finiteCost && /Infinity|NaN/.test(r.stdout)) out.push(`${tag} printed Infinity or NaN`);
    if (r.format === 'markdown' && e.markdownSafe) out.push(...markdownProblems(r.stdout, e.markdownSafe));
    if (r.format === 'json') out.push(...jsonProblems(c, r));
  }
  const codes = new Set(runs.filter((r) => r.status !== null).map((r) => r.status));
  if (codes.size > 1) out.push(`exit codes differ between formats: ${[...codes].join(', ')}`);
  return out;
}

function jsonProblems(c: HostileCase, r: Run): string[] {
  const out: string[] = [];
  const e = c.expect;
  if (e.maxStdoutBytes !== undefined && r.stdout.length > e.maxStdoutBytes) out.push(`[json] report is ${r.stdout.length} bytes, over ${e.maxStdoutBytes}`);
  const needsReport = c.mixed || (e.findings?.length ?? 0) > 0 || e.notes !== undefined || e.finiteCost === true;
  if (r.stdout.trim() === '') {
    if (needsReport) out.push('[json] no report printed');
    return out;
  }
  let report: unknown;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    out.push(`[json] stdout is not JSON: ${show(r.stdout)}`);
    return out;
  }
  if (e.finiteCost) out.push(...finiteProblems(report));
  if (c.args[0] === 'cost') return out;
  const { findings = [], errors = [], notes = [] } = report as JsonReport;
  const wanted = [...(e.findings ?? []), ...(c.mixed ? [GOOD_FINDING] : [])];
  for (const want of wanted) {
    const status = want.status ?? 'fail';
    if (!findings.some((f) => matches(f, want, status))) {
      const near = findings.filter((f) => f.resource?.id === want.resourceId).map((f) => `${String(f.ruleId)}:${String(f.status)}`);
      out.push(`[json] missing ${want.ruleId} ${status} on ${want.resourceId}${want.file ? ` in ${want.file}` : ''} (has: ${near.join(', ') || 'nothing'})`);
    }
  }
  for (const not of e.absent ?? []) {
    if (findings.some((f) => matches(f, not) && f.status !== 'suppressed')) out.push(`[json] unexpected ${not.ruleId} on ${not.resourceId}`);
  }
  for (const note of e.notes ?? []) {
    if (!notes.some((n) => typeof n === 'string' && n.includes(note))) out.push(`[json] no note names ${note}`);
  }
  if (e.noErrors && errors.length > 0) out.push(`[json] errors: ${show(JSON.stringify(errors))}`);
  for (const err of errors) {
    if (typeof err.file !== 'string' || err.file === '') out.push(`[json] an error names no file: ${show(JSON.stringify(err))}`);
    if (typeof err.message === 'string' && /[\r\n]/.test(err.message)) out.push(`[json] an error message spans lines: ${show(err.message)}`);
  }
  return out;
}

/** Cost numbers are finite: JSON turns Infinity and NaN into null. */
function finiteProblems(report: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (/^(monthly|monthlyTotal|total|unitPrice|quantity)$/i.test(key) && (v === null || (typeof v === 'number' && !Number.isFinite(v)))) {
      out.push(`[json] ${key} is ${String(v)}`);
    }
  };
  walk(report, '');
  return out;
}

/** A Markdown report for a PR comment: no live @mention, and every table row has the header's cells. */
export function markdownProblems(md: string, mentions: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of mentions) {
    const live = new RegExp(`(^|[\\s|(\\[>*_~])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'm');
    // Inside a code span a mention is inert; remove code spans first.
    if (live.test(md.replace(/`[^`\n]*`/g, ''))) out.push(`[markdown] ${m} is a live mention`);
  }
  // GitHub splits cells at every unescaped pipe, inside code spans too.
  const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
  let header: number | undefined;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const n = cells(line);
    if (header === undefined) header = n;
    else if (n !== header) out.push(`[markdown] a table row has ${n - 2} cells, its header ${header - 2}: ${show(line)}`);
  }
  return out;
}
