// ElastiCache node-based clusters: every node bills its node-hours at its engine's rate (Valkey
// nodes are cheaper than Redis OSS and Memcached): https://aws.amazon.com/elasticache/pricing/
import type { Resource } from '../../model/resource.js';
import { readNumber, readString } from '../read.js';
import { hoursOf, type EstimateContext, type EstimateResult } from './types.js';

const ENGINES: ReadonlyMap<string, string> = new Map([
  ['redis', 'Redis OSS'],
  ['valkey', 'Valkey'],
  ['memcached', 'Memcached'],
]);
const CACHE_FREE: ReadonlySet<string> = new Set(['cache.t2.micro', 'cache.t3.micro']);

function cacheItems(ctx: EstimateContext, node: string, count: number, engine: string, what: string, assumptions: readonly string[]): EstimateResult {
  const name = ENGINES.get(engine);
  if (!name) return { items: [], notPriced: [`ElastiCache engine ${engine} is not in the price feeds`] };
  const hours = hoursOf(ctx);
  return {
    items: [
      {
        service: 'ElastiCache',
        description: `${node} ${name} × ${count} ${what}, ${hours} h`,
        quantity: count * hours,
        priceKey: `elasticache.${engine}.${node}`,
        what: `ElastiCache ${name} ${node}`,
        count,
        ...(CACHE_FREE.has(node) ? { allowances: ['legacy.elasticache.micro'] } : {}),
        ...(assumptions.length ? { assumptions } : {}),
      },
    ],
  };
}

/** Engine of a cache resource; replication groups default to Redis OSS (CloudFormation's default). */
function engineOf(r: Resource, ctx: EstimateContext, fallback: string | undefined, assumptions: string[]): string | undefined {
  const e = readString(ctx.read, r, ['Engine']);
  if (e.known) return e.value.toLowerCase();
  if (fallback && e.why === 'not set') return fallback;
  if (fallback) assumptions.push(`Engine ${e.why}: assumed ${fallback}`);
  return fallback;
}

export function estimateCacheCluster(r: Resource, ctx: EstimateContext): EstimateResult {
  const node = readString(ctx.read, r, ['CacheNodeType']);
  if (!node.known) return { items: [], notPriced: [`cache node type unknown: ${node.why}`] };
  const n = readNumber(ctx.read, r, ['NumCacheNodes']);
  const assumptions: string[] = [];
  const engine = engineOf(r, ctx, undefined, assumptions);
  if (!engine) return { items: [], notPriced: ['cache engine unknown'] };
  return cacheItems(ctx, node.value, n.known ? n.value : 1, engine, 'nodes', assumptions);
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html
export function estimateReplicationGroup(r: Resource, ctx: EstimateContext): EstimateResult {
  const node = readString(ctx.read, r, ['CacheNodeType']);
  if (!node.known) return { items: [], notPriced: [`cache node type unknown: ${node.why}`] };
  const clusters = readNumber(ctx.read, r, ['NumCacheClusters']);
  const groups = readNumber(ctx.read, r, ['NumNodeGroups']);
  const replicas = readNumber(ctx.read, r, ['ReplicasPerNodeGroup']);
  const count = clusters.known ? clusters.value : (groups.known ? groups.value : 1) * ((replicas.known ? replicas.value : 0) + 1);
  const assumptions: string[] = [];
  const engine = engineOf(r, ctx, 'redis', assumptions) as string;
  return cacheItems(ctx, node.value, count, engine, 'nodes (replication group)', assumptions);
}
