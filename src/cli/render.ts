import type { InputError, Report } from '../model/finding.js';
import type { Reporter, ReporterContext } from '../reporters/types.js';
import { exitCodeOf as reportExitCode } from '../reporters/common.js';
import { DEFAULT_TEXT_WIDTH } from '../reporters/text.js';
import { stderrLine } from '../reporters/terminal.js';
import { RULES } from '../rules/index.js';
import { VERSION } from '../version.js';
import type { Destination, Format } from './options.js';
import { openOutput, writeChunks } from './options.js';
import type { CliIo } from './io.js';

/** Only the chosen reporters are loaded. */
const LOADERS: Readonly<Record<Format, () => Promise<Reporter>>> = {
  text: async () => (await import('../reporters/text.js')).formatText,
  json: async () => (await import('../reporters/json.js')).formatJson,
  sarif: async () => (await import('../reporters/sarif.js')).formatSarif,
  junit: async () => (await import('../reporters/junit.js')).formatJunit,
  markdown: async () => (await import('../reporters/markdown.js')).formatMarkdown,
};

/** How a person asked the report to look (`--quiet`, `--compact`, `--verbose`, `--soft-fail`). */
export interface Presentation {
  readonly quiet?: boolean;
  readonly detail?: 'compact' | 'normal' | 'verbose';
  readonly softFail?: boolean;
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
export function colorAllowed(io: CliIo): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.stdoutIsTty && (noColor === undefined || noColor === '');
}

/** Text width: the terminal's columns on a TTY (at least 80), else COLUMNS, else 120. */
export function textWidth(io: CliIo): number {
  const fromEnv = Number(io.env['COLUMNS']);
  if (io.stdoutIsTty && io.columns !== undefined && io.columns > 0) return Math.max(80, io.columns);
  if (Number.isInteger(fromEnv) && fromEnv >= 40) return fromEnv;
  return DEFAULT_TEXT_WIDTH;
}

/** Renders a report for one destination; colour only for text going to a terminal. */
export async function renderDestination(report: Report, dest: Destination, io: CliIo, look: Presentation = {}): Promise<string> {
  const reporter = await LOADERS[dest.format]();
  const ctx: ReporterContext = {
    rules: RULES.map((r) => r.meta),
    cwd: io.cwd,
    color: dest.format === 'text' && dest.file === undefined && colorAllowed(io),
    toolVersion: VERSION,
    width: dest.file === undefined ? textWidth(io) : DEFAULT_TEXT_WIDTH,
    ...(look.detail ? { detail: look.detail } : {}),
    ...(look.quiet ? { quiet: true } : {}),
    ...(look.softFail ? { softFail: true } : {}),
  };
  return reporter(report, ctx);
}

/** A destination's report as pieces to write: JSON streams finding by finding; the others are one piece. */
async function renderChunks(report: Report, dest: Destination, io: CliIo, look: Presentation): Promise<Iterable<string>> {
  if (dest.format === 'json') {
    const { formatJsonChunks } = await import('../reporters/json.js');
    return formatJsonChunks(report, { rules: RULES.map((r) => r.meta), cwd: io.cwd, toolVersion: VERSION });
  }
  return [await renderDestination(report, dest, io, look)];
}

/** Renders every destination, then writes them: a bad output path fails before anything is half-written. */
export async function writeReports(report: Report, dests: readonly Destination[], io: CliIo, look: Presentation = {}): Promise<void> {
  const rendered = await Promise.all(dests.map(async (d) => ({ d, chunks: await renderChunks(report, d, io, look) })));
  // Every file is opened before any is written.
  const opened = rendered.map(({ d, chunks }) => ({ chunks, out: openOutput(d.file, io) }));
  for (const { chunks, out } of opened) writeChunks(chunks, out, io);
}

/** 2 for input errors, 1 when the gate failed (unless soft-fail), else 0. */
export function exitCodeOf(report: Pick<Report, 'errors' | 'summary'>, softFail = false): number {
  return reportExitCode(report, softFail);
}

/** One stderr line for an input error: `stackaudit: file:line:col: message`, escaped for the terminal. */
export function errorLine(e: InputError): string {
  return stderrLine(`${e.file}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}: ${e.message}`);
}

/** Input errors go to stderr as one line each, whatever the output format. */
export function printErrors(report: Pick<Report, 'errors'>, io: CliIo): void {
  for (const e of report.errors) io.stderr(errorLine(e));
}

/** A warning on stderr: one escaped line. */
export function warn(io: CliIo, text: string): void {
  io.stderr(stderrLine(`warning: ${text}`));
}
