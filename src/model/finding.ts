import type { Path } from './resource.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export type FindingStatus = 'fail' | 'not-evaluated' | 'suppressed';

/** The resource a finding is about, as the JSON contract names it. */
export interface FindingResource {
  /** Logical id (templates) or physical id (accounts). */
  readonly id: string;
  readonly type: string;
  readonly arn?: string;
  /** Template file (template findings). */
  readonly file?: string;
  readonly stack?: string;
  readonly line?: number;
  readonly column?: number;
  readonly account?: string;
  readonly region?: string;
}

export interface Suppression {
  readonly reason: string;
  /** Where the suppression was written: the resource's Metadata, or the config file. */
  readonly source: 'inline' | 'config';
  readonly expires?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Severity;
  readonly status: FindingStatus;
  /** The text, with the condition scenarios it holds under appended by the engine. */
  readonly message: string;
  /** Which of the rule's messages (stable across rewording; the fingerprint uses it). */
  readonly messageId?: string;
  /** The message's data, as printed (secrets masked). */
  readonly data?: Readonly<Record<string, string | number | boolean>>;
  /**
   * The condition scenarios the finding holds under, one record per alternative
   * (`{ "condition IsProd": false }`); absent when it holds in every scenario.
   */
  readonly conditions?: readonly Readonly<Record<string, string | boolean>>[];
  readonly resource: FindingResource;
  /** Why a rule could not decide (status not-evaluated). */
  readonly reason?: string;
  /** Where in the resource (relative to the resource node, e.g. ['Properties','SecurityGroupIngress',0]). */
  readonly path?: Path;
  /** Set when status is suppressed. */
  readonly suppression?: Suppression;
  /** Stable across line moves and rewording: rule, file or account, resource, path, message id and data. */
  readonly fingerprint: string;
}

/** An input that could not be read: a malformed template, an AccessDenied region, a bad usage file. */
export interface InputError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface ReportSummary {
  readonly resources: number;
  readonly inputs: number;
  readonly fail: number;
  readonly notEvaluated: number;
  readonly suppressed: number;
  readonly errors: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** The gate: findings with status fail at or above this severity make exit code 1. */
  readonly failOn: Severity | 'none';
  readonly gateFailed: boolean;
}

/** What every reporter receives, and the JSON contract of DESIGN.md. */
export interface Report {
  readonly tool: { readonly name: 'stackaudit'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly errors: readonly InputError[];
  readonly summary: ReportSummary;
  /** Notes worth a line: skipped non-template files, unused suppressions, assumed tiers. */
  readonly notes?: readonly string[];
}
