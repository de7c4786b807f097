import { defineRule } from '../../model/rule.js';
import { reportAdvisories } from './estimate-cache.js';

export const publicIpv4 = defineRule({
  meta: {
    id: 'COST-003',
    name: 'public-ipv4',
    title: 'Public IPv4 addresses are billed ($0.005/h each since Feb 2024)',
    area: 'cost',
    severity: 'info',
    resourceTypes: [],
    rationale:
      'Every public IPv4 address — Elastic IPs, auto-assigned instance and task addresses, load balancer nodes, NAT gateways — costs $3.65 a month, and cost tables written before 2024 leave them out.',
    remediation: 'Drop addresses nothing needs (private subnets behind a load balancer or CloudFront; IPv6 where possible).',
    messages: { advisory: '{{advice}}' },
    seeds: ['beyond the seeds'],
  },
  check() {},
  checkInput(ctx) {
    reportAdvisories(ctx, 'COST-003');
  },
});
