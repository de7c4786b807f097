import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allOperations, collectors } from '../../../src/scanners/account/collect.js';
import { iamAction } from '../../../src/scanners/account/iam.js';

const policyFile = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/iam-policy.json');

interface Policy {
  Version: string;
  Statement: { Effect: string; Action: string[] | string; Resource: string }[];
}

describe('docs/iam-policy.json', () => {
  const policy = JSON.parse(readFileSync(policyFile, 'utf8')) as Policy;
  const actions = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

  it('allows only read-only actions', () => {
    expect(policy.Version).toBe('2012-10-17');
    for (const s of policy.Statement) expect(s.Effect).toBe('Allow');
    for (const a of actions) expect(a).toMatch(/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z0-9]+$/);
  });

  it('covers exactly the calls the collectors can make', () => {
    const needed = [...new Set(allOperations().map(([service, operation]) => iamAction(service, operation)))].sort();
    expect([...new Set(actions)].sort()).toEqual(needed);
  });

  it('maps the IAM quirks', () => {
    expect(iamAction('s3-control', 'GetPublicAccessBlock')).toBe('s3:GetAccountPublicAccessBlock');
    expect(iamAction('s3', 'GetPublicAccessBlock')).toBe('s3:GetBucketPublicAccessBlock');
    expect(iamAction('s3', 'ListBuckets')).toBe('s3:ListAllMyBuckets');
    expect(iamAction('s3', 'GetBucketEncryption')).toBe('s3:GetEncryptionConfiguration');
    expect(iamAction('elastic-load-balancing-v2', 'DescribeListeners')).toBe('elasticloadbalancing:DescribeListeners');
    expect(iamAction('cloudwatch-logs', 'DescribeLogGroups')).toBe('logs:DescribeLogGroups');
    expect(iamAction('secrets-manager', 'ListSecrets')).toBe('secretsmanager:ListSecrets');
  });

  it('every collector declares operations the call layer can page or call once', () => {
    for (const c of collectors) expect(c.operations.length).toBeGreaterThan(0);
  });
});
