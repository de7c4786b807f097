// Monthly allowances, in the unit of the price they offset. The always-free ones apply to
// every account (once per account, not per stack: pass all of an account's resources
// together). The legacy 12-month ones apply only with `freeTier: 'legacy'` (accounts
// created before 2025-07-15, in their first 12 months); newer accounts get credits instead:
// https://aws.amazon.com/free/  https://aws.amazon.com/about-aws/whats-new/2025/07/aws-free-tier-credits-month-free-plan/

export interface Allowance {
  readonly amount: number;
  readonly label: string;
  /** Set when the allowance itself is unconfirmed. */
  readonly unconfirmed?: boolean;
}

export const ALWAYS_FREE: Readonly<Record<string, Allowance>> = {
  // https://aws.amazon.com/cloudfront/pricing/ (since 2021-12-01)
  'always.cloudfront.dto': { amount: 1024, label: 'CloudFront always-free 1 TB out' },
  'always.cloudfront.requests': { amount: 1000, label: 'CloudFront always-free 10 M requests' },
  // 100 GB/month to the internet, aggregated over all services and regions (since 2021-12-01).
  'always.dto': { amount: 100, label: 'always-free 100 GB data out' },
  // https://aws.amazon.com/cloudwatch/pricing/
  'always.cw.logs': { amount: 5, label: 'CloudWatch always-free 5 GB logs' },
  'always.cw.alarms': { amount: 10, label: 'CloudWatch always-free 10 alarms' },
  'always.cw.metrics': { amount: 10, label: 'CloudWatch always-free 10 metrics' },
  'always.cw.dashboards': { amount: 3, label: 'CloudWatch always-free 3 dashboards' },
  // https://aws.amazon.com/lambda/pricing/ : 1 M requests and 400,000 GB-s a month, x86 and
  // Arm together (in millions of requests; in GB-s).
  'always.lambda.requests': { amount: 1, label: 'Lambda always-free 1 M requests' },
  'always.lambda.gb_seconds': { amount: 400_000, label: 'Lambda always-free 400,000 GB-s' },
  // https://aws.amazon.com/dynamodb/pricing/ : 25 GB of Standard-class storage, and 25 WCU +
  // 25 RCU of provisioned capacity (on-demand requests are not covered), as unit-hours over
  // a 730-hour month.
  'always.dynamodb.storage': { amount: 25, label: 'DynamoDB always-free 25 GB' },
  'always.dynamodb.wcu': { amount: 25 * 730, label: 'DynamoDB always-free 25 WCU' },
  'always.dynamodb.rcu': { amount: 25 * 730, label: 'DynamoDB always-free 25 RCU' },
  // https://aws.amazon.com/sqs/pricing/ : 1 M requests a month, standard and FIFO together.
  'always.sqs.requests': { amount: 1, label: 'SQS always-free 1 M requests' },
  // https://aws.amazon.com/sns/pricing/ : 1 M publishes a month.
  'always.sns.requests': { amount: 1, label: 'SNS always-free 1 M requests' },
  // https://aws.amazon.com/kms/pricing/ : "a free tier of 20,000 requests/month calculated across
  // all regions" (in 10k requests).
  'always.kms.requests': { amount: 2, label: 'KMS always-free 20,000 requests' },
};

export const LEGACY_12_MONTH: Readonly<Record<string, Allowance>> = {
  'legacy.ec2.micro': { amount: 750, label: 'legacy free tier 750 h t2/t3.micro' },
  'legacy.ebs': { amount: 30, label: 'legacy free tier 30 GB EBS' },
  'legacy.ipv4': { amount: 750, label: 'legacy free tier 750 h public IPv4' },
  'legacy.rds.micro': { amount: 750, label: 'legacy free tier 750 h db.t*.micro Single-AZ' },
  'legacy.rds.storage': { amount: 20, label: 'legacy free tier 20 GB RDS storage' },
  'legacy.rds.backup': { amount: 20, label: 'legacy free tier 20 GB RDS backup' },
  'legacy.s3.storage': { amount: 5, label: 'legacy free tier 5 GB S3 Standard' },
  'legacy.s3.put': { amount: 2, label: 'legacy free tier 2,000 S3 PUT' },
  'legacy.s3.get': { amount: 20, label: 'legacy free tier 20,000 S3 GET' },
  'legacy.elb.hours': { amount: 750, label: 'legacy free tier 750 h CLB/ALB' },
  'legacy.clb.gb': { amount: 15, label: 'legacy free tier 15 GB CLB' },
  // "15 LCUs for Application Load Balancers", read as 15 LCUs through the 750 free hours.
  'legacy.alb.lcu': { amount: 15 * 750, label: 'legacy free tier 15 LCU (ALB)', unconfirmed: true },
  'legacy.elasticache.micro': { amount: 750, label: 'legacy free tier 750 h cache.t2/t3.micro', unconfirmed: true },
  // https://aws.amazon.com/api-gateway/pricing/ : 1 M REST and 1 M HTTP API calls a month (in millions).
  'legacy.apigateway.rest': { amount: 1, label: 'legacy free tier 1 M REST API calls', unconfirmed: true },
  'legacy.apigateway.http': { amount: 1, label: 'legacy free tier 1 M HTTP API calls', unconfirmed: true },
  // https://aws.amazon.com/efs/pricing/ : 5 GB of EFS Standard.
  'legacy.efs.storage': { amount: 5, label: 'legacy free tier 5 GB EFS Standard', unconfirmed: true },
};

export type FreeTierMode = 'none' | 'legacy';

/** Fresh counters for one estimate. */
export function allowancePools(mode: FreeTierMode): Map<string, { left: number; allowance: Allowance }> {
  const pools = new Map<string, { left: number; allowance: Allowance }>();
  for (const [k, a] of Object.entries(ALWAYS_FREE)) pools.set(k, { left: a.amount, allowance: a });
  if (mode === 'legacy') for (const [k, a] of Object.entries(LEGACY_12_MONTH)) pools.set(k, { left: a.amount, allowance: a });
  return pools;
}
