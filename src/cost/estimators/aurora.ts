// Aurora: provisioned instances and Serverless v2 capacity bill on the DB instances, storage and
// I/O on the cluster. I/O-Optimized clusters (StorageType aurora-iopt1) pay higher instance and
// storage rates and nothing per I/O:
// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html#aurora-storage-type
import type { Resource } from '../../model/resource.js';
import { readNumber, readString } from '../read.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

// Engine values: aurora-postgresql, aurora-mysql, and the legacy `aurora` (MySQL 5.6-compatible):
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engine
const EDITIONS: ReadonlyMap<string, { key: 'postgresql' | 'mysql'; label: string }> = new Map([
  ['aurora-postgresql', { key: 'postgresql', label: 'Aurora PostgreSQL' }],
  ['aurora-mysql', { key: 'mysql', label: 'Aurora MySQL' }],
  ['aurora', { key: 'mysql', label: 'Aurora MySQL' }],
] as const);

function clusterOf(r: Resource, ctx: EstimateContext): Resource | undefined {
  const c = ctx.ref(ctx.read(r, ['DBClusterIdentifier']));
  return c?.type === 'AWS::RDS::DBCluster' ? c : undefined;
}

function ioOptimized(cluster: Resource | undefined, ctx: EstimateContext): boolean {
  if (!cluster) return false;
  const st = readString(ctx.read, cluster, ['StorageType']);
  return st.known && st.value === 'aurora-iopt1';
}

/** Serverless v2 capacity: ACU-hours from usage `acu` (default MinCapacity), clamped to the scaling range. */
function acuItem(ctx: EstimateContext, cluster: Resource | undefined, edition: 'postgresql' | 'mysql', label: string, extra: readonly string[]): UsageItem {
  const hours = hoursOf(ctx);
  const assumptions = [...extra];
  const min = cluster ? readNumber(ctx.read, cluster, ['ServerlessV2ScalingConfiguration', 'MinCapacity']) : undefined;
  const max = cluster ? readNumber(ctx.read, cluster, ['ServerlessV2ScalingConfiguration', 'MaxCapacity']) : undefined;
  const lo = min?.known ? min.value : 0.5;
  const hi = max?.known ? max.value : Number.POSITIVE_INFINITY;
  if (!min?.known) assumptions.push(`MinCapacity ${min ? min.why : 'unknown (cluster not in this input)'}: assumed 0.5 ACU`);
  let acu = ctx.usage.peek('acu', lo, 'MinCapacity');
  if (acu === undefined) {
    acu = lo;
    assumptions.push(`acu=${lo} (usage default: MinCapacity, the floor; set usage acu for the real average)`);
  }
  acu = Math.min(Math.max(acu, lo), hi);
  const io = ioOptimized(cluster, ctx);
  return {
    service: 'RDS',
    description: `${label}: Aurora Serverless v2, ${acu} ACU average × ${hours} h${io ? ' (I/O-Optimized)' : ''}`,
    quantity: acu * hours,
    priceKey: `aurora.${edition}.serverless_v2.acu${io ? '.io_optimized' : ''}`,
    what: `Aurora Serverless v2${io ? ' I/O-Optimized' : ''} ACU-hours`,
    ...withAssumptions(assumptions),
  };
}

/** A provisioned Aurora instance bills its own instance-hours; the cluster bills storage and I/O once. */
export function estimateAuroraInstance(r: Resource, ctx: EstimateContext, engine: string): EstimateResult {
  const edition = EDITIONS.get(engine);
  if (!edition) return { items: [], notPriced: [`Aurora engine ${engine} is not in the price feeds`] };
  const cls = readString(ctx.read, r, ['DBInstanceClass']);
  const cluster = clusterOf(r, ctx);
  if (cls.known && cls.value === 'db.serverless') return { items: [acuItem(ctx, cluster, edition.key, 'instance', [])] };
  if (!cls.known) return { items: [], notPriced: [`DB instance class unknown: ${cls.why}`] };
  const hours = hoursOf(ctx);
  const io = ioOptimized(cluster, ctx);
  return {
    items: [
      {
        service: 'RDS',
        description: `${cls.value} ${edition.label} provisioned instance${io ? ' (I/O-Optimized)' : ''}, ${hours} h`,
        quantity: hours,
        priceKey: `aurora.${edition.key}.${cls.value}${io ? '.io_optimized' : ''}`,
        what: `${edition.label} ${cls.value}${io ? ' I/O-Optimized' : ''} instance-hours`,
      },
    ],
  };
}

export function estimateAuroraCluster(r: Resource, ctx: EstimateContext, engine: string): EstimateResult {
  const edition = EDITIONS.get(engine);
  if (!edition) return { items: [], notPriced: [`Aurora engine ${engine} is not in the price feeds`] };
  const mode = readString(ctx.read, r, ['EngineMode']);
  if (mode.known && mode.value === 'serverless') return { items: [], notPriced: ['Aurora Serverless v1 (EngineMode serverless) is retired and not priced'] };
  const items: UsageItem[] = [];
  const io = ioOptimized(r, ctx);
  const gb = ctx.usage.get('storageGB', 10);
  items.push({
    service: 'RDS',
    description: `Aurora storage ${gb} GB${io ? ' (I/O-Optimized)' : ''}`,
    quantity: gb,
    priceKey: io ? 'aurora.storage.io_optimized' : 'aurora.storage.standard',
    what: `Aurora${io ? ' I/O-Optimized' : ''} storage`,
    ...withAssumptions(ctx.usage.take()),
  });
  if (!io) {
    const ios = ctx.usage.get('ioRequestsMillions', 1);
    items.push({
      service: 'RDS',
      description: `Aurora I/O, ${ios} million requests`,
      quantity: ios,
      priceKey: 'aurora.io.standard',
      what: 'Aurora I/O requests',
      ...withAssumptions(ctx.usage.take()),
    });
  }
  const backup = ctx.usage.peek('backupGB', 0);
  if (backup !== undefined && backup > 0)
    items.push({
      service: 'RDS',
      description: `Aurora backup beyond the free allowance, ${backup} GB`,
      quantity: backup,
      priceKey: `aurora.${edition.key}.backup`,
      what: 'Aurora backup storage',
    });
  // Serverless v2 capacity is billed on db.serverless instances; price one writer here when none is in the input.
  const hasScaling = ctx.read(r, ['ServerlessV2ScalingConfiguration']) !== undefined;
  const hasInstances = ctx.referrers(['AWS::RDS::DBInstance'], ['DBClusterIdentifier'], r).length > 0;
  if (hasScaling && !hasInstances) items.push(acuItem(ctx, r, edition.key, 'writer', ['no DB instance in this input: one db.serverless writer assumed']));
  // Provisioned compute is billed on the member DB instances; without any, say so rather than show a cluster at storage cost only.
  if (!hasScaling && !hasInstances) return { items, notPriced: ['no DB instance of this cluster in this input: instance-hours not priced'] };
  return { items };
}
