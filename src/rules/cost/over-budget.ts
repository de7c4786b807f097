import { defineRule } from '../../model/rule.js';
import { reportAdvisories } from './estimate-cache.js';

export const overBudget = defineRule({
  meta: {
    id: 'COST-001',
    name: 'over-budget',
    title: 'The monthly estimate stays within the configured budget',
    area: 'cost',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'A change that pushes the monthly estimate over budget, or that adds resources the estimate cannot price, should fail review rather than surprise the owner at month end.',
    remediation: 'Right-size or remove resources, or raise `budget` in stackaudit.config.yaml. `stackaudit cost` shows the line items.',
    messages: { advisory: '{{advice}}' },
    seeds: ['001'],
  },
  check() {},
  checkInput(ctx) {
    if (ctx.config.budget === undefined) return;
    reportAdvisories(ctx, 'COST-001');
  },
});
