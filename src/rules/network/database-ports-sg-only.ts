import type { InventoryIndex } from '../../model/inventory.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, asNumber } from '../../model/values.js';
import { outsideRuns } from '../../model/scenario.js';
import { DATABASE_TYPES, guardsDatabase } from '../lib/database-groups.js';
import { covers, describePorts, describeSource, opensAllPorts, portsOf, rulesToCheck, sourceOf, sourcePath } from './sg-rule.js';

const portsCache = new WeakMap<InventoryIndex, number[]>();

/** The configured database ports plus the port of every database the input defines (once per input, any scenario). */
function databasePorts(ctx: RuleContext): number[] {
  const cached = portsCache.get(ctx.index);
  if (cached) return cached;
  const ports = new Set(ctx.config.databasePorts);
  outsideRuns(() => {
    for (const type of DATABASE_TYPES) {
      for (const db of ctx.index.ofType(type)) {
        const n = asNumber(ctx.get(db, ['Port']));
        if (n !== undefined) ports.add(n);
      }
    }
  });
  const sorted = [...ports].sort((a, b) => a - b);
  portsCache.set(ctx.index, sorted);
  return sorted;
}

export const databasePortsSgOnly = defineRule({
  meta: {
    id: 'NET-004',
    name: 'database-ports-sg-only',
    title: 'Database and cache ports accept ingress only from security groups, never from a CIDR',
    area: 'network',
    severity: 'high',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: "An address range admits every host that ever holds an address in it; the application tier's security group admits exactly the application.",
    remediation: "Replace the CIDR source with the application tier's security group (SourceSecurityGroupId).",
    messages: {
      cidr: 'database port{{plural}} {{ports}} ({{range}}) accept ingress from a CIDR ({{source}}) instead of a security group',
    },
    seeds: ['000', '003'],
    equivalents: { cfnNag: ['W9', 'W2'], awsConfig: ['restricted-common-ports'], prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432'] },
  },
  check(resource, ctx) {
    const dbPorts = databasePorts(ctx);
    let isDbGroup: boolean | Unknown | undefined;
    for (const r of rulesToCheck(ctx, resource)) {
      if (r.direction !== 'ingress') continue;
      // Any CIDR fails, whatever its value: an unknown CIDR cannot change the verdict.
      const source = ctx.tolerate(() => sourceOf(ctx, r));
      if (source.kind !== 'cidr' && source.kind !== 'unknown-cidr') continue;
      const ports = portsOf(ctx, r);
      if (ports instanceof Unknown) continue;
      // An all-ports rule on a group that guards no database is NET-003's business, not a database exposure.
      isDbGroup ??= resource.type === 'AWS::EC2::SecurityGroup' ? ctx.tolerate(() => guardsDatabase(ctx, resource)) : false;
      if (isDbGroup !== true && opensAllPorts(ports)) {
        if (isDbGroup instanceof Unknown) ctx.unknown(`whether a database uses this group is not known: ${isDbGroup.reason}`);
        continue;
      }
      const hits = dbPorts.filter((p) => covers(ports, p));
      if (hits.length === 0) continue;
      ctx.report({
        messageId: 'cidr',
        data: { plural: hits.length > 1 ? 's' : '', ports: hits.join(', '), range: describePorts(ports), source: describeSource(source) },
        path: sourcePath(r, source),
        resource: r.owner,
      });
    }
  },
});
