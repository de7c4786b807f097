import { defineRule } from '../../model/rule.js';

export const classicLoadBalancer = defineRule({
  meta: {
    id: 'LB-003',
    name: 'classic-load-balancer',
    title: 'Classic Load Balancer in use: advise an Application Load Balancer',
    area: 'load-balancing',
    severity: 'low',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    rationale:
      'The Classic Load Balancer is previous-generation: no host/path routing, no HTTP→HTTPS redirect action, no TLS 1.3 policies, no WAF; an ALB is usually cheaper per request at low traffic and supports containers and Lambda targets.',
    remediation:
      "Migrate to an Application Load Balancer (AWS::ElasticLoadBalancingV2::LoadBalancer with a target group); AWS's migration wizard copies listeners and instances: https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/migrate-classic-load-balancer.html",
    messages: {
      classic: '{{resource}} is a Classic Load Balancer; an Application Load Balancer offers redirects, path routing, TLS 1.3 policies and WAF at similar or lower cost',
    },
    seeds: ['000'],
  },
  check(resource, ctx) {
    ctx.report({ messageId: 'classic', data: { resource: resource.id } });
  },
});
