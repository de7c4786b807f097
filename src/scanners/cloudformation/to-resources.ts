// Turns parsed templates into resources in the shared vocabulary, with one resolver per
// template. Templates of one scan (or one cloud assembly) see each other's exports, so
// `Fn::ImportValue` resolves across CDK stacks.

import type { InputError } from '../../model/finding.js';
import type { Path, Resource } from '../../model/resource.js';
import { Unknown, isRecord, type Possible } from '../../model/values.js';
import type { TemplateInput } from './inputs.js';
import { Resolver, TemplateStructureError } from './resolve.js';

export interface TemplateUnit {
  readonly input: TemplateInput;
  readonly resolver: Resolver;
  readonly resources: readonly Resource[];
}

export interface TemplateLoadOptions {
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** Region for pseudo parameters when the template's environment does not give one. */
  readonly region?: string;
}

const DEFAULT_ACCOUNT = '123456789012';

export function buildTemplateUnits(inputs: readonly TemplateInput[], options: TemplateLoadOptions = {}): { units: TemplateUnit[]; errors: InputError[] } {
  const errors: InputError[] = [];
  const resolvers = new Map<TemplateInput, Resolver>();
  // Exports are looked up lazily: resolving one needs the exporting template's resolver.
  const exportIndex = new Map<string, Map<string, { input: TemplateInput; raw: unknown; path: Path }>>();
  const exportsOf = (group: string) => {
    let index = exportIndex.get(group);
    if (index) return index;
    index = new Map();
    for (const input of inputs) {
      if (groupOf(input) !== group) continue;
      const outputs = input.template.body['Outputs'];
      if (!isRecord(outputs)) continue;
      const resolver = resolvers.get(input);
      if (!resolver) continue;
      for (const [name, out] of Object.entries(outputs)) {
        if (!isRecord(out) || !isRecord(out['Export'])) continue;
        for (const p of resolver.resolve(out['Export']['Name'], ['Outputs', name, 'Export', 'Name'])) {
          if (typeof p.value === 'string') index.set(p.value, { input, raw: out['Value'], path: ['Outputs', name, 'Value'] });
        }
      }
    }
    exportIndex.set(group, index);
    return index;
  };
  const importing = new Set<string>();

  for (const input of inputs) {
    const group = groupOf(input);
    const resolver = new Resolver({
      scope: input.scope,
      body: input.template.body,
      region: input.environment?.region ?? options.region ?? 'us-east-1',
      accountId: input.environment?.account ?? DEFAULT_ACCOUNT,
      stackName: input.stack ?? stackNameFromFile(input.file),
      ...(options.parameterValues ? { parameterValues: options.parameterValues } : {}),
      importValue: (name: string): readonly Possible[] | undefined => {
        const found = exportsOf(group).get(name);
        if (!found) return undefined;
        // Two stacks importing from each other would recurse forever.
        if (importing.has(name)) return [{ value: new Unknown(`export ${name} refers back to itself`), when: {} }];
        importing.add(name);
        try {
          return resolvers.get(found.input)!.resolve(found.raw, found.path);
        } finally {
          importing.delete(name);
        }
      },
    });
    resolvers.set(input, resolver);
  }

  const units: TemplateUnit[] = [];
  for (const input of inputs) {
    const resolver = resolvers.get(input)!;
    try {
      units.push({ input, resolver, resources: toResources(input, resolver, input.environment?.region ?? options.region) });
    } catch (err) {
      if (!(err instanceof TemplateStructureError)) throw err;
      const pos = input.template.position(err.path);
      errors.push({ file: input.file, line: pos.line, column: pos.column, message: err.message });
    }
  }
  return { units, errors };
}

function toResources(input: TemplateInput, resolver: Resolver, region: string | undefined): Resource[] {
  const body = input.template.body;
  // Evaluate every condition once up front: a circular or undefined one is an input error.
  if (isRecord(body['Conditions'])) for (const name of Object.keys(body['Conditions'])) resolver.condition(name);
  const resources = isRecord(body['Resources']) ? body['Resources'] : {};
  const out: Resource[] = [];
  for (const [id, def] of Object.entries(resources)) {
    if (!isRecord(def)) continue;
    const condition = typeof def['Condition'] === 'string' ? def['Condition'] : undefined;
    if (condition !== undefined && resolver.conditionHolds(condition) === false) continue;
    out.push({
      type: String(def['Type']),
      id,
      properties: isRecord(def['Properties']) ? def['Properties'] : {},
      ...(isRecord(def['Metadata']) ? { metadata: def['Metadata'] } : {}),
      ...(condition !== undefined ? { condition } : {}),
      origin: { kind: 'template', file: input.file, scope: input.scope, ...(input.stack !== undefined ? { stack: input.stack } : {}), ...(region ? { region } : {}) },
    });
  }
  return out;
}

/** Templates of one cloud assembly import from each other; loose files share the scan's group. */
function groupOf(input: TemplateInput): string {
  return input.assembly ?? '';
}

function stackNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? 'stack';
  return base.replace(/\.(template\.)?(json|ya?ml|template)$/i, '').replace(/[^A-Za-z0-9-]/g, '-') || 'stack';
}
