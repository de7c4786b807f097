import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { boolOf } from '../lib/read.js';
import { DB_CLUSTER, DB_INSTANCE, isMultiAzDbCluster, isSet, recorded, subnetGroupOf } from './db-common.js';

/**
 * The VPC of a DB subnet group and whether it has an internet gateway attached. A live subnet
 * group states its VpcId; a template one is known by its subnets. Unknowns are recorded.
 */
function vpcOfGroupHasIgw(ctx: RuleContext, db: Resource, groupRef: unknown): { igw: boolean; vpc: string } | Unknown {
  const group = ctx.index.lookup(db, groupRef);
  const groupVpc = group ? ctx.get(group, ['VpcId']) : undefined;
  if (groupVpc instanceof Unknown) return groupVpc;
  const vpcs: unknown[] = [];
  if (groupVpc !== undefined) vpcs.push(groupVpc);
  else {
    const subnets = recorded(ctx, ctx.index.subnetsOfGroup(db, groupRef), ctx.propertyPath(db, 'DBSubnetGroupName'));
    if (subnets instanceof Unknown) return subnets;
    if (subnets.length === 0) return ctx.unknown(`subnet group ${describeRef(groupRef)} lists no subnets`);
    for (const s of subnets) {
      if (s instanceof Unknown) return recorded(ctx, s);
      const subnet = ctx.index.lookup(db, s);
      if (!subnet) return ctx.index.incomplete('AWS::EC2::Subnet', db) ?? ctx.unknown(`subnet ${describeRef(s)} is not in the scan`);
      const vpc = ctx.get(subnet, ['VpcId']);
      if (vpc instanceof Unknown) return vpc;
      if (vpc === undefined) return ctx.unknown(`the VPC of subnet ${subnet.id} is not known`);
      vpcs.push(vpc);
    }
  }
  let unknown: Unknown | undefined;
  for (const vpc of vpcs) {
    const has = ctx.index.vpcHasInternetGateway(db, vpc);
    if (has === true) return { igw: true, vpc: describeRef(vpc) };
    if (has instanceof Unknown) unknown ??= has;
  }
  return unknown ? recorded(ctx, unknown) : { igw: false, vpc: describeRef(vpcs[0]) };
}

/**
 * With PubliclyAccessible unset, RDS decides from the network: public when the DB subnet group's
 * VPC (or, without a subnet group, the default VPC) has an internet gateway attached.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (PubliclyAccessible)
 */
export const notPubliclyAccessible = defineRule({
  meta: {
    id: 'DB-001',
    name: 'not-publicly-accessible',
    title: 'Databases are not publicly accessible',
    area: 'database',
    severity: 'critical',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'A publicly accessible database gets a public DNS name and address: one security-group mistake away from the internet. When PubliclyAccessible is unset AWS makes the database public if its VPC has an internet gateway, which the default VPC always does.',
    remediation: 'Set PubliclyAccessible: false explicitly and place the database in a DB subnet group of private subnets.',
    messages: {
      public: 'PubliclyAccessible is true: the database has a public endpoint',
      'default-vpc':
        'PubliclyAccessible is not set and there is no DBSubnetGroupName, so RDS places the database in the default VPC, which has an internet gateway (unless it was removed): AWS makes it publicly accessible',
      igw: 'PubliclyAccessible is not set and the VPC of subnet group {{group}} ({{vpc}}) has an internet gateway attached, so AWS makes the database publicly accessible',
    },
    seeds: ['000', '002', '003', '004'],
    equivalents: { checkov: ['CKV_AWS_17'], cfnNag: ['F22'], cdkNag: ['RDS2'], awsConfig: ['rds-instance-public-access-check'], prowler: ['rds_instance_no_public_access'] },
  },
  check(db, ctx) {
    // Aurora clusters have no PubliclyAccessible of their own: each instance is judged. Multi-AZ DB clusters have it.
    if (db.type === DB_CLUSTER && !isMultiAzDbCluster(ctx, db) && !isSet(ctx, db, 'PubliclyAccessible')) return;
    const publicly = boolOf(ctx, db, ['PubliclyAccessible']);
    if (publicly instanceof Unknown || publicly === false) return;
    if (publicly === true) {
      ctx.report({ messageId: 'public', path: ctx.propertyPath(db, 'PubliclyAccessible') });
      return;
    }
    // Absent: AWS decides by the network, read in the same scenario as the flag.
    const group = subnetGroupOf(ctx, db);
    if (group instanceof Unknown) return;
    if (group === undefined) {
      ctx.report({ messageId: 'default-vpc', path: ['Properties'] });
      return;
    }
    const verdict = vpcOfGroupHasIgw(ctx, db, group);
    if (!(verdict instanceof Unknown) && verdict.igw)
      ctx.report({ messageId: 'igw', data: { group: describeRef(group), vpc: verdict.vpc }, path: ctx.propertyPath(db, 'DBSubnetGroupName') });
  },
});
