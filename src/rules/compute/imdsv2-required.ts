import type { Path, Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asString, describe, isRecord, type Assumptions } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

const OPTIONS: Readonly<Record<string, Path>> = {
  'AWS::EC2::Instance': ['MetadataOptions'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'MetadataOptions'],
  'AWS::AutoScaling::LaunchConfiguration': ['MetadataOptions'],
};

const DEFAULT_NOTE =
  'IMDSv1 stays enabled unless the AMI is registered with ImdsSupport v2.0 or the account-level IMDS defaults require tokens, neither of which a template shows';

/** The launch template an instance launches from, when it names one: in the scan, or what is known of it. */
function launchTemplateOf(ctx: RuleContext, instance: Resource): { template?: Resource; ref: unknown } | undefined {
  for (const p of ctx.values(instance, ['LaunchTemplate'])) {
    if (!isRecord(p.value)) continue;
    const ref = p.value['LaunchTemplateId'] ?? p.value['LaunchTemplateName'];
    const template = ctx.index.lookup(instance, ref);
    return template ? { template, ref } : { ref };
  }
  return undefined;
}

function absent(ctx: RuleContext, resource: Resource, path: Path, when: Assumptions): void {
  if (resource.type === 'AWS::EC2::Instance') {
    const lt = launchTemplateOf(ctx, resource);
    // The instance inherits the launch template's metadata options; that template is judged on its own.
    if (lt?.template) return;
    if (lt) {
      ctx.notEvaluated(resource, `metadata options come from launch template ${describe(lt.ref)}, which is not in the scan`, { path: ['Properties', 'LaunchTemplate'] });
      return;
    }
  }
  ctx.fail(resource, `${resource.id} does not require IMDSv2 (HttpTokens not set): ${DEFAULT_NOTE}${whenText(when)}`, { path });
}

export const imdsv2Required: Rule = {
  meta: {
    id: 'EC2-001',
    name: 'imdsv2-required',
    title: 'EC2 instances require IMDSv2',
    area: 'compute',
    severity: 'medium',
    resourceTypes: Object.keys(OPTIONS),
    rationale: 'IMDSv1 answers any GET, so an SSRF bug in the app (001\'s FastAPI host, 000\'s Flask host) can read the instance role\'s credentials; IMDSv2\'s session token blocks that.',
    remediation: 'Set MetadataOptions HttpTokens: required (on the instance, launch template or launch configuration), or HttpEndpoint: disabled when nothing needs instance metadata.',
    seeds: ['beyond the seeds'],
    equivalents: { checkov: ['CKV_AWS_79'], cdkNag: ['EC29'], awsConfig: ['ec2-imdsv2-check'], prowler: ['ec2_instance_imdsv2_enabled'] },
  },
  check(resource, ctx) {
    const at = OPTIONS[resource.type]!;
    const base: Path = ['Properties', ...at];
    for (const p of ctx.values(resource, at)) {
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `the metadata options are not known: ${p.value.reason}`, { path: base });
        continue;
      }
      if (!isRecord(p.value)) {
        absent(ctx, resource, ['Properties', ...at.slice(0, -1)], p.when);
        continue;
      }
      const endpoint = p.value['HttpEndpoint'];
      if (asString(endpoint)?.toLowerCase() === 'disabled') continue;
      const tokens = p.value['HttpTokens'];
      if (tokens instanceof Unknown || endpoint instanceof Unknown) {
        ctx.notEvaluated(resource, `HttpTokens is not known: ${(tokens instanceof Unknown ? tokens : (endpoint as Unknown)).reason}`, { path: [...base, 'HttpTokens'] });
        continue;
      }
      const t = asString(tokens)?.toLowerCase();
      if (t === 'required') continue;
      if (t === undefined && tokens !== undefined) ctx.notEvaluated(resource, `HttpTokens ${describe(tokens)} is known only at deployment`, { path: [...base, 'HttpTokens'] });
      else if (tokens === undefined) absent(ctx, resource, base, p.when);
      else ctx.fail(resource, `${resource.id} allows IMDSv1 (HttpTokens ${t})${whenText(p.when)}`, { path: [...base, 'HttpTokens'] });
    }
  },
};
