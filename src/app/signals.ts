// The process the entry adapters run in: SIGINT and SIGTERM in, an exit code out. Kept behind
// the ProcessControl port so that tests can send a signal without killing the test runner.
import { constants } from 'node:os';
import type { ProcessControl } from './ports.js';

/** The shell's convention for a process ended by a signal: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

export const nodeProcess: ProcessControl = {
  onSignal(handler) {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
  exit(code) {
    process.exit(code);
  },
};

export interface SignalGuard {
  /** Once a signal has arrived: resolves with the exit code, after the process was told to exit. */
  readonly interrupted: Promise<number> | undefined;
  /** Stops listening (the run is over). */
  stop(): void;
}

/**
 * On the first SIGINT or SIGTERM, runs `leave` (write what can be kept, promptly) and exits with
 * 128 + the signal; later signals change nothing. The main flow checks `interrupted` and stops
 * writing, so that it cannot overwrite what `leave` kept.
 */
export function exitOnSignal(
  control: ProcessControl,
  leave: (signal: NodeJS.Signals) => Promise<void>,
): SignalGuard {
  let interrupted: Promise<number> | undefined;
  const stop = control.onSignal((signal) => {
    if (interrupted) return;
    interrupted = (async () => {
      await leave(signal).catch(() => undefined);
      const code = signalExitCode(signal);
      control.exit(code);
      return code;
    })();
  });
  return {
    get interrupted() {
      return interrupted;
    },
    stop,
  };
}
