// The account pipeline: calls (live or snapshot) → collectors → resources → rules → report.

import type { EffectiveConfig } from '../model/config.js';
import type { Severity } from '../model/finding.js';
import type { Rule } from '../model/rule.js';
import { collectAccount, type CallSource, type CollectProgress, type SnapshotCall } from '../scanners/account/index.js';
import { RULES } from '../rules/index.js';
import { effectiveConfig } from './config.js';
import { evaluate, type EvaluationResult } from './evaluate.js';
import { accountSource } from './sources.js';

export interface AuditOptions {
  /** Where calls go: `createLiveCallSource({ profile, roleArn })` or `createSnapshotCallSource(snapshot)`. */
  readonly source: CallSource;
  readonly regions?: readonly string[];
  readonly services?: readonly string[];
  readonly config?: EffectiveConfig;
  readonly rules?: readonly Rule[];
  readonly failOn?: Severity | 'none';
  readonly onProgress?: (p: CollectProgress) => void;
}

export type AuditResult = EvaluationResult & {
  readonly account: string;
  readonly calls: readonly SnapshotCall[];
  /** The regions and collectors audited, and how many calls failed (for a summary line). */
  readonly regions: readonly string[];
  readonly services: readonly string[];
  readonly callsFailed: number;
};

/** Audits a live account (read-only) or a snapshot with the same rules as templates. */
export async function auditAccount(options: AuditOptions): Promise<AuditResult> {
  const collected = await collectAccount({
    source: options.source,
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.services ? { services: options.services } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const report = evaluate(accountSource(collected.resources, collected.failedReads, collected.account), {
    config: options.config ?? effectiveConfig(),
    rules: options.rules ?? RULES,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    errors: collected.errors,
    inputs: 1,
  });
  return { ...report, account: collected.account, calls: collected.calls, regions: collected.regions, services: collected.services, callsFailed: collected.callsFailed };
}
