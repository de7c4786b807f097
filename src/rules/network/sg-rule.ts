// Reading one security-group rule: which ports it opens and to whom. Shared by the NET
// rules so "covers port 22" and "from the internet" mean the same thing everywhere.

import type { InventoryIndex, SecurityGroupRule } from '../../model/inventory.js';
import { formatCidr, isInternetRange, isSingleHost, parseCidr, type Cidr } from '../../model/ip.js';
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asNumber, asString, type Assumptions } from '../../model/values.js';
import { CLOUDFRONT_ORIGIN_FACING, describeRef } from '../../engine/inventory-index.js';

export type Source =
  | { readonly kind: 'cidr'; readonly cidr: Cidr; readonly key: 'CidrIp' | 'CidrIpv6'; readonly text: string }
  | { readonly kind: 'group'; readonly key: string }
  | { readonly kind: 'prefix-list'; readonly key: string; readonly ref: unknown }
  | { readonly kind: 'unknown'; readonly key: string; readonly reason: string };

const SOURCE_KEYS = {
  ingress: { group: ['SourceSecurityGroupId', 'SourceSecurityGroupName'], prefix: 'SourcePrefixListId' },
  egress: { group: ['DestinationSecurityGroupId'], prefix: 'DestinationPrefixListId' },
} as const;

export function sourceOf(r: SecurityGroupRule): Source {
  const rule = r.rule;
  for (const key of ['CidrIp', 'CidrIpv6'] as const) {
    const v = rule[key];
    if (v === undefined) continue;
    if (v instanceof Unknown) return { kind: 'unknown', key, reason: v.reason };
    const text = asString(v);
    const cidr = text !== undefined ? parseCidr(text) : undefined;
    if (!cidr) return { kind: 'unknown', key, reason: `${key} ${describeRef(v)} is not a CIDR known before deployment` };
    return { kind: 'cidr', cidr, key, text: text! };
  }
  const keys = SOURCE_KEYS[r.direction];
  for (const key of keys.group) if (rule[key] !== undefined) return { kind: 'group', key };
  if (rule[keys.prefix] !== undefined) return { kind: 'prefix-list', key: keys.prefix, ref: rule[keys.prefix] };
  return { kind: 'unknown', key: 'CidrIp', reason: 'the rule names no source' };
}

export type Ports = { readonly all: true } | { readonly all: false; readonly from: number; readonly to: number } | { readonly none: true } | Unknown;

