import type { Report } from '../model/finding.js';
import { RULES } from '../rules/index.js';
import { reporters } from '../reporters/index.js';
import { VERSION } from '../version.js';
import type { Format } from './options.js';
import type { CliIo } from './io.js';

/** Renders a report in the chosen format; colour only for text on a terminal (and not under NO_COLOR). */
export function renderReport(report: Report, format: Format, io: CliIo, toFile: boolean): string {
  const color = format === 'text' && !toFile && io.stdoutIsTty && io.env['NO_COLOR'] === undefined;
  return reporters[format](report, { rules: RULES.map((r) => r.meta), cwd: io.cwd, color, toolVersion: VERSION });
}

export function exitCodeOf(report: Report): number {
  if (report.errors.length > 0) return 2;
  return report.summary.gateFailed ? 1 : 0;
}

/** Input errors go to stderr as one line each, whatever the output format. */
export function printErrors(report: Report, io: CliIo): void {
  for (const e of report.errors) io.stderr(`stackaudit: ${e.file}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}: ${e.message}\n`);
}
