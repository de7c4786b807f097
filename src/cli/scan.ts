import { didYouMean } from '../engine/config.js';
import { scanTemplates } from '../engine/scan-templates.js';
import type { Report } from '../model/finding.js';
import { RULES } from '../rules/index.js';
import { applyBaseline } from './baseline.js';
import { parseCheckSpecs, selectFindings, withFindings } from './filters.js';
import { UsageError, type CliIo } from './io.js';
import { configOption, failOnOption, inCwd, listOption, outputsOption, parameterOptions, parse } from './options.js';
import { exitCodeOf, printErrors, warn, writeReports } from './render.js';
import { loadScanInputs } from './scan-inputs.js';

export const SCAN_HELP = `Usage: stackaudit scan [paths...] [options]

Checks CloudFormation templates (JSON/YAML), directories of them and CDK cloud assemblies
(cdk.out) against every control. With no path, scans the current directory; - reads one
template from stdin.

Output:
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
  --skip-check LIST                         leave out these rules: ids, globs or severities (low = low and below)
  --skip-path GLOB                          leave out inputs whose path matches (repeatable; like .gitignore)
  --skip-non-templates                      named files that are not templates are skipped with a note (pre-commit)
Inputs:
  --config FILE                             config file (default ./stackaudit.config.yaml if present)
  --parameter Key=Value                     a template parameter value (repeatable)
  --parameters FILE                         parameter values (CloudFormation CLI JSON or a map)
  --region REGION                           region for pseudo parameters (default: cdk.out environment, else us-east-1)
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 input or usage error.
Docs: https://github.com/stackaudit/stackaudit#readme`;

const SCAN_OPTIONS = {
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
  'skip-path': { type: 'string', multiple: true },
  'skip-non-templates': { type: 'boolean' },
  config: { type: 'string' },
  parameter: { type: 'string', multiple: true },
  parameters: { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parameter names given that no scanned template declares: a typo there silently changes nothing, so say so. */
function warnUnknownParameters(parameters: Readonly<Record<string, string>>, declared: ReadonlySet<string>, io: CliIo): void {
  if (declared.size === 0 && Object.keys(parameters).length === 0) return;
  for (const name of Object.keys(parameters)) {
    if (!declared.has(name)) warn(io, `parameter ${name} is not declared by any scanned template${didYouMean(name, [...declared])}`);
  }
}

export async function runScan(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, SCAN_OPTIONS);
  if (values.help) {
    io.stdout(`${SCAN_HELP}\n`);
    return 0;
  }
  if (values.compact && values.verbose) throw new UsageError('--compact and --verbose ask for opposite things; choose one');
  const dests = outputsOption(values.output, values.format);
  const { config } = configOption(values.config, io);
  const failOn = failOnOption(values['fail-on'], config.failOn ?? 'high');
  const softFail = values['soft-fail'] === true || config.softFail === true;
  const ruleIds = RULES.map((r) => r.meta.id);
  const cliCheck = listOption(values.check);
  const check = parseCheckSpecs(cliCheck.length > 0 ? cliCheck : (config.check ?? []), cliCheck.length > 0 ? '--check' : 'config check', ruleIds);
  const skipCheck = [...parseCheckSpecs(listOption(values['skip-check']), '--skip-check', ruleIds), ...parseCheckSpecs(config.skipCheck ?? [], 'config skipCheck', ruleIds)];
  const skipPath = [...(values['skip-path'] ?? []), ...(config.skipPath ?? [])];
  const parameters = parameterOptions(values.parameter, values.parameters, io.cwd);
  // Paths are the user's, relative to the working directory the CLI was given.
  const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => (p === '-' ? p : inCwd(io, p)));
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) can be named once');

  const { loaded, skipped } = await loadScanInputs(paths, {
    cwd: io.cwd,
    ...(io.readStdin ? { readStdin: io.readStdin } : {}),
    onlyTemplates: values['skip-non-templates'] === true,
    skipPath,
  });
  const region = values.region ?? config.region;
  const declared = new Set<string>();
  let templates = 0;
  // Each input is let go once evaluated (keepUnits: false): a scan's memory follows its findings.
  const result = scanTemplates(paths, {
    config,
    failOn,
    parameters,
    inputs: loaded,
    keepUnits: false,
    onTemplate: (unit) => {
      templates++;
      const params = unit.input.template.body['Parameters'];
      if (params !== null && typeof params === 'object') for (const name of Object.keys(params)) declared.add(name);
    },
    ...(region ? { region } : {}),
  });
  if (templates > 0) warnUnknownParameters(parameters, declared, io);

  const { index: _index, units: _units, ...plain } = result;
  let report: Report = plain;
  if (check.length > 0 || skipCheck.length > 0) report = { ...report, ...withFindings(report, selectFindings(report.findings, check, skipCheck)) };
  if (values.baseline !== undefined) report = { ...report, ...applyBaseline(report, values.baseline, io.cwd) };
  if (skipped > 0) report = { ...report, notes: [...(report.notes ?? []), `--skip-path left out ${skipped} input${skipped === 1 ? '' : 's'}`] };
  if (report.summary.inputs === 0 && report.errors.length === 0 && values['skip-non-templates'] !== true) {
    throw new UsageError(
      `no CloudFormation templates found in ${(positionals.length > 0 ? positionals : ['.']).join(', ')}${skipped > 0 ? ' (--skip-path left out every template)' : ''}`,
    );
  }
  await writeReports(report, dests, io, {
    quiet: values.quiet === true,
    detail: values.compact ? 'compact' : values.verbose ? 'verbose' : 'normal',
    softFail,
  });
  printErrors(report, io);
  return exitCodeOf(report, softFail);
}
