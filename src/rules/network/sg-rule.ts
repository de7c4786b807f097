// Reading one security-group rule: which ports it opens and to whom. Shared by the NET rules so
// "covers port 22" and "from the internet" mean the same thing everywhere. Read lazily, ports
// before sources: a value the engine sees a rule read counts, so read only what decides.

import type { SecurityGroupRule } from '../../model/inventory.js';
import { formatCidr, isInternetRange, isSingleHost, parseCidr, type Cidr } from '../../model/ip.js';
import type { Path, Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asNumber, asString, isRecord } from '../../model/values.js';
import { CLOUDFRONT_ORIGIN_FACING, describeRef } from '../../engine/inventory-index.js';

export type Source =
  | { readonly kind: 'cidr'; readonly cidr: Cidr; readonly key: 'CidrIp' | 'CidrIpv6'; readonly text: string }
  | { readonly kind: 'group'; readonly key: string }
  | { readonly kind: 'prefix-list'; readonly key: string; readonly ref: unknown }
  /** A CIDR is written but its value is known only at deployment (NET-004 needs no value). */
  | { readonly kind: 'unknown-cidr'; readonly key: 'CidrIp' | 'CidrIpv6'; readonly reason: string }
  | { readonly kind: 'none' };

const SOURCE_KEYS = {
  ingress: { group: ['SourceSecurityGroupId', 'SourceSecurityGroupName'], prefix: 'SourcePrefixListId' },
  egress: { group: ['DestinationSecurityGroupId'], prefix: 'DestinationPrefixListId' },
} as const;

/** Where a rule's traffic comes from (ingress) or goes to (egress). An unknown CIDR is recorded by the read. */
export function sourceOf(ctx: RuleContext, r: SecurityGroupRule): Source {
  const rule = r.rule;
  for (const key of ['CidrIp', 'CidrIpv6'] as const) {
    const v = rule[key];
    if (v === undefined) continue;
    if (v instanceof Unknown) return { kind: 'unknown-cidr', key, reason: v.reason };
    const text = asString(v);
    const cidr = text !== undefined ? parseCidr(text) : undefined;
    if (!cidr) {
      const u = ctx.unknown(`${key} ${describeRef(v)} is not a CIDR known before deployment`, [...r.path, key]);
      return { kind: 'unknown-cidr', key, reason: u.reason };
    }
    return { kind: 'cidr', cidr, key, text: text! };
  }
  const keys = SOURCE_KEYS[r.direction];
  for (const key of keys.group) if (rule[key] !== undefined) return { kind: 'group', key };
  if (rule[keys.prefix] !== undefined) return { kind: 'prefix-list', key: keys.prefix, ref: rule[keys.prefix] };
  // EC2 requires a source; a rule without one never deploys as written.
  ctx.unknown('the rule names no source (CidrIp, CidrIpv6, a security group or a prefix list), which EC2 requires', r.path);
  return { kind: 'none' };
}

export type Ports = { readonly all: true } | { readonly all: false; readonly from: number; readonly to: number } | { readonly none: true };

const PROTOCOLS: ReadonlyMap<string, 'all' | 'tcp' | 'udp'> = new Map([
  ['-1', 'all'],
  ['all', 'all'],
  ['tcp', 'tcp'],
  ['6', 'tcp'],
  ['udp', 'udp'],
  ['17', 'udp'],
]);

/** The protocol class of a rule: all, tcp, udp, other — or Unknown (recorded). */
export function protocolOf(ctx: RuleContext, r: SecurityGroupRule): 'all' | 'tcp' | 'udp' | 'other' | Unknown {
  const proto = r.rule['IpProtocol'];
  if (proto instanceof Unknown) return proto;
  const p = asString(proto)?.toLowerCase();
  if (p === undefined) return ctx.unknown('IpProtocol is known only at deployment', [...r.path, 'IpProtocol']);
  return PROTOCOLS.get(p) ?? 'other';
}

