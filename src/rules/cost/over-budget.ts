import type { Rule } from '../../model/rule.js';
import { reportAdvisories } from './estimate-cache.js';

export const overBudget: Rule = {
  meta: {
    id: 'COST-001',
    name: 'over-budget',
    title: 'The monthly estimate stays within the configured budget',
    area: 'cost',
    severity: 'high',
    resourceTypes: [],
    rationale: '001 sets a $20 billing alarm: a change that pushes the estimate over budget should fail review, not surprise the owner at month end.',
    remediation: 'Right-size or remove resources, or raise `budget` in stackaudit.config.yaml. `stackaudit cost` shows the line items.',
    seeds: ['001'],
  },
  check() {},
  checkInventory(ctx) {
    if (ctx.config.budget === undefined) return;
    reportAdvisories(ctx, 'COST-001');
  },
};
