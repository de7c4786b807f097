// Adapters from each input kind to what the engine reads. Templates resolve intrinsics
// through their template's resolver and locate findings by line; accounts are literal and
// locate findings by account, region and ARN.

import type { FindingResource } from '../model/finding.js';
import type { FailedRead } from '../model/inventory.js';
import type { Path, Resource } from '../model/resource.js';
import { dig, type Possible } from '../model/values.js';
import { NO_VALUE } from '../scanners/cloudformation/resolve.js';
import type { TemplateUnit } from '../scanners/cloudformation/to-resources.js';
import type { EvaluationSource } from './evaluate.js';

export function templateSource(units: readonly TemplateUnit[]): EvaluationSource {
  const unitOf = new Map<Resource, TemplateUnit>();
  const resources: Resource[] = [];
  for (const u of units) {
    for (const r of u.resources) {
      unitOf.set(r, u);
      resources.push(r);
    }
  }
  // Resolution is per top-level property and cached: rules ask for the same ones repeatedly.
  const cache = new Map<Resource, Map<string, readonly Possible[]>>();
  const resolveTop = (r: Resource, key: string | undefined): readonly Possible[] => {
    let perResource = cache.get(r);
    if (!perResource) cache.set(r, (perResource = new Map()));
    const cacheKey = key ?? '';
    const hit = perResource.get(cacheKey);
    if (hit) return hit;
    const unit = unitOf.get(r)!;
    const raw = key === undefined ? r.properties : r.properties[key];
    const path: Path = key === undefined ? ['Resources', r.id, 'Properties'] : ['Resources', r.id, 'Properties', key];
    // A whole property set to `Ref: AWS::NoValue` is absent, as CloudFormation treats it.
    const resolved = unit.resolver.resolve(raw, path);
    const result = resolved.some((p) => p.value === NO_VALUE) ? resolved.map((p) => (p.value === NO_VALUE ? { value: undefined, when: p.when } : p)) : resolved;
    perResource.set(cacheKey, result);
    return result;
  };
  return {
    input: 'template',
    resources,
    values(r, path) {
      if (path.length === 0) return resolveTop(r, undefined);
      const top = resolveTop(r, String(path[0]));
      if (path.length === 1) return top;
      // Nested reads repeat (several rules ask the same resource the same question): memoised.
      const perResource = cache.get(r)!;
      const key = `\u0000${path.join('\u0000')}`;
      const hit = perResource.get(key);
      if (hit) return hit;
      const rest = path.slice(1);
      const result = top.map((p) => ({ value: dig(p.value, rest), when: p.when }));
      perResource.set(key, result);
      return result;
    },
    raw: (r, path) => dig(r.properties, path),
    sourcePath(r, node) {
      const p = unitOf.get(r)?.resolver.sourcePath(node);
      // Paths from the resolver are template-absolute; rules speak relative to the resource.
      if (p && p[0] === 'Resources' && p[1] === r.id) return p.slice(2);
      return undefined;
    },
    parameter: (r, name) => unitOf.get(r)?.resolver.parameter(name),
    stackParameter(r, names) {
      const resolver = unitOf.get(r)?.resolver;
      if (!resolver) return undefined;
      for (const name of names) {
        if (!resolver.parameter(name)) continue;
        const v = resolver.resolve({ Ref: name }, ['Parameters', name])[0]?.value;
        if (typeof v === 'string') return { name, value: v };
      }
      return undefined;
    },
    locate(r, path): Partial<FindingResource> {
      const unit = unitOf.get(r);
      // Whole-scan findings (a budget, a missing billing alarm) name a synthetic resource.
      if (!unit) return r.origin.kind === 'template' ? { file: r.origin.file, ...(r.origin.stack !== undefined ? { stack: r.origin.stack } : {}) } : {};
      const pos = unit.input.template.position(['Resources', r.id, ...(path ?? [])]);
      return {
        file: unit.input.file,
        ...(unit.input.stack !== undefined ? { stack: unit.input.stack } : {}),
        line: pos.line,
        column: pos.column,
      };
    },
  };
}

export function accountSource(resources: readonly Resource[], failedReads: readonly FailedRead[] = []): EvaluationSource {
  return {
    input: 'account',
    resources,
    failedReads,
    values: (r, path) => [{ value: dig(r.properties, path), when: {} }],
    raw: (r, path) => dig(r.properties, path),
    sourcePath: () => undefined,
    parameter: () => undefined,
    stackParameter: () => undefined,
    locate(r): Partial<FindingResource> {
      return r.origin.kind === 'account' ? { account: r.origin.account, region: r.origin.region } : {};
    },
  };
}
