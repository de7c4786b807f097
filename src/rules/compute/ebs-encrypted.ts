import type { Path, Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { asKnownBoolean } from '../lib/read.js';
import { launchTemplateOf } from './launch-template.js';

const MAPPINGS: Readonly<Record<string, Path>> = {
  'AWS::EC2::Instance': ['BlockDeviceMappings'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'BlockDeviceMappings'],
  'AWS::AutoScaling::LaunchConfiguration': ['BlockDeviceMappings'],
};

type Messages = 'absent' | 'off' | 'snapshot' | 'ami' | 'launch-template';

/**
 * One EBS volume specification (a Volume's properties, or a mapping's Ebs block). Absent
 * Encrypted means unencrypted unless the account turns on EBS encryption by default, which a
 * template cannot show (https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html);
 * a volume restored from an encrypted snapshot is encrypted whatever the template says.
 */
function judgeEbs(ctx: RuleContext<Messages>, ebs: Readonly<Record<string, unknown>>, volume: string, path: Path): void {
  const enc = asKnownBoolean(ctx, ebs['Encrypted'], `Encrypted of ${volume}`, [...path, 'Encrypted']);
  if (enc instanceof Unknown || enc === true) return;
  const data = { volume };
  if (enc === false) {
    ctx.report({ messageId: 'off', data, path: [...path, 'Encrypted'] });
    return;
  }
  const snapshot = ctx.tolerate(() => ebs['SnapshotId']);
  if (snapshot !== undefined) {
    ctx.notEvaluated({ messageId: 'snapshot', data: { volume, snapshot: describeRef(snapshot) }, path });
    return;
  }
  ctx.report({ messageId: 'absent', data, path });
}

function checkMappings(resource: Resource, ctx: RuleContext<Messages>): void {
  const at = MAPPINGS[resource.type]!;
  const list = ctx.get(resource, at);
  if (list instanceof Unknown) return;
  const mappings = Array.isArray(list) ? list : [];
  const ebsItems = mappings.filter((m) => isRecord(m) && m['Ebs'] !== undefined);
  if (ebsItems.length === 0) {
    // The volumes come from the launch template (judged on its own when the input has it) or the AMI.
    const lt = launchTemplateOf(ctx, resource);
    if (lt instanceof Unknown || (lt && 'template' in lt)) return;
    if (lt) ctx.notEvaluated({ messageId: 'launch-template', data: { resource: resource.id, template: lt.unseen }, path: ['Properties', 'LaunchTemplate'] });
    else ctx.notEvaluated({ messageId: 'ami', data: { resource: resource.id }, path: ['Properties', ...at.slice(0, -1)] });
    return;
  }
  mappings.forEach((m, i) => {
    if (!isRecord(m) || m['NoDevice'] !== undefined) return;
    const ebs = m['Ebs'];
    if (ebs === undefined || ebs instanceof Unknown) return;
    const path = ctx.sourcePath(resource, m) ?? ['Properties', ...at, i];
    const device = ctx.tolerate(() => asString(m['DeviceName'])) ?? `mapping ${i}`;
    if (!isRecord(ebs)) return;
    const volumeId = ebs['VolumeId'];
    if (volumeId !== undefined) {
      // A live instance names its attached volumes, judged as AWS::EC2::Volume resources; one the
      // audit did not list (a failed DescribeVolumes) cannot be judged.
      if (volumeId instanceof Unknown) return;
      const volume = ctx.index.lookup(resource, volumeId);
      if (!volume && !ctx.index.incomplete('AWS::EC2::Volume', resource))
        ctx.unknown(`volume ${describeRef(volumeId)} of ${resource.id} was not read`, [...path, 'Ebs', 'VolumeId']);
      return;
    }
    judgeEbs(ctx, ebs, `EBS volume ${device}`, [...path, 'Ebs']);
  });
}

export const ebsEncrypted = defineRule({
  meta: {
    id: 'EC2-002',
    name: 'ebs-encrypted',
    title: 'EBS volumes are encrypted',
    area: 'compute',
    severity: 'medium',
    resourceTypes: ['AWS::EC2::Volume', ...Object.keys(MAPPINGS)],
    rationale:
      'Encryption at rest protects the data of a volume and of every snapshot made from it; an unencrypted EBS volume leaks its data through snapshots shared or copied by mistake, and cannot be encrypted in place.',
    remediation:
      'Set Encrypted: true (optionally KmsKeyId) on each volume and each BlockDeviceMappings Ebs block, and enable EBS encryption by default in every region of the account.',
    messages: {
      absent: '{{volume}} is not encrypted: Encrypted absent means unencrypted unless the account enables EBS encryption by default, which a template cannot show',
      off: '{{volume}} is not encrypted: Encrypted is false',
      snapshot: '{{volume}}: its encryption follows snapshot {{snapshot}}, which is not in the scan',
      ami: "no EBS block device mappings on {{resource}}: the root volume comes from the AMI, whose snapshot encryption (and the account's EBS encryption by default) is not visible here",
      'launch-template': 'the volumes of {{resource}} come from launch template {{template}}, which is not in the scan',
    },
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_3', 'CKV_AWS_8'], cfnNag: ['F1'], cdkNag: ['EC26'], awsConfig: ['encrypted-volumes', 'ec2-ebs-encryption-by-default'] },
  },
  check(resource, ctx) {
    if (resource.type !== 'AWS::EC2::Volume') return checkMappings(resource, ctx);
    const props = ctx.get(resource, []);
    judgeEbs(ctx, isRecord(props) ? props : {}, `volume ${resource.id}`, ['Properties']);
  },
});
