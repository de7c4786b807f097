// Storage-only bucket helpers. The cross-area ones (which bucket a value, a policy or an origin
// designates; which distributions serve a bucket) live in src/rules/lib/s3.ts and are
// re-exported here for the areas that still import them from this module.

import type { Resource } from '../../model/resource.js';
import { tagsOf } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Composite, Unknown } from '../../model/values.js';

export { bucketOfPolicy, distributionsServing, policiesOf, s3Endpoint, stripScheme, valueRefersToBucket, type S3Endpoint } from '../lib/s3.js';

/**
 * The heuristic for S3-005's "backup bucket": the bucket's name, its id or any tag key or value
 * contains "backup" (Purpose=backup, Backup=true, my-db-backups…). A hint, not a fact: a name or
 * tags known only at deployment give no hint (the caller reads this inside `ctx.tolerate`).
 */
export function backupHint(ctx: RuleContext, bucket: Resource): string | undefined {
  const name = ctx.get(bucket, ['BucketName']);
  const text = typeof name === 'string' ? name : name instanceof Composite ? name.text() : undefined;
  if (text && /backup/i.test(text)) return `its name ${text}`;
  if (/backup/i.test(bucket.id)) return `its id ${bucket.id}`;
  const tags = ctx.get(bucket, ['Tags']);
  if (tags instanceof Unknown) return undefined;
  for (const [k, v] of Object.entries(tagsOf({ Tags: tags }))) if (/backup/i.test(k) || /backup/i.test(v)) return `its tag ${k}=${v}`;
  return undefined;
}
