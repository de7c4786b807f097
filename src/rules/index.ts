// Every rule, in id order. Explicit (no registration by import side effect) so the list is
// greppable and `stackaudit rules`, SARIF descriptors and the README table agree.

import type { Rule } from '../model/rule.js';
import { COMPUTE_RULES } from './compute/index.js';
import { COST_RULES } from './cost/index.js';
import { DATABASE_RULES } from './database/index.js';
import { LOAD_BALANCING_RULES } from './load-balancing/index.js';
import { OBSERVABILITY_RULES } from './observability/index.js';
import { RESILIENCE_RULES } from './resilience/index.js';
import { SECRETS_RULES } from './secrets/index.js';
import { EDGE_RULES } from './edge/index.js';
import { NETWORK_RULES } from './network/index.js';
import { STORAGE_RULES } from './storage/index.js';

/** The order of CONTROLS.md: area by area, then by number. */
const AREA_ORDER = ['NET', 'DB', 'S3', 'CF', 'LB', 'DR', 'SEC', 'OBS', 'EC2', 'COST'];
const rank = (id: string): [number, number] => [AREA_ORDER.indexOf(id.split('-')[0] ?? ''), Number(id.split('-')[1])];

export const RULES: readonly Rule[] = [
  ...NETWORK_RULES,
  ...DATABASE_RULES,
  ...STORAGE_RULES,
  ...EDGE_RULES,
  ...LOAD_BALANCING_RULES,
  ...RESILIENCE_RULES,
  ...SECRETS_RULES,
  ...OBSERVABILITY_RULES,
  ...COMPUTE_RULES,
  ...COST_RULES,
].sort((a, b) => {
  const [aa, an] = rank(a.meta.id);
  const [ba, bn] = rank(b.meta.id);
  return aa - ba || an - bn;
});
