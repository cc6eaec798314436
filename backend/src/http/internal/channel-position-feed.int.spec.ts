/**
 * The feed's LISTEN connection against a real PostgreSQL through a proxy that can partition the
 * network: a connection that goes silent without closing (no error, no notice ever again) is found
 * dead by the liveness check, and the feed reconnects and reloads, so the memory catches up with
 * what was committed meanwhile instead of keeping old positions for ever (which would make ETags
 * answer "not modified" for data that changed).
 */
import { allProjections } from '@creatorsync/projections';
import { createBuild } from '../../projector/projection-builds.js';
import { recordChannelPositions } from '../../projector/channel-read-positions.js';
import { createLogger } from '../../logging/logger.js';
import { PostgresFaultProxy } from '../../testing/postgres-fault-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { waitFor } from '../../testing/wait-for.js';
import { must } from '../../must.js';
import { ChannelPositionFeed } from './channel-position-feed.js';

const CHANNEL = '9600001';

describe('the channel-position feed across a network partition', () => {
  let db: TestDatabase;
  let proxy: PostgresFaultProxy;
  let feed: ChannelPositionFeed;

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await PostgresFaultProxy.start(db.url);
  });
  afterAll(async () => {
    await feed.close();
    await proxy.close();
    await db.drop();
  });

  const recordPosition = async (buildId: number, commit: bigint) => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await recordChannelPositions(client, buildId, [CHANNEL], { commit, prepare: commit });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const positionInMemory = (buildId: number) => feed.memory()?.positionOf(buildId, CHANNEL);

  it('finds a silenced connection dead, reconnects and catches up with what was committed meanwhile', async () => {
    const build = await createBuild(db.pool, must(allProjections[0], 'a projection'), { activate: true });
    feed = new ChannelPositionFeed(
      { connectionString: proxy.urlFor(db.url) },
      createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      { everyMs: 200, timeoutMs: 10_000 },
    );
    void feed.start();
    await recordPosition(build.buildId, 1n);
    await waitFor(
      () => Promise.resolve(positionInMemory(build.buildId) === '1-1'),
      'the feed to hear the first commit',
    );

    // The network goes: the feed's connection stays open but hears nothing any more.
    proxy.partition();
    await recordPosition(build.buildId, 2n);
    proxy.up();

    await waitFor(
      () => Promise.resolve(positionInMemory(build.buildId) === '2-2'),
      'the feed to find its connection dead, reconnect and load the commit it missed',
    );
  });
});
