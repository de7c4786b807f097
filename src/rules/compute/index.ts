import type { Rule } from '../../model/rule.js';
import { ebsEncrypted } from './ebs-encrypted.js';
import { imdsv2Required } from './imdsv2-required.js';

export const COMPUTE_RULES: readonly Rule[] = [imdsv2Required, ebsEncrypted];
