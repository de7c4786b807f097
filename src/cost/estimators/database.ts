import type { Resource } from '../../model/resource.js';
import { readArray, readBoolean, readNumber, readString, refTarget } from '../read.js';
import { ipv4Item } from './ec2.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

const ENGINE_KEY: Readonly<Record<string, string>> = { postgres: 'postgres', postgresql: 'postgres' };
const ENGINE_NAME: Readonly<Record<string, string>> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB' };
// The legacy 12-month free tier covers these classes in Single-AZ only:
// https://aws.amazon.com/rds/free/
const FREE_TIER_CLASSES = new Set(['db.t2.micro', 'db.t3.micro', 'db.t4g.micro']);

function engineOf(r: Resource, ctx: EstimateContext, depth = 0): string | undefined {
  const e = readString(ctx.read, r, ['Engine']);
  if (e.known) return e.value.toLowerCase();
  // A read replica inherits its source's engine.
  const src = refTarget(ctx.read(r, ['SourceDBInstanceIdentifier']));
  const source = src ? ctx.byId.get(src) : undefined;
  return source && depth < 3 ? engineOf(source, ctx, depth + 1) : undefined;
}

export function estimateDbInstance(r: Resource, ctx: EstimateContext): EstimateResult {
  const engine = engineOf(r, ctx);
  if (engine?.startsWith('aurora')) return estimateAuroraInstance(r, ctx, engine);
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  const hours = hoursOf(ctx);
  const cls = readString(ctx.read, r, ['DBInstanceClass']);
  const multi = readBoolean(ctx.read, r, ['MultiAZ']);
  const assumptions: string[] = [];
  if (!multi.known && multi.why !== 'not set') assumptions.push(`MultiAZ ${multi.why}: assumed Single-AZ`);
  const az = multi.known && multi.value ? 'multi_az' : 'single_az';
  const azLabel = az === 'multi_az' ? 'Multi-AZ' : 'Single-AZ';
  const isReplica = ctx.read(r, ['SourceDBInstanceIdentifier']) !== undefined;
  const role = isReplica ? 'read replica, ' : '';
  const engineKey = engine ? (ENGINE_KEY[engine] ?? engine) : undefined;
  if (!cls.known) notPriced.push(`DB instance class unknown: ${cls.why}`);
  else if (!engineKey) notPriced.push('engine unknown (no Engine and no source instance in the scan)');
  else
    items.push({
      service: 'RDS',
      description: `${cls.value} ${ENGINE_NAME[engineKey] ?? engineKey} ${role}${azLabel}, ${hours} h`,
      quantity: hours,
      priceKey: `rds.${engineKey}.${cls.value}.${az}`,
      what: `RDS ${engineKey} ${cls.value} ${azLabel}`,
      ...(az === 'single_az' && FREE_TIER_CLASSES.has(cls.value) ? { allowances: ['legacy.rds.micro'] } : {}),
      ...withAssumptions(assumptions),
    });

  const storageAssumptions: string[] = [];
  let gb = ctx.usage.values.storageGB;
  if (gb === undefined) {
    const alloc = readNumber(ctx.read, r, ['AllocatedStorage']);
    if (alloc.known) gb = alloc.value;
    else {
      gb = 20;
      storageAssumptions.push(`AllocatedStorage ${alloc.why}: assumed 20 GB`);
    }
  }
  const st = readString(ctx.read, r, ['StorageType']);
  const iops = readNumber(ctx.read, r, ['Iops']);
  // RDS defaults to io1 when Iops is given, else gp2:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storagetype
  const storageType = st.known ? st.value : iops.known ? 'io1' : 'gp2';
  const share = hours / ctx.usage.hoursPerMonth;
  if (storageType === 'gp2' || storageType === 'gp3') {
    items.push({
      service: 'RDS',
      description: `${role}${storageType} storage ${gb} GB, ${azLabel}`,
      quantity: gb * share,
      priceKey: `rds.storage.gp.${az}`,
      what: `RDS ${storageType} storage ${azLabel}`,
      ...(az === 'single_az' ? { allowances: ['legacy.rds.storage'] } : {}),
      ...withAssumptions(storageAssumptions),
    });
    // gp3 includes 3,000 IOPS below 400 GB and 12,000 from 400 GB:
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage
    const baseline = gb >= 400 ? 12000 : 3000;
    if (storageType === 'gp3' && iops.known && iops.value > baseline)
      items.push({ service: 'RDS', description: `gp3 IOPS above ${baseline} (${iops.value})`, quantity: (iops.value - baseline) * share, priceKey: `rds.storage.gp3.iops.${az}`, what: `RDS gp3 IOPS ${azLabel}` });
  } else if (storageType === 'io1') {
    items.push({ service: 'RDS', description: `${role}io1 storage ${gb} GB, ${azLabel}`, quantity: gb * share, priceKey: `rds.storage.io1.${az}`, what: `RDS io1 storage ${azLabel}`, ...withAssumptions(storageAssumptions) });
    if (iops.known) items.push({ service: 'RDS', description: `io1 IOPS (${iops.value})`, quantity: iops.value * share, priceKey: `rds.storage.io1.iops.${az}`, what: `RDS io1 IOPS ${azLabel}` });
  } else {
    notPriced.push(`storage type ${storageType} has no price in the catalog`);
  }
  const backup = ctx.usage.values.backupGB;
  // Backup storage up to 100% of the provisioned storage is free; usage `backupGB` is the excess.
  if (backup !== undefined && backup > 0)
    items.push({ service: 'RDS', description: `backup storage beyond the free allowance, ${backup} GB`, quantity: backup, priceKey: 'rds.backup', what: 'RDS backup storage', allowances: ['legacy.rds.backup'] });
  const pub = readBoolean(ctx.read, r, ['PubliclyAccessible']);
  if (pub.known && pub.value) items.push(ipv4Item(1, hours, 'publicly accessible DB instance'));
  else if (!pub.known && pub.why === 'not set') {
    const why = publicByDefault(r, ctx);
    if (why) items.push(ipv4Item(1, hours, 'publicly accessible DB instance', [why]));
  }
  return { items, notPriced };
}

