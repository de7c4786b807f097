// Turns parsed templates into resources in the shared vocabulary, with one resolver per
// template. The stacks of one cloud assembly see each other's exports, so `Fn::ImportValue`
// resolves across CDK stacks; loose templates are inputs of their own and never see each other
// (a scan of many files reports, per file, what a scan of that file alone reports).

import type { InputError } from '../../model/finding.js';
import type { Path, Resource } from '../../model/resource.js';
import { isRecord } from '../../model/values.js';
import { outsideRuns } from '../../model/scenario.js';
import { ForEachError, expandForEach, usesForEach, type UnexpandedLoop } from './foreach.js';
import type { TemplateInput } from './inputs.js';
import { Resolver, TemplateStructureError } from './resolve.js';

export interface TemplateUnit {
  readonly input: TemplateInput;
  /** The input this template belongs to: its file, or its cloud assembly directory. */
  readonly inputKey: string;
  readonly resolver: Resolver;
  readonly resources: readonly Resource[];
  /** The template as read after `Fn::ForEach` expansion. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Where an expanded resource came from in the file (its loop), for finding lines. */
  readonly origins: ReadonlyMap<string, Path>;
  /** What the reader should know: transforms not expanded, loops over unknown collections. */
  readonly notes: readonly string[];
}

export interface TemplateLoadOptions {
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** Region for pseudo parameters when the template's environment does not give one. */
  readonly region?: string;
}

const DEFAULT_ACCOUNT = '123456789012';

/** The input a template belongs to. */
export function inputKeyOf(input: TemplateInput): string {
  return input.assembly ?? input.file;
}

