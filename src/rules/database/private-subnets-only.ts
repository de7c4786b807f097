import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, propPath, subnetGroupOf, whenText } from './db-common.js';

export const privateSubnetsOnly: Rule = {
  meta: {
    id: 'DB-002',
    name: 'private-subnets-only',
    title: 'Databases live only in private subnets',
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'A subnet whose route table sends 0.0.0.0/0 (or ::/0) to an internet gateway is public: a database there is one PubliclyAccessible flag or one failover away from an internet-routable address. The seeds put RDS in private subnets with NAT for egress (000, 002, 003, 004).',
    remediation: 'Use a DB subnet group whose subnets route 0.0.0.0/0 only to a NAT gateway (or nowhere); never the default VPC.',
    seeds: ['000', '002', '003', '004'],
    equivalents: { cdkNag: ['RDS2'], prowler: ['rds_instance_inside_vpc'], awsConfig: ['rds-instance-public-access-check'] },
  },
  check(resource, ctx) {
    // An Aurora instance shares its cluster's subnet group: the cluster is judged once.
    if (isClusterMember(ctx, resource) && !ctx.values(resource, ['DBSubnetGroupName']).some((p) => p.value !== undefined)) return;
    for (const g of subnetGroupOf(ctx, resource)) {
      const cond = whenText(g.when);
      const path = propPath(ctx, resource, 'DBSubnetGroupName');
      if (g.value === undefined) {
        if (resource.origin.kind === 'account') {
          ctx.notEvaluated(resource, 'the DB subnet group was not read', { path });
          continue;
        }
        // Without a DB subnet group RDS uses the default VPC, whose default subnets all route to its internet gateway.
        // https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
        ctx.fail(resource, `no DBSubnetGroupName: the database goes into the default VPC, whose default subnets are public (0.0.0.0/0 → internet gateway)${cond}`, { path });
        continue;
      }
      const subnets = ctx.index.subnetsOfGroup(resource, g.value);
      if (subnets instanceof Unknown) {
        ctx.notEvaluated(resource, `the subnets of DB subnet group ${describeRef(g.value)} cannot be seen: ${subnets.reason}${cond}`, { path });
        continue;
      }
      const publicOnes: string[] = [];
      const unknown: string[] = [];
      for (const s of subnets) {
        const reach = ctx.index.subnetReachability(resource, s);
        if (reach === 'public') publicOnes.push(describeRef(s));
        else if (reach instanceof Unknown) unknown.push(reach.reason);
      }
      if (publicOnes.length > 0) {
        ctx.fail(resource, `DB subnet group ${describeRef(g.value)} includes public subnet${publicOnes.length > 1 ? 's' : ''} ${publicOnes.join(', ')} (route 0.0.0.0/0 or ::/0 to an internet gateway)${cond}`, { path });
      } else if (unknown.length > 0) {
        ctx.notEvaluated(resource, `whether DB subnet group ${describeRef(g.value)} is private cannot be decided: ${unknown[0]}${cond}`, { path });
      } else if (subnets.length === 0) {
        ctx.notEvaluated(resource, `DB subnet group ${describeRef(g.value)} lists no subnets that can be read${cond}`, { path });
      }
    }
  },
};