/** The ports a rule opens for `protocol` (tcp by default): all (protocol -1), a range, none, or Unknown (recorded). */
export function portsOf(ctx: RuleContext, r: SecurityGroupRule, protocol: 'tcp' | 'udp' = 'tcp'): Ports | Unknown {
  const kind = protocolOf(ctx, r);
  if (kind instanceof Unknown) return kind;
  if (kind === 'all') return { all: true };
  if (kind !== protocol) return { none: true };
  const from = r.rule['FromPort'];
  const to = r.rule['ToPort'];
  if (from instanceof Unknown) return from;
  if (to instanceof Unknown) return to;
  const f = asNumber(from);
  const t = asNumber(to);
  if (f === undefined && t === undefined && from === undefined && to === undefined) return { all: true };
  if (f === undefined || t === undefined) return ctx.unknown('the port range is known only at deployment', [...r.path, 'FromPort']);
  // EC2 reads -1 as "all ports" for tcp/udp.
  if (f === -1 || t === -1) return { all: true };
  // EC2 rejects an inverted range, so the rule never exists as written: neither open nor closed.
  if (f > t) return ctx.unknown(`FromPort ${f} is greater than ToPort ${t}, which EC2 rejects`, [...r.path, 'FromPort']);
  return { all: false, from: f, to: t };
}

export function covers(ports: Ports, port: number): boolean {
  if ('none' in ports) return false;
  if (ports.all) return true;
  return ports.from <= port && port <= ports.to;
}

export function opensAllPorts(ports: Ports): boolean {
  return !('none' in ports) && (ports.all || (ports.from <= 0 && ports.to >= 65535));
}

export function describePorts(ports: Ports): string {
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
    case 'unknown-cidr':
      return `a CIDR known only at deployment (${s.reason})`;
    case 'none':
      return 'no source';
  }
}

export function isInternet(s: Source): boolean {
  return s.kind === 'cidr' && isInternetRange(s.cidr);
}

export function isSingleHostSource(s: Source): boolean {
  return s.kind === 'cidr' && isSingleHost(s.cidr);
}

/**
 * Whether a prefix-list source faces the internet: CloudFront's origin-facing list does not
 * (its whole point), a list in the input is judged by its entries, an unknown list is Unknown (recorded).
 */
export function prefixListFacesInternet(ctx: RuleContext, from: Resource, ref: unknown): { internet: boolean; cloudfront: boolean } | Unknown {
  const name = ctx.index.prefixListName(from, ref);
  if (name === CLOUDFRONT_ORIGIN_FACING) return { internet: false, cloudfront: true };
  const list = ctx.index.lookup(from, ref);
  if (list) {
    const entries = ctx.get(list, ['Entries']);
    if (entries instanceof Unknown) return entries;
    if (!Array.isArray(entries)) return ctx.unknown(`the entries of prefix list ${list.id} are not known`);
    const cidrs = entries.map((e) => (isRecord(e) ? asString(e['Cidr']) : undefined));
    if (cidrs.some((c) => c === undefined || !parseCidr(c))) return ctx.unknown(`the entries of prefix list ${list.id} are not known`);
    return { internet: cidrs.some((c) => isInternetRange(parseCidr(c!)!)), cloudfront: false };
  }
  if (ref instanceof Unknown) return ref;
  if (ref instanceof ResourceRef || ref instanceof Composite) return ctx.unknown(`prefix list ${describeRef(ref)} is not known`);
  return ctx.unknown(`prefix list ${describeRef(ref)} is not in the scan and is not CloudFront's origin-facing list`);
}

/**
 * The rules to judge for a resource: a group's own rules (inline and standalone), or a
 * standalone rule whose group is not in the input. A group whose rules cannot be read gives
 * none (the unread value is recorded, so the check is not-evaluated).
 */
export function rulesToCheck(ctx: RuleContext, resource: Resource): readonly SecurityGroupRule[] {
  if (resource.type === 'AWS::EC2::SecurityGroup') {
    const rules = ctx.index.securityGroupRules(resource);
    return rules instanceof Unknown ? [] : rules;
  }
  const detached = ctx.index.detachedRule(resource);
  return detached ? [detached] : [];
}

/** The path of a rule's source key (for a precise line), or of the rule itself. */
export function sourcePath(r: SecurityGroupRule, s: Source): Path {
  if (r.implicit || s.kind === 'none') return r.path;
  if (s.kind === 'group') return [...r.path, s.key];
  return [...r.path, s.key];
}
