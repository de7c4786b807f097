import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { tagsOf } from '../../model/resource.js';
import { Composite, ResourceRef, Unknown, asString, isRecord } from '../../model/values.js';
import { stringOf } from '../lib/read.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, isSet, retentionOf, tierText } from '../database/db-common.js';
import { BACKUP_SELECTION, DLM_POLICY, ec2Coverage, listIncomplete } from './backup-plans.js';
import { PITR_RPO_MINUTES, S3_VERSIONED_RPO_MINUTES, minutesText } from './recovery-model.js';

const BUCKET = 'AWS::S3::Bucket';
const EC2 = 'AWS::EC2::Instance';
const DISTRIBUTION = 'AWS::CloudFront::Distribution';
/** Where an application keeps state when it is not on its host. */
const DATA_STORES = [DB_INSTANCE, DB_CLUSTER, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster', 'AWS::EFS::FileSystem'];

type M = 'backups-off' | 'pitr' | 'versioned' | 'backup-bucket' | 'only-copy' | 'stateful-host' | 'host-rpo';

/** Tier, target and the data every RPO message carries. */
function targetOf(ctx: RuleContext<M>, r: Resource): { target: number; data: { tier: string; target: string } } {
  const tier = ctx.tier(r);
  const target = ctx.config.tiers.targets[tier.tier].rpoMinutes;
  return { target, data: { tier: tierText(tier), target: minutesText(target) } };
}

function checkDatabase(ctx: RuleContext<M>, db: Resource): void {
  if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
  const { target, data } = targetOf(ctx, db);
  const retention = retentionOf(ctx, db);
  if (retention instanceof Unknown) return;
  const path = ctx.propertyPath(db, 'BackupRetentionPeriod');
  if (retention.days === 0) ctx.report({ messageId: 'backups-off', data, path });
  else if (PITR_RPO_MINUTES > target) ctx.report({ messageId: 'pitr', data: { ...data, rpo: minutesText(PITR_RPO_MINUTES) }, path });
}

/**
 * S3 REST and static-website endpoints a CloudFront origin names a bucket by.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHostingBuckets.html
 */
const S3_ENDPOINT = /^(?:https?:\/\/)?(.+?)\.s3(?:-website)?(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/?$/i;

/** Whether a value designates the bucket: a reference to it, or its name (alone or as an S3 endpoint). */
function designates(ctx: RuleContext<M>, from: Resource, v: unknown, bucket: Resource, name: string | undefined): boolean {
  if (v instanceof ResourceRef) return ctx.index.lookup(from, v) === bucket;
  if (v instanceof Composite) return v.parts.some((p) => p instanceof ResourceRef && ctx.index.lookup(from, p) === bucket);
  if (typeof v !== 'string' || v === '') return false;
  if (ctx.index.lookup(from, v) === bucket) return true;
  return name !== undefined && (v === name || S3_ENDPOINT.exec(v)?.[1] === name);
}

/** Content that is rebuilt from elsewhere: a website, a CDN origin, or access logs (a by-product). Read without recording: a pass needs one sure reason. */
function rebuildable(ctx: RuleContext<M>, b: Resource, name: string | undefined): boolean {
  return ctx.tolerate(() => {
    if (isSet(ctx, b, 'WebsiteConfiguration')) return true;
    const served = ctx.index.find(DISTRIBUTION, b, (d) => {
      const origins = ctx.get(d, ['DistributionConfig', 'Origins']);
      return Array.isArray(origins) && origins.some((o) => isRecord(o) && designates(ctx, d, o['DomainName'], b, name));
    });
    if (served !== undefined && !(served instanceof Unknown)) return true;
    return ctx.index
      .referrers(b, BUCKET)
      .some((other) => other !== b && designates(ctx, other, ctx.get(other, ['LoggingConfiguration', 'DestinationBucketName']), b, name) && ctx.exists(other));
  });
}

/**
 * S3 without versioning: an overwrite or delete loses the object. Only what the input shows is
 * judged: a bucket named or tagged as a backup holds the only copy (fail); a website, CDN origin
 * or log bucket is rebuilt from elsewhere (pass); for anything else whether it is the only copy
 * is not visible (not evaluated). S3-003 reports versioning itself on every bucket.
 */
function checkBucket(ctx: RuleContext<M>, b: Resource): void {
  const { target, data } = targetOf(ctx, b);
  const path = ctx.propertyPath(b, 'VersioningConfiguration');
  const status = stringOf(ctx, b, ['VersioningConfiguration', 'Status']);
  if (status instanceof Unknown) return;
  if (status === 'Enabled') {
    if (S3_VERSIONED_RPO_MINUTES > target) ctx.report({ messageId: 'versioned', data: { ...data, rpo: minutesText(S3_VERSIONED_RPO_MINUTES) }, path });
    return;
  }
  const state = status === undefined ? 'versioning is not enabled' : `versioning is ${status}`;
  const name = ctx.tolerate(() => asString(ctx.get(b, ['BucketName'])));
  let backup = /backup/i.test(name ?? b.id);
  if (!backup) {
    const tags = ctx.get(b, ['Tags']);
    if (tags instanceof Unknown) return;
    backup = Object.entries(tagsOf({ Tags: tags })).some(([k, v]) => /backup/i.test(k) || /backup/i.test(v));
  }
  if (backup) {
    ctx.report({ messageId: 'backup-bucket', data: { ...data, state }, path });
    return;
  }
  if (rebuildable(ctx, b, name)) return;
  ctx.notEvaluated({ messageId: 'only-copy', data: { ...data, state }, path });
}

/** A host in an input without any data store may keep state on its disk (a SQLite file, say). */
function checkHost(ctx: RuleContext<M>, host: Resource): void {
  // A data store anywhere in the input (account region) holds the state; a list that could not be read may hide one.
  let storeUnknown: Unknown | undefined;
  for (const type of DATA_STORES) {
    const found = ctx.tolerate(() => ctx.index.find(type, host));
    if (found instanceof Unknown) storeUnknown ??= found;
    else if (found) return;
  }
  if (storeUnknown) {
    ctx.unknown(`whether a data store holds the host's state is not known: ${storeUnknown.reason}`);
    return;
  }
  const { target, data } = targetOf(ctx, host);
  const plans = ec2Coverage(ctx, host);
  const sure = plans.filter((p) => p.selects === true);
  const timed = sure.filter((p) => p.intervalMinutes !== undefined);
  const best = timed.reduce<(typeof timed)[number] | undefined>((a, p) => (a === undefined || p.intervalMinutes! < a.intervalMinutes! ? p : a), undefined);
  if (best && best.intervalMinutes! <= target) return;
  // What might cover the host better: a selection known only at deployment, a schedule that cannot be read, a list not read.
  const might = plans.find((p) => p.selects instanceof Unknown && (p.intervalMinutes === undefined || best === undefined || p.intervalMinutes < best.intervalMinutes!));
  const unread = sure.find((p) => p.intervalMinutes === undefined);
  const open =
    (might?.selects instanceof Unknown ? might.selects : undefined) ??
    (unread ? new Unknown(`the schedule of ${unread.source.id} cannot be read`) : undefined) ??
    listIncomplete(ctx, BACKUP_SELECTION, host) ??
    listIncomplete(ctx, DLM_POLICY, host);
  if (open) {
    ctx.unknown(best ? open.reason : `possibly stateful host (no data store next to it): ${open.reason}`);
    return;
  }
  if (!best) {
    ctx.notEvaluated({ messageId: 'stateful-host', data });
    return;
  }
  ctx.report({
    messageId: 'host-rpo',
    data: { ...data, rpo: minutesText(best.intervalMinutes!), source: best.source.id, how: best.how, interval: minutesText(best.intervalMinutes!) },
  });
}

export const rpoWithinTarget = defineRule({
  meta: {
    id: 'DR-001',
    name: 'rpo-within-target',
    title: "Achievable recovery point (RPO) is within the tier's target",
    area: 'resilience',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER, BUCKET, EC2],
    rationale:
      "Each tier has an RPO target (by default dev 24 h, staging 1 h, prod 5 min). What a resource can achieve follows from its backup mechanism: RDS point-in-time restore ≈ 5 min, S3 versioning ≈ 0, an EC2 host's disk only its last snapshot (a daily backup: 24 h). See docs/recovery-model.md.",
    remediation:
      "Turn on automated backups (RDS), versioning (S3), or an AWS Backup plan / DLM policy at the tier's RPO for a stateful host; better, move host state into a managed database.",
    messages: {
      'backups-off': 'RPO unbounded > {{tier}} target {{target}}: automated backups are off (BackupRetentionPeriod 0), so there is no recovery point',
      pitr: 'RPO ≈ {{rpo}} > {{tier}} target {{target}}: point-in-time restore replays transaction logs shipped every 5 minutes',
      versioned: 'RPO ≈ {{rpo}} > {{tier}} target {{target}}',
      'backup-bucket': 'RPO unbounded > {{tier}} target {{target}}: a backup bucket whose {{state}}, so an overwrite or delete loses the only copy',
      'only-copy': '{{state}}: RPO is unbounded if this bucket holds the only copy of its data, which the input does not show (tier {{tier}} target {{target}})',
      'stateful-host':
        'possibly stateful host (no data store next to it) with no AWS Backup plan or DLM policy covering it; a backup run on the host (cron) cannot be seen (tier {{tier}} target {{target}})',
      'host-rpo': "RPO ≈ {{rpo}} > {{tier}} target {{target}}: the host's data is only as recent as the last backup of {{source}} ({{how}}), every {{interval}}",
    },
    seeds: ['001', '003', '004'],
    equivalents: { awsConfig: ['db-instance-backup-enabled', 's3-bucket-versioning-enabled', 'ec2-resources-protected-by-backup-plan'] },
    tiered: true,
  },
  check(resource, ctx) {
    if (resource.type === BUCKET) checkBucket(ctx, resource);
    else if (resource.type === EC2) checkHost(ctx, resource);
    else checkDatabase(ctx, resource);
  },
});
