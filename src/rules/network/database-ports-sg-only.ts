import type { InventoryIndex } from '../../model/inventory.js';
import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asNumber } from '../../model/values.js';
import { covers, describePorts, describeSource, opensAllPorts, rulesToCheck, sourceOf, sourcePath, tcpPortsOf, whenText } from './sg-rule.js';

export const DATABASE_TYPES = ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'] as const;

const portsCache = new WeakMap<InventoryIndex, number[]>();

/** The configured database ports plus the port of every database the input defines (once per evaluation). */
function databasePorts(ctx: RuleContext): number[] {
  const cached = portsCache.get(ctx.index);
  if (cached) return cached;
  const ports = new Set(ctx.config.databasePorts);
  for (const type of DATABASE_TYPES) {
    for (const db of ctx.index.ofType(type)) {
      for (const p of ctx.values(db, ['Port'])) {
        const n = asNumber(p.value);
        if (n !== undefined) ports.add(n);
      }
    }
  }
  const sorted = [...ports].sort((a, b) => a - b);
  portsCache.set(ctx.index, sorted);
  return sorted;
}

function guardsDatabase(ctx: RuleContext, group: Resource): boolean {
  return ctx.index.usersOfSecurityGroup(group).some((u) => (DATABASE_TYPES as readonly string[]).includes(u.type));
}

export const databasePortsSgOnly: Rule = {
  meta: {
    id: 'NET-004',
    name: 'database-ports-sg-only',
    title: 'Database and cache ports accept ingress only from security groups, never from a CIDR',
    area: 'network',
    severity: 'high',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: '000 and 003 allow PostgreSQL only from the application\'s security group: an address range admits every host that ever holds an address in it.',
    remediation: 'Replace the CIDR source with the application tier\'s security group (SourceSecurityGroupId).',
    seeds: ['000', '003'],
    equivalents: { cfnNag: ['W9', 'W2'], awsConfig: ['restricted-common-ports'], prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432'] },
  },
  check(resource, ctx) {
    const dbPorts = databasePorts(ctx);
    const isDbGroup = resource.type === 'AWS::EC2::SecurityGroup' && guardsDatabase(ctx, resource);
    for (const r of rulesToCheck(ctx, resource) ?? []) {
      if (r.direction !== 'ingress') continue;
      const source = sourceOf(r);
      if (source.kind !== 'cidr' && source.kind !== 'unknown') continue;
      const ports = tcpPortsOf(r.rule);
      // An all-ports rule on a group that guards no database is NET-003's business, not a database exposure.
      if (!isDbGroup && (opensAllPorts(ports) || ports instanceof Unknown)) continue;
      const hits = dbPorts.filter((p) => covers(ports, p) === true);
      if (hits.length === 0) continue;
      const where = { path: sourcePath(r, source), resource: r.owner };
      if (source.kind === 'unknown') {
        ctx.notEvaluated(resource, `database port(s) ${hits.join(', ')}: the source is unknown: ${source.reason}`, where);
        continue;
      }
      ctx.fail(resource, `database port${hits.length > 1 ? 's' : ''} ${hits.join(', ')} (${describePorts(ports)}) accept ingress from a CIDR (${describeSource(source)}) instead of a security group${whenText(r.when)}`, where);
    }
  },
};

export { guardsDatabase };
