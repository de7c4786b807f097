// The options that shape a findings report, shared by `scan` and `audit` so that both take the
// same output, gate and selection flags (checkov and Prowler users expect one set).

import type { EffectiveConfig } from '../model/config.js';
import type { Report } from '../model/finding.js';
import { RULES } from '../rules/index.js';
import { applyBaseline } from './baseline.js';
import { parseCheckSpecs, selectFindings, withFindings, type CheckSpec } from './filters.js';
import { UsageError, type CliIo } from './io.js';
import { failOnOption, listOption, outputsOption, type Destination } from './options.js';
import { exitCodeOf, printErrors, writeReports } from './render.js';

export const REPORT_OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  compact: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'fail-on': { type: 'string' },
  'soft-fail': { type: 'boolean' },
  baseline: { type: 'string' },
  check: { type: 'string', multiple: true },
  'skip-check': { type: 'string', multiple: true },
} as const;

export const REPORT_HELP = `Output:
  --format text|json|sarif|junit|markdown   format of the report (default text)
  -o, --output [FORMAT=]FILE|FORMAT         where a report goes (repeatable): FILE in --format, else in the
                                            format its extension names (.sarif .json .xml .md); json=FILE;
                                            a bare format name (text, json…) prints that format to stdout
  -q, --quiet                               text: print only failing findings and the verdict
  --compact                                 text: one line per finding, no resource headings or hints
  --verbose                                 text: details under each finding (message, reason, fix, docs)
Gate:
  --fail-on SEVERITY|none                   exit 1 when a finding is at or above it (default high)
  --soft-fail                               report, but exit 0 whatever the findings (input errors still exit 2)
  --baseline FILE                           report only findings not in an earlier JSON report
Selection:
  --check LIST                              only these rules: ids, globs (NET-*) or severities (high = high and above)
  --skip-check LIST                         leave out these rules: ids, globs or severities (low = low and below)`;

export interface ReportValues {
  readonly format?: string | undefined;
  readonly output?: string[] | undefined;
  readonly quiet?: boolean | undefined;
  readonly compact?: boolean | undefined;
  readonly verbose?: boolean | undefined;
  readonly 'fail-on'?: string | undefined;
  readonly 'soft-fail'?: boolean | undefined;
  readonly baseline?: string | undefined;
  readonly check?: string[] | undefined;
  readonly 'skip-check'?: string[] | undefined;
}

export interface ReportSettings {
  readonly dests: readonly Destination[];
  readonly failOn: ReturnType<typeof failOnOption>;
  readonly softFail: boolean;
  readonly check: readonly CheckSpec[];
  readonly skipCheck: readonly CheckSpec[];
  readonly baseline?: string;
  readonly quiet: boolean;
  readonly detail: 'compact' | 'normal' | 'verbose';
}

/** Validates the report options before any work is done (a typo must not cost an audit). */
export function reportSettings(values: ReportValues, config: EffectiveConfig): ReportSettings {
  if (values.compact && values.verbose) throw new UsageError('--compact and --verbose ask for opposite things; choose one');
  const ruleIds = RULES.map((r) => r.meta.id);
  const cliCheck = listOption(values.check);
  return {
    dests: outputsOption(values.output, values.format),
    failOn: failOnOption(values['fail-on'], config.failOn ?? 'high'),
    softFail: values['soft-fail'] === true || config.softFail === true,
    check: parseCheckSpecs(cliCheck.length > 0 ? cliCheck : (config.check ?? []), cliCheck.length > 0 ? '--check' : 'config check', ruleIds),
    skipCheck: [...parseCheckSpecs(listOption(values['skip-check']), '--skip-check', ruleIds), ...parseCheckSpecs(config.skipCheck ?? [], 'config skipCheck', ruleIds)],
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    quiet: values.quiet === true,
    detail: values.compact ? 'compact' : values.verbose ? 'verbose' : 'normal',
  };
}

/** Narrows the report as selected (the gate judges exactly what is printed). */
export function selectReport(report: Report, settings: ReportSettings, io: CliIo): Report {
  let out = report;
  if (settings.check.length > 0 || settings.skipCheck.length > 0) out = { ...out, ...withFindings(out, selectFindings(out.findings, settings.check, settings.skipCheck)) };
  if (settings.baseline !== undefined) out = { ...out, ...applyBaseline(out, settings.baseline, io.cwd) };
  return out;
}

/** Writes every requested report, the input errors on stderr, and returns the exit code. */
export async function finishReport(report: Report, settings: ReportSettings, io: CliIo): Promise<number> {
  await writeReports(report, settings.dests, io, { quiet: settings.quiet, detail: settings.detail, softFail: settings.softFail });
  printErrors(report, io);
  return exitCodeOf(report, settings.softFail);
}
