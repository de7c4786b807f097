import type { Path, Resource } from './resource.js';
import type { Unknown } from './values.js';

/** One security-group rule, resolved, wherever it was written (inline or a standalone Ingress/Egress resource). */
export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  /** CloudFormation rule shape: IpProtocol, FromPort, ToPort, CidrIp, CidrIpv6, SourceSecurityGroupId, SourcePrefixListId, … */
  readonly rule: Readonly<Record<string, unknown>>;
  /** The resource the rule is written in: the group itself or a standalone AWS::EC2::SecurityGroupIngress/Egress. */
  readonly owner: Resource;
  /** Path of the rule within its owner (['Properties','SecurityGroupIngress',1], or ['Properties'] for a standalone rule). */
  readonly path: Path;
  /** EC2's default allow-all egress of a template group that declares none. */
  readonly implicit?: boolean;
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
 * Cross-resource facts about one input (a template, a cloud assembly, an account), answered the
 * same way for a template graph and for an account, in the scenario of the check that asks.
 * Lists that a failed read left incomplete answer with an `Unknown` (recorded), never "none".
 */
export interface InventoryIndex {
  /** Every resource of the input. */
  readonly resources: readonly Resource[];
  /** Resources of a type in the input (whatever the scenario; use `exists` to filter). */
  ofType(type: string): readonly Resource[];
  /**
   * The first resource of `type` near `from` (same account and region for accounts) that exists
   * and matches; `undefined` when the input shows there is none; an `Unknown` when none was found
   * but the list could not be read whole (a failed list call, or a fact a template cannot show).
   */
  find(type: string, from: Resource, match?: (r: Resource) => boolean): Resource | Unknown | undefined;
  /** Why resources of `type` may be missing around `from`: a failed list call, or a fact the input cannot show. */
  incomplete(type: string, from: Resource): Unknown | undefined;
  /**
   * The resource a reference (ResourceRef, physical id, name or ARN) points to, when it is in the
   * input; `type` picks among resources sharing a physical id (a bucket and its policy).
   */
  lookup(from: Resource, ref: unknown, type?: string): Resource | undefined;
  /** Resources whose properties refer to `target` (a candidate list: read them to confirm). */
  referrers(target: Resource, type?: string): readonly Resource[];
  /** Whether a resource exists in the current scenario. */
  exists(r: Resource): boolean;
  /** Every rule of a group, inline and standalone; an Unknown when the rules could not be read. */
  securityGroupRules(group: Resource): readonly SecurityGroupRule[] | Unknown;
  /**
   * The rule of a standalone AWS::EC2::SecurityGroupIngress/Egress whose group is not in the
   * input (GroupId a parameter, an import, a literal id); undefined when its group is there
   * (the group's own check covers it).
   */
  detachedRule(owner: Resource): SecurityGroupRule | undefined;
  /** Groups used by an EC2 instance, launch template, ECS service, load balancer, RDS instance/cluster, ElastiCache, App Runner VPC connector. */
  securityGroupsOf(resource: Resource): readonly GroupUse[];
  /** Resources that use a group (in the current scenario). */
  usersOfSecurityGroup(group: Resource): readonly Resource[];
  /** Whether a compute resource receives traffic through a load balancer or CloudFront (NET-005). */
  isBehindLoadBalancerOrCdn(resource: Resource): boolean | Unknown;
  /** Whether a subnet routes 0.0.0.0/0 or ::/0 to an internet gateway (explicit route table, else the VPC's main one). */
  subnetReachability(from: Resource, subnetRef: unknown): Reachability | Unknown;
  /** Subnets of a DB subnet group (or ElastiCache subnet group): references as written/resolved. */
  subnetsOfGroup(from: Resource, subnetGroupRef: unknown): readonly unknown[] | Unknown;
  /** Whether a VPC has an internet gateway attached. */
  vpcHasInternetGateway(from: Resource, vpcRef: unknown): boolean | Unknown;
  /** Name of a managed prefix list (e.g. com.amazonaws.global.cloudfront.origin-facing) when known. */
  prefixListName(from: Resource, ref: unknown): string | undefined;
  /** A synthetic resource standing for the whole input (a template file, a cloud assembly, an account), for findings about what it lacks. */
  inputResource(): Resource;
}
