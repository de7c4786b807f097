// `stackaudit cost`: prices templates (each input in its own region), shows what a change adds to
// the bill, and gates on a budget that an incomplete estimate never passes.
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  budgetVerdict,
  compareCost,
  estimateCostLive,
  estimateResources,
  formatComparisonMarkdown,
  formatComparisonText,
  formatCostJson,
  formatCostMarkdown,
  formatCostText,
  isInputError,
  loadUsageProfile,
  parseSavedEstimate,
  usageTemplate,
  type CostReport,
  type EstimateOptions,
  type UsageProfile,
} from '../cost/index.js';
import { termText } from '../cost/escape.js';
import { defaultReader, loadTemplates } from '../engine/scan-templates.js';
import type { InputError } from '../model/finding.js';
import { isKnownRegion, regionError } from '../model/regions.js';
import type { Resource } from '../model/resource.js';
import { FILE_LIMITS, InputFileError, readRegularTextFile } from '../scanners/files.js';
import { UsageError, type CliIo } from './io.js';
import { configOption, formatOption, parameterOptions, parse, writeOutput } from './options.js';
import { errorLine } from './render.js';

export const COST_HELP = `Usage: stackaudit cost <paths...> [options]

Estimates the monthly bill of CloudFormation/CDK templates from AWS list prices, each input in
its own region (its cdk.out environment, else --region, else the config's region, else us-east-1).

Options:
  --usage FILE                usage profile (YAML; see docs/usage-profile.md)
  --usage-template            write a usage profile with every usage-driven quantity and its default
  --strict-usage              a usage profile key that matches no resource is an error (exit 2)
  --region REGION             region for inputs whose cdk.out environment names none
  --budget USD                exit 1 when the estimate exceeds it, or has items it could not price
  --allow-unpriced            an estimate with unpriced items may pass the budget
  --compare BASE              also estimate BASE (templates) and show what the change adds to the bill
  --compare-to FILE           compare with a saved JSON estimate (cost --format json --output FILE)
  --free-tier none|legacy     legacy applies the 12-month offers (default none: list prices)
  --live-pricing              read prices from the AWS Price List API (cached; falls back to embedded prices)
  --config FILE               config file (budget, region, allowUnpriced)
  --format text|json|markdown
  --output FILE
  --parameter Key=Value, --parameters FILE   template parameter values
Exit codes: 0 within budget, 1 over budget or incomplete, 2 input or usage error.`;

interface Priced {
  readonly report: CostReport;
  readonly resources: readonly Resource[];
}

/** A region given on the command line or in the config must exist: a typo would price nothing. */
function checkRegion(region: string | undefined, where: string): void {
  if (region === undefined) return;
  const bad = regionError(region);
  if (bad) throw new UsageError(`${where}: ${bad}`);
}

