import type { Rule } from '../../model/rule.js';
import { Unknown, asBoolean, asString, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

// `!Ref AWS::NoValue` as a whole property resolves to the resolver's NO_VALUE symbol; it means absent.
const present = (v: unknown): unknown => (typeof v === 'symbol' ? undefined : v);

export const ecrScanAndLifecycle: Rule = {
  meta: {
    id: 'OBS-003',
    name: 'ecr-scan-and-lifecycle',
    title: 'ECR repositories scan on push and have a lifecycle policy',
    area: 'observability',
    severity: 'low',
    resourceTypes: ['AWS::ECR::Repository'],
    rationale: '003 asks for image scanning and lifecycle policies for old images; 004 names ECR lifecycle policies for cost. Unscanned images ship known CVEs; without a lifecycle policy every pushed image is stored (and billed) forever.',
    remediation: 'Set ImageScanningConfiguration ScanOnPush: true (or enable registry-level enhanced scanning) and a LifecyclePolicy LifecyclePolicyText that expires untagged images and keeps the last N tagged ones.',
    seeds: ['003', '004'],
    equivalents: { checkov: ['CKV_AWS_163'], cfnNag: ['W79'], awsConfig: ['ecr-private-image-scanning-enabled', 'ecr-private-lifecycle-policy-configured'] },
  },
  check(repo, ctx) {
    for (const p of ctx.values(repo, ['ImageScanningConfiguration', 'ScanOnPush'])) {
      const path = ['Properties', 'ImageScanningConfiguration', 'ScanOnPush'];
      if (p.value instanceof Unknown) ctx.notEvaluated(repo, `scan on push is not known: ${p.value.reason}`, { path });
      else if (p.value === undefined) {
        // Registry-level scanning (PutRegistryScanningConfiguration) can scan on push too; neither a template nor the repository shows it.
        ctx.fail(repo, `repository ${repo.id} does not scan images on push (ScanOnPush absent = false; registry-level scanning is not visible here)${whenText(p.when)}`, { path: ['Properties'] });
      } else {
        const b = asBoolean(p.value);
        if (b === false) ctx.fail(repo, `repository ${repo.id} has ScanOnPush ${describe(p.value)}${whenText(p.when)}`, { path });
        else if (b === undefined) ctx.notEvaluated(repo, `ScanOnPush ${describe(p.value)} is known only at deployment`, { path });
      }
    }
    for (const raw of ctx.values(repo, ['LifecyclePolicy'])) {
      const p = { value: present(raw.value), when: raw.when };
      const path = ['Properties', 'LifecyclePolicy'];
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(repo, `the lifecycle policy could not be read: ${p.value.reason}`, { path });
        continue;
      }
      const text = isRecord(p.value) ? p.value['LifecyclePolicyText'] : undefined;
      if (text instanceof Unknown) continue; // Written, known only at deployment: a policy exists.
      if (text === undefined || (asString(text) ?? 'x').trim() === '') {
        ctx.fail(repo, `repository ${repo.id} has no lifecycle policy, so every image is kept (and billed) forever${whenText(p.when)}`, { path: p.value === undefined ? ['Properties'] : path });
      }
    }
  },
};
