import type { Rule } from '../../model/rule.js';
import { billingAlarm } from './billing-alarm.js';
import { ecrScanAndLifecycle } from './ecr-scan-and-lifecycle.js';
import { logRetention } from './log-retention.js';

export const OBSERVABILITY_RULES: readonly Rule[] = [logRetention, billingAlarm, ecrScanAndLifecycle];
