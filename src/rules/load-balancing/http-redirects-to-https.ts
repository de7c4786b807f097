import { defineRule } from '../../model/rule.js';
import { Unknown, asString } from '../../model/values.js';
import { httpVerdict, loadBalancerOf, onlyCloudFrontReaches, portText } from './listeners.js';

const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';

export const httpRedirectsToHttps = defineRule({
  meta: {
    id: 'LB-001',
    name: 'http-redirects-to-https',
    title: 'An ALB HTTP listener redirects to HTTPS (unless only CloudFront reaches it)',
    area: 'load-balancing',
    severity: 'medium',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    rationale: 'A plain-HTTP listener that forwards to the application sends credentials and session cookies in clear text; port 80 should be open only to redirect to 443.',
    remediation:
      "Make the HTTP listener's default action a redirect with RedirectConfig Protocol HTTPS, Port 443, StatusCode HTTP_301; or, if CloudFront is the only client, admit only the CloudFront origin-facing prefix list in the load balancer's security groups.",
    messages: {
      listener: 'HTTP listener on port {{port}} does not redirect to HTTPS: {{what}}',
      'load-balancer': 'load balancer {{loadBalancer}} serves plain HTTP: listener {{listener}} on port {{port}} does not redirect to HTTPS',
      'listener-rule': 'listener rule on HTTP listener {{listener}} (port {{port}}) serves content over plain HTTP: {{what}}',
    },
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], cfnNag: ['W56'], awsConfig: ['alb-http-to-https-redirection-check'] },
  },
  check(listener, ctx) {
    const protocol = ctx.get(listener, ['Protocol']);
    if (protocol instanceof Unknown) return;
    if (asString(protocol)?.toUpperCase() !== 'HTTP') return;
    const verdict = httpVerdict(ctx, () => ctx.get(listener, ['DefaultActions']));
    if (verdict instanceof Unknown) return;
    if (verdict.kind === 'plain') {
      const lb = loadBalancerOf(ctx, listener);
      // CloudFront terminates the viewer's TLS; an HTTP hop from CloudFront to an origin only CloudFront reaches is CF-006's concern.
      if (lb) {
        const cloudfrontOnly = onlyCloudFrontReaches(ctx, lb, listener);
        if (cloudfrontOnly !== false) return;
      }
      const port = portText(ctx, listener);
      ctx.report({ messageId: 'listener', data: { port, what: verdict.what('default action') }, path: ['Properties', 'DefaultActions'] });
      // checkov CKV2_AWS_20 and AWS Config alb-http-to-https-redirection-check judge the load
      // balancer, not the listener, and their users suppress and track findings on it; so the
      // load balancer gets a finding too. The listener's carries the line to fix.
      if (lb) ctx.report({ messageId: 'load-balancer', data: { loadBalancer: lb.id, listener: listener.id, port }, resource: lb });
      return;
    }
    // A redirecting default action still serves content over HTTP through listener rules that forward.
    for (const rule of ctx.index.referrers(listener, LISTENER_RULE)) {
      if (!ctx.exists(rule) || ctx.index.lookup(rule, ctx.get(rule, ['ListenerArn'])) !== listener) continue;
      const v = httpVerdict(ctx, () => ctx.get(rule, ['Actions']));
      if (v instanceof Unknown || v.kind === 'ok') continue;
      ctx.report({
        messageId: 'listener-rule',
        data: { listener: listener.id, port: portText(ctx, listener), what: v.what('action') },
        path: ['Properties', 'Actions'],
        resource: rule,
      });
    }
    // Rules that were not read (a failed DescribeRules) may forward: the listener is then undecided (recorded).
    ctx.index.incomplete(LISTENER_RULE, listener);
  },
});
