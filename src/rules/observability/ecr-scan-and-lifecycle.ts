import { defineRule } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { boolOf } from '../lib/read.js';

export const ecrScanAndLifecycle = defineRule({
  meta: {
    id: 'OBS-003',
    name: 'ecr-scan-and-lifecycle',
    title: 'ECR repositories scan on push and have a lifecycle policy',
    area: 'observability',
    severity: 'low',
    resourceTypes: ['AWS::ECR::Repository'],
    rationale: 'Unscanned images ship known CVEs; without a lifecycle policy every pushed image is stored (and billed) forever.',
    remediation:
      'Set ImageScanningConfiguration ScanOnPush: true (or enable registry-level enhanced scanning) and a LifecyclePolicy LifecyclePolicyText that expires untagged images and keeps the last N tagged ones.',
    messages: {
      // Registry-level scanning (PutRegistryScanningConfiguration) can scan on push too; neither a template nor the repository shows it.
      'no-scan': 'repository {{repository}} does not scan images on push (ScanOnPush absent = false; registry-level scanning is not visible here)',
      'scan-off': 'repository {{repository}} has ScanOnPush false',
      'no-lifecycle': 'repository {{repository}} has no lifecycle policy, so every image is kept (and billed) forever',
    },
    seeds: ['003', '004'],
    equivalents: { checkov: ['CKV_AWS_163'], cfnNag: ['W79'], awsConfig: ['ecr-private-image-scanning-enabled', 'ecr-private-lifecycle-policy-configured'] },
  },
  check(repo, ctx) {
    const data = { repository: repo.id };
    const scan = boolOf(ctx, repo, ['ImageScanningConfiguration', 'ScanOnPush']);
    if (scan === undefined) ctx.report({ messageId: 'no-scan', data, path: ctx.propertyPath(repo, 'ImageScanningConfiguration') });
    else if (scan === false) ctx.report({ messageId: 'scan-off', data, path: ['Properties', 'ImageScanningConfiguration', 'ScanOnPush'] });

    const policy = ctx.get(repo, ['LifecyclePolicy']);
    if (policy instanceof Unknown) return;
    // A policy text written but known only at deployment is still a policy.
    const text = ctx.tolerate(() => (isRecord(policy) ? policy['LifecyclePolicyText'] : undefined));
    if (text instanceof Unknown || (text !== undefined && (asString(text) === undefined || asString(text)!.trim() !== ''))) return;
    ctx.report({ messageId: 'no-lifecycle', data, path: policy === undefined ? ['Properties'] : ['Properties', 'LifecyclePolicy'] });
  },
});
