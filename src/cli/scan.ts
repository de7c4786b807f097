import { scanTemplates } from '../engine/scan-templates.js';
import { UsageError, type CliIo } from './io.js';
import { configOption, failOnOption, formatOption, parameterOptions, parse, writeOutput } from './options.js';
import { exitCodeOf, printErrors, renderReport } from './render.js';
import { applyBaseline } from './baseline.js';

export const SCAN_HELP = `Usage: stackaudit scan [paths...] [options]

Checks CloudFormation templates (JSON/YAML), directories of them and CDK cloud assemblies
(cdk.out) against every control. With no path, scans the current directory.

Options:
  --format text|json|sarif|junit|markdown   output format (default text)
  --output FILE                             write the report to FILE instead of stdout
  --fail-on SEVERITY|none                   exit 1 when a finding is at or above it (default high)
  --config FILE                             config file (default ./stackaudit.config.yaml if present)
  --parameter Key=Value                     a template parameter value (repeatable)
  --parameters FILE                         parameter values (CloudFormation CLI JSON or a map)
  --region REGION                           region for pseudo parameters (default: cdk.out environment, else us-east-1)
  --baseline FILE                           report only findings not in an earlier JSON report
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 input or usage error.`;

export async function runScan(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    parameter: { type: 'string', multiple: true },
    parameters: { type: 'string' },
    region: { type: 'string' },
    baseline: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${SCAN_HELP}\n`);
    return 0;
  }
  const format = formatOption(values.format);
  const failOn = failOnOption(values['fail-on']);
  const { config } = configOption(values.config, io);
  const parameters = parameterOptions(values.parameter, values.parameters);
  const paths = positionals.length > 0 ? positionals : ['.'];
  let report = scanTemplates(paths, { config, failOn, parameters, ...(values.region ? { region: values.region } : {}) });
  if (values.baseline !== undefined) report = { ...report, ...applyBaseline(report, String(values.baseline)) };
  if (report.summary.inputs === 0 && report.errors.length === 0) {
    throw new UsageError(`no CloudFormation templates found in ${paths.join(', ')}`);
  }
  const { index: _index, units: _units, ...plain } = report;
  writeOutput(await renderReport(plain, format, io, values.output !== undefined), values.output, io);
  printErrors(plain, io);
  return exitCodeOf(plain);
}
