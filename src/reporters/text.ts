import { severityRank } from '../model/finding.js';
import type { Finding, Report, Severity } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import type { ReporterContext } from './types.js';
import { errorText, exitCodeOf, groupKey, maxOf, nonNegInt, placeOf, severityOf, sortErrors, sortFindings, str, verdictText } from './common.js';
import { ruleHelpUri } from './help-uri.js';
import { termSafe } from './terminal.js';

// Plain SGR codes: no dependency, and nothing is emitted unless the CLI says stdout is a TTY.
const SGR = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
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
export const DEFAULT_TEXT_WIDTH = 120;
/** However narrow the terminal, a message keeps this many columns (the line then overflows). */
const MIN_MESSAGE = 24;

function paint(on: boolean, style: string, s: string): string {
  return on ? `${style}${s}${SGR.reset}` : s;
}

/** Input text made safe for a terminal and one line (see terminal.ts). */
const safe = (v: unknown): string => termSafe(str(v));

/** Shortens to `room` columns with an ellipsis; code points, so a surrogate pair is never split. */
function fit(s: string, room: number): { readonly text: string; readonly cut: boolean } {
  const chars = Array.from(s);
  if (chars.length <= room) return { text: s, cut: false };
  return { text: `${chars.slice(0, Math.max(1, room - 1)).join('')}…`, cut: true };
}

/** Greedy word wrap to `width` columns; a word longer than a line is split. */
function wrap(s: string, width: number): string[] {
  const room = Math.max(MIN_MESSAGE, width);
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    let w = word;
    while (Array.from(w).length > room) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      const chars = Array.from(w);
      lines.push(chars.slice(0, room).join(''));
      w = chars.slice(room).join('');
    }
    if (line === '') line = w;
    else if (Array.from(line).length + 1 + Array.from(w).length <= room) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** `line:col`, `line`, or '' (account findings, or no position). */
function positionOf(f: Finding, ctx: ReporterContext): string {
  const p = placeOf(f, ctx.cwd);
  if (p.kind === 'account' || p.line === undefined) return '';
  return p.column === undefined ? String(p.line) : `${p.line}:${p.column}`;
}

interface ResourceGroup {
  readonly id: string;
  readonly type: string;
  readonly findings: Finding[];
}

interface FileGroup {
  /** The file (or account/region), as displayed. */
  readonly key: string;
  readonly findings: Finding[];
}

/** Findings by file (or account/region) in path order; within each, the order sortFindings gives. */
function byFile(findings: readonly Finding[], ctx: ReporterContext): FileGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of sortFindings(findings, ctx.cwd)) {
    const key = groupKey(placeOf(f, ctx.cwd));
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([key, list]) => ({ key, findings: list }));
}

const rank = (f: Finding): number => severityRank(severityOf(f));

/**
 * A file's findings by resource: the resource with the most severe finding first (then by
 * position), and within a resource the most severe finding first. Stable: ties keep the
 * location order of sortFindings.
 */
function byResource(findings: readonly Finding[]): ResourceGroup[] {
  const groups = new Map<string, ResourceGroup>();
  for (const f of findings) {
    const id = str(f.resource.id);
    const type = str(f.resource.type);
    const key = `${str(f.resource.stack)}\u0000${type}\u0000${id}`;
    const g = groups.get(key);
    if (g) g.findings.push(f);
    else groups.set(key, { id, type, findings: [f] });
  }
  const list = [...groups.values()];
  for (const g of list) g.findings.sort((a, b) => rank(b) - rank(a));
  // Sorted most severe first just above.
  const worst = (g: ResourceGroup): number => rank(g.findings[0]!);
  return list
    .map((g, i) => ({ g, i }))
    .sort((a, b) => worst(b.g) - worst(a.g) || a.i - b.i)
    .map((x) => x.g);
}

interface Layout {
  readonly ctx: ReporterContext;
  readonly color: boolean;
  readonly width: number;
  readonly detail: 'compact' | 'normal' | 'verbose';
  readonly rules: ReadonlyMap<string, RuleMeta>;
  /** Rule-id column width across the report, so columns line up from file to file. */
  readonly ruleWidth: number;
}

