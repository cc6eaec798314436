/**
 * StartBackfill and its job: a backfill is a collection job (`collection-job-<jobId>`, kind
 * 'backfill') with the collections' job model — requested (with BackfillRequested saying the
 * range and kinds), started, one ChannelCollected or ChannelCollectionFailed per channel,
 * completed or failed — plus the progress of each channel's walks (BackfillProgressRecorded: the
 * cursor a resumed run starts at) and the cancel (BackfillCancelled). Its Helix calls run in the
 * background priority of the rate limiter, on the budget live polls and the daily job leave over.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { jobStream, type BackfillKind } from '@creatorsync/projections';
import { LOGGER } from '../../logging/logger.js';
import { scheduleInterval } from '../../scheduling.js';
import { HELIX_CLIENT } from '../../twitch/helix-client.js';
import { EVENT_STORE } from '../../event-store/event-store.port.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import { StreamNotFoundError } from '../../event-store/errors.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import type { HeldLease } from '../../database/leases.js';
import type { Logger } from '../../logging/logger.js';
import type { HelixClient } from '../../twitch/helix-client.js';
import { inBackground } from '../../twitch/request-priority.js';
import { countHelixRequests, helixRequestsSoFar } from '../../twitch/request-stats.js';
import { appendNewFacts } from '../append-new-facts.js';
import { JobLeases } from '../jobs/job-leases.js';
import { serialAppender } from '../jobs/collection-jobs.js';
import { ConnectedChannels } from '../jobs/connected-channels.js';
import {
  channelCollected,
  channelCollectionFailed,
  jobCompleted,
  jobFailed,
  jobRequested,
  jobStarted,
  type JobEventContext,
} from '../jobs/job-events.js';
import { newJobId } from '../jobs/job-id.js';
import { JobNotFoundError } from '../jobs/job-state.js';
import { backfillCancelled, backfillEstimated, backfillRequested, progressRecorded } from './backfill-events.js';
import {
  BackfillInputError,
  checkChannels,
  checkKinds,
  checkRange,
  resolveChannels,
  type StartBackfill,
} from './backfill-input.js';
import { BackfillLedger } from './backfill-ledger.js';
import {
  backfillStateOf,
  progressKey,
  remainingBackfillChannels,
  statusOf,
  type BackfillState,
  type Progress,
} from './backfill-state.js';
import { backfillViewOf, type BackfillView, type LiveCounters } from './backfill-view.js';
import {
  estimatedRequests,
  walkClips,
  walkFollowers,
  walkVideos,
  type WalkParts,
  type WalkStep,
} from './backfill-walks.js';
import { must } from '../../must.js';

export class BackfillConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackfillConflictError';
  }
}

export interface BackfillSummary {
  jobId: string;
  status: 'completed' | 'failed' | 'cancelled' | 'interrupted' | 'running-elsewhere';
  channels: string[];
  requests: number;
  eventsWritten: number;
  /** Facts met again (already in the log from an earlier or overlapping run): not written twice. */
  skipped: number;
  failures: Array<{ broadcasterId: string; error: string }>;
}

export interface BackfillObserver {
  onProgress?(view: BackfillView): void;
}

const WALKS = { followers: walkFollowers, videos: walkVideos, clips: walkClips } as const;
/** Background share of an 800-point bucket, for estimates before the job has its own pace. */
const DEFAULT_REQUESTS_PER_MINUTE = 720;
const CANCEL_POLL_MS = 2_000;

