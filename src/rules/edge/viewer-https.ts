import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { asKnownString } from '../lib/known.js';
import { behaviors, distributionConfig } from './distribution.js';

const SECURE = new Set(['redirect-to-https', 'https-only']);

export const viewerHttps = defineRule({
  meta: {
    id: 'CF-001',
    name: 'viewer-https',
    title: 'Every CloudFront cache behavior redirects viewers to HTTPS or requires it',
    area: 'edge',
    severity: 'high',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale: 'allow-all serves the site and the API over plain HTTP, where tokens and cookies can be read and pages altered; every behavior should redirect to HTTPS.',
    remediation: 'Set ViewerProtocolPolicy to redirect-to-https (or https-only) on the default cache behavior and on every entry of CacheBehaviors.',
    messages: {
      'plain-http': '{{behavior}} has ViewerProtocolPolicy {{policy}}: viewers can use plain HTTP',
    },
    seeds: ['000', '001'],
    equivalents: { checkov: ['CKV_AWS_34'], awsConfig: ['cloudfront-viewer-policy-https'], prowler: ['cloudfront_distributions_https_enabled'] },
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    for (const b of behaviors(ctx, distribution, config)) {
      const path = [...b.path, 'ViewerProtocolPolicy'];
      const policy = asKnownString(ctx, b.node['ViewerProtocolPolicy'], `${b.label()}: ViewerProtocolPolicy`, path);
      if (policy instanceof Unknown) continue;
      // CloudFormation requires the property: a behavior without one never deploys as written.
      if (policy === undefined) ctx.unknown(`${b.label()} has no ViewerProtocolPolicy, which CloudFormation requires`, b.path);
      else if (!SECURE.has(policy)) ctx.report({ messageId: 'plain-http', data: { behavior: b.label(), policy }, path });
    }
  },
});
