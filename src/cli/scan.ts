import { didYouMean } from '../engine/config.js';
import { scanTemplates } from '../engine/scan-templates.js';
import type { Report } from '../model/finding.js';
import { UsageError, type CliIo } from './io.js';
import { configOption, inCwd, parameterOptions, parse } from './options.js';
import { warn } from './render.js';
import { REPORT_HELP, REPORT_OPTIONS, finishReport, reportSettings, selectReport } from './report-options.js';
import { loadScanInputs } from './scan-inputs.js';

export const SCAN_HELP = `Usage: stackaudit scan [paths...] [options]

Checks CloudFormation templates (JSON/YAML), directories of them and CDK cloud assemblies
(cdk.out) against every control. With no path, scans the current directory; - reads one
template from stdin.

${REPORT_HELP}
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
  ...REPORT_OPTIONS,
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
  const { config } = configOption(values.config, io);
  const settings = reportSettings(values, config);
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
    failOn: settings.failOn,
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
  let report: Report = selectReport(plain, settings, io);
  if (skipped > 0) report = { ...report, notes: [...(report.notes ?? []), `--skip-path left out ${skipped} input${skipped === 1 ? '' : 's'}`] };
  if (report.summary.inputs === 0 && report.errors.length === 0 && values['skip-non-templates'] !== true) {
    throw new UsageError(
      `no CloudFormation templates found in ${(positionals.length > 0 ? positionals : ['.']).join(', ')}${skipped > 0 ? ' (--skip-path left out every template)' : ''}`,
    );
  }
  return finishReport(report, settings, io);
}
