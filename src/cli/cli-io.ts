/** What the CLI needs from its process, injected so tests run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour). */
  isTty: boolean;
  /** Whether stderr is a terminal (progress display). */
  stderrIsTty?: boolean;
}

/** Exit codes: 0 success, 1 a check failed, 2 the command line was wrong, 3 fsmkit itself failed. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake on the command line; the CLI prints it with the usage hint and exits 2. */
export class UsageError extends Error {
  /** The command whose usage the error is about, when it is about one: the CLI then points at its --help. */
  command?: string;

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
