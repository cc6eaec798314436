/**
 * The embedded default's demo data, recorded through the real path: the demo user is linked to the
 * simulator's demo channels, then a daily snapshot is collected for each past day by moving the
 * simulator's clock back (some 90 days), so the dashboard has history on first start. Days already
 * recorded are skipped on later starts; the event ids are deterministic, so a repeat adds nothing.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { accountStream, channelStream, eventCatalogue } from '@creatorsync/projections';
import type { EventStore } from '../../event-store/event-store.port.js';
import { StreamNotFoundError, WrongExpectedVersionError } from '../../event-store/errors.js';
import type { Logger } from '../../logging/logger.js';
import type { SimulatedClock } from '../../clock.js';
import type { RunningHelixSimulator } from '../../twitch/simulator/start-helix-simulator.js';
import { CollectChannelSnapshot } from '../collect-channel-snapshot/collect-channel-snapshot.command.js';
import { deterministicEventId } from '../deterministic-event-id.js';

export const DEMO_USER_ID = 'demo';
const DAY_MS = 86_400_000;
/** The daily collection's hour (UTC), as the scheduler runs it. */
const COLLECTION_HOUR_MS = 2 * 3_600_000;

export interface SeedDemoOptions {
  commandBus: CommandBus;
  eventStore: EventStore;
  simulator: RunningHelixSimulator;
  days: number;
  logger: Logger;
}

export async function seedDemoHistory({ commandBus, eventStore, simulator, days, logger }: SeedDemoOptions): Promise<void> {
  const clock = simulator.clock as SimulatedClock;
  const now = clock.now();
  // Started with `demo: true`, the simulator holds only the demo channels.
  const demoChannels = simulator.world.channels;
  const ids = demoChannels.map((c) => c.id);
  await linkDemoAccount(eventStore, demoChannels, now);

  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const lastRecorded = await lastFetchDay(eventStore, ids[0]!);
  const firstDay = Math.max(today - days * DAY_MS, lastRecorded === null ? -Infinity : lastRecorded + DAY_MS);
  const pending = Math.max(0, Math.round((today - firstDay) / DAY_MS));
  if (pending > 0) logger.info({ days: pending, channels: ids.length }, 'recording demo history');
  try {
    for (let day = firstDay; day < today; day += DAY_MS) {
      clock.set(day + COLLECTION_HOUR_MS);
      const label = new Date(day).toISOString().slice(0, 10);
      await commandBus.execute(new CollectChannelSnapshot(ids, `demo-history-${label}`, 'simulator'));
    }
  } finally {
    clock.set(Date.now());
  }
  await commandBus.execute(new CollectChannelSnapshot(ids, `demo-start-${clock.now().toISOString().slice(0, 13)}`, 'simulator'));
  logger.info({ channels: ids.length }, 'demo data ready');
}

async function linkDemoAccount(eventStore: EventStore, channels: RunningHelixSimulator['world']['channels'], now: Date): Promise<void> {
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
      metadata: { correlationId: 'demo-seed', source: 'simulator', schemaVersion: eventCatalogue.TwitchAccountLinked.version, fetchedAt: now.toISOString() },
    };
  });
  try {
    await eventStore.append(accountStream(DEMO_USER_ID), events, { expectedRevision: 'no_stream' });
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error; // linked on an earlier start
  }
}

async function lastFetchDay(eventStore: EventStore, broadcasterId: string): Promise<number | null> {
  try {
    const [last] = await eventStore.readStream(channelStream(broadcasterId), { direction: 'backwards', maxCount: 1 });
    const fetchedAt = (last?.metadata as { fetchedAt?: string } | undefined)?.fetchedAt;
    return fetchedAt ? Math.floor(Date.parse(fetchedAt) / DAY_MS) * DAY_MS : null;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw error;
  }
}
