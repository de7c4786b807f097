// `stackaudit cost … --usage-template`: a usage profile with every usage-driven quantity of the
// input at the value the estimate uses without one (like infracost's usage-file sync). Used as
// is, it changes nothing; edit the numbers that differ.
import type { Resource } from '../model/resource.js';
import { estimateResources, type EstimateOptions } from './estimate.js';
import type { ResourceId } from './types.js';
import { USAGE_DEFAULTS, type UsageField } from './usage.js';

const yamlKey = (k: string): string => (/^[A-Za-z0-9_./-]+$/.test(k) && !/^(true|false|null|yes|no|on|off|~)$/i.test(k) ? k : JSON.stringify(k));
const yamlValue = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
const comment = (s: string): string => s.replace(/[\r\n]+/g, ' ');

/** The profile skeleton for `resources` (YAML text). `inputs` names what it was made for, in the header. */
export function usageTemplate(resources: readonly Resource[], options: Omit<EstimateOptions, 'usage' | 'onUsageFields'> & { readonly inputs?: readonly string[] } = {}): string {
  const found: { resource: ResourceId; fields: ReadonlyMap<string, UsageField> }[] = [];
  estimateResources(resources, { ...options, onUsageFields: (resource, fields) => fields.size > 0 && found.push({ resource, fields: new Map(fields) }) });
  // A logical id names a resource when no other resource has it; else its stack or file qualifies it.
  const count = new Map<string, number>();
  for (const f of found) count.set(f.resource.id, (count.get(f.resource.id) ?? 0) + 1);
  const stackCount = new Map<string, number>();
  for (const f of found)
    if (f.resource.stack !== undefined) stackCount.set(`${f.resource.stack}/${f.resource.id}`, (stackCount.get(`${f.resource.stack}/${f.resource.id}`) ?? 0) + 1);
  const nameOf = (r: ResourceId): string => {
    if (count.get(r.id) === 1) return r.id;
    if (r.stack !== undefined && stackCount.get(`${r.stack}/${r.id}`) === 1) return `${r.stack}/${r.id}`;
    return r.key ?? r.id;
  };
  const out = [
    `# Usage profile${options.inputs?.length ? ` for ${options.inputs.join(', ')}` : ''}, written by \`stackaudit cost --usage-template\`.`,
    '# Every quantity the estimate takes from usage, at the value it uses when the profile says nothing:',
    '# as it is, this file changes no line. Edit what differs; delete what you do not need.',
    '# Any resource also takes `hours` (hours it runs in the month) and `dataOutGB` (its data out to the',
    '# internet). Keys: logical id, Stack/LogicalId, or tag:Key=Value. See docs/usage-profile.md.',
    `hoursPerMonth: ${USAGE_DEFAULTS.hoursPerMonth}`,
    'freeTier: none            # legacy: the 12-month free tier of accounts created before 2025-07-15',
    'dataTransfer:',
    '  internetOutGB: 0        # data out to the internet not attributed to one resource (100 GB a month are free)',
    'cloudwatch:',
    '  customMetrics: 0',
  ];
  if (found.length === 0) return [...out, 'resources: {}', ''].join('\n');
  out.push('resources:');
  for (const { resource, fields } of found) {
    out.push(`  ${yamlKey(nameOf(resource))}:  # ${comment(resource.type)}${resource.region ? `, ${resource.region}` : ''}`);
    for (const [field, f] of fields) out.push(`    ${field}: ${yamlValue(f.default)}${f.why ? `  # default: ${comment(f.why)}` : ''}`);
  }
  return out.join('\n') + '\n';
}
