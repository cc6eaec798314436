/**
 * Collection jobs: each run (daily, trigger, refresh, admin daily) is a stream of events —
 * requested, started, one ChannelCollected or ChannelCollectionFailed per channel, completed. A
 * worker holds the job's lease (job-leases.ts) while it runs; a job whose worker died is taken over
 * by another instance once the lease expires (or resumed at the next start) for the channels not
 * done yet, and deterministic event ids make any fetch repeated across the crash record nothing twice.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { jobStream, type EventMetadata, type JobKind } from '@creatorsync/projections';
import { LOGGER } from '../../logging/logger.js';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { WrongExpectedVersionError } from '../../event-store/errors.js';
import type { EventStore, NewEvent } from '../../event-store/event-store.port.js';
import type { HeldLease } from '../../database/leases.js';
import type { Position } from '../../event-store/position.js';
import type { Logger } from '../../logging/logger.js';
import { countHelixRequests } from '../../twitch/request-stats.js';
import { appendNewFacts } from '../append-new-facts.js';
import { COLLECTION_OPTIONS, type CollectionOptions } from '../collection-options.js';
import { AdvisoryLocks } from './advisory-locks.js';
import { ChannelCollector } from './channel-collector.js';
import { ConnectedChannels } from './connected-channels.js';
import { JobExecution, type JobObserver } from './job-execution.js';
import { JobLeases } from './job-leases.js';
import { jobCompleted, jobFailed, jobRequested, jobStarted, type JobEventContext } from './job-events.js';
import { newJobId, JOB_ID_PATTERN } from './job-id.js';
import { doneChannels, jobStateOf, type JobState } from './job-state.js';
import { must } from '../../must.js';

export interface JobRequest {
  kind: JobKind;
  requestedBy: string | null;
  broadcasterIds: string[];
  source: EventMetadata['source'];
  /** Default: a fresh id. The scheduled daily run passes the day's id. */
  jobId?: string;
}

export interface RequestedJob {
  jobId: string;
  /** Log position of the CollectionJobRequested event (for the consistency token). */
  requestedAt: Position;
}

export interface JobSummary {
  jobId: string;
  status: 'completed' | 'failed' | 'interrupted' | 'running-elsewhere';
  channels: number;
  channelsOk: number;
  channelsFailed: number;
  requests: number;
  eventsWritten: number;
  failures: Array<{ broadcasterId: string; error: string }>;
}

export class JobAlreadyRequestedError extends Error {
  constructor(readonly jobId: string) {
    super(`Collection job ${jobId} was already requested`);
    this.name = 'JobAlreadyRequestedError';
  }
}