/**
 * With PubliclyAccessible unset, RDS makes an instance public when its VPC has an internet
 * gateway: always in the default VPC (no DBSubnetGroupName), else when the subnet group's VPC
 * has one attached in this scan. Returns the reason, or undefined when it stays private or
 * cannot be told (the DB-001 rule reports that case).
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
function publicByDefault(r: Resource, ctx: EstimateContext): string | undefined {
  const groupRaw = ctx.read(r, ['DBSubnetGroupName']);
  if (groupRaw === undefined) return 'PubliclyAccessible not set and no DBSubnetGroupName: AWS makes it public in the default VPC';
  const group = ctx.byId.get(refTarget(groupRaw) ?? '');
  if (group?.type !== 'AWS::RDS::DBSubnetGroup') return undefined;
  const vpcs = new Set<string>();
  (readArray(ctx.read, group, ['SubnetIds']) ?? []).forEach((_, i) => {
    const subnet = ctx.byId.get(refTarget(ctx.read(group, ['SubnetIds', i])) ?? '');
    const vpc = subnet ? refTarget(ctx.read(subnet, ['VpcId'])) : undefined;
    if (vpc) vpcs.add(vpc);
  });
  const hasIgw = (vpc: string): boolean =>
    ctx.resources.some((a) => a.type === 'AWS::EC2::VPCGatewayAttachment' && refTarget(ctx.read(a, ['VpcId'])) === vpc && ctx.read(a, ['InternetGatewayId']) !== undefined);
  const withIgw = [...vpcs].find(hasIgw);
  return withIgw ? `PubliclyAccessible not set and the subnet group's VPC ${withIgw} has an internet gateway: AWS makes it public` : undefined;
}

function clusterOf(r: Resource, ctx: EstimateContext): Resource | undefined {
  const id = refTarget(ctx.read(r, ['DBClusterIdentifier']));
  const c = id ? ctx.byId.get(id) : undefined;
  return c?.type === 'AWS::RDS::DBCluster' ? c : undefined;
}

function ioOptimized(cluster: Resource | undefined, ctx: EstimateContext): boolean {
  if (!cluster) return false;
  const st = readString(ctx.read, cluster, ['StorageType']);
  return st.known && st.value === 'aurora-iopt1';
}

/** Serverless v2 capacity: ACU-hours from usage `acu` (default MinCapacity), clamped to the scaling range. */
function acuItem(ctx: EstimateContext, cluster: Resource | undefined, label: string, extra: readonly string[]): UsageItem {
  const hours = hoursOf(ctx);
  const assumptions = [...extra];
  const min = cluster ? readNumber(ctx.read, cluster, ['ServerlessV2ScalingConfiguration', 'MinCapacity']) : undefined;
  const max = cluster ? readNumber(ctx.read, cluster, ['ServerlessV2ScalingConfiguration', 'MaxCapacity']) : undefined;
  const lo = min?.known ? min.value : 0.5;
  const hi = max?.known ? max.value : Number.POSITIVE_INFINITY;
  if (!min?.known) assumptions.push(`MinCapacity ${min ? min.why : 'unknown (cluster not in the scan)'}: assumed 0.5 ACU`);
  let acu = ctx.usage.values.acu;
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
    priceKey: io ? 'aurora.serverless_v2.acu.io_optimized' : 'aurora.serverless_v2.acu',
    what: 'Aurora Serverless v2 ACU-hours',
    ...withAssumptions(assumptions),
  };
}

