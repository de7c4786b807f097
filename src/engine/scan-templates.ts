// The template pipeline: inputs → parsed templates → resources → rules → report.

import type { EffectiveConfig } from '../model/config.js';
import type { InputError, Severity } from '../model/finding.js';
import type { Path, Resource } from '../model/resource.js';
import type { Rule } from '../model/rule.js';
import { outsideRuns } from '../model/scenario.js';
import { dig, type Possible } from '../model/values.js';
import { distribute, loadInputs, settleAll, settlePending, sortLoadedMessages, type LoadedInputs, type PendingTemplate } from '../scanners/cloudformation/inputs.js';
import type { TemplateInput } from '../scanners/cloudformation/inputs.js';
import { buildTemplateUnits, inputKeyOf, type TemplateUnit } from '../scanners/cloudformation/to-resources.js';
import { RULES } from '../rules/index.js';
import { effectiveConfig } from './config.js';
import { evaluate, type EvaluationResult } from './evaluate.js';
import { templateSources, type InputSource } from './sources.js';

export interface ScanOptions {
  readonly config?: EffectiveConfig;
  readonly rules?: readonly Rule[];
  readonly failOn?: Severity | 'none';
  /** Parameter values (`--parameter Key=Value`, `--parameters file.json`); never printed. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Region for pseudo parameters when a template's environment does not name one. */
  readonly region?: string;
  /** Inputs already loaded (the CLI's stdin, --skip-path, --only-templates); `paths` is then not read. */
  readonly inputs?: LoadedInputs;
  /**
   * Keep the parsed templates in the result (`units`, default true). With false, each input is
   * built just before it is evaluated and let go right after, and `options.inputs` is consumed
   * (emptied): memory then grows with the findings, not with the templates.
   */
  readonly keepUnits?: boolean;
  /** With `keepUnits: false`, called once per template before it is let go (the CLI collects declared parameters). */
  readonly onTemplate?: (unit: TemplateUnit) => void;
}

export type ScanResult = EvaluationResult & { readonly units: readonly TemplateUnit[] };

export interface LoadedTemplates {
  readonly units: readonly TemplateUnit[];
  /** One per input: a loose template, or a cloud assembly. */
  readonly sources: readonly InputSource[];
  /** Every resource of every input, with the default reading of their values (`values`). */
  readonly source: {
    readonly resources: readonly Resource[];
    /** The default reading of a property (see `defaultReader`), as a single possibility. */
    values(resource: Resource, path: Path): readonly Possible[];
  };
  readonly errors: readonly InputError[];
  readonly notes: readonly string[];
  readonly inputs: number;
}

/** Loads templates into resources with resolved values, without running rules (the cost command's input). */
export function loadTemplates(paths: readonly string[], options: Pick<ScanOptions, 'parameters' | 'region' | 'inputs'> = {}): LoadedTemplates {
  const loaded = settleAll(options.inputs ?? loadInputs(paths));
  const { units, errors } = buildTemplateUnits(loaded.inputs, {
    ...(options.parameters ? { parameterValues: options.parameters } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  const sources = templateSources(units, options.parameters ?? {});
  return {
    units,
    sources,
    source: defaultSource(sources),
    errors: [...loaded.errors, ...errors],
    notes: loaded.notes,
    inputs: loaded.inputs.length,
  };
}

/** Scans CloudFormation/CDK templates (files, directories, cdk.out) against every enabled rule. */
export function scanTemplates(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  if (options.keepUnits === false) return scanStreaming(paths, options);
  const { units, sources, errors, notes, inputs } = loadTemplates(paths, options);
  const report = evaluate(sources, {
    config: options.config ?? effectiveConfig(),
    rules: options.rules ?? RULES,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    errors,
    notes,
    inputs,
  });
  return { ...report, units };
}

function scanStreaming(paths: readonly string[], options: ScanOptions): ScanResult {
  const loaded = options.inputs ?? loadInputs(paths, { defer: true });
  // A cloud assembly's stacks import from each other: one group. A loose template is its own,
  // and a pending one is parsed only when its turn comes.
  type Group = { readonly key: string; inputs?: TemplateInput[]; pending?: PendingTemplate };
  const groups = new Map<string, Group>();
  for (const input of loaded.inputs) {
    const key = inputKeyOf(input);
    const g = groups.get(key);
    if (g?.inputs) g.inputs.push(input);
    else groups.set(key, { key, inputs: [input] });
  }
  for (const p of loaded.pending ?? []) if (!groups.has(p.file)) groups.set(p.file, { key: p.file, pending: p });
  const order = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Let the lists go: from here on, each group is dropped once it is built.
  loaded.inputs.length = 0;
  if (loaded.pending) loaded.pending.length = 0;
  const built: InputError[] = [];
  const loaderErrors: InputError[] = [...loaded.errors];
  const loaderNotes: string[] = [...loaded.notes];
  let inputs = 0;
  const buildOptions = {
    ...(options.parameters ? { parameterValues: options.parameters } : {}),
    ...(options.region ? { region: options.region } : {}),
  };
  function* sources(): Generator<InputSource> {
    for (const key of order) {
      const group = groups.get(key)!;
      groups.delete(key);
      const members = group.inputs ?? [];
      // A pending template becomes what the loader would have made of it: an input, an error or a note.
      if (group.pending) distribute(settlePending(group.pending), { inputs: members, errors: loaderErrors, notes: loaderNotes });
      if (members.length === 0) continue;
      inputs += members.length;
      const { units, errors } = buildTemplateUnits(members, buildOptions);
      for (const e of errors) built.push(e);
      for (const u of units) options.onTemplate?.(u);
      yield* templateSources(units, options.parameters ?? {});
    }
  }
  const report = evaluate(sources(), {
    config: options.config ?? effectiveConfig(),
    rules: options.rules ?? RULES,
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
  // What the loader and the builder found come first, in the order the loader gives them.
  const { errors: loaderSorted, notes: notesSorted } = sortLoadedMessages(loaderErrors, loaderNotes);
  const errors = [...loaderSorted, ...report.errors, ...built];
  const notes = [...notesSorted, ...(report.notes ?? [])];
  return {
    ...report,
    errors,
    ...(notes.length > 0 ? { notes } : {}),
    summary: { ...report.summary, inputs, errors: errors.length },
    units: [],
  };
}

/**
 * Reads a loaded resource's property (path relative to Properties) as the deployment a user gets
 * by default: parameters at their value or Default, and for a choice the template leaves open
 * (an unknown condition, a parameter with only AllowedValues) its first value. The cost estimator
 * prices this reading. Stable API: it survives changes to how rules read values.
 */
export function defaultReader(loaded: Pick<LoadedTemplates, 'source'>): (resource: Resource, path: Path) => unknown {
  return (r, path) => loaded.source.values(r, path)[0]?.value;
}

/** Every resource of the inputs with the default reading of their values. */
export function defaultSource(sources: readonly InputSource[]): LoadedTemplates['source'] {
  const sourceOf = new Map<Resource, InputSource>();
  for (const s of sources) for (const r of s.resources) sourceOf.set(r, s);
  const read = (r: Resource, path: Path): unknown => {
    const s = sourceOf.get(r);
    return s ? outsideRuns(() => dig(s.props(r), path)) : undefined;
  };
  return { resources: sources.flatMap((s) => s.resources), values: (r, p) => [{ value: read(r, p), when: {} }] };
}

/** The same for the units of a scan (a `ScanResult`). */
export function defaultSourceOfUnits(units: readonly TemplateUnit[]): LoadedTemplates['source'] {
  return defaultSource(templateSources(units));
}
