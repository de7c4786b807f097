import type { Rule } from '../../model/rule.js';
import { Unknown, asString, describe } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { behaviors, eachConfig } from './distribution.js';

const SECURE = new Set(['redirect-to-https', 'https-only']);

export const viewerHttps: Rule = {
  meta: {
    id: 'CF-001',
    name: 'viewer-https',
    title: 'Every CloudFront cache behavior redirects viewers to HTTPS or requires it',
    area: 'edge',
    severity: 'high',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale: 'allow-all serves the site and the API over plain HTTP, where tokens and cookies can be read and pages altered; 000 and 001 set redirect-to-https on every behavior.',
    remediation: 'Set ViewerProtocolPolicy to redirect-to-https (or https-only) on the default cache behavior and on every entry of CacheBehaviors.',
    seeds: ['000', '001'],
    equivalents: { checkov: ['CKV_AWS_34'], awsConfig: ['cloudfront-viewer-policy-https'], prowler: ['cloudfront_distributions_https_enabled'] },
  },
  check(resource, ctx) {
    eachConfig(ctx, resource, (config, when) => {
      for (const b of behaviors(ctx, resource, config)) {
        const v = b.node['ViewerProtocolPolicy'];
        const path = [...b.path, 'ViewerProtocolPolicy'];
        if (v instanceof Unknown) {
          ctx.notEvaluated(resource, `${b.label}: ViewerProtocolPolicy could not be read: ${v.reason}`, { path });
          continue;
        }
        const s = asString(v);
        if (s === undefined) {
          if (v === undefined) ctx.notEvaluated(resource, `${b.label} has no ViewerProtocolPolicy (CloudFormation requires one)`, { path: b.path });
          else ctx.notEvaluated(resource, `${b.label}: ViewerProtocolPolicy is ${describe(v)}, known only at deployment`, { path });
          continue;
        }
        if (!SECURE.has(s)) ctx.fail(resource, `${b.label} has ViewerProtocolPolicy ${s}: viewers can use plain HTTP${whenText(when)}`, { path });
      }
    });
  },
};
