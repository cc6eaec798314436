/**
 * The schedules' work, called directly (the timers only decide when): the daily run is one job per
 * day however many instances fire, and a live poll samples live channels with one batched request
 * and records the end of streams that went offline since the last poll.
 */
import { SchedulerRegistry } from '@nestjs/schedule';
import { CommandBus } from '@nestjs/cqrs';
import { channelStream } from '@creatorsync/projections';
import { silentLogger } from '../../logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { liveSessionAt } from '../../twitch/simulator/stream-sessions.js';
import { COLLECTION_OPTIONS, type CollectionOptions } from '../collection-options.js';
import { AdvisoryLocks } from '../jobs/advisory-locks.js';
import { RIG_START, startCollectionRig, type CollectionRig } from '../testing/collection-rig.js';
import { Leases } from '../../database/leases.js';
import { DailyCollectionSchedule } from './daily-collection.schedule.js';
import { LivePollingSchedule } from './live-polling.schedule.js';
import { must } from '../../must.js';
import { dropIfCreated, stopIfStarted } from '../../testing/clean-up.js';

describe('schedules', () => {
  let db: TestDatabase;
  let rig: CollectionRig;
  let options: CollectionOptions;

  beforeAll(async () => {
    db = await createTestDatabase();
    rig = await startCollectionRig({ databaseUrl: db.url, channelCount: 12 });
    options = rig.app.get(COLLECTION_OPTIONS);
  });
  afterAll(async () => {
    await stopIfStarted(rig);
    await dropIfCreated(db);
  });

  it('the daily run is one job per day, also when two instances fire at once', async () => {
    const first = new DailyCollectionSchedule(
      rig.jobs,
      rig.connected,
      options,
      rig.clock,
      silentLogger,
      rig.app.get(SchedulerRegistry),
    );
    const second = new DailyCollectionSchedule(
      rig.jobs,
      rig.connected,
      options,
      rig.clock,
      silentLogger,
      rig.app.get(SchedulerRegistry),
    );
    const ids = await Promise.all([first.runDaily(), second.runDaily()]);
    expect(ids.filter((id) => id !== null && id !== 'daily-2026-02-10')).toEqual([]);
    expect(await rig.jobs.run('daily-2026-02-10')).toMatchObject({ status: 'completed', channelsOk: 12 });
    const job = await rig.eventStore.readStream('collection-job-daily-2026-02-10');
    expect(job.filter((e) => e.type === 'CollectionJobRequested')).toHaveLength(1);
    expect(job.filter((e) => e.type === 'CollectionJobStarted')).toHaveLength(1);
    expect(job.filter((e) => e.type === 'ChannelCollected')).toHaveLength(12);
  });

  it('a live poll samples the live channels with one request, and a later poll records the streams that ended', async () => {
    const poller = new LivePollingSchedule(
      rig.app.get(Leases),
      rig.app.get(CommandBus),
      rig.connected,
      rig.app.get(AdvisoryLocks),
      options,
      rig.clock,
      silentLogger,
      rig.app.get(SchedulerRegistry),
    );
    const seed = rig.sim.world.seed;
    const at = RIG_START + 10 * 60_000;
    rig.clock.set(at);
    const streamsBefore = rig.sim.requests.filter((r) => r.endpoint === '/streams').length;
    await poller.poll();
    expect(rig.sim.requests.filter((r) => r.endpoint === '/streams').length).toBe(streamsBefore + 1);
    const live = rig.sim.world.channels.filter((c) => liveSessionAt(c, seed, at));
    expect(live.length).toBeGreaterThan(0);
    for (const channel of live) {
      const samples = (await rig.eventStore.readStream(channelStream(channel.id))).filter(
        (e) => e.type === 'LiveStreamSampled',
      );
      expect(must(samples.at(-1), 'samples.at(-1)').metadata).toMatchObject({
        fetchedAt: new Date(at).toISOString(),
        source: 'scheduled',
      });
    }

    const later = at + 12 * 3_600_000; // next morning: the evening's streams are over
    rig.clock.set(later);
    await poller.poll();
    for (const channel of live) {
      const ended = (await rig.eventStore.readStream(channelStream(channel.id))).filter(
        (e) => e.type === 'StreamWentOffline',
      );
      const session = must(liveSessionAt(channel, seed, at), 'liveSessionAt(channel, seed, at)');
      expect(ended.map((e) => (e.data as { streamId: string }).streamId)).toEqual(
        liveSessionAt(channel, seed, later)?.id === session.id ? [] : [session.id],
      );
    }
  });

  it('while a channel is live, the poll fetches its follower total at most every 10 minutes and records each observation', async () => {
    const poller = new LivePollingSchedule(
      rig.app.get(Leases),
      rig.app.get(CommandBus),
      rig.connected,
      rig.app.get(AdvisoryLocks),
      options,
      rig.clock,
      silentLogger,
      rig.app.get(SchedulerRegistry),
    );
    const seed = rig.sim.world.seed;
    const start = RIG_START + 24 * 3_600_000 + 5 * 60_000; // the next evening
    const minutes = [0, 1, 2, 5, 10, 11, 20];
    const liveThroughout = rig.sim.world.channels.filter((c) =>
      minutes.every((m) => liveSessionAt(c, seed, start + m * 60_000)?.id === liveSessionAt(c, seed, start)?.id),
    );
    const live = liveThroughout.filter((c) => liveSessionAt(c, seed, start));
    expect(live.length).toBeGreaterThan(0);
    const followerRequests = () => rig.sim.requests.filter((r) => r.endpoint === '/channels/followers').length;
    const before = followerRequests();
    for (const m of minutes) {
      rig.clock.set(start + m * 60_000);
      await poller.poll();
    }
    // Minutes 0, 10 and 20 are due (11 is only one minute after 10); offline channels never are.
    const liveNow = rig.sim.world.channels.filter((c) => liveSessionAt(c, seed, start));
    expect(followerRequests() - before).toBeLessThanOrEqual(3 * liveNow.length);
    for (const channel of live) {
      const observations = (await rig.eventStore.readStream(channelStream(channel.id)))
        .filter((e) => e.type === 'FollowerCountFetched')
        .map((e) => Date.parse((e.metadata as { fetchedAt: string }).fetchedAt))
        .filter((ms) => ms >= start);
      // Each observation is recorded, unchanged ones included.
      expect(observations.map((ms) => (ms - start) / 60_000)).toEqual([0, 10, 20]);
    }
  });
});
