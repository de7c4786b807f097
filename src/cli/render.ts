import type { Report } from '../model/finding.js';
import type { Reporter } from '../reporters/types.js';
import { RULES } from '../rules/index.js';
import { VERSION } from '../version.js';
import type { Format } from './options.js';
import type { CliIo } from './io.js';

/** Only the chosen reporter is loaded: a run prints one format. */
const LOADERS: Readonly<Record<Format, () => Promise<Reporter>>> = {
  text: async () => (await import('../reporters/text.js')).formatText,
  json: async () => (await import('../reporters/json.js')).formatJson,
  sarif: async () => (await import('../reporters/sarif.js')).formatSarif,
  junit: async () => (await import('../reporters/junit.js')).formatJunit,
  markdown: async () => (await import('../reporters/markdown.js')).formatMarkdown,
};

/** Renders a report in the chosen format; colour only for text on a terminal (and not under NO_COLOR). */
export async function renderReport(report: Report, format: Format, io: CliIo, toFile: boolean): Promise<string> {
  const color = format === 'text' && !toFile && io.stdoutIsTty && io.env['NO_COLOR'] === undefined;
  const reporter = await LOADERS[format]();
  return reporter(report, { rules: RULES.map((r) => r.meta), cwd: io.cwd, color, toolVersion: VERSION });
}

export function exitCodeOf(report: Report): number {
  if (report.errors.length > 0) return 2;
  return report.summary.gateFailed ? 1 : 0;
}

/** Input errors go to stderr as one line each, whatever the output format. */
export function printErrors(report: Report, io: CliIo): void {
  for (const e of report.errors) io.stderr(`stackaudit: ${e.file}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}: ${e.message}\n`);
}
