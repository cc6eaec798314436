/**
 * One worker's pass over a job's remaining channels: groups of up to 100 share the batched
 * look-ups (profiles, live status); within a group, channels are collected `batchSize` at a time
 * with a random pause between batches. A channel that keeps failing is retried with backoff, then
 * recorded as failed, and the job goes on with the others.
 */
import type { Clock } from '../../clock.js';
import type { NewEvent } from '../../event-store/event-store.port.js';
import type { Logger } from '../../logging/logger.js';
import { countHelixRequests } from '../../twitch/request-stats.js';
import type { CollectionOptions } from '../collection-options.js';
import type { FetchReason } from '../fetches/fetch-command.js';
import type { AdvisoryLocks } from './advisory-locks.js';
import { scopeOf, type ChannelCollector, type GroupLookups } from './channel-collector.js';
import { subscriptionAccessOf, type ConnectedChannel, type ConnectedChannels } from './connected-channels.js';
import { channelCollected, channelCollectionFailed, type JobEventContext } from './job-events.js';
import { remainingChannels, type JobState } from './job-state.js';
import { RetriesExhaustedError, withRetries } from '../../retry.js';
import { must } from '../../must.js';

/** Look-ups batch this many channels per Helix request. */
const LOOKUP_GROUP = 100;

export interface ChannelOutcome {
  broadcasterId: string;
  ok: boolean;
  requests: number;
  eventsWritten: number;
  attempts: number;
  error?: string;
}

export interface JobObserver {
  /** Called once the job knows how many channels it still has to collect. */
  onStart?(remaining: number, total: number): void;
  onChannelDone?(outcome: ChannelOutcome): void;
}

export interface JobExecutionParts {
  collector: ChannelCollector;
  connected: ConnectedChannels;
  locks: AdvisoryLocks;
  clock: Clock;
  logger: Logger;
  options: CollectionOptions;
  append(event: NewEvent): Promise<void>;
  context(): JobEventContext;
  observer?: JobObserver;
  shouldStop(): boolean;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const describe = (error: unknown) => (error instanceof RetriesExhaustedError ? error.lastError : error);
const messageOf = (error: unknown) => {
  const cause = describe(error);
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
};

export class JobExecution {
  /** Events written to channel and game streams by this pass. */
  eventsWritten = 0;
  private readonly reason: FetchReason;

  constructor(
    private readonly job: JobState,
    private readonly parts: JobExecutionParts,
  ) {
    this.reason = { correlationId: job.jobId, source: job.source };
  }

  async run(): Promise<'done' | 'interrupted'> {
    const remaining = remainingChannels(this.job);
    this.parts.observer?.onStart?.(remaining.length, this.job.broadcasterIds.length);
    const connected = new Map((await this.parts.connected.all()).map((c) => [c.broadcasterId, c]));
    for (const group of chunks(remaining, LOOKUP_GROUP)) {
      if (this.parts.shouldStop()) return 'interrupted';
      const lookups = await this.lookups(group);
      if (!lookups) continue;
      const batches = chunks(
        group.filter((id) => lookups.byChannel.has(id)),
        this.parts.options.batchSize,
      );
      for (const [index, batch] of batches.entries()) {
        if (this.parts.shouldStop()) return 'interrupted';
        await Promise.all(batch.map((id) => this.collectChannel(id, connected.get(id), lookups)));
        if (index < batches.length - 1 && this.parts.options.maxJitterMs > 0)
          await this.parts.clock.sleep(Math.random() * this.parts.options.maxJitterMs);
      }
    }
    return 'done';
  }

  /** The group's batched look-ups; when they keep failing, every channel of the group is recorded as failed. */
  private async lookups(group: string[]): Promise<GroupLookups | null> {
    const { clock, options } = this.parts;
    let lookups: GroupLookups;
    let attempts: number;
    try {
      ({ result: lookups, attempts } = await withRetries(() => this.parts.collector.lookups(group, this.reason), {
        attempts: options.attempts,
        backoff: options.backoff,
        clock,
      }));
    } catch (error) {
      const attemptsMade = error instanceof RetriesExhaustedError ? error.attempts : 1;
      for (const id of group)
        await this.fail(id, `profile and live-status look-up failed: ${messageOf(error)}`, attemptsMade, 0);
      return null;
    }
    for (const result of lookups.byChannel.values()) this.eventsWritten += result.eventsWritten;
    for (const id of lookups.unknown)
      await this.fail(id, 'Twitch does not know this channel (deleted, banned, or a wrong id)', attempts, 0);
    lookups.unknown.forEach((id) => lookups.byChannel.delete(id));
    return lookups;
  }

  private async collectChannel(
    broadcasterId: string,
    connected: ConnectedChannel | undefined,
    lookups: GroupLookups,
  ): Promise<void> {
    const { clock, options, locks, collector } = this.parts;
    const fromLookups = must(lookups.byChannel.get(broadcasterId), 'lookups.byChannel.get(broadcasterId)');
    const written = { events: 0 };
    let attempts = 0;
    const { result: error, requests } = await countHelixRequests(async () => {
      try {
        await withRetries(
          async (attempt) => {
            attempts = attempt;
            await locks.withChannel(broadcasterId, () =>
              collector.collect(
                broadcasterId,
                subscriptionAccessOf(connected),
                scopeOf(this.job.kind),
                this.reason,
                fromLookups.gameIds,
                written,
              ),
            );
          },
          { attempts: options.attempts, backoff: options.backoff, clock },
        );
        return null;
      } catch (failure) {
        return failure;
      }
    });
    this.eventsWritten += written.events;
    const eventsWritten = fromLookups.eventsWritten + written.events;
    if (error) return this.fail(broadcasterId, messageOf(error), attempts, requests);
    await this.parts.append(
      channelCollected(this.parts.context(), { broadcasterId, requests, eventsWritten, attempts }),
    );
    this.parts.observer?.onChannelDone?.({ broadcasterId, ok: true, requests, eventsWritten, attempts });
  }

  private async fail(broadcasterId: string, error: string, attempts: number, requests: number): Promise<void> {
    this.parts.logger.warn({ jobId: this.job.jobId, broadcasterId, attempts, error }, 'channel collection failed');
    await this.parts.append(
      channelCollectionFailed(this.parts.context(), {
        broadcasterId,
        error: error.slice(0, 1_000),
        attempts: Math.max(1, attempts),
      }),
    );
    this.parts.observer?.onChannelDone?.({ broadcasterId, ok: false, requests, eventsWritten: 0, attempts, error });
  }
}
