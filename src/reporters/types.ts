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
}

/** A pure function from a report to the text the CLI prints or writes to `--output`. */
export type Reporter = (report: Report, context: ReporterContext) => string;

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