@Injectable()
export class CollectionJobs implements OnApplicationShutdown {
  private readonly running = new Map<string, Promise<JobSummary>>();
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COLLECTION_OPTIONS) private readonly options: CollectionOptions,
    readonly locks: AdvisoryLocks,
    private readonly collector: ChannelCollector,
    private readonly connected: ConnectedChannels,
    readonly leases: JobLeases,
  ) {}

  /** Records the request (the job exists from here on, and will be run or resumed). */
  async request(request: JobRequest): Promise<RequestedJob> {
    const jobId = request.jobId ?? newJobId(request.kind, this.clock.now());
    if (!JOB_ID_PATTERN.test(jobId)) throw new Error(`job id "${jobId}" does not match ${JOB_ID_PATTERN}`);
    const event = jobRequested(
      { jobId, source: request.source, at: this.clock.now() },
      {
        kind: request.kind,
        requestedBy: request.requestedBy,
        broadcasterIds: [...new Set(request.broadcasterIds)],
      },
    );
    try {
      const { position } = await this.eventStore.append(jobStream(jobId), [event], { expectedRevision: 'no_stream' });
      // Ours to run; if this process dies before it does, the lease expires and another instance runs it.
      await this.leases.reserve(jobId);
      return { jobId, requestedAt: position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new JobAlreadyRequestedError(jobId);
      throw error;
    }
  }

  /** Requests the job and runs it in the background; `finished` settles when it is done. */
  async start(request: JobRequest, observer?: JobObserver): Promise<RequestedJob & { finished: Promise<JobSummary> }> {
    const requested = await this.request(request);
    return { ...requested, finished: this.run(requested.jobId, observer) };
  }

  /**
   * Runs (or resumes) a job to its end, unless another worker holds it ('running-elsewhere');
   * `waitForLease`: wait for that worker to end it or to die (its lease expires), then go on here.
   */
  run(jobId: string, observer?: JobObserver, options: { waitForLease?: boolean } = {}): Promise<JobSummary> {
    const already = this.running.get(jobId);
    if (already) return already;
    const run = this.runLeased(jobId, observer, options.waitForLease ?? false).finally(() =>
      this.running.delete(jobId),
    );
    this.running.set(jobId, run);
    run.catch((err: unknown) => this.logger.error({ err, jobId }, 'collection job stopped by an error'));
    return run;
  }

  /** Jobs requested but never finished (their worker stopped or died): run them again. */
  async resumeUnfinished(): Promise<string[]> {
    const events = await this.eventStore.readAll({
      filter: { streamPrefixes: ['collection-job-'], eventTypePrefixes: ['CollectionJob'] },
    });
    const finished = new Set(
      events
        .filter((e) => e.type === 'CollectionJobCompleted' || e.type === 'CollectionJobFailed')
        .map((e) => e.streamId),
    );
    const unfinished = [
      ...new Set(
        events
          // Backfills have their own runner (backfill/backfill-jobs.ts), which resumes them.
          .filter((e) => e.type === 'CollectionJobRequested' && !finished.has(e.streamId))
          .filter((e) => (e.data as { kind: string }).kind !== 'backfill')
          .map((e) => (e.data as { jobId: string }).jobId),
      ),
    ];
    if (unfinished.length > 0) this.logger.info({ jobs: unfinished }, 'resuming unfinished collection jobs');
    // The process that left them may have died moments ago: its leases run out before we go on.
    for (const jobId of unfinished) void this.run(jobId, undefined, { waitForLease: true }).catch(() => undefined);
    return unfinished;
  }

  async onApplicationShutdown(): Promise<void> {
    // Jobs stop at their next batch; what they did not finish is resumed at the next start.
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }

  /** True once the application is shutting down: no job starts or goes on past its current batch. */
  get isStopping(): boolean {
    return this.stopping;
  }

  async state(jobId: string): Promise<JobState> {
    return jobStateOf(jobId, await this.eventStore.readStream(jobStream(jobId)));
  }

  private async runLeased(jobId: string, observer: JobObserver | undefined, wait: boolean): Promise<JobSummary> {
    const lease = wait
      ? await this.leases.takeWhenFree(jobId, async () => this.stopping || (await this.state(jobId)).finished !== null)
      : await this.leases.take(jobId);
    if (!lease) {
      const state = await this.state(jobId);
      return state.finished !== null ? summaryOf(state) : { ...summaryOf(state), status: 'running-elsewhere' };
    }
    let done = false;
    try {
      const state = await this.state(jobId);
      done = state.finished !== null;
      if (done) return summaryOf(state);
      // Shutting down: leave the job untouched for another instance or the next start rather than record an empty attempt.
      if (this.stopping) return summaryOf(state);
      const summary = await this.execute(state, lease, observer);
      done = summary.status === 'completed' || summary.status === 'failed';
      return summary;
    } finally {
      // Unfinished (shutdown, lost lease): the lease expires now, so another instance goes on at once.
      await lease.release({ done });
    }
  }

  private async execute(state: JobState, lease: HeldLease, observer?: JobObserver): Promise<JobSummary> {
    const jobId = state.jobId;
    const context = (): JobEventContext => ({ jobId, source: state.source, at: this.clock.now() });
    const append = serialAppender(this.eventStore, jobStream(jobId), state.revision);
    const attempt = state.attempts + 1;
    await append(jobStarted(context(), attempt, doneChannels(state)));
    this.logger.info(
      { jobId, kind: state.kind, channels: state.broadcasterIds.length, attempt },
      'collection job started',
    );
    const execution = new JobExecution(state, {
      collector: this.collector,
      connected: this.connected,
      locks: this.locks,
      clock: this.clock,
      logger: this.logger,
      options: this.options,
      append,
      context,
      observer,
      // A lost lease means another instance may have taken the job over: stop before the next batch.
      shouldStop: () => this.stopping || lease.lost,
    });
    try {
      const { result: outcome, requests } = await countHelixRequests(() => execution.run());
      if (outcome === 'interrupted') {
        this.logger.info(
          { jobId, leaseLost: lease.lost },
          'collection job interrupted; another instance or the next start resumes it',
        );
        return { ...summaryOf(await this.state(jobId)), status: 'interrupted' };
      }
      const done = await this.state(jobId);
      const earlierRequests = [...state.collected.values()].reduce((sum, c) => sum + c.requests, 0);
      const totals = {
        channelsOk: done.collected.size,
        channelsFailed: done.failed.size,
        requests: earlierRequests + requests,
        eventsWritten:
          [...state.collected.values()].reduce((sum, c) => sum + c.eventsWritten, 0) + execution.eventsWritten,
      };
      await append(jobCompleted(context(), totals));
      this.logger.info({ jobId, ...totals }, 'collection job completed');
      return { ...summaryOf(done), ...totals, status: 'completed' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error, jobId }, 'collection job failed');
      await append(jobFailed(context(), message)).catch(() => undefined);
      return { ...summaryOf(await this.state(jobId).catch(() => state)), status: 'failed' };
    }
  }
}

function summaryOf(state: JobState): JobSummary {
  const sum = (pick: (c: { requests: number; eventsWritten: number }) => number) =>
    [...state.collected.values()].reduce((s, c) => s + pick(c), 0);
  return {
    jobId: state.jobId,
    status: state.finished ?? 'interrupted',
    channels: state.broadcasterIds.length,
    channelsOk: state.collected.size,
    channelsFailed: state.failed.size,
    requests: sum((c) => c.requests),
    eventsWritten: sum((c) => c.eventsWritten),
    failures: [...state.failed].map(([broadcasterId, error]) => ({ broadcasterId, error })),
  };
}

/**
 * Appends to the job's stream one event at a time (a job's channels finish concurrently). The
 * worker holds the job's lease, so it is the stream's only writer and knows the next revision; if
 * that ever proves wrong, it falls back to reading the stream and appending what is not there yet.
 */
export function serialAppender(
  eventStore: EventStore,
  streamId: string,
  revision: bigint,
): (event: NewEvent) => Promise<void> {
  let tail: Promise<unknown> = Promise.resolve();
  const appendOne = async (event: NewEvent) => {
    try {
      revision = (await eventStore.append(streamId, [event], { expectedRevision: revision })).nextExpectedRevision;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      await appendNewFacts(eventStore, streamId, [event]);
      const [last] = await eventStore.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      revision = must(last, 'last').revision;
    }
  };
  return (event) => {
    const next = tail.then(() => appendOne(event));
    tail = next.catch(() => undefined);
    return next;
  };
}
