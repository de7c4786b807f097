import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, asString, type Assumptions } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { propPath, whenText } from './db-common.js';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';

/** Each possible value of a boolean flag: true, false (absent = CloudFormation's default false), or Unknown. */
function flag(ctx: RuleContext, r: Resource, key: string): { value: boolean | Unknown; absent: boolean; when: Assumptions }[] {
  return ctx.values(r, [key]).map((p) => {
    if (p.value === undefined) return { value: r.origin.kind === 'account' ? new Unknown(`${key} was not read`) : false, absent: true, when: p.when };
    if (p.value instanceof Unknown) return { value: p.value, absent: false, when: p.when };
    const b = asBoolean(p.value);
    return { value: b ?? new Unknown(`${key} ${describeRef(p.value)} is known only at deployment`), absent: false, when: p.when };
  });
}

function checkFlag(ctx: RuleContext, r: Resource, key: string, what: string): boolean {
  let on = true;
  for (const f of flag(ctx, r, key)) {
    const path = propPath(ctx, r, key);
    if (f.value instanceof Unknown) ctx.notEvaluated(r, `${key} is not known: ${f.value.reason}${whenText(f.when)}`, { path });
    else if (!f.value) {
      on = false;
      ctx.fail(r, `${f.absent ? `${key} is not set (default false)` : `${key} is false`}: ${what}${whenText(f.when)}`, { path });
    }
  }
  return on;
}

function engineOf(ctx: RuleContext, r: Resource): string | undefined {
  return ctx.values(r, ['Engine']).map((p) => asString(p.value)?.toLowerCase()).find((e) => e !== undefined);
}

export const cacheEncryption: Rule = {
  meta: {
    id: 'DB-010',
    name: 'cache-encryption',
    title: 'ElastiCache encrypts at rest and in transit',
    area: 'database',
    severity: 'medium',
    resourceTypes: [REPLICATION_GROUP, CACHE_CLUSTER],
    rationale:
      'Session data and cached query results are as sensitive as the database behind them (002, 003 cache sessions in Redis). Encryption can only be chosen at creation, and in-transit encryption without AUTH or RBAC still lets any host that reaches the port in.',
    remediation:
      'Use a ReplicationGroup (or ElastiCache Serverless, always encrypted) with AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true and an AuthToken from Secrets Manager or UserGroupIds.',
    seeds: ['002', '003'],
    equivalents: { checkov: ['CKV_AWS_29', 'CKV_AWS_30', 'CKV_AWS_31'], cfnNag: ['F25', 'F33'], awsConfig: ['elasticache-repl-grp-encrypted-at-rest', 'elasticache-repl-grp-encrypted-in-transit'], prowler: ['elasticache_redis_cluster_rest_encryption_enabled', 'elasticache_redis_cluster_in_transit_encryption_enabled'] },
  },
  check(resource, ctx) {
    if (resource.type === CACHE_CLUSTER && resource.origin.kind === 'template') {
      // A node-based CacheCluster cannot encrypt at rest (Redis needs a replication group; Memcached only
      // ElastiCache Serverless), and TransitEncryptionEnabled applies to Memcached 1.6.12+ only.
      // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-cachecluster.html#cfn-elasticache-cachecluster-transitencryptionenabled
      const engine = engineOf(ctx, resource);
      if (engine === 'memcached') {
        ctx.fail(resource, 'a node-based Memcached cache cannot encrypt at rest; use ElastiCache Serverless (always encrypted)', { path: propPath(ctx, resource, 'Engine') });
        checkFlag(ctx, resource, 'TransitEncryptionEnabled', 'traffic to the cache is unencrypted');
      } else if (engine === undefined) {
        ctx.notEvaluated(resource, 'the cache engine is not known', { path: propPath(ctx, resource, 'Engine') });
      } else {
        ctx.fail(resource, `a single ${engine} CacheCluster can encrypt neither at rest nor in transit; use an AWS::ElastiCache::ReplicationGroup with AtRestEncryptionEnabled and TransitEncryptionEnabled`, {
          path: propPath(ctx, resource, 'Engine'),
        });
      }
      return;
    }
    if (resource.type === REPLICATION_GROUP || resource.origin.kind === 'account') {
      if (resource.type === REPLICATION_GROUP || engineOf(ctx, resource) !== 'memcached') checkFlag(ctx, resource, 'AtRestEncryptionEnabled', 'cached data and snapshots are stored unencrypted');
      else ctx.fail(resource, 'a node-based Memcached cache cannot encrypt at rest; use ElastiCache Serverless (always encrypted)', { path: ['Properties'] });
    }
    const transit = checkFlag(ctx, resource, 'TransitEncryptionEnabled', 'traffic to the cache is unencrypted');
    if (!transit || resource.type !== REPLICATION_GROUP) return;
    // TLS without AUTH or RBAC encrypts the channel but admits any client that reaches the port.
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
    if (resource.origin.kind === 'account') {
      const auth = asBoolean(ctx.values(resource, ['AuthTokenEnabled'])[0]?.value);
      if (auth !== true) ctx.notEvaluated(resource, 'no AUTH token is enabled, and whether RBAC user groups are attached was not read', { path: ['Properties'] });
      return;
    }
    const hasAuth = (key: string) => ctx.values(resource, [key]).every((p) => p.value !== undefined && !(Array.isArray(p.value) && p.value.length === 0));
    if (!hasAuth('AuthToken') && !hasAuth('UserGroupIds')) {
      ctx.fail(resource, 'in-transit encryption is on but neither AuthToken nor UserGroupIds is set: any client that reaches the port connects unauthenticated', { path: propPath(ctx, resource, 'TransitEncryptionEnabled') });
    }
  },
};
