import type { Rule } from '../../model/rule.js';
import { noPlaintextSecrets } from './no-plaintext-secrets.js';
import { secretRotation } from './secret-rotation.js';

export const SECRETS_RULES: readonly Rule[] = [noPlaintextSecrets, secretRotation];
