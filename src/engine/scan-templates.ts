// The template pipeline: inputs → parsed templates → resources → rules → report.

import type { EffectiveConfig } from '../model/config.js';
import type { InputError, Report, Severity } from '../model/finding.js';
import type { InventoryIndex } from '../model/inventory.js';
import type { Path, Resource } from '../model/resource.js';
import { Unknown } from '../model/values.js';
import type { Rule } from '../model/rule.js';
import { loadInputs, type LoadedInputs } from '../scanners/cloudformation/inputs.js';
import { buildTemplateUnits, type TemplateUnit } from '../scanners/cloudformation/to-resources.js';
import { RULES } from '../rules/index.js';
import { effectiveConfig } from './config.js';
import { evaluate, type EvaluationSource } from './evaluate.js';
import { templateSource } from './sources.js';

export interface ScanOptions {
  readonly config?: EffectiveConfig;
  readonly rules?: readonly Rule[];
  readonly failOn?: Severity | 'none';
  /** Parameter values (`--parameter Key=Value`, `--parameters file.json`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Region for pseudo parameters when a template's environment does not name one. */
  readonly region?: string;
  /** Inputs already loaded (the CLI's stdin, --skip-path, --only-templates); `paths` is then not read. */
  readonly inputs?: LoadedInputs;
}

export type ScanResult = Report & { readonly index: InventoryIndex; readonly units: readonly TemplateUnit[] };

export interface LoadedTemplates {
  readonly units: readonly TemplateUnit[];
  readonly source: EvaluationSource;
  readonly errors: readonly InputError[];
  readonly notes: readonly string[];
  readonly inputs: number;
}

/** Loads templates into resources with resolved values, without running rules (the cost command's input). */
export function loadTemplates(paths: readonly string[], options: Pick<ScanOptions, 'parameters' | 'region' | 'inputs'> = {}): LoadedTemplates {
  const loaded = options.inputs ?? loadInputs(paths);
  const { units, errors } = buildTemplateUnits(loaded.inputs, {
    ...(options.parameters ? { parameterValues: options.parameters } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  return { units, source: templateSource(units), errors: [...loaded.errors, ...errors], notes: loaded.notes, inputs: loaded.inputs.length };
}

/** Scans CloudFormation/CDK templates (files, directories, cdk.out) against every enabled rule. */
export function scanTemplates(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const { units, source, errors, notes, inputs } = loadTemplates(paths, options);
  const report = evaluate(source, {
    config: options.config ?? effectiveConfig(),
    rules: options.rules ?? RULES,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    errors,
    notes,
    inputs,
  });
  return { ...report, units };
}

/**
 * Reads a loaded resource's property (path relative to Properties) as the deployment a user gets
 * by default: parameters at their value or Default, and for a choice the engine cannot decide
 * (an unknown condition, a parameter with only AllowedValues) the first known possibility.
 * The cost estimator prices this reading. Stable API: it survives changes to how rules read values.
 */
export function defaultReader(loaded: Pick<LoadedTemplates, 'source'>): (resource: Resource, path: Path) => unknown {
  return (r, path) => {
    const poss = loaded.source.values(r, path);
    return poss.find((x) => !(x.value instanceof Unknown))?.value ?? poss[0]?.value;
  };
}
