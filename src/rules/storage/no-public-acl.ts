import { defineRule } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { stringOf } from '../lib/read.js';

const PUBLIC_CANNED: Readonly<Record<string, string>> = {
  PublicRead: 'anyone can list and read it',
  PublicReadWrite: 'anyone can list, read and write it',
  AuthenticatedRead: 'any authenticated AWS user can read it',
};
const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers (everyone)',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers (any AWS account)',
};

export const noPublicAcl = defineRule({
  meta: {
    id: 'S3-007',
    name: 'no-public-acl',
    title: 'S3 bucket has no public ACL',
    area: 'storage',
    severity: 'critical',
    resourceTypes: ['AWS::S3::Bucket'],
    rationale:
      'A PublicRead / PublicReadWrite ACL lets anyone list or write the bucket and AuthenticatedRead lets any AWS account read it; a site bucket stays private and is served through CloudFront only.',
    remediation: 'Remove AccessControl (or set Private) and set OwnershipControls BucketOwnerEnforced so ACLs are disabled; grant CloudFront through the bucket policy (S3-002).',
    messages: {
      canned: 'bucket ACL is {{acl}}: {{who}}',
      grants: 'bucket ACL grants {{grants}}',
    },
    seeds: ['001'],
    equivalents: {
      checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
      cfnNag: ['W31', 'F14'],
      cdkNag: ['S3BucketPublicReadProhibited', 'S3BucketPublicWriteProhibited'],
      awsConfig: ['s3-bucket-public-read-prohibited', 's3-bucket-public-write-prohibited'],
      prowler: ['s3_bucket_public_access', 's3_bucket_acl_prohibited'],
    },
  },
  check(bucket, ctx) {
    // The grants themselves when the input has them (a live bucket's ACL, which also shows
    // grants no canned ACL describes); else the canned ACL the template asks for.
    const grants = ctx.get(bucket, ['AclGrants']);
    if (grants instanceof Unknown) return;
    if (Array.isArray(grants)) {
      const open = grants.flatMap((g) => {
        const grantee = isRecord(g) && isRecord(g['Grantee']) ? asString(g['Grantee']['URI']) : undefined;
        const who = grantee !== undefined ? PUBLIC_GROUPS[grantee] : undefined;
        return who ? [`${who}: ${asString(isRecord(g) ? g['Permission'] : undefined) ?? 'an unknown permission'}`] : [];
      });
      if (open.length > 0) ctx.report({ messageId: 'grants', data: { grants: open.join('; ') }, path: ['Properties', 'AclGrants'] });
      return;
    }
    const acl = stringOf(ctx, bucket, ['AccessControl']);
    if (acl === undefined || acl instanceof Unknown) return;
    const who = Object.hasOwn(PUBLIC_CANNED, acl) ? PUBLIC_CANNED[acl] : undefined;
    if (who) ctx.report({ messageId: 'canned', data: { acl, who }, path: ['Properties', 'AccessControl'] });
  },
});
