import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { CONFIG_PATH, distributionConfig, isSet } from './distribution.js';

export const wafAttached = defineRule({
  meta: {
    id: 'CF-005',
    name: 'waf-attached',
    title: 'A WAF web ACL is attached to prod CloudFront distributions',
    area: 'edge',
    severity: 'medium',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale: 'A web ACL at the edge blocks common exploits, bots and floods before they reach the origin. Only the prod tier is required to have one.',
    remediation: 'Create an AWS::WAFv2::WebACL with Scope CLOUDFRONT (in us-east-1) and set DistributionConfig.WebACLId to its ARN.',
    messages: {
      'no-waf': 'no WAF web ACL is attached (WebACLId) to this prod distribution (tier prod from {{source}})',
      'no-waf-assumed': 'no WAF web ACL is attached (WebACLId); the distribution is assumed prod (no tier tag or parameter)',
    },
    seeds: ['003'],
    equivalents: {
      checkov: ['CKV_AWS_68'],
      cdkNag: ['CloudFrontDistributionWAFIntegration'],
      awsConfig: ['cloudfront-associated-with-waf'],
      prowler: ['cloudfront_distributions_using_waf'],
    },
    tiered: true,
  },
  check(distribution, ctx) {
    const tier = ctx.tier(distribution);
    if (tier.tier !== 'prod') return;
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    const acl = config['WebACLId'];
    if (acl instanceof Unknown || isSet(acl)) return;
    if (tier.assumed) ctx.report({ messageId: 'no-waf-assumed', path: [...CONFIG_PATH] });
    else ctx.report({ messageId: 'no-waf', data: { source: tier.source }, path: [...CONFIG_PATH] });
  },
});
