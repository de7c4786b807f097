import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { describePorts, describeSource, isInternet, isSingleHostSource, portsOf, rulesToCheck, sourceOf, sourcePath } from './sg-rule.js';

const COMPUTE_TYPES = ['AWS::EC2::Instance', 'AWS::ECS::Service', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'];
const LOAD_BALANCER_TYPES = ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'];
const WEB_PORTS = [80, 443];

export const computeNoInternetIngress = defineRule({
  meta: {
    id: 'NET-005',
    name: 'compute-no-internet-ingress',
    title: 'Compute behind a load balancer or CloudFront accepts no internet ingress; load balancers face the internet only on 80/443',
    area: 'network',
    severity: 'high',
    resourceTypes: [...COMPUTE_TYPES, ...LOAD_BALANCER_TYPES],
    rationale: "When a load balancer or CloudFront fronts a service, a direct path from the internet to the instance or task skips TLS, WAF and the load balancer's checks.",
    remediation: "Allow the service port only from the load balancer's security group (or CloudFront's origin-facing prefix list); open only 80/443 on the load balancer.",
    messages: {
      'load-balancer': 'load balancer {{resource}} accepts internet traffic on {{ports}} via group {{group}} (only 80/443 should face the internet)',
      compute: '{{resource}} sits behind a load balancer or CloudFront but group {{group}} admits the internet ({{source}}) on {{ports}}',
      'group-unknown': 'security group {{group}} of {{resource}} is not in the scan, so its rules cannot be judged',
    },
    seeds: ['000', '001', '003'],
    equivalents: { cdkNag: ['EC23'], awsConfig: ['vpc-sg-open-only-to-authorized-ports'] },
  },
  check(resource, ctx) {
    const isLb = LOAD_BALANCER_TYPES.includes(resource.type);
    if (!isLb) {
      const behind = ctx.index.isBehindLoadBalancerOrCdn(resource);
      if (behind !== true) return;
    }
    for (const use of ctx.index.securityGroupsOf(resource)) {
      if (!use.group) {
        if (use.ref instanceof Unknown) continue;
        const why = ctx.tolerate(() => ctx.index.incomplete('AWS::EC2::SecurityGroup', resource));
        if (why) ctx.unknown(`security group ${describeRef(use.ref)} of ${resource.id} could not be read (${why.reason})`);
        else ctx.notEvaluated({ messageId: 'group-unknown', data: { group: describeRef(use.ref), resource: resource.id } });
        continue;
      }
      for (const r of rulesToCheck(ctx, use.group)) {
        if (r.direction !== 'ingress') continue;
        const ports = portsOf(ctx, r);
        if (ports instanceof Unknown || 'none' in ports) continue;
        if (isLb && !ports.all && ports.from === ports.to && WEB_PORTS.includes(ports.from)) continue;
        const source = sourceOf(ctx, r);
        // Admin access from one operator address is NET-001's concern, not a path around the load balancer.
        if (!isInternet(source) || isSingleHostSource(source)) continue;
        const where = { path: sourcePath(r, source), resource: r.owner };
        if (isLb) ctx.report({ messageId: 'load-balancer', data: { resource: resource.id, ports: describePorts(ports), group: use.group.id }, ...where });
        else ctx.report({ messageId: 'compute', data: { resource: resource.id, group: use.group.id, source: describeSource(source), ports: describePorts(ports) }, ...where });
      }
    }
  },
});