/** A resource id inline on a finding's line, shortened when it would leave the message too little room. */
function shortId(f: Finding, room: number): string {
  return fit(safe(f.resource.id), Math.max(12, room)).text;
}

/** `    SEVERITY  RULE-ID  12:7  [resource  ]message`, shortened to the width; `cut` when the message was shortened. */
function headLine(f: Finding, lay: Layout, indent: string, posWidth: number, withResource: boolean): { line: string; cut: boolean } {
  const sev = severityOf(f);
  const label = sev.toUpperCase().padEnd(SEVERITY_WIDTH);
  const rule = safe(f.ruleId).padEnd(lay.ruleWidth);
  const pos = positionOf(f, lay.ctx).padEnd(posWidth);
  const before = `${indent}${label}  ${rule}  ${pos}${posWidth > 0 ? '  ' : ''}`;
  const resource = withResource ? `${shortId(f, lay.width - Array.from(before).length - MIN_MESSAGE - 2)}  ` : '';
  const prefix = `${before}${resource}`;
  const { text, cut } = fit(safe(f.message), Math.max(MIN_MESSAGE, lay.width - Array.from(prefix).length));
  const painted = `${indent}${paint(lay.color, SEVERITY_STYLE[sev], label)}  ${rule}  ${pos}${posWidth > 0 ? '  ' : ''}${resource}`;
  return { line: `${painted}${text}`, cut };
}

/** `    RULE-ID  12:7  resource  text` for not-evaluated and suppressed findings: no severity label. */
function sideLine(f: Finding, lay: Layout, indent: string, posWidth: number, text: string): { line: string; cut: boolean } {
  const rule = safe(f.ruleId).padEnd(lay.ruleWidth);
  const pos = positionOf(f, lay.ctx).padEnd(posWidth);
  const before = `${indent}${rule}  ${pos}${posWidth > 0 ? '  ' : ''}`;
  const prefix = `${before}${shortId(f, lay.width - Array.from(before).length - MIN_MESSAGE - 2)}  `;
  const fitted = fit(text, Math.max(MIN_MESSAGE, lay.width - Array.from(prefix).length));
  return { line: `${prefix}${fitted.text}`, cut: fitted.cut };
}

/** --verbose: what a person needs to act on one finding, wrapped to the width. */
function details(f: Finding, lay: Layout, indent: string, cut: boolean): string[] {
  const meta = lay.rules.get(str(f.ruleId));
  const items: [string, string][] = cut ? [['message', safe(f.message)]] : [];
  if (f.status === 'not-evaluated') items.push(['reason', safe(f.reason) || 'no reason given']);
  if (f.status === 'suppressed') {
    const s = f.suppression;
    items.push(['suppressed', `${safe(s?.reason) || 'no reason given'} (${safe(s?.source) || 'unknown source'}${s?.expires ? `, expires ${safe(s.expires)}` : ''})`]);
  }
  if (f.resource.stack) items.push(['stack', safe(f.resource.stack)]);
  if (f.resource.arn) items.push(['arn', safe(f.resource.arn)]);
  items.push(['rule', `${safe(f.ruleId)} ${safe(f.ruleName)}${meta ? `: ${safe(meta.title)}` : ''}`]);
  if (meta && str(meta.remediation)) items.push(['fix', safe(meta.remediation)]);
  items.push(['docs', ruleHelpUri(str(f.ruleId))]);
  if (str(f.fingerprint)) items.push(['fingerprint', safe(f.fingerprint)]);
  const out: string[] = [];
  for (const [label, value] of items) {
    const head = `${indent}${label}: `;
    const lines = wrap(value, lay.width - Array.from(head).length);
    out.push(paint(lay.color, SGR.dim, `${head}${lines[0] ?? ''}`));
    for (const more of lines.slice(1)) out.push(paint(lay.color, SGR.dim, `${' '.repeat(Array.from(head).length)}${more}`));
  }
  return out;
}

function posWidthOf(findings: readonly Finding[], ctx: ReporterContext): number {
  return maxOf(findings, (f) => positionOf(f, ctx).length);
}

