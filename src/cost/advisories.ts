// COST-001 (over budget), COST-002 (x86 with a Graviton equivalent) and COST-003 (public IPv4) as
// data, from an estimate: the rules in src/rules/cost turn them into findings, the CLI prints them.
import { resourceKey, type Resource } from '../model/resource.js';
import { EMBEDDED_CATALOG } from './catalog/embedded.js';
import { budgetVerdict } from './budget.js';
import { ACCOUNT_RESOURCE } from './estimate.js';
import { literalReader, readString } from './read.js';
import type { CostLine, CostReport, PriceCatalog, ResourceId, ValueReader } from './types.js';

export interface CostAdvisory {
  readonly ruleId: 'COST-001' | 'COST-002' | 'COST-003';
  readonly resource: ResourceId;
  readonly message: string;
  /** Monthly amount the advisory is about (over budget, saving, IPv4 cost). */
  readonly monthly?: number;
  /** The advisory could not be decided (an instance class known only at deployment). */
  readonly undecided?: boolean;
}

export interface AdvisoryOptions {
  /** Monthly budget in USD; COST-001 fires when the estimate exceeds it, or cannot be shown not to. */
  readonly budget?: number;
  /** An estimate with unpriced items may pass the budget (config `allowUnpriced`). */
  readonly allowUnpriced?: boolean;
  readonly catalog?: PriceCatalog;
  readonly read?: ValueReader;
}

const money = (n: number): string => `$${n.toFixed(2)}`;
const cents = (n: number): number => Math.round(n * 100) / 100;

// x86 families and their Graviton equivalents of the same size (Graviton needs arm64 images):
// https://aws.amazon.com/ec2/graviton/
const GRAVITON: readonly [RegExp, string][] = [
  [/^(t2|t3|t3a)\.(nano|micro|small|medium|large|xlarge|2xlarge)$/, 't4g'],
  [/^(m5|m5a)\.(large|xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge)$/, 'm6g'],
  [/^(c5|c5a)\.(large|xlarge|2xlarge|4xlarge|12xlarge)$/, 'c6g'],
  [/^(r5|r5a)\.(large|xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge)$/, 'r6g'],
];

export function gravitonOf(type: string): string | undefined {
  for (const [re, family] of GRAVITON) {
    const m = re.exec(type);
    if (m) return `${family}.${m[2]}`;
  }
  return undefined;
}

interface Candidate {
  /** Set when the class is written but known only at deployment. */
  unknown?: string;
  from: string;
  to: string;
  keyFrom: string;
  keyTo: string;
}

function candidate(r: Resource, read: ValueReader, lines: readonly CostLine[]): Candidate | undefined {
  if (r.type === 'AWS::EC2::Instance' || r.type === 'AWS::AutoScaling::AutoScalingGroup') {
    // The priced line names the type even when it comes from a launch template.
    const line = lines.find((l) => l.priceKey.startsWith('ec2.instance.'));
    const t = line ? { known: true as const, value: line.priceKey.slice('ec2.instance.'.length) } : readString(read, r, ['InstanceType']);
    const to = t.known ? gravitonOf(t.value) : undefined;
    if (!t.known) return t.why === 'not set' ? undefined : { unknown: `InstanceType is ${t.why}`, from: '', to: '', keyFrom: '', keyTo: '' };
    return to ? { from: t.value, to, keyFrom: `ec2.instance.${t.value}`, keyTo: `ec2.instance.${to}` } : undefined;
  }
  if (r.type === 'AWS::RDS::DBInstance' || r.type === 'AWS::ElastiCache::CacheCluster' || r.type === 'AWS::ElastiCache::ReplicationGroup') {
    const prefix = r.type === 'AWS::RDS::DBInstance' ? 'db.' : 'cache.';
    const key = r.type === 'AWS::RDS::DBInstance' ? 'DBInstanceClass' : 'CacheNodeType';
    const t = readString(read, r, [key]);
    if (!t.known) return t.why === 'not set' ? undefined : { unknown: `${key} is ${t.why}`, from: '', to: '', keyFrom: '', keyTo: '' };
    if (!t.value.startsWith(prefix)) return undefined;
    const to = gravitonOf(t.value.slice(prefix.length));
    if (!to) return undefined;
    const line = lines.find((l) => l.priceKey.includes(`.${t.value}`));
    if (!line) return { from: t.value, to: prefix + to, keyFrom: '', keyTo: '' };
    return { from: t.value, to: prefix + to, keyFrom: line.priceKey, keyTo: line.priceKey.replace(t.value, prefix + to) };
  }
  return undefined;
}

