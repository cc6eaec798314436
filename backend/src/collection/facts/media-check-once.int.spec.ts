/**
 * A job checks a channel's media once. The channels of a batch in flight when their worker died
 * are collected again by the instance that takes the job over (and a failed channel is retried by
 * its job): their media are due again when the live poll sampled them after the first look
 * (media-due.ts), so they are fetched again, yet the job's ChannelMediaChecked stays one per
 * channel and media. A later job's check is a new one, recorded.
 */
import { channelStream } from '@creatorsync/projections';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig } from '../../config/app-config.js';
import { createPool } from '../../database/create-pool.js';
import type pg from 'pg';
import { silentLogger } from '../../logging/logger.js';
import { closeIfOpened, stopIfStarted } from '../../testing/clean-up.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createCollectionContext, type CollectionContext } from '../collection-context.js';
import { SampleLiveStreams } from '../fetches/sample-live-streams.command.js';
import { ChannelCollector } from '../jobs/channel-collector.js';
import { startCollectionRig, type CollectionRig } from '../testing/collection-rig.js';
import { ChannelStateStore } from './channel-state-store.js';
import { mediaDue } from './media-due.js';

describe('a media check retried by its job', () => {
  let db: TestDatabase;
  let rig: CollectionRig;
  /** A second instance over the same database and Twitch: its channel states are read afresh from the streams. */
  let takeover: CollectionContext;
  let takeoverPool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    rig = await startCollectionRig({ databaseUrl: db.url, channelCount: 6 });
    takeoverPool = createPool(db.url, { max: 10 });
    takeover = await createCollectionContext({
      config: loadConfig({ DATABASE_URL: db.url, COLLECTION_JITTER_MS: '0', LOG_LEVEL: 'silent' }),
      pool: takeoverPool,
      eventStore: rig.eventStore,
      helix: rig.helix,
      clock: rig.clock,
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await closeIfOpened(takeover);
    await (takeoverPool as pg.Pool | undefined)?.end();
    await stopIfStarted(rig);
    await (db as TestDatabase | undefined)?.drop();
  });

  const livePoll = async () => {
    rig.clock.advance(5 * 60_000);
    const minute = rig.clock.now().toISOString().slice(0, 16).replace(/:/g, '');
    await rig.app
      .get(CommandBus)
      .execute(new SampleLiveStreams(rig.channelIds, { correlationId: `live-poll-${minute}`, source: 'scheduled' }));
  };
  /** Channels whose recent clips a run would check now. */
  const recentClipsDue = async () => {
    const states = rig.app.get(ChannelStateStore);
    const due: string[] = [];
    for (const id of rig.channelIds)
      if (mediaDue(await states.load(id), id, rig.clock.nowMs())['recent-clips']) due.push(id);
    return due;
  };
  /** Per channel, the media of each check the job recorded (one entry per event). */
  const checksOf = async (jobId: string) => {
    const checks = new Map<string, string[]>();
    for (const id of rig.channelIds) {
      const events = await rig.eventStore.readStream(channelStream(id));
      checks.set(
        id,
        events
          .filter(
            (e) =>
              e.type === 'ChannelMediaChecked' && (e.metadata as { correlationId: string }).correlationId === jobId,
          )
          .map((e) => (e.data as { media: string }).media)
          .sort(),
      );
    }
    return checks;
  };
  const runJob = async () => {
    const job = await rig.jobs.start({
      kind: 'trigger',
      requestedBy: 'one',
      broadcasterIds: rig.channelIds,
      source: 'manual',
    });
    expect(await job.finished).toMatchObject({ status: 'completed', channelsOk: rig.channelIds.length });
    return job.jobId;
  };

  it('records one check per channel and media when the same job collects a channel again', async () => {
    const jobId = await runJob();
    const checkedOnce = await checksOf(jobId);
    // Never checked before: each channel's videos, recent and top clips, once.
    for (const id of rig.channelIds) expect(checkedOnce.get(id)).toEqual(['recent-clips', 'top-clips', 'videos']);

    // The live poll sees the live channels after the job looked: their media are due again.
    await livePoll();
    const dueAgain = await recentClipsDue();
    expect(dueAgain.length).toBeGreaterThan(0);

    // Another instance takes the job over and collects every channel again, as it does the batch in
    // flight at a kill (their outcome was not recorded); then this instance retries them too.
    const reason = { correlationId: jobId, source: 'manual' as const };
    const clipRequestsBefore = rig.sim.requests.filter((r) => r.endpoint === '/clips').length;
    for (const collector of [takeover.app.get(ChannelCollector), rig.app.get(ChannelCollector)])
      for (const id of rig.channelIds)
        await collector.collect(id, { kind: 'none', reason: 'not_connected' }, 'full', reason, [], { events: 0 });
    expect(await checksOf(jobId)).toEqual(checkedOnce);
    // The clips were really fetched again: the repeated look is what must not be recorded twice.
    expect(rig.sim.requests.filter((r) => r.endpoint === '/clips').length).toBeGreaterThanOrEqual(
      clipRequestsBefore + dueAgain.length,
    );

    // A later job's look is a check of its own.
    await livePoll();
    const dueLater = await recentClipsDue();
    expect(dueLater.length).toBeGreaterThan(0);
    const later = await checksOf(await runJob());
    for (const id of dueLater) expect(later.get(id)).toContain('recent-clips');
    for (const id of rig.channelIds) expect(new Set(later.get(id)).size).toBe(later.get(id)?.length);
  });
});
