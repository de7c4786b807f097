import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, asString, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { domainText, eachConfig, origins } from './distribution.js';

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

/** Whether the origin is a load balancer, an EC2 host or another AWS endpoint (traffic stays on AWS's network). */
function insideAws(ctx: RuleContext, from: Resource, domain: unknown): boolean {
  const refs = domain instanceof ResourceRef ? [domain] : domain instanceof Composite ? domain.parts.filter((p): p is ResourceRef => p instanceof ResourceRef) : [];
  if (refs.some((r) => AWS_TYPES.has(ctx.index.lookup(from, r)?.type ?? ''))) return true;
  const t = domainText(domain) ?? '';
  return /\.elb\.amazonaws\.com$|\.compute(-\d+)?\.amazonaws\.com$|\.amazonaws\.com$/i.test(t);
}

export const originHttps: Rule = {
  meta: {
    id: 'CF-006',
    name: 'origin-https',
    title: 'CloudFront custom origins are reached over HTTPS with TLSv1.2',
    area: 'edge',
    severity: 'low',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'http-only or match-viewer sends viewer requests (tokens, cookies) unencrypted from the edge to the origin; SSLv3/TLSv1/TLSv1.1 origin protocols are broken. 000 and 001 accept http-only to an origin inside AWS, so the default severity is low.',
    remediation: 'Set CustomOriginConfig.OriginProtocolPolicy https-only and OriginSSLProtocols [TLSv1.2], with a certificate on the origin (ALB + ACM).',
    seeds: ['000', '001'],
    equivalents: { checkov: ['CKV2_AWS_72'], cdkNag: ['CloudFrontDistributionNoOutdatedSSL'], prowler: ['cloudfront_distributions_origin_traffic_encrypted'] },
  },
  check(resource, ctx) {
    eachConfig(ctx, resource, (config, when) => {
      const w = whenText(when);
      for (const o of origins(ctx, resource, config)) {
        const custom = o.node['CustomOriginConfig'];
        if (custom === undefined) continue;
        const path = [...o.path, 'CustomOriginConfig'];
        if (!isRecord(custom)) {
          ctx.notEvaluated(resource, `${o.label}: CustomOriginConfig could not be read${custom instanceof Unknown ? `: ${custom.reason}` : ''}`, { path });
          continue;
        }
        const aws = insideAws(ctx, resource, o.node['DomainName']) ? ' (the origin is inside AWS: an accepted risk in 000/001)' : '';
        const policy = custom['OriginProtocolPolicy'];
        const policyText = asString(policy);
        if (policy instanceof Unknown || (policy !== undefined && policyText === undefined)) {
          ctx.notEvaluated(resource, `${o.label}: OriginProtocolPolicy is ${describe(policy)}, known only at deployment`, { path: [...path, 'OriginProtocolPolicy'] });
          continue;
        }
        if (policyText !== 'https-only') {
          const how = policyText === 'match-viewer' ? 'match-viewer: HTTP viewers are forwarded over HTTP' : `${policyText ?? 'absent'}: CloudFront connects over plain HTTP`;
          ctx.fail(resource, `${o.label} OriginProtocolPolicy is ${how}${aws}${w}`, { path: [...path, ...(policy === undefined ? [] : ['OriginProtocolPolicy'])] });
          continue;
        }
        const protocols = custom['OriginSSLProtocols'];
        if (protocols instanceof Unknown) {
          ctx.notEvaluated(resource, `${o.label}: OriginSSLProtocols could not be read: ${protocols.reason}`, { path });
          continue;
        }
        if (protocols === undefined) {
          ctx.fail(resource, `${o.label} does not name OriginSSLProtocols, so the origin protocols are not limited to TLSv1.2${aws}${w}`, { path });
          continue;
        }
        const list = (Array.isArray(protocols) ? protocols : [protocols]).map((p) => asString(p));
        const weak = list.filter((p): p is string => p !== undefined && WEAK.has(p));
        if (weak.length) ctx.fail(resource, `${o.label} allows origin protocols older than TLSv1.2: ${weak.join(', ')}${aws}${w}`, { path: [...path, 'OriginSSLProtocols'] });
      }
    });
  },
};
