import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, type Assumptions } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { DB_CLUSTER, DB_INSTANCE, isMultiAzDbCluster, propPath, subnetGroupOf, whenText } from './db-common.js';

/**
 * With PubliclyAccessible unset, RDS decides from the network: public when the DB subnet group's
 * VPC (or, without a subnet group, the default VPC) has an internet gateway attached.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (PubliclyAccessible)
 */
function defaultPublicness(ctx: RuleContext, db: Resource, when: Assumptions): void {
  for (const g of subnetGroupOf(ctx, db)) {
    const cond = whenText({ ...when, ...g.when });
    if (g.value === undefined) {
      ctx.fail(
        db,
        `PubliclyAccessible is not set and there is no DBSubnetGroupName, so RDS places the database in the default VPC, which has an internet gateway (unless it was removed): AWS makes it publicly accessible${cond}`,
        { path: ['Properties'] },
      );
      continue;
    }
    const verdict = vpcOfGroupHasIgw(ctx, db, g.value);
    if (verdict instanceof Unknown) {
      ctx.notEvaluated(db, `PubliclyAccessible is not set, so AWS decides by whether the subnet group's VPC has an internet gateway, which cannot be seen: ${verdict.reason}${cond}`, { path: propPath(ctx, db, 'DBSubnetGroupName') });
    } else if (verdict.igw) {
      ctx.fail(db, `PubliclyAccessible is not set and the VPC of subnet group ${describeRef(g.value)} (${verdict.vpc}) has an internet gateway attached, so AWS makes the database publicly accessible${cond}`, {
        path: propPath(ctx, db, 'DBSubnetGroupName'),
      });
    }
  }
}

function vpcOfGroupHasIgw(ctx: RuleContext, db: Resource, groupRef: unknown): { igw: boolean; vpc: string } | Unknown {
  const group = ctx.index.lookup(db, groupRef);
  // An account subnet group carries its VpcId; a template one is known by its subnets.
  const groupVpc = group ? ctx.values(group, ['VpcId']).map((p) => p.value).find((v) => v !== undefined) : undefined;
  const vpcs: unknown[] = [];
  if (groupVpc !== undefined) vpcs.push(groupVpc);
  else {
    const subnets = ctx.index.subnetsOfGroup(db, groupRef);
    if (subnets instanceof Unknown) return subnets;
    if (subnets.length === 0) return new Unknown(`subnet group ${describeRef(groupRef)} lists no subnets`);
    for (const s of subnets) {
      const subnet = ctx.index.lookup(db, s);
      if (!subnet) return new Unknown(`subnet ${describeRef(s)} is not in the scan`);
      const vpc = ctx.values(subnet, ['VpcId']).map((p) => p.value).find((v) => v !== undefined);
      if (vpc === undefined) return new Unknown(`the VPC of subnet ${subnet.id} is not known`);
      vpcs.push(vpc);
    }
  }
  let unknown: Unknown | undefined;
  for (const vpc of vpcs) {
    const has = ctx.index.vpcHasInternetGateway(db, vpc);
    if (has === true) return { igw: true, vpc: describeRef(vpc) };
    if (has instanceof Unknown) unknown ??= has;
  }
  return unknown ?? { igw: false, vpc: describeRef(vpcs[0]) };
}

export const notPubliclyAccessible: Rule = {
  meta: {
    id: 'DB-001',
    name: 'not-publicly-accessible',
    title: 'Databases are not publicly accessible',
    area: 'database',
    severity: 'critical',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    rationale:
      'A publicly accessible database gets a public DNS name and address; one security-group mistake away from the internet. Every seed keeps the database private (000, 002, 003, 004). When PubliclyAccessible is unset AWS makes the database public if its VPC has an internet gateway, which the default VPC always does.',
    remediation: 'Set PubliclyAccessible: false explicitly and place the database in a DB subnet group of private subnets.',
    seeds: ['000', '002', '003', '004'],
    equivalents: { checkov: ['CKV_AWS_17'], cfnNag: ['F22'], cdkNag: ['RDS2'], awsConfig: ['rds-instance-public-access-check'], prowler: ['rds_instance_no_public_access'] },
  },
  check(resource, ctx) {
    // Aurora clusters have no PubliclyAccessible: each instance is judged. Multi-AZ DB clusters have it.
    if (resource.type === DB_CLUSTER && !isMultiAzDbCluster(ctx, resource) && !ctx.values(resource, ['PubliclyAccessible']).some((p) => p.value !== undefined)) return;
    for (const p of ctx.values(resource, ['PubliclyAccessible'])) {
      if (p.value === undefined) {
        if (resource.origin.kind === 'account') ctx.notEvaluated(resource, 'PubliclyAccessible was not read', { path: ['Properties'] });
        else defaultPublicness(ctx, resource, p.when);
        continue;
      }
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(resource, `PubliclyAccessible is not known: ${p.value.reason}`, { path: propPath(ctx, resource, 'PubliclyAccessible') });
        continue;
      }
      const b = asBoolean(p.value);
      if (b === true) ctx.fail(resource, `PubliclyAccessible is true: the database has a public endpoint${whenText(p.when)}`, { path: propPath(ctx, resource, 'PubliclyAccessible') });
      else if (b === undefined) ctx.notEvaluated(resource, `PubliclyAccessible ${describeRef(p.value)} is known only at deployment`, { path: propPath(ctx, resource, 'PubliclyAccessible') });
    }
  },
};
