import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { CONFIG_PATH, eachConfig, isSet } from './distribution.js';

export const wafAttached: Rule = {
  meta: {
    id: 'CF-005',
    name: 'waf-attached',
    title: 'A WAF web ACL is attached to prod CloudFront distributions',
    area: 'edge',
    severity: 'medium',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale: 'A web ACL at the edge blocks common exploits, bots and floods before they reach the origin; 003 puts WAF in front of the prod app. Only the prod tier is required to have one.',
    remediation: 'Create an AWS::WAFv2::WebACL with Scope CLOUDFRONT (in us-east-1) and set DistributionConfig.WebACLId to its ARN.',
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_68'], cdkNag: ['CloudFrontDistributionWAFIntegration'], awsConfig: ['cloudfront-associated-with-waf'], prowler: ['cloudfront_distributions_using_waf'] },
    tiered: true,
  },
  check(resource, ctx) {
    const tier = ctx.tier(resource);
    if (tier.tier !== 'prod') return;
    const tierNote = tier.assumed ? ' (assumed prod: no tier tag or parameter)' : ` (tier prod from ${tier.source})`;
    eachConfig(ctx, resource, (config, when) => {
      const acl = config['WebACLId'];
      if (acl instanceof Unknown) ctx.notEvaluated(resource, `the web ACL could not be read: ${acl.reason}`, { path: [...CONFIG_PATH, 'WebACLId'] });
      else if (!isSet(acl)) ctx.fail(resource, `No WAF web ACL is attached (WebACLId)${tierNote}${whenText(when)}`, { path: [...CONFIG_PATH] });
    });
  },
};