/** Transforms stackaudit expands or reads as written; any other is a macro it cannot run. */
const KNOWN_TRANSFORMS = new Set(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']);

export function buildTemplateUnits(inputs: readonly TemplateInput[], options: TemplateLoadOptions = {}): { units: TemplateUnit[]; errors: InputError[] } {
  const errors: InputError[] = [];
  const given = new Map(Object.entries(options.parameterValues ?? {}));
  const prepared: {
    input: TemplateInput;
    body: Readonly<Record<string, unknown>>;
    origins: ReadonlyMap<string, Path>;
    unexpanded: readonly UnexpandedLoop[];
    resolver: Resolver;
  }[] = [];
  const byGroup = new Map<string, typeof prepared>();
  const failed = new Set<string>();

  for (const input of inputs) {
    const group = inputKeyOf(input);
    try {
      const options_ = {
        scope: input.scope,
        region: input.environment?.region ?? options.region ?? 'us-east-1',
        accountId: input.environment?.account ?? DEFAULT_ACCOUNT,
        stackName: input.stack ?? stackNameFromFile(input.file),
        parameterValues: given,
      };
      let body = input.template.body;
      let origins: ReadonlyMap<string, Path> = new Map();
      let unexpanded: readonly UnexpandedLoop[] = [];
      if (usesForEach(body)) {
        // Collections are read with the template's own parameters (a Ref to a CommaDelimitedList).
        const pre = new Resolver({ ...options_, body });
        const expansion = expandForEach(body, (raw) =>
          outsideRuns(() => {
            const v = pre.value(raw, []);
            if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
            if (v !== null && typeof v === 'object' && 'reason' in v) return { unknown: String((v as { reason: unknown }).reason) };
            return { unknown: 'the collection is not a list known before deployment' };
          }),
        );
        body = expansion.body;
        origins = expansion.origins;
        unexpanded = expansion.unexpanded;
      }
      const entry = {
        input,
        body,
        origins,
        unexpanded,
        resolver: new Resolver({
          ...options_,
          body,
          importValue: (name: string) => importFrom(group, name),
        }),
      };
      prepared.push(entry);
      const list = byGroup.get(group) ?? [];
      list.push(entry);
      byGroup.set(group, list);
    } catch (err) {
      errors.push(loadError(input, err));
      failed.add(input.scope);
    }
  }

  // Exports are indexed lazily per input, with the default reading of their names.
  const exportIndex = new Map<string, Map<string, { resolver: Resolver; raw: unknown; path: Path }>>();
  const importing = new Set<string>();
  function importFrom(group: string, name: string): { value: unknown } | undefined {
    let index = exportIndex.get(group);
    if (!index) {
      index = new Map();
      exportIndex.set(group, index);
      for (const p of byGroup.get(group) ?? []) {
        const outputs = p.body['Outputs'];
        if (!isRecord(outputs)) continue;
        for (const outName of Object.keys(outputs)) {
          const out = outputs[outName];
          if (!isRecord(out) || !isRecord(out['Export'])) continue;
          const exported = out['Export'] as Record<string, unknown>;
          const exportName = outsideRuns(() => p.resolver.value(exported['Name'], ['Outputs', outName, 'Export', 'Name']));
          if (typeof exportName === 'string' && !index.has(exportName)) index.set(exportName, { resolver: p.resolver, raw: out['Value'], path: ['Outputs', outName, 'Value'] });
        }
      }
    }
    const found = index.get(name);
    if (!found) return undefined;
    // Two stacks importing from each other would recurse forever.
    if (importing.has(name)) return undefined;
    importing.add(name);
    try {
      return { value: found.resolver.value(found.raw, found.path) };
    } finally {
      importing.delete(name);
    }
  }

  const units: TemplateUnit[] = [];
  for (const p of prepared) {
    try {
      units.push(toUnit(p, options.region));
    } catch (err) {
      errors.push(loadError(p.input, err));
    }
  }
  return { units, errors };
}

/** Any failure while reading one template is an error for that template only, with its line when known. */
function loadError(input: TemplateInput, err: unknown): InputError {
  if (err instanceof ForEachError || err instanceof TemplateStructureError) {
    const pos = input.template.position(err.path);
    return { file: input.file, line: pos.line, column: pos.column, message: err.message };
  }
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
  return { file: input.file, message: `could not be read: ${message}` };
}

function toUnit(
  p: { input: TemplateInput; body: Readonly<Record<string, unknown>>; origins: ReadonlyMap<string, Path>; unexpanded: readonly UnexpandedLoop[]; resolver: Resolver },
  fallbackRegion: string | undefined,
): TemplateUnit {
  const { input, body, resolver } = p;
  // Every condition once, up front and without recursion: a circular or undefined one is an input error.
  outsideRuns(() => resolver.checkConditions());
  resolver.checkConditionNames();
  const region = input.environment?.region ?? fallbackRegion;
  const origin = {
    kind: 'template' as const,
    file: input.file,
    scope: input.scope,
    input: inputKeyOf(input),
    ...(input.stack !== undefined ? { stack: input.stack } : {}),
    ...(region ? { region } : {}),
  };
  const resources: Resource[] = [];
  const defs = isRecord(body['Resources']) ? body['Resources'] : {};
  const globals = transformsOf(body).includes('AWS::Serverless-2016-10-31') && isRecord(body['Globals']) ? body['Globals'] : undefined;
  for (const id of Object.keys(defs)) {
    const def = defs[id];
    if (!isRecord(def)) continue;
    const condition = typeof def['Condition'] === 'string' ? def['Condition'] : undefined;
    if (condition !== undefined && !resolver.hasCondition(condition))
      throw new TemplateStructureError(`condition ${condition} is not defined in Conditions`, ['Resources', id, 'Condition']);
    const type = String(def['Type']);
    const own = isRecord(def['Properties']) ? def['Properties'] : {};
    const section = globals ? SAM_GLOBALS.get(type) : undefined;
    const shared = section !== undefined && globals && Object.hasOwn(globals, section) ? globals[section] : undefined;
    resources.push({
      type,
      id,
      properties: isRecord(shared) ? mergeSamGlobals(shared, own) : own,
      ...(isRecord(def['Metadata']) ? { metadata: def['Metadata'] } : {}),
      ...(condition !== undefined ? { condition } : {}),
      origin,
    });
  }
  const notes: string[] = [];
  const origins = new Map(p.origins);
  for (const loop of p.unexpanded) {
    for (const out of loop.outputs) {
      if (out.type === undefined || loop.path[0] !== 'Resources') continue;
      origins.set(out.key, [...loop.path, 2, out.key]);
      resources.push({
        type: out.type,
        id: out.key,
        properties: {},
        unexpanded: `the resources of loop Fn::ForEach::${loop.loop} (${out.key}) are not known: ${loop.reason}`,
        origin,
      });
    }
    notes.push(`${input.file}: Fn::ForEach::${loop.loop} was not expanded (${loop.reason}); its ${loop.outputs.length} output(s) are reported as not evaluated`);
  }
  for (const t of transformsOf(body)) {
    if (t === 'AWS::Serverless-2016-10-31')
      notes.push(
        `${input.file}: transform ${t} (SAM): SAM resources are checked as written, with their Globals merged (function environments by SEC-001); the resources SAM generates from them (roles, APIs, permissions) are not`,
      );
    // AWS::SecretsManager-2020-07-23 / -2024-09-16 add a rotation Lambda stack per
    // AWS::SecretsManager::RotationSchedule with HostedRotationLambda:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-secretsmanager.html
    else if (t.startsWith('AWS::SecretsManager-'))
      notes.push(`${input.file}: transform ${t} adds hosted rotation functions (a nested stack per rotation schedule); the secrets are checked, the functions it adds are not`);
    else if (!KNOWN_TRANSFORMS.has(t))
      notes.push(`${input.file}: transform ${t} is a macro stackaudit cannot run: the resources and properties it would add or change are not checked`);
  }
  return { input, inputKey: inputKeyOf(input), resolver, resources, body, origins, notes };
}

/** The `Globals` section each SAM resource type takes. https://github.com/aws/serverless-application-model/blob/develop/docs/globals.rst */
const SAM_GLOBALS: ReadonlyMap<string, string> = new Map([
  ['AWS::Serverless::Function', 'Function'],
  ['AWS::Serverless::Api', 'Api'],
  ['AWS::Serverless::HttpApi', 'HttpApi'],
  ['AWS::Serverless::SimpleTable', 'SimpleTable'],
  ['AWS::Serverless::StateMachine', 'StateMachine'],
]);

/**
 * SAM's merge of Globals into a resource: the resource's scalars win, maps merge key by key,
 * lists are the global items followed by the resource's. Intrinsic functions are values.
 */
export function mergeSamGlobals(global: Readonly<Record<string, unknown>>, local: Readonly<Record<string, unknown>>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(global)) put(k, global[k]);
  for (const k of Object.keys(local)) {
    const g = Object.hasOwn(global, k) ? global[k] : undefined;
    const l = local[k];
    const intrinsic = (v: unknown) => isRecord(v) && Object.keys(v).length === 1 && /^(Ref|Fn::)/.test(Object.keys(v)[0]!);
    if (depth < 32 && isRecord(g) && isRecord(l) && !intrinsic(g) && !intrinsic(l)) put(k, mergeSamGlobals(g, l, depth + 1));
    else if (Array.isArray(g) && Array.isArray(l)) put(k, [...g, ...l]);
    else put(k, l);
  }
  return out;
}

function transformsOf(body: Readonly<Record<string, unknown>>): string[] {
  const t = body['Transform'];
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.map((x) => (typeof x === 'string' ? x : isRecord(x) && typeof x['Name'] === 'string' ? x['Name'] : (JSON.stringify(x) ?? '?')));
}

function stackNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? 'stack';
  return base.replace(/\.(template\.)?(json|ya?ml|template)$/i, '').replace(/[^A-Za-z0-9-]/g, '-') || 'stack';
}
