import type { Rule } from '../../model/rule.js';
import { crossRegionBackup } from './cross-region-backup.js';
import { rpoWithinTarget } from './rpo-within-target.js';
import { rtoWithinTarget } from './rto-within-target.js';

/** DR-001 … DR-003, in id order. */
export const RESILIENCE_RULES: readonly Rule[] = [rpoWithinTarget, rtoWithinTarget, crossRegionBackup];
