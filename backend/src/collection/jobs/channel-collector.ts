/**
 * One channel's part of a job, through the commands: the batched look-ups for a group of channels
 * (profiles and live status, 100 channels per request), then per channel its follower total,
 * subscribers, videos and clips (full runs, where due: media-due.ts) and the metadata of every
 * game it was seen with.
 */
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { JobKind } from '@creatorsync/projections';
import { CollectChannelProfiles } from '../fetches/collect-channel-profiles.command.js';
import { CollectClips } from '../fetches/collect-clips.command.js';
import { CollectFollowerTotal } from '../fetches/collect-follower-total.command.js';
import { CollectGameMetadata } from '../fetches/collect-game-metadata.command.js';
import { CollectSubscriberTotal, type SubscriptionAccess } from '../fetches/collect-subscriber-total.command.js';
import { CollectTopClips } from '../fetches/collect-top-clips.command.js';
import { CollectVideos } from '../fetches/collect-videos.command.js';
import { ChannelStateStore } from '../facts/channel-state-store.js';
import { mediaDue } from '../facts/media-due.js';
import { CLOCK, type Clock } from '../../clock.js';
import type { FetchReason, FetchResult } from '../fetches/fetch-command.js';
import { SampleLiveStreams } from '../fetches/sample-live-streams.command.js';

/** `full`: everything a daily run records; `quick` (refresh): profile, live status, followers, subscribers. */
export type CollectionScope = 'full' | 'quick';

export const scopeOf = (kind: JobKind): CollectionScope => (kind === 'refresh' ? 'quick' : 'full');

export interface GroupLookups {
  byChannel: Map<string, FetchResult>;
  /** Channels Twitch does not know. */
  unknown: string[];
}

@Injectable()
export class ChannelCollector {
  constructor(
    private readonly commands: CommandBus,
    private readonly states: ChannelStateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async lookups(broadcasterIds: string[], reason: FetchReason): Promise<GroupLookups> {
    const [profiles, samples] = await Promise.all([
      this.commands.execute(new CollectChannelProfiles(broadcasterIds, reason)),
      this.commands.execute(new SampleLiveStreams(broadcasterIds, reason)),
    ]);
    const byChannel = new Map<string, FetchResult>();
    for (const id of broadcasterIds) {
      const profile = profiles.byChannel.get(id);
      const sample = samples.get(id);
      byChannel.set(id, {
        eventsWritten: (profile?.eventsWritten ?? 0) + (sample?.eventsWritten ?? 0),
        gameIds: [...new Set([...(profile?.gameIds ?? []), ...(sample?.gameIds ?? [])])],
      });
    }
    return { byChannel, unknown: profiles.unknown };
  }

  /** `written` is increased as each command records its events, so a failed try still reports what it wrote. */
  async collect(
    broadcasterId: string,
    access: SubscriptionAccess,
    scope: CollectionScope,
    reason: FetchReason,
    seenGames: string[],
    written: { events: number },
  ): Promise<void> {
    const count = <R extends { eventsWritten: number }>(result: R): R => {
      written.events += result.eventsWritten;
      return result;
    };
    const work: Array<Promise<FetchResult>> = [
      this.commands.execute(new CollectFollowerTotal(broadcasterId, reason)).then(count),
      this.commands.execute(new CollectSubscriberTotal(broadcasterId, access, reason)).then(count),
    ];
    if (scope === 'full') {
      // Videos and clips only where something can have changed (media-due.ts), with the
      // broadcaster's own token where the channel is connected (broadcaster-token.ts).
      const due = mediaDue(await this.states.load(broadcasterId), broadcasterId, this.clock.now().getTime());
      const connected = access.kind === 'broadcaster-token' || access.reason !== 'not_connected';
      if (due.videos) work.push(this.commands.execute(new CollectVideos(broadcasterId, reason, connected)).then(count));
      // Recent and top clips overlap: one after the other, so which check records a shared clip
      // (its `recorded` count) is the same in every run, resumed or not.
      work.push(
        (async (): Promise<FetchResult> => {
          if (due['recent-clips'])
            count(await this.commands.execute(new CollectClips(broadcasterId, reason, connected)));
          if (due['top-clips'])
            count(await this.commands.execute(new CollectTopClips(broadcasterId, reason, connected)));
          // Counted above; their games are recorded by the clip fetches themselves.
          return { eventsWritten: 0, gameIds: [] };
        })(),
      );
    }
    // Sequential on the channel's stream would be slower; appends to one stream retry on conflict.
    const results = await Promise.all(work);
    // The games of the lookups (profiles, live samples). Clip fetches record their own games first.
    const gameIds = [...new Set([...seenGames, ...results.flatMap((r) => r.gameIds)])];
    if (gameIds.length > 0) count(await this.commands.execute(new CollectGameMetadata(gameIds, reason)));
  }
}
