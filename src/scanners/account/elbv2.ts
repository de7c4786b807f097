import type { Resource } from '../../model/resource.js';
import { isCallError } from './calls.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { all, compact, failedRead, listCall, records, str } from './collector.js';

export const elbv2Operations: readonly Operation[] = [
  ['elastic-load-balancing-v2', 'DescribeLoadBalancers'],
  ['elastic-load-balancing-v2', 'DescribeListeners'],
  ['elastic-load-balancing-v2', 'DescribeTargetGroups'],
  ['elastic-load-balancing-v2', 'DescribeTargetHealth'],
];

export const elbv2Lists: readonly ListedBy[] = [
  // Listeners are read per load balancer: no balancers read, no listeners either.
  { service: 'elastic-load-balancing-v2', operation: 'DescribeLoadBalancers', types: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener'] },
  { service: 'elastic-load-balancing-v2', operation: 'DescribeTargetGroups', types: ['AWS::ElasticLoadBalancingV2::TargetGroup'] },
  { service: 'elastic-load-balancing-v2', operation: 'DescribeListeners', types: ['AWS::ElasticLoadBalancingV2::Listener'], perParent: true },
];

const SERVICE = 'elastic-load-balancing-v2';

async function listenersOf(ctx: CollectorContext, lbArn: string): Promise<Resource[]> {
  const output = await listCall(ctx, SERVICE, 'DescribeListeners', { LoadBalancerArn: lbArn, PageSize: 400 }, `load balancer ${lbArn}`);
  return records(output?.['Listeners']).flatMap((l) => {
    const arn = str(l['ListenerArn']);
    if (!arn) return [];
    // The API's Action, Certificate and RedirectConfig members carry CloudFormation's names already.
    return [
      ctx.resource(
        'AWS::ElasticLoadBalancingV2::Listener',
        arn,
        compact({
          LoadBalancerArn: lbArn,
          Port: l['Port'],
          Protocol: str(l['Protocol']),
          SslPolicy: str(l['SslPolicy']),
          Certificates: records(l['Certificates']).length ? records(l['Certificates']).map((c) => compact({ CertificateArn: str(c['CertificateArn']) })) : undefined,
          AlpnPolicy: l['AlpnPolicy'],
          DefaultActions: records(l['DefaultActions']),
        }),
        arn,
      ),
    ];
  });
}

async function targetGroup(ctx: CollectorContext, tg: Record<string, unknown>): Promise<Resource | undefined> {
  const arn = str(tg['TargetGroupArn']);
  if (!arn) return undefined;
  const lbs = (tg['LoadBalancerArns'] as unknown[] | undefined) ?? [];
  let targets: unknown;
  // A group no load balancer uses receives no traffic: skip the per-group call (Targets stays
  // absent, which is the fact: nothing reaches them through this group).
  if (lbs.length > 0) {
    const r = await ctx.call(SERVICE, 'DescribeTargetHealth', { TargetGroupArn: arn });
    targets = isCallError(r)
      ? failedRead(SERVICE, 'DescribeTargetHealth', r.error)
      : records(r.output['TargetHealthDescriptions']).map((d) => {
          const t = (d['Target'] ?? {}) as Record<string, unknown>;
          return compact({ Id: str(t['Id']), Port: t['Port'], AvailabilityZone: str(t['AvailabilityZone']) });
        });
  }
  return ctx.resource(
    'AWS::ElasticLoadBalancingV2::TargetGroup',
    arn,
    compact({
      Name: str(tg['TargetGroupName']),
      TargetType: str(tg['TargetType']),
      Protocol: str(tg['Protocol']),
      Port: tg['Port'],
      VpcId: str(tg['VpcId']),
      HealthCheckPath: str(tg['HealthCheckPath']),
      Targets: targets,
      LoadBalancerArns: lbs,
    }),
    arn,
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export const elbv2Collector: Collector = {
  id: 'elbv2',
  scope: 'regional',
  operations: elbv2Operations,
  lists: elbv2Lists,
  async collect(ctx) {
    const [lbs, tgs] = await Promise.all([listCall(ctx, SERVICE, 'DescribeLoadBalancers', { PageSize: 400 }), listCall(ctx, SERVICE, 'DescribeTargetGroups', { PageSize: 400 })]);
    const out: Resource[] = [];
    const balancers = records(lbs?.['LoadBalancers']);
    for (const lb of balancers) {
      const arn = str(lb['LoadBalancerArn']);
      if (!arn) continue;
      out.push(
        ctx.resource(
          'AWS::ElasticLoadBalancingV2::LoadBalancer',
          arn,
          compact({
            Name: str(lb['LoadBalancerName']),
            Type: str(lb['Type']),
            Scheme: str(lb['Scheme']),
            IpAddressType: str(lb['IpAddressType']),
            SecurityGroups: lb['SecurityGroups'],
            Subnets: records(lb['AvailabilityZones']).flatMap((z) => (str(z['SubnetId']) ? [str(z['SubnetId'])] : [])),
            VpcId: str(lb['VpcId']),
            DNSName: str(lb['DNSName']),
          }),
          arn,
        ),
      );
    }
    const [listeners, groups] = await Promise.all([
      all(
        balancers.flatMap((lb) => (str(lb['LoadBalancerArn']) ? [str(lb['LoadBalancerArn']) as string] : [])),
        (arn) => listenersOf(ctx, arn),
      ),
      all(records(tgs?.['TargetGroups']), (tg) => targetGroup(ctx, tg)),
    ]);
    return [...out, ...listeners.flat(), ...groups.filter(defined)];
  },
};
