import type { Report } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';

export interface ReporterContext {
  /** Every rule (for SARIF rule descriptors and titles). */
  readonly rules: readonly RuleMeta[];
  /** To make file paths repo-relative. */
  readonly cwd: string;
  /** Text only: colour when stdout is a TTY (the CLI decides). */
  readonly color?: boolean;
  readonly toolVersion: string;
  /** Text: the widest line in columns (default 120); a finding's line is shortened to fit. */
  readonly width?: number;
  /**
   * Text: `compact` prints one line per finding and nothing else per finding (no resource
   * headings, no details, no hints); `verbose` adds details under each finding (full message,
   * reason, fix, docs link); `normal` (default) is in between.
   */
  readonly detail?: 'compact' | 'normal' | 'verbose';
  /** Text and Markdown: print only failures (no not-evaluated or suppressed findings, no notes). */
  readonly quiet?: boolean;
  /** `--soft-fail`: findings never fail the run (exit 0); the summary says so. */
  readonly softFail?: boolean;
  /** Markdown: the most characters the output may have (default 65,000; GitHub rejects comments over 65,536). */
  readonly maxChars?: number;
}

/** A pure function from a report to the text the CLI prints or writes to `--output`. */
export type Reporter = (report: Report, context: ReporterContext) => string;

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