// Engine values: aurora-postgresql, aurora-mysql, and the legacy `aurora` (MySQL 5.6-compatible):
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engine
const AURORA_EDITION: Readonly<Record<string, { key: string; label: string }>> = {
  'aurora-postgresql': { key: 'postgresql', label: 'Aurora PostgreSQL' },
  'aurora-mysql': { key: 'mysql', label: 'Aurora MySQL' },
  aurora: { key: 'mysql', label: 'Aurora MySQL' },
};

/** A provisioned Aurora instance bills its own instance-hours; the cluster bills storage and I/O once. */
function estimateAuroraInstance(r: Resource, ctx: EstimateContext, engine: string): EstimateResult {
  const cls = readString(ctx.read, r, ['DBInstanceClass']);
  const cluster = clusterOf(r, ctx);
  if (cls.known && cls.value === 'db.serverless') return { items: [acuItem(ctx, cluster, 'instance', [])] };
  if (!cls.known) return { items: [], notPriced: [`DB instance class unknown: ${cls.why}`] };
  const edition = AURORA_EDITION[engine];
  if (!edition) return { items: [], notPriced: [`Aurora engine ${engine} has no price in the catalog`] };
  const hours = hoursOf(ctx);
  // I/O-Optimized clusters have their own (higher) instance rates, under a separate key.
  const io = ioOptimized(cluster, ctx);
  return {
    items: [{
      service: 'RDS',
      description: `${cls.value} ${edition.label} provisioned instance${io ? ' (I/O-Optimized)' : ''}, ${hours} h`,
      quantity: hours,
      priceKey: `aurora.${edition.key}.${cls.value}${io ? '.io_optimized' : ''}`,
      what: `${edition.label} ${cls.value}${io ? ' I/O-Optimized' : ''} instance-hours`,
    }],
  };
}

