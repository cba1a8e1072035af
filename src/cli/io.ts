/** What the CLI touches of the outside world, passed in so tests run it in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Calls `listener` on Ctrl-C (and SIGTERM); returns what stops it. Without it, this process's
   * SIGINT and SIGTERM (the build server passes its client's).
   */
  interrupts?: (listener: (signal: NodeJS.Signals) => void) => () => void;
}

/** Listens for interrupts as `io` says (CliIO.interrupts); returns what stops listening. */
export function onInterrupt(io: CliIO, listener: (signal: NodeJS.Signals) => void): () => void {
  if (io.interrupts) return io.interrupts(listener);
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

/** A write to a reader that stopped reading (`plangen … | head`): not an error of plangen's. */
export const isClosedPipe = (error: NodeJS.ErrnoException): boolean =>
  error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';

/** What plangen says on stderr when stdout was closed before it had printed everything. */
export const STDOUT_CLOSED_NOTE = 'plangen: standard output was closed early; what it printed there is incomplete\n';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A usage mistake (no input matched, bad option value): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Whether we run in CI: CI systems set CI (GitHub Actions, GitLab CI, and most others). The batch
 * reporter draws no progress bar there, even on a pseudo-terminal; the e2e tests require pandoc and
 * LibreOffice there instead of skipping.
 */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI && env.CI !== 'false' && env.CI !== '0');
}

/**
 * Arguments that matched no file. A name typed with bytes that are not UTF-8 reaches us with � in their
 * place and can never match: say so, or the user looks at a file that is there and reads "no plan".
 */
export function noPlanMatched(unmatched: readonly string[]): UsageError {
  const notUtf8 = unmatched.some((arg) => arg.includes('\uFFFD'));
  return new UsageError(
    `no plan matched: ${unmatched.join(', ')}` +
      (notUtf8 ? ' (� marks bytes that are not UTF-8: plangen cannot open such a name; rename the file)' : ''),
  );
}
