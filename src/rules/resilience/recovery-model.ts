// The recovery model behind DR-001 / DR-002: what RPO and RTO a resource can achieve, from
// AWS's published figures. docs/recovery-model.md explains each figure and assumption.
//
// RPO
// - RDS with automated backups: point-in-time restore, transaction logs shipped to S3 every
//   5 minutes → RPO ≈ 5 min. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html
// - Aurora: continuous backup, latest restorable time typically within 5 minutes → RPO ≈ 5 min.
//   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-pitr.html
// - Backups off (BackupRetentionPeriod 0): no recovery point, RPO unbounded.
// - S3 with versioning: every overwrite/delete keeps the previous version → RPO ≈ 0.
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
// - EC2 host: the interval of the AWS Backup plan / DLM policy that covers it (daily → 24 h).
//
// RTO
// - RDS Multi-AZ (one standby): failover typically 60–120 s → 2 min.
//   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
// - RDS Multi-AZ DB cluster: failover typically under 35 s → 1 min.
//   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html
// - Aurora with a reader in another AZ: failover typically under 60 s (often under 30 s) → 1 min.
//   Aurora without a reader (or Serverless v1): Aurora re-creates the instance, "typically in
//   less than 10 minutes" → 10 min.
//   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
// - Single-AZ RDS: restore from backup to a new instance. Estimate (an assumption, not an AWS
//   figure): 30 min fixed (≈15 min to notice and start a manual restore + ≈15 min to create the
//   instance and replay logs) + allocated storage GB ÷ 10 GB per minute (≈170 MB/s of volume
//   hydration from S3). Absent AllocatedStorage is taken as 20 GB, the smallest gp2/gp3 size.

export const PITR_RPO_MINUTES = 5;
export const S3_VERSIONED_RPO_MINUTES = 0;

export const MULTI_AZ_INSTANCE_RTO_MINUTES = 2;
export const MULTI_AZ_CLUSTER_RTO_MINUTES = 1;
export const AURORA_READER_RTO_MINUTES = 1;
export const AURORA_RECREATE_RTO_MINUTES = 10;

export const RESTORE_FIXED_MINUTES = 30;
export const RESTORE_GB_PER_MINUTE = 10;
export const ASSUMED_STORAGE_GB = 20;

/** Single-AZ restore estimate, minutes. */
export function restoreMinutes(storageGb: number): number {
  return Math.ceil(RESTORE_FIXED_MINUTES + storageGb / RESTORE_GB_PER_MINUTE);
}

/** "5 min", "24 h", "3 d": how a duration reads in a message. */
export function minutesText(m: number): string {
  if (m === Infinity) return 'unbounded';
  if (m >= 2880 && m % 1440 === 0) return `${m / 1440} d`;
  if (m >= 120 && m % 60 === 0) return `${m / 60} h`;
  return `${m} min`;
}

/** "RPO ≈ 5 min ≤ prod target 5 min" */
export function comparison(kind: 'RPO' | 'RTO', achievable: number, tier: string, target: number): string {
  return `${kind} ≈ ${minutesText(achievable)} ${achievable <= target ? '≤' : '>'} ${tier} target ${minutesText(target)}`;
}
