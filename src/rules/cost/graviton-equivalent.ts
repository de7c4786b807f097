import { defineRule } from '../../model/rule.js';
import { reportAdvisories } from './estimate-cache.js';

export const gravitonEquivalent = defineRule({
  meta: {
    id: 'COST-002',
    name: 'graviton-equivalent',
    title: 'x86 instances with a Graviton equivalent (t3 → t4g, ~20 % cheaper)',
    area: 'cost',
    severity: 'info',
    resourceTypes: [],
    rationale:
      'A Graviton (arm64) instance such as t4g.micro costs about 20 % less than its x86 twin (t3.micro) for the same work; the same holds for the m, c and r families and for RDS and ElastiCache classes.',
    remediation: 'Switch to the Graviton class (arm64 images required for EC2; RDS and ElastiCache need no change in the application).',
    messages: { advisory: '{{advice}}' },
    seeds: ['001'],
  },
  check() {},
  checkInput(ctx) {
    reportAdvisories(ctx, 'COST-002');
  },
});
