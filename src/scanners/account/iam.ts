// IAM action names differ from SDK package names and, for a few S3 calls, from the operation.
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html

const PREFIX: Readonly<Record<string, string>> = {
  ec2: 'ec2',
  rds: 'rds',
  s3: 's3',
  's3-control': 's3',
  cloudfront: 'cloudfront',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  'elastic-load-balancing': 'elasticloadbalancing',
  ecs: 'ecs',
  apprunner: 'apprunner',
  cloudwatch: 'cloudwatch',
  'cloudwatch-logs': 'logs',
  ecr: 'ecr',
  'secrets-manager': 'secretsmanager',
  elasticache: 'elasticache',
  lambda: 'lambda',
  sts: 'sts',
};

const ACTION_QUIRKS: Readonly<Record<string, string>> = {
  's3:ListBuckets': 'ListAllMyBuckets',
  's3:GetPublicAccessBlock': 'GetBucketPublicAccessBlock',
  's3:GetBucketEncryption': 'GetEncryptionConfiguration',
  's3:GetBucketLifecycleConfiguration': 'GetLifecycleConfiguration',
  's3-control:GetPublicAccessBlock': 'GetAccountPublicAccessBlock',
};

export function iamPrefix(service: string): string {
  return Object.hasOwn(PREFIX, service) ? (PREFIX[service] as string) : service;
}

/** The IAM action a call needs, e.g. `s3-control GetPublicAccessBlock` → `s3:GetAccountPublicAccessBlock`. */
export function iamAction(service: string, operation: string): string {
  const key = `${service}:${operation}`;
  return `${iamPrefix(service)}:${Object.hasOwn(ACTION_QUIRKS, key) ? (ACTION_QUIRKS[key] as string) : operation}`;
}

/**
 * How messages name a call: the IAM prefix and the API operation (`logs:DescribeLogGroups`);
 * S3 Control keeps its own name so the account-level GetPublicAccessBlock is not mistaken for the bucket one.
 */
export function callName(service: string, operation: string): string {
  return `${service === 's3-control' ? service : iamPrefix(service)}:${operation}`;
}
