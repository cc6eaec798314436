/**
 * The collect command's progress bar (cli-progress, on stderr): channels done of the job's total,
 * ok/failed so far, Helix requests and events written, rate and ETA over the whole run.
 */
import type { ChannelOutcome, JobObserver } from '../collection/jobs/job-execution.js';
import { formatDuration } from './cli-format.js';
import { createStderrBar } from './progress-bar.js';

export interface CollectProgress extends JobObserver {
  stop(): void;
}

export function createCollectProgress(label: string): CollectProgress {
  const bar = createStderrBar(
    `${label} [{bar}] {value}/{total} channels | ok {ok} failed {failed} | {requests} requests | {events} events | ETA {eta}`,
  );
  const startedAt = Date.now();
  const totals = { ok: 0, failed: 0, requests: 0, events: 0 };
  let done = 0;
  let doneBefore = 0;
  let of = 0;
  let started = false;
  const payload = () => {
    const seconds = (Date.now() - startedAt) / 1000;
    // Channels done by an earlier, interrupted run of the job do not count towards the rate.
    const rate = seconds > 0 ? (done - doneBefore) / seconds : 0;
    return { ...totals, eta: done >= of ? '0s' : rate > 0 ? formatDuration((of - done) / rate) : '…' };
  };
  return {
    onStart(left, total) {
      of = total;
      done = doneBefore = total - left;
      started = true;
      bar.start(Math.max(total, 1), done, payload());
    },
    onChannelDone(outcome: ChannelOutcome) {
      done += 1;
      if (outcome.ok) totals.ok += 1;
      else totals.failed += 1;
      totals.requests += outcome.requests;
      totals.events += outcome.eventsWritten;
      if (started) bar.update(done, payload());
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
