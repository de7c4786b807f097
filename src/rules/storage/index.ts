import type { Rule } from '../../model/rule.js';
import { blockPublicAccess } from './block-public-access.js';
import { defaultEncryption } from './default-encryption.js';
import { denyInsecureTransport } from './deny-insecure-transport.js';
import { lifecycleRules } from './lifecycle-rules.js';
import { noPublicAcl } from './no-public-acl.js';
import { originBucketPolicy } from './origin-bucket-policy.js';
import { versioningEnabled } from './versioning-enabled.js';

export const STORAGE_RULES: readonly Rule[] = [blockPublicAccess, originBucketPolicy, versioningEnabled, defaultEncryption, lifecycleRules, denyInsecureTransport, noPublicAcl];
