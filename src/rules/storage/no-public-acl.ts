import type { Rule } from '../../model/rule.js';
import { Unknown, asString, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

const PUBLIC_CANNED = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);
const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers (everyone)',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers (any AWS account)',
};

export const noPublicAcl: Rule = {
  meta: {
    id: 'S3-007',
    name: 'no-public-acl',
    title: 'S3 bucket has no public ACL',
    area: 'storage',
    severity: 'critical',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'A PublicRead / PublicReadWrite ACL lets anyone list or write the bucket and AuthenticatedRead lets any AWS account read it; 001 keeps the bucket private and serves it through CloudFront only.',
    remediation: 'Remove AccessControl (or set Private) and set OwnershipControls BucketOwnerEnforced so ACLs are disabled; grant CloudFront through the bucket policy (S3-002).',
    seeds: ['001'],
    equivalents: {
      checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
      cfnNag: ['W31', 'F14'],
      cdkNag: ['S3BucketPublicReadProhibited', 'S3BucketPublicWriteProhibited'],
      awsConfig: ['s3-bucket-public-read-prohibited', 's3-bucket-public-write-prohibited'],
      prowler: ['s3_bucket_public_access', 's3_bucket_acl_prohibited'],
    },
  },
  check(resource, ctx) {
    if (resource.origin.kind === 'account') {
      // Live: the grants themselves, which also catch grants no canned ACL describes.
      const grants = ctx.values(resource, ['AclGrants'])[0]?.value;
      if (grants instanceof Unknown) {
        ctx.notEvaluated(resource, `the bucket ACL could not be read: ${grants.reason}`, { path: ['Properties', 'AclGrants'] });
        return;
      }
      const open = (Array.isArray(grants) ? grants : []).flatMap((g) => {
        const grantee = isRecord(g) && isRecord(g['Grantee']) ? asString(g['Grantee']['URI']) : undefined;
        const who = grantee !== undefined ? PUBLIC_GROUPS[grantee] : undefined;
        return who ? [`${who}: ${asString(isRecord(g) ? g['Permission'] : undefined) ?? 'unknown permission'}`] : [];
      });
      if (open.length) ctx.fail(resource, `Bucket ACL grants ${open.join('; ')}`, { path: ['Properties', 'AclGrants'] });
      return;
    }
    for (const p of ctx.values(resource, ['AccessControl'])) {
      const v = p.value;
      if (v === undefined) continue;
      if (v instanceof Unknown) {
        ctx.notEvaluated(resource, `AccessControl could not be read: ${v.reason}`, { path: ['Properties', 'AccessControl'] });
        continue;
      }
      const s = asString(v);
      if (s === undefined) {
        ctx.notEvaluated(resource, `AccessControl is ${describe(v)}, known only at deployment`, { path: ['Properties', 'AccessControl'] });
        continue;
      }
      if (PUBLIC_CANNED.has(s)) {
        const who = s === 'AuthenticatedRead' ? 'any authenticated AWS user can read it' : s === 'PublicRead' ? 'anyone can list and read it' : 'anyone can list, read and write it';
        ctx.fail(resource, `Bucket ACL is ${s}: ${who}${whenText(p.when)}`, { path: ['Properties', 'AccessControl'] });
      }
    }
  },
};
