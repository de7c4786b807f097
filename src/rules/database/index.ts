import type { Rule } from '../../model/rule.js';
import { autoMinorVersionUpgrade } from './auto-minor-version-upgrade.js';
import { backupRetention } from './backup-retention.js';
import { cacheEncryption } from './cache-encryption.js';
import { credentialsNotLiteral } from './credentials-not-literal.js';
import { deletionProtection } from './deletion-protection.js';
import { multiAz } from './multi-az.js';
import { notPubliclyAccessible } from './not-publicly-accessible.js';
import { privateSubnetsOnly } from './private-subnets-only.js';
import { prodReadReplica } from './prod-read-replica.js';
import { storageEncrypted } from './storage-encrypted.js';

/** DB-001 … DB-010, in id order. */
export const DATABASE_RULES: readonly Rule[] = [
  notPubliclyAccessible,
  privateSubnetsOnly,
  backupRetention,
  multiAz,
  storageEncrypted,
  autoMinorVersionUpgrade,
  deletionProtection,
  credentialsNotLiteral,
  prodReadReplica,
  cacheEncryption,
];