export function estimateDbCluster(r: Resource, ctx: EstimateContext): EstimateResult {
  const engine = readString(ctx.read, r, ['Engine']);
  if (engine.known && !engine.value.startsWith('aurora')) {
    // Multi-AZ DB clusters (non-Aurora) are priced per member instance, not in the catalog.
    return { items: [], notPriced: [`no price for Multi-AZ DB cluster (${engine.value}) in the catalog`] };
  }
  const mode = readString(ctx.read, r, ['EngineMode']);
  if (mode.known && mode.value === 'serverless') return { items: [], notPriced: ['Aurora Serverless v1 (EngineMode serverless) is retired and not priced'] };
  const items: UsageItem[] = [];
  const io = ioOptimized(r, ctx);
  const gb = ctx.usage.get('storageGB', 10);
  items.push({ service: 'RDS', description: `Aurora storage ${gb} GB${io ? ' (I/O-Optimized)' : ''}`, quantity: gb, priceKey: io ? 'aurora.storage.io_optimized' : 'aurora.storage.standard', what: 'Aurora storage', ...withAssumptions(ctx.usage.take()) });
  if (!io) {
    const ios = ctx.usage.get('ioRequestsMillions', 1);
    items.push({ service: 'RDS', description: `Aurora I/O, ${ios} million requests`, quantity: ios, priceKey: 'aurora.io.standard', what: 'Aurora I/O requests', ...withAssumptions(ctx.usage.take()) });
  }
  const backup = ctx.usage.values.backupGB;
  if (backup !== undefined && backup > 0) items.push({ service: 'RDS', description: `Aurora backup beyond the free allowance, ${backup} GB`, quantity: backup, priceKey: 'aurora.backup', what: 'Aurora backup storage' });
  // Serverless v2 capacity is billed on db.serverless instances; price one writer here when none is in the scan.
  const hasScaling = ctx.read(r, ['ServerlessV2ScalingConfiguration']) !== undefined;
  const hasInstances = ctx.resources.some((o) => o.type === 'AWS::RDS::DBInstance' && refTarget(ctx.read(o, ['DBClusterIdentifier'])) === r.id);
  if (hasScaling && !hasInstances) items.push(acuItem(ctx, r, 'writer', ['no DB instance in the scan: one db.serverless writer assumed']));
  // Provisioned compute is billed on the member DB instances; without any, say so rather than show a cluster at storage cost only.
  if (!hasScaling && !hasInstances) return { items, notPriced: ['no DB instance of this cluster in the scan: instance-hours not priced'] };
  return { items };
}

const CACHE_FREE = new Set(['cache.t2.micro', 'cache.t3.micro']);

function cacheItems(ctx: EstimateContext, node: string, count: number, engine: string | undefined, what: string): EstimateResult {
  const hours = hoursOf(ctx);
  // Valkey nodes are ~20% cheaper than Redis OSS; the catalog only has Redis/Memcached node prices.
  if (engine === 'valkey') return { items: [], notPriced: [`no price for ElastiCache Valkey ${node} in ${ctx.region} (catalog has Redis/Memcached)`] };
  return {
    items: [{
      service: 'ElastiCache',
      description: `${node} × ${count} ${what}, ${hours} h`,
      quantity: count * hours,
      priceKey: `elasticache.node.${node}`,
      what: `ElastiCache ${node}`,
      ...(CACHE_FREE.has(node) ? { allowances: ['legacy.elasticache.micro'] } : {}),
    }],
  };
}

export function estimateCacheCluster(r: Resource, ctx: EstimateContext): EstimateResult {
  const node = readString(ctx.read, r, ['CacheNodeType']);
  if (!node.known) return { items: [], notPriced: [`cache node type unknown: ${node.why}`] };
  const n = readNumber(ctx.read, r, ['NumCacheNodes']);
  const engine = readString(ctx.read, r, ['Engine']);
  return cacheItems(ctx, node.value, n.known ? n.value : 1, engine.known ? engine.value.toLowerCase() : undefined, 'nodes');
}

export function estimateReplicationGroup(r: Resource, ctx: EstimateContext): EstimateResult {
  const node = readString(ctx.read, r, ['CacheNodeType']);
  if (!node.known) return { items: [], notPriced: [`cache node type unknown: ${node.why}`] };
  const clusters = readNumber(ctx.read, r, ['NumCacheClusters']);
  const groups = readNumber(ctx.read, r, ['NumNodeGroups']);
  const replicas = readNumber(ctx.read, r, ['ReplicasPerNodeGroup']);
  const count = clusters.known ? clusters.value : (groups.known ? groups.value : 1) * ((replicas.known ? replicas.value : 0) + 1);
  const engine = readString(ctx.read, r, ['Engine']);
  return cacheItems(ctx, node.value, count, engine.known ? engine.value.toLowerCase() : undefined, 'nodes (replication group)');
}
