import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';
import { describePorts, describeSource, isInternet, isSingleHostSource, rulesOrReport, sourceOf, sourcePath, tcpPortsOf, whenText } from './sg-rule.js';

const COMPUTE_TYPES = ['AWS::EC2::Instance', 'AWS::ECS::Service', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'];
const LOAD_BALANCER_TYPES = ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'];
const WEB_PORTS = [80, 443];

export const computeNoInternetIngress: Rule = {
  meta: {
    id: 'NET-005',
    name: 'compute-no-internet-ingress',
    title: 'Compute behind a load balancer or CloudFront accepts no internet ingress; load balancers face the internet only on 80/443',
    area: 'network',
    severity: 'high',
    resourceTypes: [...COMPUTE_TYPES, ...LOAD_BALANCER_TYPES],
    rationale: 'When a load balancer or CloudFront fronts a service, a direct path from the internet to the instance or task skips TLS, WAF and the load balancer\'s checks (000, 001, 003).',
    remediation: 'Allow the service port only from the load balancer\'s security group (or CloudFront\'s origin-facing prefix list); open only 80/443 on the load balancer.',
    seeds: ['000', '001', '003'],
    equivalents: { cdkNag: ['EC23'], awsConfig: ['vpc-sg-open-only-to-authorized-ports'] },
  },
  check(resource, ctx) {
    const isLb = LOAD_BALANCER_TYPES.includes(resource.type);
    if (!isLb && !ctx.index.isBehindLoadBalancerOrCdn(resource)) return;
    for (const use of ctx.index.securityGroupsOf(resource)) {
      if (!use.group) {
        if (use.ref instanceof Unknown) ctx.notEvaluated(resource, `a security group of ${resource.id} is unknown: ${use.ref.reason}`);
        else {
          const why = ctx.index.unreadable(resource, 'AWS::EC2::SecurityGroup');
          ctx.notEvaluated(resource, `security group ${describeRef(use.ref)} of ${resource.id} ${why ? `could not be read (${why})` : 'is not in the scan'}`);
        }
        continue;
      }
      for (const r of rulesOrReport(ctx, use.group) ?? []) {
        if (r.direction !== 'ingress') continue;
        const source = sourceOf(r);
        // Admin access from one operator address is NET-001's concern, not a path around the load balancer.
        if (!isInternet(source) || isSingleHostSource(source)) continue;
        const ports = tcpPortsOf(r.rule);
        const where = { path: sourcePath(r, source), resource: r.owner };
        if (ports instanceof Unknown) {
          ctx.notEvaluated(resource, `group ${use.group.id} has an internet rule with ports known only at deployment: ${ports.reason}`, where);
          continue;
        }
        if ('none' in ports) continue;
        if (isLb) {
          const onlyWeb = !ports.all && ports.from === ports.to && WEB_PORTS.includes(ports.from);
          if (!onlyWeb) ctx.fail(resource, `load balancer ${resource.id} accepts internet traffic on ${describePorts(ports)} (only 80/443 should face the internet) via group ${use.group.id}${whenText(r.when)}`, where);
          continue;
        }
        ctx.fail(resource, `${resource.id} sits behind a load balancer or CloudFront but group ${use.group.id} admits the internet (${describeSource(source)}) on ${describePorts(ports)}${whenText(r.when)}`, where);
      }
    }
  },
};
