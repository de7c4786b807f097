// RDS DB instances (PostgreSQL, MySQL, MariaDB) and Multi-AZ DB clusters; Aurora is in aurora.ts.
import type { Resource } from '../../model/resource.js';
import { thousands } from '../numbers.js';
import { readArray, readBoolean, readNumber, readString } from '../read.js';
import { estimateAuroraCluster, estimateAuroraInstance } from './aurora.js';
import { ipv4Item } from './ec2.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

/** CloudFormation engine names → price key and display name (the feeds carry these three open-source engines). */
const ENGINES: ReadonlyMap<string, { key: string; name: string }> = new Map([
  ['postgres', { key: 'postgres', name: 'PostgreSQL' }],
  ['postgresql', { key: 'postgres', name: 'PostgreSQL' }],
  ['mysql', { key: 'mysql', name: 'MySQL' }],
  ['mariadb', { key: 'mariadb', name: 'MariaDB' }],
]);

// The legacy 12-month free tier covers these classes in Single-AZ only:
// https://aws.amazon.com/rds/free/
const FREE_TIER_CLASSES: ReadonlySet<string> = new Set(['db.t2.micro', 'db.t3.micro', 'db.t4g.micro']);

type Deployment = 'single_az' | 'multi_az' | 'multi_az_cluster';
const DEPLOYMENT_LABEL: Readonly<Record<Deployment, string>> = { single_az: 'Single-AZ', multi_az: 'Multi-AZ', multi_az_cluster: 'Multi-AZ DB cluster' };

/** The DB instance a read replica copies, when it is in the same input. */
function sourceOf(r: Resource, ctx: EstimateContext): Resource | undefined {
  const src = ctx.ref(ctx.read(r, ['SourceDBInstanceIdentifier']));
  return src?.type === 'AWS::RDS::DBInstance' && src !== r ? src : undefined;
}

function engineOf(r: Resource, ctx: EstimateContext, depth = 0): string | undefined {
  const e = readString(ctx.read, r, ['Engine']);
  if (e.known) return e.value.toLowerCase();
  // A read replica runs its source's engine.
  const source = depth < 3 ? sourceOf(r, ctx) : undefined;
  return source ? engineOf(source, ctx, depth + 1) : undefined;
}

interface Storage {
  gb: number;
  type: string;
  iops?: number;
  throughput?: number;
  assumptions: string[];
}

/**
 * A DB instance's storage. A read replica without its own settings has its source's size and
 * type: RDS creates the replica with the source's allocated storage and storage type
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html). Without a type,
 * RDS uses io1 when Iops is given, else gp2:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storagetype
 */
function storageOf(r: Resource, ctx: EstimateContext, depth = 0): Storage {
  const source = depth < 3 ? sourceOf(r, ctx) : undefined;
  const inherited = source ? storageOf(source, ctx, depth + 1) : undefined;
  const assumptions: string[] = [];
  const alloc = readNumber(ctx.read, r, ['AllocatedStorage']);
  const st = readString(ctx.read, r, ['StorageType']);
  const iops = readNumber(ctx.read, r, ['Iops']);
  const tp = readNumber(ctx.read, r, ['StorageThroughput']);
  let gb: number;
  if (alloc.known) gb = alloc.value;
  else if (inherited) {
    gb = inherited.gb;
    assumptions.push(`${gb} GB, the source ${source?.id}'s storage`);
  } else {
    gb = 20;
    assumptions.push(`AllocatedStorage ${alloc.why}: assumed 20 GB`);
  }
  let type: string;
  if (st.known) type = st.value.toLowerCase();
  else if (iops.known) type = 'io1';
  else if (inherited) type = inherited.type;
  else type = 'gp2';
  const out: Storage = { gb, type, assumptions };
  if (iops.known) out.iops = iops.value;
  else if (inherited?.iops !== undefined && inherited.type === type) out.iops = inherited.iops;
  if (tp.known) out.throughput = tp.value;
  else if (inherited?.throughput !== undefined && inherited.type === type) out.throughput = inherited.throughput;
  return out;
}

