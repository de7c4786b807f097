import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asString, isRecord } from '../../model/values.js';
import { printValue } from '../../engine/printer.js';
import { asKnownString } from '../lib/known.js';
import { distributionConfig, origins } from './distribution.js';

const WEAK = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const AWS_TYPES = new Set([
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::EC2::Instance',
  'AWS::EC2::EIP',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGatewayV2::Api',
  'AWS::Lambda::Url',
  'AWS::AppRunner::Service',
]);

/** " (the origin is inside AWS)" when the origin is a load balancer, an EC2 host or another AWS endpoint; for the message only. */
function insideAws(ctx: RuleContext, from: Resource, domain: unknown): string {
  const refs = domain instanceof ResourceRef ? [domain] : domain instanceof Composite ? domain.parts.filter((p): p is ResourceRef => p instanceof ResourceRef) : [];
  if (refs.some((r) => AWS_TYPES.has(ctx.index.lookup(from, r)?.type ?? ''))) return ' (the origin is inside AWS)';
  const t = domain instanceof Composite ? domain.text() : (asString(domain) ?? '');
  return /\.amazonaws\.com$/i.test(t) ? ' (the origin is inside AWS)' : '';
}

export const originHttps = defineRule({
  meta: {
    id: 'CF-006',
    name: 'origin-https',
    title: 'CloudFront custom origins are reached over HTTPS with TLSv1.2',
    area: 'edge',
    severity: 'low',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'http-only or match-viewer sends viewer requests (tokens, cookies) unencrypted from the edge to the origin; SSLv3/TLSv1/TLSv1.1 origin protocols are broken. HTTP to an origin inside AWS is a common accepted risk, so the default severity is low.',
    remediation: 'Set CustomOriginConfig.OriginProtocolPolicy https-only and OriginSSLProtocols [TLSv1.2], with a certificate on the origin (ALB + ACM).',
    messages: {
      'plain-http': '{{origin}} OriginProtocolPolicy is {{policy}}: CloudFront connects over plain HTTP{{aws}}',
      'match-viewer': '{{origin}} OriginProtocolPolicy is match-viewer: HTTP viewers are forwarded over HTTP{{aws}}',
      'no-protocols': '{{origin}} does not name OriginSSLProtocols, so the origin protocols are not limited to TLSv1.2{{aws}}',
      'weak-protocols': '{{origin}} allows origin protocols older than TLSv1.2: {{protocols}}{{aws}}',
    },
    seeds: ['000', '001'],
    equivalents: { checkov: ['CKV2_AWS_72'], cdkNag: ['CloudFrontDistributionNoOutdatedSSL'], prowler: ['cloudfront_distributions_origin_traffic_encrypted'] },
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    for (const o of origins(ctx, distribution, config)) {
      const custom = o.node['CustomOriginConfig'];
      if (custom === undefined || custom instanceof Unknown) continue;
      const path = [...o.path, 'CustomOriginConfig'];
      if (!isRecord(custom)) {
        ctx.unknown(`${o.label()}: CustomOriginConfig is ${printValue(custom)}, which is not an object known before deployment`, path);
        continue;
      }
      const where = () => ({ origin: o.label(), aws: ctx.tolerate(() => insideAws(ctx, distribution, o.node['DomainName'])) });
      const policy = asKnownString(ctx, custom['OriginProtocolPolicy'], `${o.label()}: OriginProtocolPolicy`, [...path, 'OriginProtocolPolicy']);
      if (policy instanceof Unknown) continue;
      if (policy === 'match-viewer') {
        ctx.report({ messageId: 'match-viewer', data: where(), path: [...path, 'OriginProtocolPolicy'] });
        continue;
      }
      if (policy !== 'https-only') {
        // CloudFormation requires OriginProtocolPolicy; absent, nothing says HTTPS.
        ctx.report({ messageId: 'plain-http', data: { ...where(), policy: policy ?? 'not set' }, path: policy === undefined ? path : [...path, 'OriginProtocolPolicy'] });
        continue;
      }
      const protocols = custom['OriginSSLProtocols'];
      if (protocols instanceof Unknown) continue;
      if (protocols === undefined) {
        ctx.report({ messageId: 'no-protocols', data: where(), path });
        continue;
      }
      const list = Array.isArray(protocols) ? protocols : [protocols];
      const weak = list.filter((p): p is string => typeof p === 'string' && WEAK.has(p));
      if (weak.length > 0) ctx.report({ messageId: 'weak-protocols', data: { ...where(), protocols: weak.join(', ') }, path: [...path, 'OriginSSLProtocols'] });
      else if (list.some((p) => asString(p) === undefined)) ctx.unknown(`${o.label()}: an OriginSSLProtocols entry is known only at deployment`, [...path, 'OriginSSLProtocols']);
    }
  },
});
