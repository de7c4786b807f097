import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { boolOf, stringOf } from '../lib/read.js';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';

type M = 'at-rest-absent' | 'at-rest-off' | 'transit-absent' | 'transit-off' | 'no-auth' | 'memcached-at-rest' | 'cache-cluster';

/** A flag with CloudFormation's default false: true, or reported off (absent or false); an Unknown is recorded. */
function flagOn(ctx: RuleContext<M>, r: Resource, key: 'AtRestEncryptionEnabled' | 'TransitEncryptionEnabled'): boolean | Unknown {
  const v = boolOf(ctx, r, [key]);
  if (v instanceof Unknown || v === true) return v;
  const at = key === 'AtRestEncryptionEnabled';
  ctx.report({ messageId: at ? (v === undefined ? 'at-rest-absent' : 'at-rest-off') : v === undefined ? 'transit-absent' : 'transit-off', path: ctx.propertyPath(r, key) });
  return false;
}

/**
 * TLS without AUTH or RBAC encrypts the channel but admits any client that reaches the port.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
 */
function checkAuth(ctx: RuleContext<M>, group: Resource): void {
  // A value known only at deployment is still a token or a list of user groups: presence decides.
  const present = (key: string): boolean => {
    const v = ctx.tolerate(() => ctx.get(group, [key]));
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  };
  if (present('AuthToken') || present('UserGroupIds')) return;
  // A live replication group states whether an AUTH token is on (the token itself is never returned).
  const tokenEnabled = ctx.tolerate(() => boolOf(ctx, group, ['AuthTokenEnabled']));
  if (tokenEnabled === true) return;
  if (tokenEnabled === false && ctx.tolerate(() => ctx.get(group, ['UserGroupIds'])) === undefined) {
    // It states its AUTH setting but not its user groups: RBAC cannot be seen.
    ctx.unknown('no AUTH token is enabled, and whether RBAC user groups (UserGroupIds) are attached was not read', ['Properties']);
    return;
  }
  ctx.report({ messageId: 'no-auth', path: ctx.propertyPath(group, 'TransitEncryptionEnabled') });
}

export const cacheEncryption = defineRule({
  meta: {
    id: 'DB-010',
    name: 'cache-encryption',
    title: 'ElastiCache encrypts at rest and in transit',
    area: 'database',
    severity: 'medium',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER],
    rationale:
      'Session data and cached query results are as sensitive as the database behind them. Encryption can only be chosen at creation, and in-transit encryption without AUTH or RBAC still lets any host that reaches the port in.',
    remediation:
      'Use a ReplicationGroup (or ElastiCache Serverless, always encrypted) with AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true and an AuthToken from Secrets Manager or UserGroupIds.',
    messages: {
      'at-rest-absent': 'AtRestEncryptionEnabled is not set (default false): cached data and snapshots are stored unencrypted',
      'at-rest-off': 'AtRestEncryptionEnabled is false: cached data and snapshots are stored unencrypted',
      'transit-absent': 'TransitEncryptionEnabled is not set (default false): traffic to the cache is unencrypted',
      'transit-off': 'TransitEncryptionEnabled is false: traffic to the cache is unencrypted',
      'no-auth': 'in-transit encryption is on but neither AuthToken nor UserGroupIds is set: any client that reaches the port connects unauthenticated',
      'memcached-at-rest': 'a node-based Memcached cache cannot encrypt at rest; use ElastiCache Serverless (always encrypted)',
      'cache-cluster':
        'a single {{engine}} CacheCluster can encrypt neither at rest nor in transit; use an AWS::ElastiCache::ReplicationGroup with AtRestEncryptionEnabled and TransitEncryptionEnabled',
    },
    seeds: ['002', '003'],
    equivalents: {
      checkov: ['CKV_AWS_29', 'CKV_AWS_30', 'CKV_AWS_31'],
      cfnNag: ['F25', 'F33'],
      awsConfig: ['elasticache-repl-grp-encrypted-at-rest', 'elasticache-repl-grp-encrypted-in-transit'],
      prowler: ['elasticache_redis_cluster_rest_encryption_enabled', 'elasticache_redis_cluster_in_transit_encryption_enabled'],
    },
  },
  check(cache, ctx) {
    if (cache.type === REPLICATION_GROUP) {
      flagOn(ctx, cache, 'AtRestEncryptionEnabled');
      if (flagOn(ctx, cache, 'TransitEncryptionEnabled') === true) checkAuth(ctx, cache);
      return;
    }
    // A node-based CacheCluster cannot encrypt at rest (Redis needs a replication group; Memcached only
    // ElastiCache Serverless), and TransitEncryptionEnabled applies to Memcached 1.6.12+ only.
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-cachecluster.html#cfn-elasticache-cachecluster-transitencryptionenabled
    const engine = stringOf(ctx, cache, ['Engine']);
    if (engine instanceof Unknown) return;
    if (engine === undefined) {
      ctx.unknown('the cache engine is not set', ['Properties']);
      return;
    }
    const path = ctx.propertyPath(cache, 'Engine');
    if (engine.toLowerCase() === 'memcached') {
      ctx.report({ messageId: 'memcached-at-rest', path });
      flagOn(ctx, cache, 'TransitEncryptionEnabled');
      return;
    }
    if (boolOf(ctx, cache, ['AtRestEncryptionEnabled']) !== true) {
      ctx.report({ messageId: 'cache-cluster', data: { engine: engine.toLowerCase() }, path });
      return;
    }
    flagOn(ctx, cache, 'TransitEncryptionEnabled');
  },
});
