/**
 * The Refresh button's run: request a refresh job, follow it through the jobs list until it
 * ends, then reload the page's data with the job's consistency token so what is shown next
 * includes what the job collected. Every failure ends in a message; none is swallowed.
 */
import { goto } from '$app/navigation';
import { SvelteDate } from 'svelte/reactivity';
import { ApiError, isSignInRedirect, type Api } from './api';
import { jobFailure } from './jobs';
import type { Consistency, Job, JobAccepted } from './types';

export type RefreshPhase = 'idle' | 'requesting' | 'running' | 'reloading' | 'done' | 'cooldown' | 'failed';

export interface RefreshOptions {
  /** Reloads the page's data with the token; resolves with what the server said about freshness. */
  reload: (consistencyToken: string) => Promise<Consistency | null>;
  pollMs?: number;
  /** Give up following the job after this long (the job goes on; the message says so). */
  timeoutMs?: number;
}

const ENDED = new Set(['completed', 'failed']);

export class RefreshRun {
  phase = $state<RefreshPhase>('idle');
  accepted = $state<JobAccepted | null>(null);
  job = $state<Job | null>(null);
  message = $state<string | null>(null);
  retryAfter = $state<number | null>(null);
  consistency = $state<Consistency | null>(null);
  finishedAt = $state<Date | null>(null);

  readonly busy = $derived(this.phase === 'requesting' || this.phase === 'running' || this.phase === 'reloading');

  constructor(
    private readonly api: Api,
    private readonly options: RefreshOptions,
  ) {}

  async start(): Promise<void> {
    if (this.busy) return;
    this.phase = 'requesting';
    this.accepted = null;
    this.job = null;
    this.message = null;
    this.retryAfter = null;
    this.consistency = null;
    try {
      const accepted = await this.api.refresh();
      this.accepted = accepted;
      this.phase = 'running';
      const job = await this.follow(accepted.jobId);
      if (!job) {
        this.phase = 'failed';
        this.message =
          'The refresh is taking longer than expected; it goes on in the background. Reload the page later to see its numbers.';
        return;
      }
      this.phase = 'reloading';
      // Even a failed job may have collected some channels: show what is there now, then say why it failed.
      this.consistency = await this.options.reload(accepted.consistencyToken);
      this.finishedAt = new SvelteDate();
      if (job.status === 'failed') {
        this.phase = 'failed';
        this.message = jobFailure(job);
      } else {
        this.phase = 'done';
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Polls the jobs list until the job ends; null when it did not end in time. */
  private async follow(jobId: string): Promise<Job | null> {
    const { pollMs = 1000, timeoutMs = 180_000 } = this.options;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      let waitMs = pollMs;
      try {
        const { jobs } = await this.api.jobs({ job: jobId, limit: 1 });
        // The jobs list is a read table: right after the 202 the job may not be in it yet.
        const job = jobs.find((j) => j.jobId === jobId) ?? null;
        if (job) this.job = job;
        if (job && ENDED.has(job.status)) return job;
      } catch (error) {
        // Rate-limited while following: the job goes on regardless; look again when allowed.
        if (!(error instanceof ApiError && error.status === 429)) throw error;
        waitMs = Math.max(pollMs, (error.retryAfter ?? 1) * 1000);
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    return null;
  }

  private fail(error: unknown): void {
    // Signed out meanwhile: go to sign-in as any page load would.
    if (isSignInRedirect(error)) {
      this.phase = 'idle';
      void goto(error.location);
      return;
    }
    if (error instanceof ApiError && error.status === 429) {
      this.phase = 'cooldown';
      this.retryAfter = error.retryAfter;
      this.message =
        error.retryAfter !== null
          ? `Refreshed recently: try again in ${error.retryAfter} s.`
          : `Refreshed recently: try again in a minute. (${error.message})`;
      return;
    }
    this.phase = 'failed';
    this.message =
      error instanceof ApiError
        ? error.message
        : `The refresh failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
