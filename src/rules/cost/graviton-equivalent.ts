import type { Rule } from '../../model/rule.js';
import { reportAdvisories } from './estimate-cache.js';

export const gravitonEquivalent: Rule = {
  meta: {
    id: 'COST-002',
    name: 'graviton-equivalent',
    title: 'x86 instances with a Graviton equivalent (t3 → t4g, ~20 % cheaper)',
    area: 'cost',
    severity: 'info',
    resourceTypes: [],
    rationale: '001 notes t4g.micro costs ~20 % less than t3.micro for the same work; the same holds for m/c/r families and RDS/ElastiCache classes.',
    remediation: 'Switch to the Graviton class (arm64 images required for EC2; RDS and ElastiCache need no change in the application).',
    seeds: ['001'],
  },
  check() {},
  checkInventory(ctx) {
    reportAdvisories(ctx, 'COST-002');
  },
};
