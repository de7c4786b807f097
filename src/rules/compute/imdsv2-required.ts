import type { Path } from '../../model/resource.js';
import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { stringOf } from '../lib/read.js';
import { launchTemplateOf } from './launch-template.js';

const OPTIONS: Readonly<Record<string, Path>> = {
  'AWS::EC2::Instance': ['MetadataOptions'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'MetadataOptions'],
  'AWS::AutoScaling::LaunchConfiguration': ['MetadataOptions'],
};

export const imdsv2Required = defineRule({
  meta: {
    id: 'EC2-001',
    name: 'imdsv2-required',
    title: 'EC2 instances require IMDSv2',
    area: 'compute',
    severity: 'medium',
    resourceTypes: Object.keys(OPTIONS),
    rationale: "IMDSv1 answers any GET, so an SSRF bug in an application on the instance can read the instance role's credentials; IMDSv2's session token blocks that.",
    remediation:
      'Set MetadataOptions HttpTokens: required (on the instance, launch template or launch configuration), or HttpEndpoint: disabled when nothing needs instance metadata.',
    messages: {
      absent:
        '{{resource}} does not require IMDSv2 (HttpTokens not set): IMDSv1 stays enabled unless the AMI is registered with ImdsSupport v2.0 or the account-level IMDS defaults require tokens, neither of which the resource shows',
      optional: '{{resource}} allows IMDSv1 (HttpTokens {{tokens}})',
      'launch-template': 'the metadata options of {{resource}} come from launch template {{template}}, which is not in the scan',
    },
    seeds: ['beyond the seeds'],
    equivalents: { checkov: ['CKV_AWS_79'], cdkNag: ['EC29'], awsConfig: ['ec2-imdsv2-check'], prowler: ['ec2_instance_imdsv2_enabled'] },
  },
  check(resource, ctx) {
    const at = OPTIONS[resource.type]!;
    const tokensPath = [...at, 'HttpTokens'];
    // Either setting alone decides: tokens required, or no metadata endpoint at all.
    const tokensIfKnown = ctx.tolerate(() => stringOf(ctx, resource, tokensPath));
    if (typeof tokensIfKnown === 'string' && tokensIfKnown.toLowerCase() === 'required') return;
    const endpoint = stringOf(ctx, resource, [...at, 'HttpEndpoint']);
    if (endpoint instanceof Unknown) return;
    if (endpoint?.toLowerCase() === 'disabled') return;
    const tokens = stringOf(ctx, resource, tokensPath);
    if (tokens instanceof Unknown) return;
    const data = { resource: resource.id };
    if (tokens !== undefined) {
      ctx.report({ messageId: 'optional', data: { ...data, tokens }, path: ['Properties', ...tokensPath] });
      return;
    }
    // An instance that does not set HttpTokens takes its launch template's, which is judged on its own.
    const lt = launchTemplateOf(ctx, resource);
    if (lt instanceof Unknown || (lt && 'template' in lt)) return;
    if (lt) {
      ctx.notEvaluated({ messageId: 'launch-template', data: { ...data, template: lt.unseen }, path: ['Properties', 'LaunchTemplate'] });
      return;
    }
    ctx.report({ messageId: 'absent', data, path: ctx.get(resource, at) === undefined ? ['Properties', ...at.slice(0, -1)] : ['Properties', ...at] });
  },
});
