/**
 * What a collection job from GET /api/analytics/jobs means for the person waiting on it.
 * Pure functions, tested directly (tests/jobs.unit.spec.ts).
 */
import type { Job, JobAccepted } from './types.js'; // .js: also loaded by the Node tests

/** How far the job is for the user's channels: every outcome but `pending` counts as done. */
export function channelsDone(job: Job | null, accepted: JobAccepted | null): { done: number; total: number } {
  if (job && job.channels.length > 0) {
    return { done: job.channels.filter((c) => c.outcome !== 'pending').length, total: job.channels.length };
  }
  // Not in the jobs list yet (it is a read table): nothing done of the channels the 202 named.
  return { done: 0, total: accepted?.channels.length ?? 0 };
}

/** Why a failed job failed: the job's own error, else its channels' errors, else a plain sentence. */
export function jobFailure(job: Job): string {
  const channelErrors = job.channels.filter((c) => c.error).map((c) => `channel ${c.id}: ${c.error}`);
  return (
    job.error ??
    (channelErrors.length ? `The refresh failed for ${channelErrors.join('; ')}` : 'The refresh job failed.')
  );
}