/** COST-001: the budget verdict as an advisory, when the gate does not pass. */
export function overBudgetAdvisory(report: CostReport, budget: number, allowUnpriced = false): CostAdvisory | undefined {
  const v = budgetVerdict(report, budget, allowUnpriced);
  if (v.passed) return undefined;
  return { ruleId: 'COST-001', resource: ACCOUNT_RESOURCE, message: v.message, ...(v.verdict === 'over' ? { monthly: cents(v.total - v.limit) } : {}) };
}

/** COST-002 for each resource with an x86 class that has a Graviton equivalent, with the saving in its own region. */
export function gravitonAdvisories(resources: readonly Resource[], report: CostReport, options: AdvisoryOptions = {}): CostAdvisory[] {
  const catalog = options.catalog ?? EMBEDDED_CATALOG;
  const read = options.read ?? literalReader;
  // Lines by resource key, built once: a lookup per resource must not scan every line.
  const byResource = new Map<string, CostLine[]>();
  for (const l of report.lines) {
    const k = l.resource.key ?? `${l.resource.type}|${l.resource.id}`;
    const list = byResource.get(k);
    if (list) list.push(l);
    else byResource.set(k, [l]);
  }
  const out: CostAdvisory[] = [];
  for (const r of resources) {
    const lines = byResource.get(resourceKey(r)) ?? [];
    const c = candidate(r, read, lines);
    if (!c) continue;
    if (c.unknown !== undefined) {
      out.push({
        ruleId: 'COST-002',
        resource: { id: r.id, type: r.type, key: resourceKey(r) },
        message: `whether a Graviton equivalent exists is not known: ${c.unknown}`,
        undecided: true,
      });
      continue;
    }
    const line = lines.find((l) => l.priceKey === c.keyFrom);
    const region = line?.region ?? r.origin.region ?? report.regions[0] ?? 'us-east-1';
    const rid: ResourceId = line?.resource ?? { id: r.id, type: r.type, key: resourceKey(r) };
    const hours = line?.quantity;
    const a = c.keyFrom ? catalog.lookup(c.keyFrom, region, c.from) : undefined;
    const b = c.keyTo ? catalog.lookup(c.keyTo, region, c.to) : undefined;
    if (a?.ok && b?.ok && hours !== undefined) {
      const saving = cents((a.entry.usd - b.entry.usd) * hours);
      const pct = Math.round(((a.entry.usd - b.entry.usd) / a.entry.usd) * 100);
      out.push({
        ruleId: 'COST-002',
        resource: rid,
        message: `${c.from} (x86) has a Graviton equivalent ${c.to}: ${money(saving)}/month less (${pct}%, $${a.entry.usd}/h → $${b.entry.usd}/h in ${region}); needs arm64 builds.`,
        monthly: saving,
      });
    } else {
      const why = b && !b.ok ? b.reason : a && !a.ok ? a.reason : 'no price for the current size';
      out.push({ ruleId: 'COST-002', resource: rid, message: `${c.from} (x86) has a Graviton equivalent ${c.to}; saving not computed: ${why}.` });
    }
  }
  return out;
}

/** COST-003: public IPv4 addresses per resource, with what they cost there. */
export function publicIpv4Advisories(report: CostReport): CostAdvisory[] {
  const ipv4 = new Map<string, { resource: ResourceId; count: number; monthly: number; hourly: number }>();
  for (const l of report.lines) {
    if (l.priceKey !== 'vpc.public_ipv4') continue;
    const k = l.resource.key ?? `${l.resource.type}|${l.resource.id}`;
    const cur = ipv4.get(k) ?? { resource: l.resource, count: 0, monthly: 0, hourly: l.unitPrice };
    cur.count += l.count ?? 1;
    cur.monthly += l.monthly;
    ipv4.set(k, cur);
  }
  return [...ipv4.values()].map((v) => ({
    ruleId: 'COST-003' as const,
    resource: v.resource,
    message: `${v.count} public IPv4 address${v.count === 1 ? '' : 'es'}: ${money(cents(v.monthly))}/month ($${v.hourly}/h each in ${v.resource.region ?? 'its region'} since 2024-02-01, attached or idle).`,
    monthly: cents(v.monthly),
  }));
}

/** All three advisories of an estimate. */
export function costAdvisories(resources: readonly Resource[], report: CostReport, options: AdvisoryOptions = {}): CostAdvisory[] {
  const over = options.budget !== undefined ? overBudgetAdvisory(report, options.budget, options.allowUnpriced) : undefined;
  return [...(over ? [over] : []), ...gravitonAdvisories(resources, report, options), ...publicIpv4Advisories(report)];
}
