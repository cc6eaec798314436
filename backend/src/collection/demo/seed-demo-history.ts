/**
 * The embedded default's demo data, recorded through the real path: the demo user is linked to the
 * simulator's demo channels, then a collection job runs for each past day with the simulator's
 * clock moved back to that day's 02:00 (some 90 days), so the dashboard has history — followers,
 * subscribers, streams seen at collection time, videos, clips and games — on first start.
 * Days already recorded are skipped on later starts (each day's job has the day's id; an unfinished
 * one is resumed); event ids are deterministic, so a repeat adds nothing.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { accountStream, eventCatalogue, jobStream } from '@creatorsync/projections';
import type { EventStore } from '../../event-store/event-store.port.js';
import { StreamNotFoundError, WrongExpectedVersionError } from '../../event-store/errors.js';
import type { Logger } from '../../logging/logger.js';
import type { RunningHelixSimulator } from '../../twitch/simulator/start-helix-simulator.js';
import { sessionsBetween } from '../../twitch/simulator/stream-sessions.js';
import { CollectGameMetadata } from '../fetches/collect-game-metadata.command.js';
import { SampleLiveStreams } from '../fetches/sample-live-streams.command.js';
import { demoLivePollTimes } from './demo-live-polls.js';
import { deterministicEventId } from '../deterministic-event-id.js';
import { CLIP_LOOKBACK_DAYS } from '../facts/lookback.js';
import { CollectionJobs, JobAlreadyRequestedError } from '../jobs/collection-jobs.js';

export const DEMO_USER_ID = 'demo';
const DAY_MS = 86_400_000;
/** The daily collection's hour (UTC), as the scheduler runs it. */
const COLLECTION_HOUR_MS = 2 * 3_600_000;

export interface SeedDemoOptions {
  jobs: CollectionJobs;
  /** Runs the live polls the demo's past streams would have had. */
  commands: CommandBus;
  eventStore: EventStore;
  simulator: RunningHelixSimulator;
  days: number;
  logger: Logger;
}

export async function seedDemoHistory({
  jobs,
  commands,
  eventStore,
  simulator,
  days,
  logger,
}: SeedDemoOptions): Promise<void> {
  const clock = simulator.clock;
  const now = clock.now();
  // Started with `demo: true`, the simulator holds only the demo channels.
  const demoChannels = simulator.world.channels;
  const ids = demoChannels.map((c) => c.id);
  await linkDemoAccount(eventStore, demoChannels, now);

  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const runDay = async (jobId: string, kind: 'daily' | 'refresh' = 'daily') => {
    try {
      await jobs.request({ kind, requestedBy: null, broadcasterIds: ids, source: 'simulator', jobId });
    } catch (error) {
      if (!(error instanceof JobAlreadyRequestedError)) throw error;
    }
    await jobs.run(jobId);
  };
  const pending: number[] = [];
  for (let day = today - days * DAY_MS; day < today; day += DAY_MS) {
    if (!(await finished(eventStore, dayJobId(day)))) pending.push(day);
  }
  if (pending.length > 0) logger.info({ days: pending.length, channels: ids.length }, 'recording demo history');
  // Live polls would sample the simulator at whatever day its clock shows: they wait until the
  // clock is back in the present (they skip while another holder has the live-poll lock).
  const releaseLivePolls = await jobs.locks.tryLivePoll();
  try {
    for (const day of pending) {
      if (jobs.isStopping) return; // shutting down: the next start records the remaining days
      // The live polls of the day before this collection first, so the clock only moves forward and
      // the day's finished job also means its streams were polled.
      await pollPastStreams(commands, simulator, ids, day + COLLECTION_HOUR_MS - DAY_MS, day + COLLECTION_HOUR_MS);
      clock.set(day + COLLECTION_HOUR_MS);
      await runDay(dayJobId(day), fullCollectionOn(day) ? 'daily' : 'refresh');
    }
  } finally {
    clock.set(Date.now());
    await releaseLivePolls?.();
  }
  if (jobs.isStopping) return;
  await runDay(`demo-start-${clock.now().toISOString().slice(0, 13).replace(/:/g, '')}`);
  logger.info({ channels: ids.length }, 'demo data ready');
}

async function pollPastStreams(
  commands: CommandBus,
  simulator: RunningHelixSimulator,
  ids: string[],
  fromMs: number,
  toMs: number,
): Promise<void> {
  const { world } = simulator;
  const streams = world.channels.flatMap((channel) => sessionsBetween(channel, world.seed, fromMs, toMs));
  for (const at of demoLivePollTimes(streams, fromMs, toMs)) {
    simulator.clock.set(at);
    const reason = {
      correlationId: `demo-live-poll-${new Date(at).toISOString().slice(0, 16).replace(/:/g, '')}`,
      source: 'simulator' as const,
    };
    const results = await commands.execute(new SampleLiveStreams(ids, reason, true));
    const games = [...results.values()].flatMap((r) => r.gameIds);
    if (games.length > 0) await commands.execute(new CollectGameMetadata(games, reason));
  }
}

const dayJobId = (day: number) => `demo-history-${new Date(day).toISOString().slice(0, 10)}`;

/**
 * History is recorded faster by running the full daily collection (videos, clips) only every
 * CLIP_LOOKBACK_DAYS days, whose clip windows then tile the past without gaps, and the quick one
 * (profile, live status, followers, subscribers) on the days between.
 */
const fullCollectionOn = (day: number) => Math.floor(day / DAY_MS) % CLIP_LOOKBACK_DAYS === 0;

async function finished(eventStore: EventStore, jobId: string): Promise<boolean> {
  try {
    const [last] = await eventStore.readStream(jobStream(jobId), { direction: 'backwards', maxCount: 1 });
    return last?.type === 'CollectionJobCompleted' || last?.type === 'CollectionJobFailed';
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw error;
  }
}

async function linkDemoAccount(
  eventStore: EventStore,
  channels: RunningHelixSimulator['world']['channels'],
  now: Date,
): Promise<void> {
  const events = channels.map((channel, i) => {
    const data = {
      userId: DEMO_USER_ID,
      broadcasterId: channel.id,
      login: channel.login,
      displayName: channel.displayName,
      scopes: ['channel:read:subscriptions', 'moderator:read:followers'],
      // One millisecond apart: the first demo channel is the user's primary channel.
      linkedAt: new Date(now.getTime() + i).toISOString(),
    };
    return {
      id: deterministicEventId('TwitchAccountLinked', DEMO_USER_ID, channel.id),
      type: 'TwitchAccountLinked',
      data,
      metadata: {
        correlationId: 'demo-seed',
        source: 'simulator',
        schemaVersion: eventCatalogue.TwitchAccountLinked.version,
        fetchedAt: now.toISOString(),
      },
    };
  });
  try {
    await eventStore.append(accountStream(DEMO_USER_ID), events, { expectedRevision: 'no_stream' });
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error; // linked on an earlier start
  }
}