@Injectable()
export class BackfillJobs implements OnApplicationShutdown {
  private readonly running = new Map<string, Promise<BackfillSummary>>();
  private readonly live = new Map<string, LiveCounters>();
  private readonly cancelled = new Set<string>();
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HELIX_CLIENT) private readonly helix: HelixClient,
    private readonly leases: JobLeases,
    private readonly connected: ConnectedChannels,
  ) {}

  /** Checks the request, records it, and runs it in the background; `finished` settles at its end. */
  async start(
    input: Omit<StartBackfill, 'kinds' | 'channels'> & { kinds?: unknown; channels: unknown },
    observer?: BackfillObserver,
  ): Promise<{ jobId: string; channels: string[]; finished: Promise<BackfillSummary> }> {
    const { from, to } = checkRange(input.from, input.to, this.clock.now());
    const kinds = checkKinds(input.kinds);
    const asked = checkChannels(input.channels);
    if (typeof input.dryRun !== 'boolean') throw new BackfillInputError('"dryRun" must be true or false');
    const channels = resolveChannels(
      asked,
      (await this.connected.all()).map((c) => c.broadcasterId),
    );
    if (!input.dryRun) await this.refuseOverlaps(channels, kinds);
    const jobId = newJobId('backfill', this.clock.now());
    const c: JobEventContext = { jobId, source: 'backfill', at: this.clock.now() };
    await this.eventStore.append(
      jobStream(jobId),
      [
        jobRequested(c, { kind: 'backfill', requestedBy: input.requestedBy, broadcasterIds: channels }),
        backfillRequested(c, { from, to, kinds, dryRun: input.dryRun, allChannels: asked === 'all' }),
      ],
      { expectedRevision: 'no_stream' },
    );
    await this.leases.reserve(jobId);
    this.logger.info({ jobId, channels: channels.length, from, to, kinds, dryRun: input.dryRun }, 'backfill requested');
    return { jobId, channels, finished: this.run(jobId, observer) };
  }

  /** Runs (or resumes at its recorded cursors) a backfill, unless another worker holds it. */
  run(jobId: string, observer?: BackfillObserver, options: { waitForLease?: boolean } = {}): Promise<BackfillSummary> {
    const already = this.running.get(jobId);
    if (already) return already;
    const run = this.runLeased(jobId, observer, options.waitForLease ?? false).finally(() =>
      this.running.delete(jobId),
    );
    this.running.set(jobId, run);
    run.catch((err: unknown) => this.logger.error({ err, jobId }, 'backfill stopped by an error'));
    return run;
  }

  /** Records the cancel; the worker stops before its next request. */
  async cancel(jobId: string, cancelledBy: string | null): Promise<BackfillView> {
    const state = await this.state(jobId);
    if (state.cancelled) return this.viewOf(state);
    if (state.finished) throw new BackfillConflictError(`backfill ${jobId} has already ${state.finished}`);
    const c: JobEventContext = { jobId, source: state.source, at: this.clock.now() };
    await appendNewFacts(this.eventStore, jobStream(jobId), [backfillCancelled(c, cancelledBy)]);
    this.cancelled.add(jobId);
    this.logger.info({ jobId, cancelledBy }, 'backfill cancelled');
    if (!this.running.has(jobId)) {
      // Nobody runs it here; if nobody runs it anywhere, end it now.
      const lease = await this.leases.take(jobId);
      if (lease) {
        let ended = false;
        try {
          await appendNewFacts(this.eventStore, jobStream(jobId), [jobFailed(c, 'cancelled')]);
          ended = true;
        } finally {
          await lease.release({ done: ended });
        }
      }
    }
    return this.view(jobId);
  }

  async view(jobId: string): Promise<BackfillView> {
    return this.viewOf(await this.state(jobId));
  }

  /** Every backfill, newest first. */
  async list(): Promise<BackfillView[]> {
    return (await this.states()).map((s) => this.viewOf(s)).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }

  /** Backfills requested but never finished (their worker stopped or died): run them again. */
  async resumeUnfinished(): Promise<string[]> {
    const unfinished = (await this.states()).filter((s) => !s.finished).map((s) => s.jobId);
    if (unfinished.length > 0) this.logger.info({ jobs: unfinished }, 'resuming unfinished backfills');
    for (const jobId of unfinished) void this.run(jobId, undefined, { waitForLease: true }).catch(() => undefined);
    return unfinished;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }

  async state(jobId: string): Promise<BackfillState> {
    let events: RecordedEvent[];
    try {
      events = await this.eventStore.readStream(jobStream(jobId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new JobNotFoundError(jobId);
      throw error;
    }
    if (!events.some((e) => e.type === 'BackfillRequested')) throw new JobNotFoundError(jobId);
    return backfillStateOf(jobId, events);
  }

  private async states(): Promise<BackfillState[]> {
    const events = await this.eventStore.readAll({ filter: { streamPrefixes: [jobStream('backfill-')] } });
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    return [...byStream.values()]
      .filter((stream) => stream.some((e) => e.type === 'BackfillRequested'))
      .map((stream) => backfillStateOf((must(stream[0], 'stream[0]').data as { jobId: string }).jobId, stream));
  }

  private viewOf(state: BackfillState): BackfillView {
    return backfillViewOf(state, this.live.get(state.jobId), this.clock.now(), DEFAULT_REQUESTS_PER_MINUTE);
  }

  private async refuseOverlaps(channels: string[], kinds: BackfillKind[]): Promise<void> {
    for (const other of await this.states()) {
      const status = statusOf(other);
      if (other.request.dryRun || (status !== 'requested' && status !== 'running')) continue;
      const channel = channels.find((id) => other.broadcasterIds.includes(id));
      const kind = kinds.find((k) => other.request.kinds.includes(k));
      if (channel !== undefined && kind !== undefined)
        throw new BackfillConflictError(
          `backfill ${other.jobId} is already running for channel ${channel} and kind ${kind}; cancel it or wait`,
        );
    }
  }

  private async runLeased(
    jobId: string,
    observer: BackfillObserver | undefined,
    wait: boolean,
  ): Promise<BackfillSummary> {
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
      if (done || this.stopping) return summaryOf(state);
      const summary = await this.execute(state, lease, observer);
      done = summary.status !== 'interrupted' && summary.status !== 'running-elsewhere';
      return summary;
    } finally {
      // Unfinished (shutdown, lost lease): the lease expires now, so another instance goes on at once.
      await lease.release({ done });
      this.live.delete(jobId);
    }
  }

  private async execute(state: BackfillState, lease: HeldLease, observer?: BackfillObserver): Promise<BackfillSummary> {
    const { jobId } = state;
    const context = (): JobEventContext => ({ jobId, source: state.source, at: this.clock.now() });
    const append = serialAppender(this.eventStore, jobStream(jobId), state.revision);
    const live: LiveCounters = { startedAtMs: this.clock.now().getTime(), steps: new Map(), skipped: 0 };
    this.live.set(jobId, live);
    if (state.cancelled) this.cancelled.add(jobId);
    const stopWatch = this.watchForCancel(jobId);
    const shouldStop = () => this.stopping || this.cancelled.has(jobId) || lease.lost;
    let current = state;
    let reportedAtMs = 0;
    const progressed = async (final = false) => {
      if (!observer?.onProgress) return;
      // Reading the job's stream for each step would cost more than the step on long walks.
      if (!final && Date.now() - reportedAtMs < 500) return;
      reportedAtMs = Date.now();
      current = await this.state(jobId).catch(() => current);
      observer.onProgress(this.viewOf(current));
    };
    try {
      await append(
        jobStarted(
          context(),
          state.attempts + 1,
          state.broadcasterIds.filter((id) => !remainingBackfillChannels(state).includes(id)),
        ),
      );
      this.logger.info(
        { jobId, channels: state.broadcasterIds.length, attempt: state.attempts + 1 },
        'backfill started',
      );
      for (const broadcasterId of remainingBackfillChannels(state)) {
        if (shouldStop()) break;
        const { result: outcome, requests } = await countHelixRequests(() =>
          inBackground(() =>
            state.request.dryRun
              ? this.estimate(state, broadcasterId, append, context)
              : this.backfillChannel(state, broadcasterId, { append, context, live, shouldStop, progressed }),
          ).then(
            (written) => ({ ok: true as const, written }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
        );
        if (!outcome.ok) {
          const message =
            outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error);
          this.logger.warn({ jobId, broadcasterId, error: message }, 'channel backfill failed');
          await append(
            channelCollectionFailed(context(), { broadcasterId, error: message.slice(0, 1_000), attempts: 1 }),
          );
        } else if (outcome.written !== null) {
          const earlier = [...state.progress.values()].filter((p) => p.broadcasterId === broadcasterId);
          await append(
            channelCollected(context(), {
              broadcasterId,
              requests: requests + earlier.reduce((s, p) => s + p.requests, 0),
              eventsWritten: outcome.written,
              attempts: state.attempts + 1,
            }),
          );
        }
        await progressed();
      }
      const done = await this.state(jobId);
      if (done.cancelled) {
        await append(jobFailed(context(), 'cancelled'));
        return { ...summaryOf(await this.state(jobId)), skipped: live.skipped, status: 'cancelled' };
      }
      if (remainingBackfillChannels(done).length > 0) {
        this.logger.info({ jobId }, 'backfill interrupted; it resumes at its recorded cursors at the next start');
        return { ...summaryOf(done), skipped: live.skipped, status: 'interrupted' };
      }
      const totals = {
        channelsOk: done.collected.size,
        channelsFailed: done.failed.size,
        requests: [...done.collected.values()].reduce((s, c) => s + c.requests, 0),
        eventsWritten: [...done.collected.values()].reduce((s, c) => s + c.eventsWritten, 0),
      };
      await append(jobCompleted(context(), totals));
      this.logger.info({ jobId, ...totals }, 'backfill completed');
      const finished = await this.state(jobId);
      await progressed(true);
      return { ...summaryOf(finished), skipped: live.skipped, status: 'completed' };
    } catch (error) {
      this.logger.error({ err: error, jobId }, 'backfill failed');
      await append(jobFailed(context(), error instanceof Error ? error.message : String(error))).catch(() => undefined);
      return { ...summaryOf(await this.state(jobId).catch(() => state)), skipped: live.skipped, status: 'failed' };
    } finally {
      stopWatch();
    }
  }

  /** Returns the events written for the channel, or null when the walk stopped before the end. */
  private async backfillChannel(
    state: BackfillState,
    broadcasterId: string,
    run: {
      append: (event: ReturnType<typeof progressRecorded>) => Promise<void>;
      context: () => JobEventContext;
      live: LiveCounters;
      shouldStop: () => boolean;
      progressed: () => Promise<void>;
    },
  ): Promise<number | null> {
    const ledger = await BackfillLedger.load(this.eventStore, broadcasterId);
    const results = await Promise.allSettled(
      state.request.kinds.map((kind) => {
        const key = progressKey(broadcasterId, kind);
        const resume: Progress | undefined = state.progress.get(key);
        let written = resume?.eventsWritten ?? 0;
        const base = resume?.requests ?? 0;
        const parts: WalkParts = {
          helix: this.helix,
          clock: this.clock,
          ledger: {
            append: async (events) => {
              const before = ledger.skipped;
              const n = await ledger.append(events);
              written += n;
              run.live.skipped += ledger.skipped - before;
              return n;
            },
          },
          jobId: state.jobId,
          broadcasterId,
          from: state.request.from,
          to: state.request.to,
          resume,
          record: async (step: WalkStep) => {
            await run.append(
              progressRecorded(run.context(), {
                broadcasterId,
                kind,
                ...step,
                requests: base + helixRequestsSoFar(),
                eventsWritten: written,
              }),
            );
            void run.progressed();
          },
          onPage: (step) =>
            run.live.steps.set(key, { ...step, requests: base + helixRequestsSoFar(), eventsWritten: written }),
          shouldStop: run.shouldStop,
        };
        return countHelixRequests(() => WALKS[kind](parts));
      }),
    );
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected'
        ? [`${state.request.kinds[i]}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`]
        : [],
    );
    if (failures.length > 0) throw new Error(failures.join('; '));
    if (results.some((r) => r.status === 'fulfilled' && r.value.result === 'stopped')) return null;
    const earlier = [...state.progress.values()].filter((p) => p.broadcasterId === broadcasterId);
    return ledger.written + earlier.reduce((s, p) => s + p.eventsWritten, 0);
  }

  /** A dry run: the follower total (no list page), then the requests each walk would make. */
  private async estimate(
    state: BackfillState,
    broadcasterId: string,
    append: (event: ReturnType<typeof backfillEstimated>) => Promise<void>,
    context: () => JobEventContext,
  ): Promise<number> {
    const total = state.request.kinds.includes('followers')
      ? (await this.helix.getFollowerTotal(broadcasterId)).total
      : 0;
    const nowMs = this.clock.now().getTime();
    const requests = state.request.kinds.map((kind) => ({
      kind,
      endpoint: { followers: '/channels/followers', videos: '/videos', clips: '/clips' }[kind],
      count: estimatedRequests(kind, state.request, total, nowMs),
    }));
    const totalRequests = requests.reduce((s, r) => s + r.count, 0);
    const perMinute = this.requestsPerMinute();
    await append(
      backfillEstimated(context(), {
        broadcasterId,
        requests,
        totalRequests,
        estimatedSeconds: Math.round((totalRequests / perMinute) * 60 * 10) / 10,
        requestsPerMinute: perMinute,
      }),
    );
    return 0;
  }

  /** The background share of the app bucket as Twitch last reported it. */
  private requestsPerMinute(): number {
    const limit = this.helix.requestStats().buckets['app']?.limit;
    return limit ? Math.max(1, Math.floor(limit * 0.9)) : DEFAULT_REQUESTS_PER_MINUTE;
  }

  /** Another instance may record the cancel: look for it now and then while running. */
  private watchForCancel(jobId: string): () => void {
    return scheduleInterval(this.leases.leases.scheduler, `backfill-cancel-watch:${jobId}`, CANCEL_POLL_MS, () => {
      void this.eventStore
        .readAll({ filter: { streamPrefixes: [jobStream(jobId)], eventTypePrefixes: ['BackfillCancelled'] } })
        .then((events) => {
          if (events.some((e) => e.streamId === jobStream(jobId))) this.cancelled.add(jobId);
        })
        .catch(() => undefined);
    });
  }
}

function summaryOf(state: BackfillState): BackfillSummary {
  const collected = [...state.collected.values()];
  return {
    jobId: state.jobId,
    status: state.cancelled ? 'cancelled' : (state.finished ?? 'interrupted'),
    channels: state.broadcasterIds,
    requests: collected.reduce((s, c) => s + c.requests, 0),
    eventsWritten: collected.reduce((s, c) => s + c.eventsWritten, 0),
    skipped: 0,
    failures: [...state.failed].map(([broadcasterId, error]) => ({ broadcasterId, error })),
  };
}
