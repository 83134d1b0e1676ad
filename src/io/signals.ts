/** The signals that ask a command-line program to stop. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** While held, a stop signal does not kill the process at once: it is recorded and `signal` aborts. */
export interface SignalGuard {
  /** Aborted when a stop signal arrives; work in progress checks it or listens to it. */
  readonly signal: AbortSignal;
  /** The stop signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /**
   * Stops holding the signals. When one arrived and nobody else listens for
   * it, it is raised again, so the process ends as the sender asked, after
   * the work that was in progress has finished or been rolled back.
   */
  release(): void;
}

/**
 * Holds SIGINT, SIGTERM and SIGHUP for a stretch of work that must not be
 * cut in two (switching generated files into place, a browser that must be
 * closed). The work itself decides what to do when `signal` aborts.
 */
export function holdStopSignals(): SignalGuard {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    received ??= name;
    controller.abort(new Error(`stopped by ${name}`));
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  let released = false;
  return {
    signal: controller.signal,
    received: () => received,
    release() {
      if (released) return;
      released = true;
      for (const name of STOP_SIGNALS) process.off(name, onSignal);
      if (received && process.listenerCount(received) === 0) process.kill(process.pid, received);
    },
  };
}
