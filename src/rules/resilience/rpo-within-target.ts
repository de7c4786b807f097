import type { InventoryIndex } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { tagsOf } from '../../model/resource.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica, propPath, retentionOf, tierText, whenText } from '../database/db-common.js';
import { distributionsServing, valueRefersToBucket } from '../storage/buckets.js';
import { ec2Coverage } from './backup-plans.js';
import { PITR_RPO_MINUTES, S3_VERSIONED_RPO_MINUTES, comparison, minutesText } from './recovery-model.js';

const BUCKET = 'AWS::S3::Bucket';
const EC2 = 'AWS::EC2::Instance';
/** Where an application keeps state when it is not on its host. */
const DATA_STORES = [DB_INSTANCE, DB_CLUSTER, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster', 'AWS::EFS::FileSystem'];

function sameInput(a: Resource, b: Resource): boolean {
  if (a.origin.kind === 'template' && b.origin.kind === 'template') return a.origin.scope === b.origin.scope;
  if (a.origin.kind === 'account' && b.origin.kind === 'account') return a.origin.account === b.origin.account && a.origin.region === b.origin.region;
  return false;
}

function checkDatabase(ctx: RuleContext, db: Resource): void {
  if (isClusterMember(ctx, db) || isReadReplica(ctx, db)) return;
  const tier = ctx.tier(db);
  const target = ctx.config.tiers.targets[tier.tier].rpoMinutes;
  const path = propPath(ctx, db, 'BackupRetentionPeriod');
  for (const p of retentionOf(ctx, db)) {
    const cond = whenText(p.when);
    if (p.value instanceof Unknown) {
      ctx.notEvaluated(db, `whether automated backups are on is not known: ${p.value.reason}${cond}`, { path });
      continue;
    }
    if (p.value.days === 0) {
      ctx.fail(db, `RPO unbounded > ${tierText(tier)} target ${minutesText(target)}: automated backups are off (BackupRetentionPeriod 0), so there is no recovery point${cond}`, { path });
    } else if (PITR_RPO_MINUTES > target) {
      ctx.fail(db, `${comparison('RPO', PITR_RPO_MINUTES, tierText(tier), target)}: point-in-time restore replays transaction logs shipped every 5 minutes${cond}`, { path });
    }
  }
}

function bucketName(ctx: RuleContext, b: Resource): string {
  return ctx.values(b, ['BucketName']).map((p) => asString(p.value)).find((s) => s !== undefined) ?? b.id;
}

/** Content that is rebuilt from source (a website, a CDN origin) or is itself a by-product (access logs). */
function rebuildable(ctx: RuleContext, b: Resource): string | undefined {
  if (ctx.values(b, ['WebsiteConfiguration']).some((p) => p.value !== undefined)) return 'it hosts a static website';
  const distribution = distributionsServing(ctx, b)[0];
  if (distribution) return `it is an origin of CloudFront distribution ${distribution.id}`;
  const source = loggingBuckets(ctx).find(([other, destinations]) => other !== b && destinations.some((d) => valueRefersToBucket(ctx, d, b)));
  return source ? `it receives access logs of ${source[0].id}` : undefined;
}

const loggingCache = new WeakMap<InventoryIndex, readonly (readonly [Resource, readonly unknown[]])[]>();

/** Buckets that send access logs, with their destinations; found once per evaluation (few buckets log). */
function loggingBuckets(ctx: RuleContext): readonly (readonly [Resource, readonly unknown[]])[] {
  let found = loggingCache.get(ctx.index);
  if (!found) {
    found = ctx.index.ofType(BUCKET).flatMap((other) => {
      const destinations = ctx.values(other, ['LoggingConfiguration', 'DestinationBucketName']).map((p) => p.value).filter((v) => v !== undefined);
      return destinations.length > 0 ? [[other, destinations] as const] : [];
    });
    loggingCache.set(ctx.index, found);
  }
  return found;
}

/**
 * S3 without versioning: an overwrite or delete loses the object. We judge only what the input
 * shows: a bucket named or tagged as a backup holds the only copy (fail); a website, CDN origin
 * or log bucket is rebuilt from elsewhere (pass); for anything else whether it is the only copy
 * is not visible (not-evaluated). S3-003 reports versioning itself on every bucket.
 */
function checkBucket(ctx: RuleContext, b: Resource): void {
  const tier = ctx.tier(b);
  const target = ctx.config.tiers.targets[tier.tier].rpoMinutes;
  const path = propPath(ctx, b, 'VersioningConfiguration');
  for (const p of ctx.values(b, ['VersioningConfiguration', 'Status'])) {
    const cond = whenText(p.when);
    if (p.value instanceof Unknown) {
      ctx.notEvaluated(b, `versioning is not known: ${p.value.reason}${cond}`, { path });
      continue;
    }
    if (asString(p.value) === 'Enabled') {
      if (S3_VERSIONED_RPO_MINUTES > target) ctx.fail(b, comparison('RPO', S3_VERSIONED_RPO_MINUTES, tierText(tier), target), { path });
      continue;
    }
    if (p.value !== undefined && asString(p.value) === undefined) {
      ctx.notEvaluated(b, `versioning status is known only at deployment${cond}`, { path });
      continue;
    }
    const state = p.value === undefined ? 'versioning is not enabled' : `versioning is ${asString(p.value)}`;
    const tags = tagsOf(ctx.values(b, []).map((x) => x.value).find(isRecord) ?? {});
    const backupish = /backup/i.test(bucketName(ctx, b)) || Object.entries(tags).some(([k, v]) => /backup/i.test(k) || /backup/i.test(v));
    if (backupish) {
      ctx.fail(b, `RPO unbounded > ${tierText(tier)} target ${minutesText(target)}: a backup bucket whose ${state}, so an overwrite or delete loses the only copy${cond}`, { path });
      continue;
    }
    if (rebuildable(ctx, b)) continue;
    ctx.notEvaluated(b, `${state}: RPO is unbounded if this bucket holds the only copy of its data, which the input does not show (tier ${tierText(tier)} target ${minutesText(target)})${cond}`, { path });
  }
}

/** A host in a stack without any data store may keep state on its disk (001's SQLite). */
function checkHost(ctx: RuleContext, host: Resource): void {
  const hasStore = DATA_STORES.some((t) => ctx.index.ofType(t).some((r) => sameInput(r, host)));
  if (hasStore) return;
  const tier = ctx.tier(host);
  const target = ctx.config.tiers.targets[tier.tier].rpoMinutes;
  if (host.origin.kind === 'account') {
    ctx.notEvaluated(host, `possibly stateful host (no database in the account region): AWS Backup plans and DLM policies are not read, and a cron backup on the host cannot be seen (tier ${tierText(tier)} target ${minutesText(target)})`);
    return;
  }
  const plans = ec2Coverage(ctx, host);
  if (plans.length === 0) {
    ctx.notEvaluated(host, `possibly stateful host (no database in the template) with no AWS Backup plan or DLM policy covering it; a backup run on the host (cron) cannot be seen (tier ${tierText(tier)} target ${minutesText(target)})`);
    return;
  }
  const known = plans.filter((p) => p.intervalMinutes !== undefined);
  if (known.length === 0) {
    ctx.notEvaluated(host, `the schedule of ${plans.map((p) => p.source.id).join(', ')} cannot be read`);
    return;
  }
  const best = known.reduce((a, b) => (b.intervalMinutes! < a.intervalMinutes! ? b : a));
  if (best.intervalMinutes! > target) {
    ctx.fail(host, `${comparison('RPO', best.intervalMinutes!, tierText(tier), target)}: the host's data is only as recent as the last backup of ${best.source.id} (${best.how}), every ${minutesText(best.intervalMinutes!)}`);
  }
}

export const rpoWithinTarget: Rule = {
  meta: {
    id: 'DR-001',
    name: 'rpo-within-target',
    title: "Achievable recovery point (RPO) is within the tier's target",
    area: 'resilience',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER, BUCKET, EC2],
    rationale:
      "003 sets RPO targets per tier (dev 24 h, staging 1 h, prod 5 min). What a resource can achieve follows from its backup mechanism: RDS point-in-time restore ≈ 5 min, S3 versioning ≈ 0, an EC2 host's disk only its last snapshot (001's daily SQLite backup: 24 h). See docs/recovery-model.md.",
    remediation: 'Turn on automated backups (RDS), versioning (S3), or an AWS Backup plan / DLM policy at the tier\'s RPO for a stateful host; better, move host state into a managed database.',
    seeds: ['001', '003', '004'],
    equivalents: { awsConfig: ['db-instance-backup-enabled', 's3-bucket-versioning-enabled', 'ec2-resources-protected-by-backup-plan'] },
    tiered: true,
  },
  check(resource, ctx) {
    if (resource.type === BUCKET) checkBucket(ctx, resource);
    else if (resource.type === EC2) checkHost(ctx, resource);
    else checkDatabase(ctx, resource);
  },
};
