/**
 * Live polling: every LIVE_POLL_MINUTES, one batched GET /streams per 100 connected channels
 * records a sample of each live stream and the end of streams that went offline. One instance
 * polls, the holder of the `live-poll` lease (another takes over within the lease's time to live if
 * it dies), so N instances make the requests of one; the advisory lock keeps out anyone else who
 * samples (the demo seeder), and a poll still running when the next is due makes that one skip.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Leadership, Leases } from '../../database/leases.js';
import { LOGGER } from '../../logging/logger.js';
import { scheduleInterval, SchedulerRegistry } from '../../scheduling.js';
import { CLOCK } from '../../clock.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import { COLLECTION_OPTIONS, type CollectionOptions } from '../collection-options.js';
import { utcMinute } from '../facts/fact.js';
import { CollectGameMetadata } from '../fetches/collect-game-metadata.command.js';
import { SampleLiveStreams } from '../fetches/sample-live-streams.command.js';
import { AdvisoryLocks } from '../jobs/advisory-locks.js';
import { ConnectedChannels } from '../jobs/connected-channels.js';

const GROUP = 100;

@Injectable()
export class LivePollingSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private cancelPolls: (() => void) | undefined;
  private polling: Promise<unknown> | undefined;
  private readonly leadership: Leadership;

  constructor(
    leases: Leases,
    private readonly commands: CommandBus,
    private readonly connected: ConnectedChannels,
    private readonly locks: AdvisoryLocks,
    @Inject(COLLECTION_OPTIONS) private readonly options: CollectionOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.leadership = new Leadership(leases, 'live-poll', logger);
  }

  onApplicationBootstrap(): void {
    if (this.options.livePollMinutes <= 0) return;
    void this.leadership.begin();
    this.cancelPolls = scheduleInterval(
      this.scheduler,
      'live-poll',
      this.options.livePollMinutes * 60_000,
      () => void this.poll(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.cancelPolls?.();
    await this.polling;
    await this.leadership.end();
  }

  /** One poll, if this instance leads the polling; returns the number of events written, or null when skipped. */
  async poll(): Promise<number | null> {
    if (this.polling || !(await this.leadership.confirm())) return null;
    const run = this.pollOnce();
    this.polling = run;
    try {
      return await run;
    } finally {
      this.polling = undefined;
    }
  }

  private async pollOnce(): Promise<number | null> {
    const release = await this.locks.tryLivePoll();
    if (!release) return null;
    try {
      const ids = (await this.connected.all()).map((c) => c.broadcasterId);
      const reason = {
        correlationId: `live-poll-${utcMinute(this.clock.now()).replace(/:/g, '')}`,
        source: 'scheduled' as const,
      };
      let written = 0;
      for (let i = 0; i < ids.length; i += GROUP) {
        const results = await this.commands.execute(new SampleLiveStreams(ids.slice(i, i + GROUP), reason, true));
        const games = [...results.values()].flatMap((r) => r.gameIds);
        written += [...results.values()].reduce((sum, r) => sum + r.eventsWritten, 0);
        if (games.length > 0)
          written += (await this.commands.execute(new CollectGameMetadata(games, reason))).eventsWritten;
      }
      this.logger.debug({ channels: ids.length, written }, 'live poll done');
      return written;
    } catch (error) {
      this.logger.warn({ err: error }, 'live poll failed; the next one retries');
      return null;
    } finally {
      await release();
    }
  }
}