/** Failing findings: file heading, then resource headings, one line per finding. Returns whether a message was shortened. */
function failSection(files: readonly FileGroup[], lay: Layout, out: string[]): boolean {
  let cut = false;
  for (const file of files) {
    out.push(paint(lay.color, SGR.bold, termSafe(file.key)));
    const posWidth = posWidthOf(file.findings, lay.ctx);
    if (lay.detail === 'compact') {
      const sorted = [...file.findings].sort((a, b) => rank(b) - rank(a));
      for (const f of sorted) {
        const h = headLine(f, lay, '  ', posWidth, true);
        cut ||= h.cut;
        out.push(h.line);
      }
    } else {
      for (const g of byResource(file.findings)) {
        out.push(`  ${paint(lay.color, SGR.bold, termSafe(g.id))}  ${paint(lay.color, SGR.dim, termSafe(g.type))}`);
        for (const f of g.findings) {
          const h = headLine(f, lay, '    ', posWidth, false);
          cut ||= h.cut;
          out.push(h.line);
          if (lay.detail === 'verbose') out.push(...details(f, lay, '      ', h.cut));
        }
      }
    }
    out.push('');
  }
  return cut;
}

/** Not-evaluated or suppressed findings: a titled section, by file, no severity labels. */
function sideSection(title: string, files: readonly FileGroup[], lay: Layout, text: (f: Finding) => string, out: string[]): boolean {
  let cut = false;
  out.push(paint(lay.color, SGR.bold, title));
  for (const file of files) {
    out.push(`  ${termSafe(file.key)}`);
    const posWidth = posWidthOf(file.findings, lay.ctx);
    for (const f of file.findings) {
      const s = sideLine(f, lay, '    ', posWidth, text(f));
      cut ||= s.cut;
      out.push(lay.color ? paint(true, SGR.dim, s.line) : s.line);
      if (lay.detail === 'verbose') out.push(...details(f, lay, '      ', true));
    }
  }
  out.push('');
  return cut;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `92 findings (12 critical, 16 high, …), 4 not evaluated, 0 suppressed`. */
function countsText(report: Report): string {
  const s = report.summary;
  const bySev = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((sev) => [sev, nonNegInt(s.bySeverity?.[sev])] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`);
  const errors = nonNegInt(s.errors) || report.errors.length;
  return (
    `${plural(nonNegInt(s.fail), 'finding')}${bySev.length > 0 ? ` (${bySev.join(', ')})` : ''}, ${nonNegInt(s.notEvaluated)} not evaluated, ` +
    `${nonNegInt(s.suppressed)} suppressed${errors > 0 ? `, ${plural(errors, 'input error')}` : ''}`
  );
}

/** What to do next, given what the report holds. */
function nextSteps(report: Report, fails: readonly Finding[], notEvaluated: number, cut: boolean): string[] {
  const steps: string[] = [];
  // An account's resources have no template to carry Metadata, and no --parameter to give.
  const fromAccount = report.findings.some((f) => f.resource?.arn !== undefined || f.resource?.account !== undefined);
  if (report.errors.length > 0) steps.push('Fix the input errors above: the run exits 2 until every input can be read.');
  if (fails.length > 0) {
    const worst = [...fails].sort((a, b) => rank(b) - rank(a))[0]!;
    steps.push(`Each rule's page says how to fix its findings: ${ruleHelpUri(str(worst.ruleId))} (\`stackaudit rules\` lists the rules).`);
    steps.push(
      fromAccount
        ? 'To accept a finding, suppress it with a reason: `suppressions:` in stackaudit.config.yaml (by id, ARN or tag:Key=Value).'
        : 'To accept a finding, suppress it with a reason: `suppressions:` in stackaudit.config.yaml, or `Metadata: stackaudit: suppress:` on the resource.',
    );
  }
  if (notEvaluated > 0) {
    steps.push(
      fromAccount
        ? 'Not-evaluated controls name the read they needed: a call that failed (grant it: docs/iam-policy.json), one --services left out, or data a live audit does not collect.'
        : 'Not-evaluated controls need a value the input does not give: a --parameter, a Default, or a live audit.',
    );
  }
  if (cut) steps.push('--verbose prints whole messages, fixes and links.');
  return steps;
}

/** `Label:   text`, wrapped to the width with continuation lines under the text. */
function labelled(label: string, texts: readonly string[], width: number): string[] {
  const pad = 9;
  const out: string[] = [];
  for (const text of texts) {
    for (const line of wrap(text, width - pad)) out.push(`${(out.length === 0 ? `${label}:` : '').padEnd(pad)}${line}`);
  }
  return out;
}

/**
 * Terminal output a person reads. Failing findings grouped by file (path printed once), then by
 * resource, the most severe first, one line per finding that fits the width
 * (`SEVERITY  RULE-ID  line:col  message`); not-evaluated and suppressed findings in their own
 * sections without severity labels; input errors and notes; then the counts, the gate's verdict
 * with the exit code, and what to do next. Everything that came from input passes through
 * `termSafe`, so no input can add a line or send a control sequence.
 */
export function formatText(report: Report, ctx: ReporterContext): string {
  const detail = ctx.detail ?? 'normal';
  const quiet = ctx.quiet === true;
  const lay: Layout = {
    ctx,
    color: ctx.color === true,
    width: Math.max(40, ctx.width ?? DEFAULT_TEXT_WIDTH),
    detail,
    rules: new Map(ctx.rules.map((m) => [str(m.id), m] as const)),
    ruleWidth: maxOf(report.findings, (f) => safe(f.ruleId).length),
  };
  const fails = report.findings.filter((f) => f.status === 'fail');
  const notEvaluated = report.findings.filter((f) => f.status === 'not-evaluated');
  const suppressed = report.findings.filter((f) => f.status === 'suppressed');
  const out: string[] = [];
  let cut = failSection(byFile(fails, ctx), lay, out);

  if (!quiet && notEvaluated.length > 0) {
    const title = `Not evaluated (${notEvaluated.length}): the rule could not decide, so these never fail the run`;
    cut = sideSection(title, byFile(notEvaluated, ctx), lay, (f) => safe(f.reason) || safe(f.message) || 'no reason given', out) || cut;
  }
  if (!quiet && suppressed.length > 0) {
    const title = `Suppressed (${suppressed.length}): accepted with a reason, so these never fail the run`;
    const why = (f: Finding): string =>
      `${safe(f.suppression?.reason) || 'no reason given'} (${safe(f.suppression?.source) || 'unknown source'}${f.suppression?.expires ? `, expires ${safe(f.suppression.expires)}` : ''})`;
    cut = sideSection(title, byFile(suppressed, ctx), lay, why, out) || cut;
  }

  const errors = sortErrors(report.errors, ctx.cwd);
  if (errors.length > 0) {
    out.push(paint(lay.color, SGR.bold + SGR.red, `Input errors (${errors.length})`));
    for (const e of errors) out.push(`  ${termSafe(errorText(e, ctx.cwd))}`);
    out.push('');
  }
  const notes = report.notes ?? [];
  if (!quiet && notes.length > 0) {
    if (detail === 'compact') out.push(`${plural(notes.length, 'note')} (skipped files, unused suppressions…): run without --compact to list them`, '');
    else {
      out.push(paint(lay.color, SGR.bold, `Notes (${notes.length})`));
      for (const n of notes) {
        if (detail === 'verbose') out.push(...wrap(safe(n), lay.width - 4).map((l, i) => `${i === 0 ? '  ' : '    '}${l}`));
        else {
          const f = fit(safe(n), lay.width - 2);
          cut ||= f.cut;
          out.push(`  ${f.text}`);
        }
      }
      out.push('');
    }
  }

  const s = report.summary;
  out.push(...labelled('Scanned', [`${plural(nonNegInt(s.resources), 'resource')} from ${plural(nonNegInt(s.inputs), 'input')}`], lay.width));
  out.push(...labelled('Found', [countsText(report)], lay.width).map((l) => paint(lay.color, SGR.bold, l)));
  const code = exitCodeOf(report, ctx.softFail === true);
  out.push(...labelled('Gate', [verdictText(report, ctx.softFail === true)], lay.width).map((l) => paint(lay.color, SGR.bold + (code === 0 ? SGR.green : SGR.red), l)));
  if (detail !== 'compact' && !quiet) out.push(...labelled('Next', nextSteps(report, fails, notEvaluated.length, cut && detail !== 'verbose'), lay.width));
  return `${out.join('\n')}\n`;
}
