import type { Path, Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, describe, isRecord, type Assumptions } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

const MAPPINGS: Readonly<Record<string, Path>> = {
  'AWS::EC2::Instance': ['BlockDeviceMappings'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'BlockDeviceMappings'],
  'AWS::AutoScaling::LaunchConfiguration': ['BlockDeviceMappings'],
};

// A template cannot see the account's "EBS encryption by default" setting, which would encrypt an
// unencrypted-by-template volume: https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
const DEFAULT_NOTE = 'Encrypted absent means unencrypted unless the account enables EBS encryption by default, which a template cannot show';

type Verdict = { readonly kind: 'ok' } | { readonly kind: 'fail'; readonly why: string; readonly key: 'Encrypted' | undefined } | { readonly kind: 'unknown'; readonly why: string };

/** One EBS volume specification (a Volume's properties, or a mapping's Ebs block). */
function judgeEbs(ebs: Readonly<Record<string, unknown>>): Verdict {
  const enc = ebs['Encrypted'];
  if (enc instanceof Unknown) return { kind: 'unknown', why: `Encrypted is not known: ${enc.reason}` };
  if (enc === undefined) {
    // A volume restored from an encrypted snapshot is encrypted whatever the template says.
    if (ebs['SnapshotId'] !== undefined) return { kind: 'unknown', why: `its encryption follows snapshot ${describe(ebs['SnapshotId'])}, which is not in the scan` };
    return { kind: 'fail', why: DEFAULT_NOTE, key: undefined };
  }
  const b = asBoolean(enc);
  if (b === true) return { kind: 'ok' };
  if (b === false) return { kind: 'fail', why: 'Encrypted is false', key: 'Encrypted' };
  return { kind: 'unknown', why: `Encrypted ${describe(enc)} is known only at deployment` };
}

function report(ctx: RuleContext, resource: Resource, what: string, v: Verdict, path: Path, when: Assumptions): void {
  if (v.kind === 'fail') ctx.fail(resource, `${what} is not encrypted: ${v.why}${whenText(when)}`, { path: v.key ? [...path, v.key] : path });
  else if (v.kind === 'unknown') ctx.notEvaluated(resource, `${what}: ${v.why}`, { path });
}

function checkMappings(resource: Resource, ctx: RuleContext): void {
  const at = MAPPINGS[resource.type]!;
  for (const p of ctx.values(resource, at)) {
    const base: Path = ['Properties', ...at];
    if (p.value instanceof Unknown) {
      ctx.notEvaluated(resource, `the block device mappings are not known: ${p.value.reason}`, { path: base });
      continue;
    }
    const list = Array.isArray(p.value) ? p.value : [];
    const ebsItems = list.filter((m) => isRecord(m) && m['Ebs'] !== undefined);
    if (ebsItems.length === 0) {
      // Live: the instance's volumes are AWS::EC2::Volume resources, judged as such.
      if (ctx.input === 'account' && resource.type === 'AWS::EC2::Instance') continue;
      // The launch template's mappings apply; it is judged on its own.
      if (resource.type === 'AWS::EC2::Instance' && ctx.values(resource, ['LaunchTemplate']).some((x) => x.value !== undefined)) continue;
      ctx.notEvaluated(
        resource,
        'no EBS block device mappings: the root volume comes from the AMI, whose snapshot encryption (and the account\'s EBS encryption by default) is not visible here',
        { path: ['Properties', ...at.slice(0, -1)] },
      );
      continue;
    }
    list.forEach((m, i) => {
      if (!isRecord(m)) return;
      const ebs = m['Ebs'];
      if (ebs === undefined || m['NoDevice'] !== undefined) return;
      const path = ctx.sourcePath(resource, m) ?? [...base, i];
      const device = typeof m['DeviceName'] === 'string' ? m['DeviceName'] : `mapping ${i}`;
      if (ebs instanceof Unknown) {
        ctx.notEvaluated(resource, `EBS volume ${device}: the volume settings are not known: ${ebs.reason}`, { path });
        return;
      }
      if (!isRecord(ebs) || ebs['VolumeId'] !== undefined) return;
      report(ctx, resource, `EBS volume ${device}`, judgeEbs(ebs), [...path, 'Ebs'], p.when);
    });
  }
}

export const ebsEncrypted: Rule = {
  meta: {
    id: 'EC2-002',
    name: 'ebs-encrypted',
    title: 'EBS volumes are encrypted',
    area: 'compute',
    severity: 'medium',
    resourceTypes: ['AWS::EC2::Volume', ...Object.keys(MAPPINGS)],
    rationale: '003 requires encryption at rest; an unencrypted EBS volume leaks its data through snapshots shared or copied by mistake, and cannot be encrypted in place.',
    remediation: 'Set Encrypted: true (optionally KmsKeyId) on each volume and each BlockDeviceMappings Ebs block, and enable EBS encryption by default in every region of the account.',
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_3', 'CKV_AWS_8'], cfnNag: ['F1'], cdkNag: ['EC26'], awsConfig: ['encrypted-volumes', 'ec2-ebs-encryption-by-default'] },
  },
  check(resource, ctx) {
    if (resource.type !== 'AWS::EC2::Volume') return checkMappings(resource, ctx);
    for (const p of ctx.values(resource, [])) {
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `the volume could not be read: ${p.value.reason}`, { path: ['Properties'] });
        continue;
      }
      report(ctx, resource, `volume ${resource.id}`, judgeEbs(isRecord(p.value) ? p.value : {}), ['Properties'], p.when);
    }
  },
};