export async function runCost(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    usage: { type: 'string' },
    'usage-template': { type: 'boolean' },
    'strict-usage': { type: 'boolean' },
    region: { type: 'string' },
    budget: { type: 'string' },
    'allow-unpriced': { type: 'boolean' },
    compare: { type: 'string' },
    'compare-to': { type: 'string' },
    'free-tier': { type: 'string' },
    'live-pricing': { type: 'boolean' },
    config: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    parameter: { type: 'string', multiple: true },
    parameters: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${COST_HELP}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('cost needs a template, directory or cdk.out to price');
  if (values.compare !== undefined && values['compare-to'] !== undefined) throw new UsageError('use either --compare (templates) or --compare-to (a saved estimate), not both');
  const format = formatOption(values.format, ['text', 'json', 'markdown']);
  const freeTier = values['free-tier'] ?? 'none';
  if (freeTier !== 'none' && freeTier !== 'legacy') throw new UsageError(`--free-tier must be none or legacy (got ${freeTier})`);
  const { config } = configOption(values.config, io);
  checkRegion(values.region, '--region');
  checkRegion(config.region, 'config region');
  const region = values.region ?? config.region;
  const budget = values.budget === undefined ? config.budget : Number(values.budget);
  if (values.budget !== undefined && !(Number.isFinite(budget) && (budget as number) > 0)) throw new UsageError(`--budget takes a positive amount in USD (got ${values.budget})`);
  const allowUnpriced = values['allow-unpriced'] === true || config.allowUnpriced;
  const parameters = parameterOptions(values.parameter, values.parameters);

  const errors: InputError[] = [];
  let usage: UsageProfile | undefined;
  if (values.usage !== undefined) {
    const loaded = await loadUsageProfile(values.usage);
    if (isInputError(loaded)) errors.push(loaded);
    else usage = loaded;
  }

  const load = (paths: readonly string[]) => {
    const loaded = loadTemplates(paths, { parameters, ...(region ? { region } : {}) });
    for (const e of loaded.errors) errors.push(e);
    // A cdk.out environment is input too: a region that does not exist is an error, not a $0 bill.
    for (const u of loaded.units) {
      const env = u.input.environment?.region;
      if (env !== undefined && !isKnownRegion(env)) errors.push({ file: u.input.file, message: `${u.input.stack ? `stack ${u.input.stack}: ` : ''}${regionError(env)}` });
    }
    if (loaded.inputs === 0 && loaded.errors.length === 0) errors.push({ file: paths.join(', '), message: 'no CloudFormation templates found' });
    return loaded.inputs === 0 ? undefined : loaded;
  };

  const estimate = async (paths: readonly string[]): Promise<Priced | undefined> => {
    const loaded = load(paths);
    if (!loaded) return undefined;
    const options: EstimateOptions = { ...(region ? { region } : {}), read: defaultReader(loaded), freeTier, ...(usage ? { usage } : {}) };
    const resources = loaded.source.resources;
    if (!values['live-pricing']) return { report: estimateResources(resources, options), resources };
    const { PricingClient } = await import('@aws-sdk/client-pricing');
    // The Price List API is served from us-east-1 (and a few others), whatever region is priced.
    const client = new PricingClient({ region: 'us-east-1' });
    const report = await estimateCostLive(resources, {
      ...options,
      live: { client, cacheDir: join(io.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'stackaudit', 'pricing') },
    });
    return { report, resources };
  };

  if (values['usage-template']) {
    const loaded = load(positionals);
    if (loaded) writeOutput(usageTemplate(loaded.source.resources, { ...(region ? { region } : {}), read: defaultReader(loaded), inputs: positionals }), values.output, io);
    printErrors(errors, io);
    return errors.length > 0 || !loaded ? 2 : 0;
  }

  const head = await estimate(positionals);
  const base = values.compare !== undefined ? await estimate([values.compare]) : values['compare-to'] !== undefined ? readSaved(values['compare-to'], errors) : undefined;

  // Usage keys that price nothing are reported, never silently ignored (--strict-usage: an error).
  if (usage && values.usage !== undefined && head) {
    const baseUnmatched = base && 'resources' in base ? new Set((base.report.usage?.unmatched ?? []).map((u) => u.key)) : undefined;
    for (const u of head.report.usage?.unmatched ?? []) {
      if (baseUnmatched && !baseUnmatched.has(u.key)) continue;
      const text = `usage key "${u.key}" matches no resource${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}`;
      if (values['strict-usage']) errors.push({ file: values.usage, message: text });
      else io.stderr(`stackaudit: warning: ${termText(values.usage)}: ${termText(text)}\n`);
    }
  }
  printErrors(errors, io);
  if (!head || ((values.compare !== undefined || values['compare-to'] !== undefined) && !base)) return 2;

  const verdict = budget !== undefined ? budgetVerdict(head.report, budget, allowUnpriced) : undefined;
  const report: CostReport = verdict ? { ...head.report, budget: verdict } : head.report;
  let text: string;
  if (base) {
    const cmp = compareCost(base.report, report);
    if (format === 'json') text = JSON.stringify({ ...cmp, ...(verdict ? { budget: verdict } : {}) }, null, 2);
    else if (format === 'markdown') text = formatComparisonMarkdown(cmp) + (verdict ? `\n**Budget ${verdict.passed ? '✅ pass' : '❌ fail'}:** ${verdict.message}\n` : '');
    else text = formatComparisonText(cmp) + (verdict ? `\nBudget: ${verdict.passed ? 'PASS' : 'FAIL'}: ${verdict.message}\n` : '');
  } else {
    text = format === 'json' ? formatCostJson(report) : format === 'markdown' ? formatCostMarkdown(report) : formatCostText(report);
  }
  writeOutput(text, values.output, io);
  if (errors.length > 0) return 2;
  return verdict && !verdict.passed ? 1 : 0;
}

/** A saved JSON estimate for --compare-to: a regular file within the size limit. */
function readSaved(file: string, errors: InputError[]): { report: CostReport } | undefined {
  let text: string;
  try {
    text = readRegularTextFile(file, { maxBytes: FILE_LIMITS.baseline, what: 'saved estimate' });
  } catch (e) {
    errors.push({ file, message: e instanceof InputFileError ? e.message : 'cannot read saved estimate' });
    return undefined;
  }
  const parsed = parseSavedEstimate(text, file);
  if (isInputError(parsed)) {
    errors.push(parsed);
    return undefined;
  }
  return { report: parsed };
}

function printErrors(errors: readonly InputError[], io: CliIo): void {
  for (const e of errors) io.stderr(errorLine(e));
}
