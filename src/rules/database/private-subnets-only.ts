import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isSet, recorded } from './db-common.js';

export const privateSubnetsOnly = defineRule({
  meta: {
    id: 'DB-002',
    name: 'private-subnets-only',
    title: 'Databases live only in private subnets',
    area: 'database',
    severity: 'high',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'A subnet whose route table sends 0.0.0.0/0 (or ::/0) to an internet gateway is public: a database there is one PubliclyAccessible flag or one failover away from an internet-routable address. Private subnets reach out through a NAT gateway.',
    remediation: 'Use a DB subnet group whose subnets route 0.0.0.0/0 only to a NAT gateway (or nowhere); never the default VPC.',
    messages: {
      'default-vpc': 'no DBSubnetGroupName: the database goes into the default VPC, whose default subnets are public (0.0.0.0/0 → internet gateway)',
      'public-subnets': 'DB subnet group {{group}} includes public subnet{{plural}} {{subnets}} (route 0.0.0.0/0 or ::/0 to an internet gateway)',
    },
    seeds: ['000', '002', '003', '004'],
    equivalents: { cdkNag: ['RDS2'], prowler: ['rds_instance_inside_vpc'], awsConfig: ['rds-instance-public-access-check'] },
  },
  check(db, ctx) {
    // An Aurora instance shares its cluster's subnet group: the cluster is judged once.
    if (isClusterMember(ctx, db) && !isSet(ctx, db, 'DBSubnetGroupName')) return;
    const path = ctx.propertyPath(db, 'DBSubnetGroupName');
    const group = ctx.get(db, ['DBSubnetGroupName']);
    if (group instanceof Unknown) return;
    if (group === undefined) {
      // Without a DB subnet group RDS uses the default VPC, whose default subnets all route to its internet gateway.
      // https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
      ctx.report({ messageId: 'default-vpc', path });
      return;
    }
    const subnets = recorded(ctx, ctx.index.subnetsOfGroup(db, group), path);
    if (subnets instanceof Unknown) return;
    if (subnets.length === 0) {
      ctx.unknown(`DB subnet group ${describeRef(group)} lists no subnets`, path);
      return;
    }
    // Every subnet is asked: one public subnet fails whatever the others are; an unknown route
    // (a destination or route table known only at deployment) leaves "private" undecided.
    const publicOnes: string[] = [];
    let unknown: Unknown | undefined;
    for (const s of subnets) {
      const reach = ctx.index.subnetReachability(db, s);
      if (reach === 'public') publicOnes.push(describeRef(s));
      else if (reach instanceof Unknown) unknown ??= reach;
    }
    if (publicOnes.length > 0)
      ctx.report({ messageId: 'public-subnets', data: { group: describeRef(group), plural: publicOnes.length > 1 ? 's' : '', subnets: publicOnes.join(', ') }, path });
    else if (unknown) recorded(ctx, unknown, path);
  },
});
