// Which security groups guard a database, for rules of any area (NET-004, NET-006). A live
// audit that could not list a database type cannot say a group guards none: the answer is then
// an Unknown (recorded), so a rule that needed "guards no database" ends not-evaluated.

import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import type { Unknown } from '../../model/values.js';

/** Resource types that are databases or caches behind a security group. */
export const DATABASE_TYPES: readonly string[] = [
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
];

/**
 * Whether a database of the input (in the current scenario) uses the group: true; false when
 * the input shows every database; an Unknown (recorded) when none was found but a list of
 * databases could not be read whole (rds:DescribeDBInstances denied, RDS not collected…).
 */
export function guardsDatabase(ctx: RuleContext, group: Resource): boolean | Unknown {
  if (ctx.index.usersOfSecurityGroup(group).some((u) => DATABASE_TYPES.includes(u.type))) return true;
  for (const type of DATABASE_TYPES) {
    const why = ctx.index.incomplete(type, group);
    if (why) return why;
  }
  return false;
}
