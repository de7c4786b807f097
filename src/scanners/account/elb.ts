import type { Collector, ListedBy, Operation } from './collector.js';
import { compact, listCall, records, str } from './collector.js';

export const elbOperations: readonly Operation[] = [['elastic-load-balancing', 'DescribeLoadBalancers']];

export const elbLists: readonly ListedBy[] = [{ service: 'elastic-load-balancing', operation: 'DescribeLoadBalancers', types: ['AWS::ElasticLoadBalancing::LoadBalancer'] }];

/** Classic Load Balancers: one list call carries listeners, instances and groups. */
export const elbCollector: Collector = {
  id: 'elb',
  scope: 'regional',
  operations: elbOperations,
  lists: elbLists,
  async collect(ctx) {
    const list = await listCall(ctx, 'elastic-load-balancing', 'DescribeLoadBalancers', { PageSize: 400 });
    return records(list?.['LoadBalancerDescriptions']).flatMap((lb) => {
      const name = str(lb['LoadBalancerName']);
      if (!name) return [];
      return [
        ctx.resource(
          'AWS::ElasticLoadBalancing::LoadBalancer',
          name,
          compact({
            LoadBalancerName: name,
            Scheme: str(lb['Scheme']),
            SecurityGroups: lb['SecurityGroups'],
            Subnets: lb['Subnets'],
            VpcId: str(lb['VPCId']),
            Instances: records(lb['Instances']).flatMap((i) => (str(i['InstanceId']) ? [str(i['InstanceId'])] : [])),
            Listeners: records(lb['ListenerDescriptions']).map((d) => {
              const l = (d['Listener'] ?? {}) as Record<string, unknown>;
              // CloudFormation types LoadBalancerPort and InstancePort as strings.
              return compact({
                LoadBalancerPort: l['LoadBalancerPort'] === undefined ? undefined : String(l['LoadBalancerPort']),
                InstancePort: l['InstancePort'] === undefined ? undefined : String(l['InstancePort']),
                Protocol: str(l['Protocol']),
                InstanceProtocol: str(l['InstanceProtocol']),
                SSLCertificateId: str(l['SSLCertificateId']),
                PolicyNames: (d['PolicyNames'] as unknown[] | undefined)?.length ? d['PolicyNames'] : undefined,
              });
            }),
            DNSName: str(lb['DNSName']),
          }),
          `arn:${ctx.partition}:elasticloadbalancing:${ctx.region}:${ctx.account}:loadbalancer/${name}`,
        ),
      ];
    });
  },
};