/**
 * Storage lines for one deployment. gp3 includes 3,000 IOPS and 125 MiB/s below 400 GB and
 * 12,000 IOPS and 500 MiB/s from 400 GB (PostgreSQL, MySQL, MariaDB):
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage
 */
function storageItems(s: Storage, deployment: Deployment, share: number, role: string, allowances: readonly string[]): { items: UsageItem[]; notPriced: string[] } {
  const az = DEPLOYMENT_LABEL[deployment];
  const items: UsageItem[] = [];
  const known = ['gp2', 'gp3', 'io1', 'io2', 'standard'];
  if (!known.includes(s.type)) return { items, notPriced: [`storage type ${s.type} is not one the estimator knows`] };
  const kind = s.type === 'standard' ? 'magnetic' : s.type;
  items.push({
    service: 'RDS',
    description: `${role}${s.type} storage ${s.gb} GB, ${az}`,
    quantity: s.gb * share,
    priceKey: `rds.storage.${kind}.${deployment}`,
    what: `RDS ${s.type} storage ${az}`,
    ...(allowances.length ? { allowances } : {}),
    ...withAssumptions(s.assumptions),
  });
  if (s.type === 'gp3') {
    const large = s.gb >= 400;
    const [baseIops, baseTp] = large ? [12000, 500] : [3000, 125];
    if (s.iops !== undefined && s.iops > baseIops)
      items.push({
        service: 'RDS',
        description: `gp3 IOPS above ${thousands(baseIops)} (${s.iops})`,
        quantity: (s.iops - baseIops) * share,
        priceKey: `rds.storage.gp3.iops.${deployment}`,
        what: `RDS gp3 IOPS ${az}`,
      });
    if (s.throughput !== undefined && s.throughput > baseTp)
      items.push({
        service: 'RDS',
        description: `gp3 throughput above ${baseTp} MiB/s (${s.throughput})`,
        quantity: (s.throughput - baseTp) * share,
        priceKey: `rds.storage.gp3.throughput.${deployment}`,
        what: `RDS gp3 throughput ${az}`,
      });
  }
  if (s.type === 'io1' || s.type === 'io2') {
    if (s.iops !== undefined)
      items.push({
        service: 'RDS',
        description: `${s.type} provisioned IOPS (${s.iops})`,
        quantity: s.iops * share,
        priceKey: `rds.storage.${s.type}.iops.${deployment}`,
        what: `RDS ${s.type} IOPS ${az}`,
      });
    else return { items, notPriced: [`${s.type} storage without Iops: provisioned IOPS not priced`] };
  }
  return { items, notPriced: [] };
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
  const deployment: Deployment = multi.known && multi.value ? 'multi_az' : 'single_az';
  const role = sourceOf(r, ctx) || ctx.read(r, ['SourceDBInstanceIdentifier']) !== undefined ? 'read replica, ' : '';
  const spec = engine !== undefined ? ENGINES.get(engine) : undefined;
  if (!cls.known) notPriced.push(`DB instance class unknown: ${cls.why}`);
  else if (engine === undefined) notPriced.push('engine unknown (no Engine and no source instance in this input)');
  else if (!spec) notPriced.push(`RDS for ${engine} is not in the price feeds (they carry PostgreSQL, MySQL and MariaDB)`);
  else
    items.push({
      service: 'RDS',
      description: `${cls.value} ${spec.name} ${role}${DEPLOYMENT_LABEL[deployment]}, ${hours} h`,
      quantity: hours,
      priceKey: `rds.${spec.key}.${cls.value}.${deployment}`,
      what: `RDS ${spec.name} ${cls.value} ${DEPLOYMENT_LABEL[deployment]}`,
      ...(deployment === 'single_az' && FREE_TIER_CLASSES.has(cls.value) ? { allowances: ['legacy.rds.micro'] } : {}),
      ...withAssumptions(assumptions),
    });

  const storage = storageOf(r, ctx);
  const given = ctx.usage.peek('storageGB', storage.gb, 'AllocatedStorage');
  if (given !== undefined) storage.gb = given;
  const s = storageItems(storage, deployment, hours / ctx.usage.hoursPerMonth, role, deployment === 'single_az' ? ['legacy.rds.storage'] : []);
  items.push(...s.items);
  notPriced.push(...s.notPriced);
  // Backup storage up to 100% of the provisioned storage is free; usage `backupGB` is the excess.
  const backup = ctx.usage.peek('backupGB', 0);
  if (backup !== undefined && backup > 0)
    items.push({
      service: 'RDS',
      description: `backup storage beyond the free allowance, ${backup} GB`,
      quantity: backup,
      priceKey: 'rds.backup',
      what: 'RDS backup storage',
      allowances: ['legacy.rds.backup'],
    });
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
 * has one attached in this input. Returns the reason, or undefined when it stays private or
 * cannot be told (the DB-001 rule reports that case).
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
function publicByDefault(r: Resource, ctx: EstimateContext): string | undefined {
  const groupRaw = ctx.read(r, ['DBSubnetGroupName']);
  if (groupRaw === undefined) return 'PubliclyAccessible not set and no DBSubnetGroupName: AWS makes it public in the default VPC';
  const group = ctx.ref(groupRaw);
  if (group?.type !== 'AWS::RDS::DBSubnetGroup') return undefined;
  const vpcs = new Set<Resource>();
  (readArray(ctx.read, group, ['SubnetIds']) ?? []).forEach((_, i) => {
    const subnet = ctx.ref(ctx.read(group, ['SubnetIds', i]));
    const vpc = subnet ? ctx.ref(ctx.read(subnet, ['VpcId'])) : undefined;
    if (vpc) vpcs.add(vpc);
  });
  const hasIgw = (vpc: Resource): boolean => ctx.referrers(['AWS::EC2::VPCGatewayAttachment'], ['VpcId'], vpc).some((a) => ctx.read(a, ['InternetGatewayId']) !== undefined);
  const withIgw = [...vpcs].find(hasIgw);
  return withIgw ? `PubliclyAccessible not set and the subnet group's VPC ${withIgw.id} has an internet gateway: AWS makes it public` : undefined;
}

/**
 * A Multi-AZ DB cluster (Engine mysql or postgres: one writer and two readable standbys) is priced
 * for the whole cluster by its DBClusterInstanceClass, storage included at the cluster rates:
 * https://aws.amazon.com/rds/pricing/ (Multi-AZ deployments with two readable standbys).
 */
function estimateMultiAzCluster(r: Resource, ctx: EstimateContext, engine: string): EstimateResult {
  const spec = ENGINES.get(engine);
  if (!spec) return { items: [], notPriced: [`Multi-AZ DB cluster for ${engine} is not in the price feeds`] };
  const hours = hoursOf(ctx);
  const cls = readString(ctx.read, r, ['DBClusterInstanceClass']);
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  if (!cls.known) notPriced.push(`DBClusterInstanceClass unknown: ${cls.why}`);
  else
    items.push({
      service: 'RDS',
      description: `${cls.value} ${spec.name} Multi-AZ DB cluster (writer + 2 readable standbys), ${hours} h`,
      quantity: hours,
      priceKey: `rds.${spec.key}.${cls.value}.multi_az_cluster`,
      what: `RDS ${spec.name} ${cls.value} Multi-AZ DB cluster`,
    });
  const storage = storageOf(r, ctx);
  const given = ctx.usage.peek('storageGB', storage.gb, 'AllocatedStorage');
  if (given !== undefined) storage.gb = given;
  const s = storageItems(storage, 'multi_az_cluster', hours / ctx.usage.hoursPerMonth, '', []);
  return { items: [...items, ...s.items], notPriced: [...notPriced, ...s.notPriced] };
}

export function estimateDbCluster(r: Resource, ctx: EstimateContext): EstimateResult {
  const engine = readString(ctx.read, r, ['Engine']);
  if (!engine.known) return { items: [], notPriced: [`cluster engine unknown: ${engine.why}`] };
  const e = engine.value.toLowerCase();
  return e.startsWith('aurora') ? estimateAuroraCluster(r, ctx, e) : estimateMultiAzCluster(r, ctx, e);
}
