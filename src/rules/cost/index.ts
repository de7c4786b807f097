import type { Rule } from '../../model/rule.js';
import { gravitonEquivalent } from './graviton-equivalent.js';
import { overBudget } from './over-budget.js';
import { publicIpv4 } from './public-ipv4.js';

export const COST_RULES: readonly Rule[] = [overBudget, gravitonEquivalent, publicIpv4];
