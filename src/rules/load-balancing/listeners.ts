// Reading ELBv2 listeners: what their actions do with plain HTTP, the load balancer they belong
// to, and whether only CloudFront can reach that load balancer. Shared by LB-001 and LB-002.

import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown, asNumber, asString, isRecord } from '../../model/values.js';
import { covers, isInternet, portsOf, prefixListFacesInternet, sourceOf } from '../network/sg-rule.js';

/** `plain` says what the actions do, about "its default action" (a listener) or "its action" (a listener rule). */
export type HttpVerdict = { readonly kind: 'ok' } | { readonly kind: 'plain'; readonly what: (subject: string) => string };

const typeOf = (a: unknown): string | Unknown | undefined => {
  if (!isRecord(a)) return a instanceof Unknown ? a : undefined;
  const t = a['Type'];
  return t instanceof Unknown ? t : asString(t)?.toLowerCase();
};

function redirectProtocol(a: unknown): unknown {
  if (!isRecord(a)) return undefined;
  const config = a['RedirectConfig'];
  return isRecord(config) ? config['Protocol'] : config;
}

const redirectsToHttps = (a: unknown): boolean => typeOf(a) === 'redirect' && asString(redirectProtocol(a))?.toUpperCase() === 'HTTPS';

/**
 * What a list of actions does with plain HTTP. A redirect to HTTPS in any position (ELB runs
 * the one terminal action whatever its place) fixes it, whatever the other actions are, so it
 * is looked for first without counting unknown neighbours. A list whose terminal action is
 * `fixed-response` serves no application content and passes too; anything that forwards (or
 * has no actions) serves content over HTTP. Unknown values met on the way are recorded.
 */
export function httpVerdict(ctx: RuleContext, read: () => unknown): HttpVerdict | Unknown {
  if (
    ctx.tolerate(() => {
      const actions = read();
      return Array.isArray(actions) && actions.some(redirectsToHttps);
    })
  ) {
    return { kind: 'ok' };
  }
  const actions = read();
  if (actions instanceof Unknown) return actions;
  if (!Array.isArray(actions) || actions.length === 0) return { kind: 'plain', what: () => 'it has no actions' };
  const types: string[] = [];
  for (const a of actions) {
    const t = typeOf(a);
    if (t instanceof Unknown) return t;
    if (t === 'redirect') {
      const protocol = redirectProtocol(a);
      if (protocol instanceof Unknown) return protocol;
    }
    types.push(t ?? 'an action without Type');
  }
  if (types.includes('fixed-response') && !types.includes('forward')) return { kind: 'ok' };
  const redirect = actions.find((a) => typeOf(a) === 'redirect');
  if (redirect !== undefined) {
    const protocol = redirectProtocol(redirect);
    if (protocol !== undefined && asString(protocol) === undefined) return ctx.unknown(`the redirect protocol is not a value known before deployment`);
    const kept = asString(protocol) ?? '#{protocol}';
    return { kind: 'plain', what: () => `its redirect keeps protocol ${kept}` };
  }
  return { kind: 'plain', what: (subject) => `its ${subject} is ${types.join(', ')}` };
}

/** The load balancer a listener belongs to, when the input has it. */
export function loadBalancerOf(ctx: RuleContext, listener: Resource): Resource | undefined {
  const lb = ctx.index.lookup(listener, ctx.get(listener, ['LoadBalancerArn']));
  return lb && ctx.exists(lb) ? lb : undefined;
}

/** A listener's port for a message (read without counting it: it never decides). */
export function portText(ctx: RuleContext, listener: Resource): string {
  return ctx.tolerate(() => asString(ctx.get(listener, ['Port'])) ?? '?');
}

/**
 * Whether only CloudFront reaches the load balancer on `port`: every ingress rule covering the
 * port admits the CloudFront origin-facing managed prefix list, another security group or a
 * private range, and at least one admits CloudFront. A group the input does not show (a literal
 * id, a parameter) leaves nothing to show that, so the answer is no; a read that failed (the
 * groups or a prefix list of an account) is an Unknown, recorded, only when it could change the
 * answer.
 */
export function onlyCloudFrontReaches(ctx: RuleContext, lb: Resource, listener: Resource): boolean | Unknown {
  const answer = ctx.tolerate((): boolean | Unknown => {
    const uses = ctx.index.securityGroupsOf(lb);
    if (uses.length === 0) return false;
    const rawPort = ctx.get(listener, ['Port']);
    const port = rawPort === undefined ? undefined : (asNumber(rawPort) ?? new Unknown(`the port of listener ${listener.id} is known only at deployment`));
    let cloudfront = false;
    // What an unknown could hide: an admission from the internet, or one from CloudFront.
    let mayHideInternet: Unknown | undefined;
    let mayHideCloudFront: Unknown | undefined;
    const both = (u: Unknown) => {
      mayHideInternet ??= u;
      mayHideCloudFront ??= u;
    };
    for (const use of uses) {
      if (!use.group) {
        const failed = use.ref instanceof Unknown ? undefined : ctx.index.incomplete('AWS::EC2::SecurityGroup', lb);
        if (!failed) return false;
        both(failed);
        continue;
      }
      const rules = ctx.index.securityGroupRules(use.group);
      if (rules instanceof Unknown) {
        both(rules);
        continue;
      }
      for (const r of rules) {
        if (r.direction !== 'ingress') continue;
        const ports = portsOf(ctx, r);
        let applies: boolean | Unknown;
        if (ports instanceof Unknown) applies = ports;
        else if (port instanceof Unknown) applies = 'none' in ports ? false : port;
        else applies = port === undefined ? !('none' in ports) : covers(ports, port);
        if (applies === false) continue;
        const source = sourceOf(ctx, r);
        let internet: boolean | Unknown = false;
        let fromCloudFront: boolean | Unknown = false;
        if (source.kind === 'cidr') internet = isInternet(source);
        else if (source.kind === 'unknown-cidr') internet = new Unknown(source.reason);
        else if (source.kind === 'none') internet = new Unknown('an ingress rule names no source');
        else if (source.kind === 'prefix-list') {
          const pl = prefixListFacesInternet(ctx, r.owner, source.ref);
          if (pl instanceof Unknown) {
            internet = pl;
            fromCloudFront = pl;
          } else {
            internet = pl.internet;
            fromCloudFront = pl.cloudfront;
          }
        }
        if (applies === true && internet === true) return false;
        if (internet === true) mayHideInternet ??= applies as Unknown;
        else if (internet instanceof Unknown) mayHideInternet ??= internet;
        if (fromCloudFront === true && applies === true) cloudfront = true;
        else if (fromCloudFront === true) mayHideCloudFront ??= applies as Unknown;
        else if (fromCloudFront instanceof Unknown) mayHideCloudFront ??= fromCloudFront;
      }
    }
    if (cloudfront) return mayHideInternet ?? true;
    return mayHideCloudFront ?? false;
  });
  // Only the unknown that decided is recorded: the others could not change the answer.
  return answer instanceof Unknown ? ctx.unknown(answer.reason) : answer;
}
