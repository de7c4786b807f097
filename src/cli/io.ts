// What a command needs from the outside world, passed in so tests can run commands in-process.

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The terminal's width in columns, when stdout is a terminal. */
  readonly columns?: number;
  /**
   * Standard input, whole, for `scan -`; rejects with an InputFileError-like message when it
   * is larger than `maxBytes`. Absent where there is no stdin to read (tests that do not give one).
   */
  readonly readStdin?: (maxBytes: number) => Promise<Uint8Array>;
}

/** A usage or input problem: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
