import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { loadBalancerOf, onlyCloudFrontReaches, scenarios } from './listeners.js';

type Verdict = { readonly kind: 'ok' } | { readonly kind: 'unknown'; readonly reason: string } | { readonly kind: 'plain'; readonly what: string };

const typeOf = (a: unknown): string | undefined => (isRecord(a) ? asString(a['Type'])?.toLowerCase() : undefined);

/**
 * What a list of actions does with plain HTTP. A redirect whose protocol is HTTPS, in any
 * position (ELB runs the one terminal action whatever its place), fixes it. A listener whose
 * terminal action is `fixed-response` serves no application content, only the fixed body, so
 * it passes too; anything that forwards (or has no actions) serves content over HTTP.
 */
export function httpVerdict(actions: unknown): Verdict {
  if (actions instanceof Unknown) return { kind: 'unknown', reason: `the actions are not known: ${actions.reason}` };
  if (!Array.isArray(actions) || actions.length === 0) return { kind: 'plain', what: 'it has no actions' };
  for (const a of actions) {
    if (a instanceof Unknown) return { kind: 'unknown', reason: `an action is not known: ${a.reason}` };
    if (typeOf(a) !== 'redirect' || !isRecord(a)) continue;
    const config = a['RedirectConfig'];
    const protocol = isRecord(config) ? config['Protocol'] : config;
    if (protocol instanceof Unknown) return { kind: 'unknown', reason: `the redirect protocol is not known: ${protocol.reason}` };
    if (asString(protocol)?.toUpperCase() === 'HTTPS') return { kind: 'ok' };
  }
  const types = actions.map((a) => typeOf(a) ?? 'an action without Type');
  if (types.includes('fixed-response') && !types.includes('forward')) return { kind: 'ok' };
  const redirect = actions.find((a) => typeOf(a) === 'redirect');
  if (redirect && isRecord(redirect)) {
    const config = redirect['RedirectConfig'];
    const protocol = isRecord(config) ? asString(config['Protocol']) : undefined;
    return { kind: 'plain', what: `its redirect keeps protocol ${protocol ?? '#{protocol}'}` };
  }
  return { kind: 'plain', what: `its default action is ${types.join(', ')}` };
}

function isListenerOf(ctx: RuleContext, rule: Resource, listener: Resource): boolean {
  return ctx.values(rule, ['ListenerArn']).some((p) => ctx.index.lookup(rule, p.value) === listener);
}

export const httpRedirectsToHttps: Rule = {
  meta: {
    id: 'LB-001',
    name: 'http-redirects-to-https',
    title: 'An ALB HTTP listener redirects to HTTPS (unless only CloudFront reaches it)',
    area: 'load-balancing',
    severity: 'medium',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    rationale: 'A plain-HTTP listener that forwards to the application sends credentials and session cookies in clear text; 003 opens port 80 only to redirect to 443.',
    remediation: 'Make the HTTP listener\'s default action a redirect with RedirectConfig Protocol HTTPS, Port 443, StatusCode HTTP_301; or, if CloudFront is the only client, admit only the CloudFront origin-facing prefix list in the load balancer\'s security groups.',
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], cfnNag: ['W56'], awsConfig: ['alb-http-to-https-redirection-check'] },
  },
  check(listener, ctx) {
    for (const { props, when } of scenarios(ctx, listener)) {
      const protocol = props['Protocol'];
      if (protocol instanceof Unknown) {
        ctx.notEvaluated(listener, `the listener protocol is not known: ${protocol.reason}`, { path: ['Properties', 'Protocol'] });
        continue;
      }
      if (asString(protocol)?.toUpperCase() !== 'HTTP') continue;
      const port = props['Port'];
      const lb = loadBalancerOf(ctx, listener);
      // CloudFront terminates the viewer's TLS; an HTTP hop from CloudFront to an origin that only CloudFront reaches is CF-006's concern.
      if (lb && onlyCloudFrontReaches(ctx, lb, port)) continue;
      const portText = asString(port) ?? '?';
      const verdict = httpVerdict(props['DefaultActions']);
      if (verdict.kind === 'unknown') {
        ctx.notEvaluated(listener, `HTTP listener on port ${portText}: ${verdict.reason}`, { path: ['Properties', 'DefaultActions'] });
        continue;
      }
      if (verdict.kind === 'plain') {
        const message = `HTTP listener on port ${portText} does not redirect to HTTPS: ${verdict.what}${whenText(when)}`;
        ctx.fail(listener, message, { path: ['Properties', 'DefaultActions'] });
        // checkov CKV2_AWS_20 and AWS Config alb-http-to-https-redirection-check judge the load
        // balancer, not the listener, and their users suppress and track findings on it; so the
        // load balancer gets a finding too. The listener's carries the line to fix.
        if (lb) ctx.fail(lb, `load balancer ${lb.id} serves plain HTTP: listener ${listener.id} on port ${portText} does not redirect to HTTPS${whenText(when)}`);
        continue;
      }
      // A redirecting default action still serves content over HTTP through listener rules that forward.
      for (const rule of ctx.index.ofType('AWS::ElasticLoadBalancingV2::ListenerRule')) {
        if (!isListenerOf(ctx, rule, listener)) continue;
        for (const r of ctx.values(rule, ['Actions'])) {
          const v = httpVerdict(r.value);
          if (v.kind === 'plain') ctx.fail(rule, `listener rule on HTTP listener ${listener.id} (port ${portText}) serves content over plain HTTP: ${v.what.replace('default action', 'action')}${whenText({ ...when, ...r.when })}`, { path: ['Properties', 'Actions'] });
        }
      }
    }
  },
};