const PROTOCOLS: Readonly<Record<string, 'all' | 'tcp' | 'udp' | 'other'>> = { '-1': 'all', all: 'all', tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp' };

/** The TCP ports a rule opens: all (protocol -1), a range, none (icmp, udp…), or Unknown. */
export function tcpPortsOf(rule: Readonly<Record<string, unknown>>): Ports {
  const proto = rule['IpProtocol'];
  if (proto instanceof Unknown) return proto;
  const p = asString(proto)?.toLowerCase();
  if (p === undefined) return new Unknown('IpProtocol is known only at deployment');
  const kind = PROTOCOLS[p] ?? 'other';
  if (kind === 'all') return { all: true };
  if (kind !== 'tcp') return { none: true };
  const from = rule['FromPort'];
  const to = rule['ToPort'];
  if (from instanceof Unknown) return from;
  if (to instanceof Unknown) return to;
  const f = asNumber(from);
  const t = asNumber(to);
  if (f === undefined && t === undefined) return { all: true };
  if (f === undefined || t === undefined) return new Unknown('the port range is known only at deployment');
  // EC2 reads -1 as "all ports" for tcp/udp.
  if (f === -1 || t === -1) return { all: true };
  // EC2 rejects an inverted range, so the rule never exists as written: neither open nor closed.
  if (f > t) return new Unknown(`FromPort ${f} is greater than ToPort ${t}, which EC2 rejects`);
  return { all: false, from: f, to: t };
}

export function covers(ports: Ports, port: number): boolean | Unknown {
  if (ports instanceof Unknown) return ports;
  if ('none' in ports) return false;
  if (ports.all) return true;
  return ports.from <= port && port <= ports.to;
}

export function opensAllPorts(ports: Ports): boolean {
  return !(ports instanceof Unknown) && !('none' in ports) && (ports.all || (ports.from <= 0 && ports.to >= 65535));
}

export function describePorts(ports: Ports): string {
  if (ports instanceof Unknown) return 'unknown ports';
  if ('none' in ports) return 'no TCP ports';
  if (ports.all) return 'all ports';
  return ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}-${ports.to}`;
}

export function describeSource(s: Source): string {
  switch (s.kind) {
    case 'cidr':
      return formatCidr(s.cidr) === s.text ? s.text : `${s.text} (= ${formatCidr(s.cidr)})`;
    case 'group':
      return 'a security group';
    case 'prefix-list':
      return `prefix list ${describeRef(s.ref)}`;
    case 'unknown':
      return s.reason;
  }
}

/** " (when condition IsProd is true)" for findings that hold only under an assumption. */
export function whenText(when: Assumptions): string {
  const parts = Object.entries(when).map(([k, v]) =>
    k.startsWith('cond:') ? `condition ${k.slice(5)} is ${String(v)}` : k.startsWith('param:') ? `parameter ${k.slice(6)} is ${String(v)}` : `${k}=${String(v)}`,
  );
  return parts.length ? ` (when ${parts.join(' and ')})` : '';
}

export function isInternet(s: Source): boolean {
  return s.kind === 'cidr' && isInternetRange(s.cidr);
}

export function isSingleHostSource(s: Source): boolean {
  return s.kind === 'cidr' && isSingleHost(s.cidr);
}

/**
 * Whether a prefix-list source faces the internet: CloudFront's origin-facing list does not
 * (its whole point), a template-defined list is judged by its entries, an unknown list is unknown.
 */
export function prefixListFacesInternet(ctx: RuleContext, from: Resource, ref: unknown): { internet: boolean; cloudfront: boolean } | Unknown {
  const name = ctx.index.prefixListName(from, ref);
  if (name === CLOUDFRONT_ORIGIN_FACING) return { internet: false, cloudfront: true };
  const list = ctx.index.lookup(from, ref);
  if (list) {
    const entries = ctx.values(list, ['Entries']).map((p) => p.value);
    if (entries.some((e) => e instanceof Unknown) || !entries.some(Array.isArray)) return new Unknown(`the entries of prefix list ${list.id} are not known`);
    const cidrs = entries.flatMap((e) => (Array.isArray(e) ? e : [])).map((e) => (typeof e === 'object' && e !== null ? asString((e as Record<string, unknown>)['Cidr']) : undefined));
    if (cidrs.some((c) => c === undefined || !parseCidr(c))) return new Unknown(`the entries of prefix list ${list.id} are not known`);
    return { internet: cidrs.some((c) => isInternetRange(parseCidr(c!)!)), cloudfront: false };
  }
  if (ref instanceof Unknown) return ref;
  if (ref instanceof ResourceRef || ref instanceof Composite) return new Unknown(`prefix list ${describeRef(ref)} is not known`);
  return new Unknown(`prefix list ${describeRef(ref)} is not in the scan and is not CloudFront's origin-facing list`);
}

/** Every rule of a group (inline + standalone), or a not-evaluated report when unreadable. */
export function rulesOrReport(ctx: RuleContext, group: Resource): readonly SecurityGroupRule[] | undefined {
  const rules = ctx.index.securityGroupRules(group);
  if (rules instanceof Unknown) {
    ctx.notEvaluated(group, `security group rules could not be read: ${rules.reason}`);
    return undefined;
  }
  return rules;
}

/** The group's own rules when checking a group; a standalone rule only when its group is not in the scan. */
export function rulesToCheck(ctx: RuleContext, resource: Resource, index: InventoryIndex = ctx.index): readonly SecurityGroupRule[] | undefined {
  if (resource.type === 'AWS::EC2::SecurityGroup') return rulesOrReport(ctx, resource);
  return index.detachedSecurityGroupRules().filter((r) => r.owner === resource);
}

export function sourcePath(r: SecurityGroupRule, s: Source): (string | number)[] {
  return r.path.length === 1 && r.path[0] === 'Properties' && r.rule['Implicit'] ? [...r.path] : [...r.path, s.key];
}
