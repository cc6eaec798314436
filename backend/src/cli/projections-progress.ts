/**
 * The rebuild progress bar (cli-progress, on stderr): events processed of the handled events counted
 * at the start, events/s, log position and ETA. Without a total (EventStoreDB log) it is a counter.
 * Rate and ETA are computed over the whole run rather than cli-progress's last few updates,
 * because batches arrive in bursts and a short window makes the ETA jump around.
 */
import type { RunnerProgress } from '../projector/projection-runner.js';
import { formatDuration } from './cli-format.js';
import { createStderrBar } from './progress-bar.js';
import { formatCount } from './cli-format.js';

export interface ProgressView {
  update(progress: RunnerProgress): void;
  /** Draws the final state and leaves the bar's line on screen. */
  finish(eventsProcessed: number): void;
  stop(): void;
}

export type ProgressFactory = (name: string, total: number | null) => ProgressView;

export const createProgressBar: ProgressFactory = (name, total) => {
  const counterOnly = total === null;
  const bar = createStderrBar(
    counterOnly
      ? `${name} | {done} events | {rate} events/s | position {position} | {elapsed}`
      : `${name} [{bar}] {percentage}% | {done}/{of} events | {rate} events/s | position {position} | ETA {etaText}`,
  );
  const startedAt = Date.now();
  let of = total ?? 0;
  let position = 'start';
  const payload = (done: number) => {
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const remaining = Math.max(0, of - done);
    return {
      done: formatCount(done),
      of: formatCount(of),
      rate: formatCount(Math.round(rate)),
      position,
      elapsed: formatDuration(seconds),
      etaText: remaining === 0 ? '0s' : rate > 0 ? formatDuration(remaining / rate) : '…',
    };
  };
  // A total of 0 would make the bar's fraction NaN: keep it at least 1 and show the real total as text.
  bar.start(Math.max(of, 1), 0, payload(0));
  let stopped = false;
  return {
    update(progress) {
      if (stopped) return;
      position = progress.lastPosition ?? 'start';
      // Events appended while the rebuild runs are processed too: the total grows with them.
      of = Math.max(of, progress.eventsProcessed);
      bar.setTotal(Math.max(of, 1));
      bar.update(progress.eventsProcessed, payload(progress.eventsProcessed));
    },
    finish(eventsProcessed) {
      if (stopped) return;
      of = Math.max(of, eventsProcessed);
      bar.setTotal(Math.max(of, 1));
      bar.update(Math.max(of, 1), payload(eventsProcessed));
      this.stop();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
};
