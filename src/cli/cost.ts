import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  compareCost,
  costAdvisories,
  estimateCost,
  estimateCostLive,
  formatComparisonMarkdown,
  formatComparisonText,
  formatCostJson,
  formatCostMarkdown,
  formatCostText,
  isInputError,
  loadUsageProfile,
  type CostReport,
  type UsageProfile,
} from '../cost/index.js';
import { loadTemplates } from '../engine/scan-templates.js';
import type { InputError } from '../model/finding.js';
import type { Path, Resource } from '../model/resource.js';
import { Unknown } from '../model/values.js';
import { UsageError, type CliIo } from './io.js';
import { formatOption, parameterOptions, parse, writeOutput } from './options.js';
import { errorLine } from './render.js';

export const COST_HELP = `Usage: stackaudit cost <paths...> [options]

Estimates the monthly bill of CloudFormation/CDK templates from list prices.

Options:
  --usage FILE                usage profile (YAML; see docs/usage-profile.md)
  --region REGION             price region (default: the cdk.out environment, else us-east-1)
  --budget USD                exit 1 when the estimate exceeds it (COST-001)
  --compare BASE              also estimate BASE and show what the change adds to the bill
  --free-tier none|legacy     legacy applies the 12-month offers (default none: list prices)
  --live-pricing              read prices from the AWS Price List API (cached; falls back to embedded prices)
  --format text|json|markdown
  --output FILE
  --parameter Key=Value, --parameters FILE   template parameter values
Exit codes: 0 within budget, 1 over budget, 2 input or usage error.`;

export async function runCost(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    usage: { type: 'string' },
    region: { type: 'string' },
    budget: { type: 'string' },
    compare: { type: 'string' },
    'free-tier': { type: 'string' },
    'live-pricing': { type: 'boolean' },
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
  const format = formatOption(values.format, ['text', 'json', 'markdown']);
  const freeTier = values['free-tier'] ?? 'none';
  if (freeTier !== 'none' && freeTier !== 'legacy') throw new UsageError(`--free-tier must be none or legacy (got ${freeTier})`);
  const budget = values.budget === undefined ? undefined : Number(values.budget);
  if (budget !== undefined && !(budget > 0)) throw new UsageError(`--budget takes a positive amount in USD (got ${values.budget})`);
  const parameters = parameterOptions(values.parameter, values.parameters);

  const errors: InputError[] = [];
  let usage: UsageProfile | undefined;
  if (values.usage !== undefined) {
    const loaded = await loadUsageProfile(values.usage);
    if (isInputError(loaded)) errors.push(loaded);
    else usage = loaded;
  }

  const estimate = async (paths: readonly string[]): Promise<{ report: CostReport; resources: readonly Resource[]; read: (r: Resource, p: Path) => unknown } | undefined> => {
    const loaded = loadTemplates(paths, { parameters, ...(values.region ? { region: values.region } : {}) });
    errors.push(...loaded.errors);
    if (loaded.inputs === 0) {
      if (loaded.errors.length === 0) errors.push({ file: paths.join(', '), message: 'no CloudFormation templates found' });
      return undefined;
    }
    const region = values.region ?? loaded.units.map((u) => u.input.environment?.region).find((r) => r) ?? 'us-east-1';
    // The estimate prices the deployment a user gets by default: the first known possibility.
    const read = (r: Resource, p: Path): unknown => {
      const poss = loaded.source.values(r, p);
      return poss.find((x) => !(x.value instanceof Unknown))?.value ?? poss[0]?.value;
    };
    const options = { region, read, freeTier: freeTier as 'none' | 'legacy', ...(usage ? { usage } : {}) };
    const resources = loaded.source.resources;
    if (!values['live-pricing']) return { report: estimateCost(resources, options), resources, read };
    const { PricingClient } = await import('@aws-sdk/client-pricing');
    // The Price List API is served from us-east-1 (and a few others), whatever region is priced.
    const client = new PricingClient({ region: 'us-east-1' });
    const report = await estimateCostLive(resources, { ...options, live: { client, cacheDir: join(io.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'stackaudit', 'pricing') } });
    return { report, resources, read };
  };

  const head = await estimate(positionals);
  const base = values.compare !== undefined ? await estimate([values.compare]) : undefined;
  for (const e of errors) io.stderr(errorLine(e));
  if (!head || (values.compare !== undefined && !base)) return 2;

  let text: string;
  if (base) {
    const cmp = compareCost(base.report, head.report);
    text = format === 'json' ? JSON.stringify(cmp, null, 2) : format === 'markdown' ? formatComparisonMarkdown(cmp) : formatComparisonText(cmp);
  } else {
    text = format === 'json' ? formatCostJson(head.report) : format === 'markdown' ? formatCostMarkdown(head.report) : formatCostText(head.report);
  }
  const over = budget !== undefined ? costAdvisories(head.resources, head.report, { budget, read: head.read }).filter((a) => a.ruleId === 'COST-001') : [];
  if (over.length > 0 && format === 'text') text += `\n${over.map((a) => `COST-001 ${a.message}`).join('\n')}`;
  writeOutput(text, values.output, io);
  if (errors.length > 0) return 2;
  return over.length > 0 ? 1 : 0;
}
