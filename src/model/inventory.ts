import type { Path, Resource } from './resource.js';
import type { Assumptions, Unknown } from './values.js';

/** One security-group rule, resolved, wherever it was written (inline or a standalone Ingress/Egress resource). */
export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  /** CloudFormation rule shape: IpProtocol, FromPort, ToPort, CidrIp, CidrIpv6, SourceSecurityGroupId, SourcePrefixListId, … */
  readonly rule: Readonly<Record<string, unknown>>;
  /** The resource the rule is written in: the group itself or a standalone AWS::EC2::SecurityGroupIngress/Egress. */
  readonly owner: Resource;
  /** Path of the rule within its owner (['Properties','SecurityGroupIngress',1], or ['Properties'] for a standalone rule). */
  readonly path: Path;
  readonly when: Assumptions;
}

/** A security group a resource uses: the group itself when it is in the inventory, else what is known of it. */
export interface GroupUse {
  readonly group?: Resource;
  /** The reference as written/resolved: a group id string, a ResourceRef, or Unknown. */
  readonly ref: unknown;
}

export type Reachability = 'public' | 'private';

/** A list call of a live audit that failed: what it would have listed is missing, not absent. */
export interface FailedRead {
  readonly region: string;
  /** `service:Operation`, e.g. `ec2:DescribeSubnets`. */
  readonly call: string;
  readonly error: string;
  /**
   * The resource types the call would have listed (`AWS::CloudWatch::Alarm` for
   * cloudwatch:DescribeAlarms). A read that was never made (a service left out with
   * `--services`) is a failed read too, with `error` saying so.
   */
  readonly types?: readonly string[];
}

/**
 * Cross-resource facts, answered the same way for a template graph and for an account.
 * Rules ask the index, never the raw tree.
 */
export interface InventoryIndex {
  readonly resources: readonly Resource[];
  ofType(type: string): readonly Resource[];
  /** The resource a reference (ResourceRef, physical id, name or ARN) points to, when it is in the inventory. */
  lookup(from: Resource, ref: unknown): Resource | undefined;
  /** Every rule of a group, inline and standalone; an Unknown when the rules could not be read. */
  securityGroupRules(group: Resource): readonly SecurityGroupRule[] | Unknown;
  /** Standalone ingress/egress resources whose group is not in the inventory (GroupId a parameter, an import, a literal id). */
  detachedSecurityGroupRules(): readonly SecurityGroupRule[];
  /** Groups used by an EC2 instance, launch template, ECS service, load balancer, RDS instance/cluster, ElastiCache, App Runner VPC connector. */
  securityGroupsOf(resource: Resource): readonly GroupUse[];
  /** Resources that use a group. */
  usersOfSecurityGroup(group: Resource): readonly Resource[];
  /** Whether a compute resource receives traffic through a load balancer or CloudFront (NET-005). */
  isBehindLoadBalancerOrCdn(resource: Resource): boolean;
  /** Whether a subnet routes 0.0.0.0/0 or ::/0 to an internet gateway (explicit route table, else the VPC's main one). */
  subnetReachability(from: Resource, subnetRef: unknown): Reachability | Unknown;
  /** Subnets of a DB subnet group (or ElastiCache subnet group): references as written/resolved. */
  subnetsOfGroup(from: Resource, subnetGroupRef: unknown): readonly unknown[] | Unknown;
  /** Whether a VPC has an internet gateway attached. */
  vpcHasInternetGateway(from: Resource, vpcRef: unknown): boolean | Unknown;
  /**
   * Why resources of `type` may be missing around `from`: the failed list call of a live audit
   * that would have read them (e.g. "ec2:DescribeSubnets failed in us-east-1: AccessDenied").
   */
  unreadable(from: Resource, type: string): string | undefined;
  /** Name of a managed prefix list (e.g. com.amazonaws.global.cloudfront.origin-facing) when known. */
  prefixListName(from: Resource, ref: unknown): string | undefined;
}
