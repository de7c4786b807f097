import type { Finding, Report, Severity } from '../model/finding.js';
import type { ReporterContext } from './types.js';
import { errorText, groupKey, oneLine, placeOf, placeText, severityOf, sortErrors, sortFindings, str, summaryLine } from './common.js';

// Plain SGR codes: no dependency, and nothing is emitted unless the CLI says stdout is a TTY.
const SGR = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  gray: '\u001b[90m',
} as const;

const SEVERITY_STYLE: Record<Severity, string> = {
  critical: SGR.bold + SGR.red,
  high: SGR.red,
  medium: SGR.yellow,
  low: SGR.cyan,
  info: SGR.gray,
};

/** Width of the widest severity label (CRITICAL), so columns line up. */
const SEVERITY_WIDTH = 8;

function paint(on: boolean, style: string, s: string): string {
  return on ? `${style}${s}${SGR.reset}` : s;
}

interface Widths {
  readonly where: number;
  readonly rule: number;
}

function findingLine(f: Finding, ctx: ReporterContext, color: boolean, w: Widths): string {
  const sev = severityOf(f);
  const label = sev.toUpperCase().padEnd(SEVERITY_WIDTH);
  const where = placeText(placeOf(f, ctx.cwd)).padEnd(w.where);
  let message = oneLine(str(f.message));
  if (f.status === 'not-evaluated') {
    const reason = oneLine(str(f.reason));
    // Most rules state the reason as the message itself: say it once.
    message += reason === '' ? ' (not evaluated: no reason given)' : reason === oneLine(str(f.message)) ? ' (not evaluated)' : ` (not evaluated: ${reason})`;
  }
  if (f.status === 'suppressed') message += ` (suppressed: ${oneLine(str(f.suppression?.reason)) || 'no reason given'})`;
  const rule = oneLine(str(f.ruleId)).padEnd(w.rule);
  const cols = [where, paint(color && f.status === 'fail', SEVERITY_STYLE[sev], label), rule, oneLine(str(f.resource.id)), message];
  const line = `  ${cols.join('  ')}`;
  // A finding that does not count towards the gate is dimmed as a whole.
  return color && f.status !== 'fail' ? paint(true, SGR.dim, line) : line;
}

/**
 * Terminal output: findings grouped by template file or by account/region, one line each
 * (`file:line:col  SEVERITY  RULE-ID  resource-id  message`), then input errors, notes and
 * a summary line. Lines and columns are 1-based.
 */
export function formatText(report: Report, ctx: ReporterContext): string {
  const color = ctx.color === true;
  const out: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of sortFindings(report.findings, ctx.cwd)) {
    const key = groupKey(placeOf(f, ctx.cwd));
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const [key, list] of groups) {
    out.push(paint(color, SGR.bold, oneLine(key)));
    // Columns line up within a group; widths depend only on the report, so output stays deterministic.
    const w: Widths = {
      where: Math.max(...list.map((f) => placeText(placeOf(f, ctx.cwd)).length)),
      rule: Math.max(...list.map((f) => oneLine(str(f.ruleId)).length)),
    };
    for (const f of list) out.push(findingLine(f, ctx, color, w));
    out.push('');
  }
  const errors = sortErrors(report.errors, ctx.cwd);
  if (errors.length > 0) {
    out.push(paint(color, SGR.bold + SGR.red, 'Input errors'));
    for (const e of errors) out.push(`  ${errorText(e, ctx.cwd)}`);
    out.push('');
  }
  const notes = report.notes ?? [];
  if (notes.length > 0) {
    out.push(paint(color, SGR.bold, 'Notes'));
    for (const n of notes) out.push(`  ${oneLine(str(n))}`);
    out.push('');
  }
  const summary = summaryLine(report.summary);
  out.push(paint(color, SGR.bold, summary));
  return `${out.join('\n')}\n`;
}
