// Types of corpus.mjs (plain JavaScript, shared with bench/hostile.mjs).

export type HostileClass = 'builtins' | 'work' | 'special' | 'terminal' | 'secrets' | 'numbers';

export interface ExpectedFinding {
  readonly ruleId: string;
  readonly resourceId: string;
  /** Path relative to the case folder; any file when absent. */
  readonly file?: string;
  /** `fail` when absent. */
  readonly status?: 'fail' | 'not-evaluated' | 'suppressed';
}

export interface HostileExpectation {
  /** The exit code, or the codes that are each acceptable. */
  readonly exit: number | readonly number[];
  /** Findings the JSON report must hold. */
  readonly findings?: readonly ExpectedFinding[];
  /** Findings it must not hold (any status but suppressed). */
  readonly absent?: readonly Omit<ExpectedFinding, 'status'>[];
  /** Substrings of file names that stderr must name in an error line. */
  readonly errorFiles?: readonly string[];
  /** The same, only when the exit code is 2. */
  readonly errorFilesIfExit2?: readonly string[];
  /** Substrings of file names the report's notes must name. */
  readonly notes?: readonly string[];
  /** Values that must appear in no output of any format. */
  readonly secrets?: readonly string[];
  /** Text that must appear in no output (file contents read from outside). */
  readonly forbidden?: readonly string[];
  /** Every output format is checked (secrets), not only JSON and text. */
  readonly allFormats?: boolean;
  /** The text report and stderr hold no raw control or bidi characters and no forged line. */
  readonly terminalSafe?: boolean;
  /** Mentions that must not be live in the Markdown report. */
  readonly markdownSafe?: readonly string[];
  /** Upper bound on the JSON report's size. */
  readonly maxStdoutBytes?: number;
  /** Cost report numbers are finite (no Infinity, NaN or null where a price belongs). */
  readonly finiteCost?: boolean;
  /** The report has no input errors. */
  readonly noErrors?: boolean;
}

export interface HostileCase {
  readonly id: string;
  readonly cls: HostileClass;
  /** The case's folder: the working directory of the run. */
  readonly dir: string;
  /** Arguments after `stackaudit`. */
  readonly args: readonly string[];
  /** The folder also holds good.yaml, whose finding must survive. */
  readonly mixed: boolean;
  readonly expect: HostileExpectation;
}

export const BUILTIN_NAMES: readonly string[];
export const GOOD_TEMPLATE: string;
export const GOOD_FILE: string;
export const GOOD_FINDING: ExpectedFinding;
export const SECRETS: Readonly<Record<string, string>>;
export function writeCorpus(root: string, options?: { readonly classes?: readonly HostileClass[] }): HostileCase[];
export function writeManyTemplates(dir: string, count: number): void;
export function writeBigTemplate(file: string, megabytes: number): number;
