/**
 * The projector against the real Postgres event store: incremental processing in many small live
 * batches, interrupted by killed database connections and a restart, must leave exactly the rows a
 * full rebuild from the log produces; a rebuild switches readers atomically; an event a projection
 * cannot take stops that projection alone, at that event, and it resumes there after a fix.
 */
import {
  allProjections,
  channelStream,
  accountStream,
  eventCatalogue,
  defineProjection,
  type Projection,
} from '@creatorsync/projections';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { createLogger } from '../logging/logger.js';
const silentLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { deterministicEventId } from '../collection/deterministic-event-id.js';
import { buildsWhere } from '../testing/builds-where.js';
import { projectionStatuses } from './projection-status.js';
import { Projector } from './projector.js';
import { countOf, oneRow } from '../testing/sql-rows.js';
import { waitFor } from '../testing/wait-for.js';
import { must } from '../must.js';

const meta = (type: keyof typeof eventCatalogue, fetchedAt: string, schemaVersion?: number) => ({
  correlationId: 'test',
  source: 'simulator',
  schemaVersion: schemaVersion ?? eventCatalogue[type].version,
  fetchedAt,
});

/** A seeded history: follower fetches with gaps, repeats and late arrivals, profiles, links and an unlink. */
function history(seed: number): Array<[string, NewEvent]> {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const out: Array<[string, NewEvent]> = [];
  const channels = ['101', '202', '303', '404'];
  channels.forEach((id, i) => {
    const data = {
      userId: i < 2 ? 'alice' : 'bob',
      broadcasterId: id,
      login: `ch${id}`,
      displayName: `Ch${id}`,
      scopes: [],
      linkedAt: '2026-01-01T00:00:00Z',
    };
    out.push([
      accountStream(data.userId),
      {
        id: deterministicEventId('link', id),
        type: 'TwitchAccountLinked',
        data,
        metadata: meta('TwitchAccountLinked', '2026-01-01T00:00:00Z'),
      },
    ]);
  });
  for (let day = 0; day < 60; day++) {
    for (const [i, id] of channels.entries()) {
      if (random() < 0.15) continue; // a missed day: carried forward
      const fetches = random() < 0.2 ? 2 : 1;
      for (let f = 0; f < fetches; f++) {
        const at = new Date(Date.UTC(2026, 0, 1 + day, 2 + f * 10, i)).toISOString();
        const total = 1000 * (i + 1) + day * 7 + Math.floor(random() * 20);
        const event = {
          id: deterministicEventId('f', id, at),
          type: 'FollowerCountFetched',
          data: { broadcasterId: id, total, raw: { total, data: [] } },
          metadata: meta('FollowerCountFetched', at),
        };
        // Now and then a fetch is recorded late, after later days.
        if (random() < 0.05 && out.length > 10) out.splice(out.length - 3, 0, [channelStream(id), event]);
        else out.push([channelStream(id), event]);
      }
      if (day % 9 === 0) {
        const at = new Date(Date.UTC(2026, 0, 1 + day, 3)).toISOString();
        const data = {
          broadcasterId: id,
          user: {
            id,
            login: `ch${id}`,
            display_name: `Ch${id} d${day}`,
            profile_image_url: `https://img/${id}/${day}`,
          },
          channel: { broadcaster_id: id, title: `day ${day}`, game_name: 'Chess' },
        };
        out.push([
          channelStream(id),
          {
            id: deterministicEventId('p', id, at),
            type: 'ChannelProfileFetched',
            data,
            metadata: meta('ChannelProfileFetched', at),
          },
        ]);
      }
    }
  }
  const unlink = { userId: 'bob', broadcasterId: '404', unlinkedAt: '2026-02-01T00:00:00Z' };
  out.push([
    accountStream('bob'),
    {
      id: deterministicEventId('unlink', '404'),
      type: 'TwitchAccountUnlinked',
      data: unlink,
      metadata: meta('TwitchAccountUnlinked', '2026-02-01T00:00:00Z'),
    },
  ]);
  return out;
}

async function appendAll(store: EventStore, events: Array<[string, NewEvent]>) {
  for (const [stream, event] of events) await store.append(stream, [event]);
}

describe('projector', () => {
  let db: TestDatabase;
  let store: EventStore;
  const started: Projector[] = [];
  const startProjector = async (projections: readonly Projection[], batchSize?: number) => {
    const projector = new Projector({
      pool: db.pool,
      eventStore: store,
      projections,
      logger: silentLogger,
      batchSize,
      reconcileIntervalMs: 100,
    });
    started.push(projector);
    await projector.start();
    return projector;
  };
  afterEach(async () => {
    for (const projector of started.splice(0)) await projector.stop();
  });
  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** Every active build has processed every event of the types it handles (the status's lag is 0). */
  const caughtUp = async (projections: readonly Projection[]) => {
    await waitFor(async () => {
      const names = new Set(projections.map((p) => p.name));
      const statuses = (await projectionStatuses(db.pool, projections, { logInPostgres: true })).filter(
        (s) => s.active && names.has(s.name),
      );
      return statuses.length === projections.length && statuses.every((s) => s.lagEvents === 0);
    }, 'projections to catch up');
  };

  const tableRows = async (table: string, buildId: number, key: string) =>
    (await db.pool.query<Record<string, unknown>>(`SELECT * FROM read_model."${table}_b${buildId}" ORDER BY ${key}`))
      .rows;

  it('incremental processing with crashes gives exactly the rows of a full rebuild, and the switch is atomic', async () => {
    const events = history(7);
    const half = Math.floor(events.length / 2);
    await appendAll(store, events.slice(0, half));

    let projector = await startProjector(allProjections, 3);
    // Crash in the middle: kill the projector's database connections while it works, then stop it abruptly.
    const appending = appendAll(store, events.slice(half, half + 200));
    await new Promise((r) => setTimeout(r, 150));
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%read_model%'`,
    );
    await appending;
    await projector.stop();

    projector = await startProjector(allProjections, 4);
    await appendAll(store, events.slice(half + 200));
    await caughtUp(allProjections);
    const incremental = await buildsWhere(db.pool, 'active');

    // Readers query the views during the rebuild; none may see an empty or partial table.
    let reading = true;
    const seen: number[] = [];
    const readUntilDone = async () => {
      while (reading) seen.push(await countOf(db.pool, `SELECT count(*)::int AS n FROM channel_analytics`));
    };
    const reader = readUntilDone();
    const expectedCount = await countOf(db.pool, `SELECT count(*)::int AS n FROM channel_analytics`);
    for (const projection of allProjections) await projector.rebuild(projection.name);
    reading = false;
    await reader;
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([expectedCount]));

    const rebuilt = await buildsWhere(db.pool, 'active');
    let compared = 0;
    for (const projection of allProjections) {
      const before = must(
        incremental.find((b) => b.name === projection.name),
        'incremental.find((b) => b.name === projection.name)',
      );
      const after = must(
        rebuilt.find((b) => b.name === projection.name),
        'rebuilt.find((b) => b.name === projection.name)',
      );
      expect(after.buildId).not.toBe(before.buildId);
      for (const table of projection.tables) {
        const key = table.primaryKey.map((k) => `"${k}"`).join(', ');
        const a = await tableRows(table.name, before.buildId, key);
        const b = await tableRows(table.name, after.buildId, key);
        // Tables this history does not feed (streams, videos, jobs…) are empty on both sides.
        compared += a.length;
        expect(b).toEqual(a);
      }
    }
    expect(compared).toBeGreaterThan(0);
    for (const table of ['channel_analytics', 'channel_profiles', 'account_channels']) {
      expect(await countOf(db.pool, `SELECT count(*)::int AS n FROM ${table}`)).toBeGreaterThan(0);
    }
    // The old build is retired, its tables kept for the grace period.
    expect(
      must(
        (await buildsWhere(db.pool, `build_id = $1`, [must(incremental[0], 'incremental[0]').buildId]))[0],
        '(await buildsWhere(db.pool, `build_id = $1`, [incremental[0].buildId])…',
      ).state,
    ).toBe('retired');
    await projector.stop();

    // Spot checks against the events themselves.
    const unlinked = await db.pool.query(`SELECT * FROM account_channels WHERE channel_id = '404'`);
    expect(unlinked.rowCount).toBe(0);
    expect(
      await countOf(db.pool, `SELECT count(*)::int AS n FROM channel_analytics WHERE carried_forward`),
    ).toBeGreaterThan(0);
  });

  it('a crash during a shared, buffered catch-up loses only uncommitted work: the rebuilt rows equal the incremental ones', async () => {
    if ((await countOf(db.pool, `SELECT count(*)::int AS n FROM events`)) === 0) await appendAll(store, history(7));
    const server = await startProjector(allProjections);
    await caughtUp(allProjections);
    await server.stop();
    const before = await buildsWhere(db.pool, 'active');
    // Commit every 15 events, so the crash lands between commits with work held in memory.
    const projector = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: allProjections,
      logger: silentLogger,
      batchSize: 5,
      catchUpCommitEvery: { events: 15, ms: 0 },
    });
    started.push(projector);
    let crashes = 0;
    const total = await countOf(db.pool, `SELECT count(*)::int AS n FROM events`);
    const outcomes = await projector.rebuildAll(
      allProjections.map((p) => p.name),
      (name, progress) => {
        if (name !== 'channel-analytics' || crashes > 0 || progress.eventsProcessed < total / 3) return;
        crashes++;
        // Every connection of this database but ours: reads, commits, build locks.
        void db.pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
      },
    );
    expect(crashes).toBe(1);
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    await waitFor(
      async () => (await buildsWhere(db.pool, 'active')).every((b) => !before.some((old) => old.buildId === b.buildId)),
      'every projection to switch',
    );
    const after = await buildsWhere(db.pool, 'active');
    for (const projection of allProjections) {
      const old = must(
        before.find((b) => b.name === projection.name),
        'before.find((b) => b.name === projection.name)',
      );
      const rebuilt = must(
        after.find((b) => b.name === projection.name),
        'after.find((b) => b.name === projection.name)',
      );
      expect(rebuilt.eventsProcessed).toBe(old.eventsProcessed); // no event counted twice
      for (const table of projection.tables) {
        const key = table.primaryKey.map((k) => `"${k}"`).join(', ');
        expect(await tableRows(table.name, rebuilt.buildId, key)).toEqual(
          await tableRows(table.name, old.buildId, key),
        );
      }
    }
  });

  it('an event that changed a nested value in place before it threw leaves no trace in what is committed', async () => {
    await db.pool.query(
      `CREATE TABLE projection_templates.login_history (channel_id text PRIMARY KEY, logins jsonb NOT NULL)`,
    );
    const careless = defineProjection({
      name: 'login-history',
      version: 1,
      handles: ['ChannelProfileFetched'],
      tables: [{ name: 'login_history', primaryKey: ['channel_id'], columns: { channel_id: 'text', logins: 'jsonb' } }],
      rowsToLoad: (event) => [{ table: 'login_history', key: { channel_id: event.data.broadcasterId } }],
      apply(event, rows) {
        const row = rows.get<{ channel_id: string; logins: string[] }>('login_history', {
          channel_id: event.data.broadcasterId,
        }) ?? { channel_id: event.data.broadcasterId, logins: [] };
        row.logins.push(event.data.user.login); // in place, into the array the working set holds
        if (event.data.user.login === 'boom') throw new Error('cannot take boom');
        rows.put('login_history', row);
      },
    }) as Projection;
    const projector = await startProjector([careless]);
    const profile = (login: string, day: number) => ({
      id: deterministicEventId('nested', login),
      type: 'ChannelProfileFetched',
      data: { broadcasterId: '707', user: { id: '707', login, display_name: login } },
      metadata: meta('ChannelProfileFetched', new Date(Date.UTC(2026, 5, day)).toISOString()),
    });
    await store.append(channelStream('707'), [profile('one', 1), profile('two', 2), profile('boom', 3)]);
    await waitFor(
      async () => (await buildsWhere(db.pool, `name = 'login-history' AND state = 'failed'`)).length === 1,
      'login-history to fail',
    );
    await projector.stop();
    const [failed] = await buildsWhere(db.pool, `name = 'login-history'`);
    expect(must(failed, 'failed').failedEventId).toBe(deterministicEventId('nested', 'boom'));
    expect((await db.pool.query(`SELECT logins FROM login_history WHERE channel_id = '707'`)).rows).toEqual([
      { logins: ['one', 'two'] },
    ]);
  });

  it('a switch of readers that the database aborts (a deadlock, a lost connection) is tried again', async () => {
    if ((await countOf(db.pool, `SELECT count(*)::int AS n FROM events`)) === 0) await appendAll(store, history(7));
    const profiles = allProjections.filter((p) => p.name === 'channel-profiles');
    const projector = await startProjector(profiles);
    await caughtUp(profiles);
    const old = must((await buildsWhere(db.pool, `name = 'channel-profiles' AND active`))[0], 'the active build');
    // The first switch fails as a deadlock's victim does (a sequence, since the failure rolls back all else).
    await db.pool.query(`
      CREATE SEQUENCE switch_attempts;
      CREATE FUNCTION abort_first_switch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.active AND NOT OLD.active AND nextval('switch_attempts') = 1 THEN
          RAISE EXCEPTION 'deadlock detected (test)' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER abort_first_switch BEFORE UPDATE ON projection_builds FOR EACH ROW EXECUTE FUNCTION abort_first_switch();`);
    try {
      const rebuilt = projector.rebuild('channel-profiles');
      rebuilt.catch(() => undefined);
      await waitFor(
        async () =>
          must((await buildsWhere(db.pool, `name = 'channel-profiles' AND active`))[0], 'the active build').buildId !==
          old.buildId,
        'readers to switch to the new build',
      );
      const build = await rebuilt;
      expect(await countOf(db.pool, `SELECT last_value::int AS n FROM switch_attempts`)).toBeGreaterThan(1);
      expect(build).toMatchObject({ active: true, state: 'live', eventsProcessed: old.eventsProcessed });
      expect((await buildsWhere(db.pool, 'build_id = $1', [old.buildId]))[0]).toMatchObject({ state: 'retired' });
    } finally {
      await db.pool.query(`DROP TRIGGER abort_first_switch ON projection_builds; DROP FUNCTION abort_first_switch();
        DROP SEQUENCE switch_attempts`);
    }
  });

  it('the heartbeat never waits for a build row that another transaction holds (it deadlocked with switches)', async () => {
    if ((await countOf(db.pool, `SELECT count(*)::int AS n FROM events`)) === 0) await appendAll(store, history(7));
    const profiles = allProjections.filter((p) => p.name === 'channel-profiles');
    const projector = await startProjector(profiles);
    await caughtUp(profiles);
    const followed = must((await buildsWhere(db.pool, `name = 'channel-profiles' AND active`))[0], 'the active build');
    const holder = await db.pool.connect();
    let beaten = false;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM projection_builds WHERE build_id = $1 FOR UPDATE`, [followed.buildId]);
      void projector.presence.beat().then(() => (beaten = true));
      await waitFor(() => Promise.resolve(beaten), 'the heartbeat, while a followed build row is locked');
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    // The process's row was renewed all the same.
    const { following } = await oneRow<{ following: number[] }>(
      db.pool,
      `SELECT following FROM projector_processes WHERE process_id = $1`,
      [projector.presence.processId],
    );
    expect(following).toContain(followed.buildId);
  });

  it('an event a projection cannot take stops that projection alone, at that event, until a fix', async () => {
    await db.pool.query(
      `CREATE TABLE projection_templates.fragile_logins (channel_id text PRIMARY KEY, login text NOT NULL)`,
    );
    let fixed = false;
    const fragile = defineProjection({
      name: 'fragile-logins',
      version: 1,
      handles: ['ChannelProfileFetched'],
      tables: [{ name: 'fragile_logins', primaryKey: ['channel_id'], columns: { channel_id: 'text', login: 'text' } }],
      rowsToLoad: () => [],
      apply(event, rows) {
        if (event.data.user.login === 'breaks-it' && !fixed) throw new Error('cannot handle this login');
        rows.put('fragile_logins', { channel_id: event.data.broadcasterId, login: event.data.user.login });
      },
    }) as Projection;
    const projections = [...allProjections, fragile];
    let projector = await startProjector(projections);
    await caughtUp(allProjections);

    const profile = (id: string, login: string, day: number) => ({
      id: deterministicEventId('fragile', id, login),
      type: 'ChannelProfileFetched',
      data: { broadcasterId: id, user: { id, login, display_name: login } },
      metadata: meta('ChannelProfileFetched', new Date(Date.UTC(2026, 3, day)).toISOString()),
    });
    const badVersion = {
      id: deterministicEventId('v99'),
      type: 'FollowerCountFetched',
      data: { broadcasterId: '909', total: 1, raw: { total: 1 } },
      metadata: meta('FollowerCountFetched', '2026-04-01T00:00:00Z', 99),
    };
    await store.append(channelStream('909'), [
      profile('909', 'fine', 1),
      profile('909', 'breaks-it', 2),
      badVersion,
      profile('909', 'after', 3),
    ]);

    // Every projection that handles follower counts stops at the event with the unknown version.
    const takeFollowers = allProjections
      .filter((p) => (p.handles as readonly string[]).includes('FollowerCountFetched'))
      .map((p) => p.name);
    const names = projections.map((p) => p.name);
    await waitFor(
      async () =>
        (await buildsWhere(db.pool, `active AND state = 'failed' AND name = ANY($1)`, [names])).length ===
        takeFollowers.length + 1,
      'the projections to fail',
    );
    const failed = await buildsWhere(db.pool, `active AND state = 'failed' AND name = ANY($1)`, [names]);
    const byName = Object.fromEntries(failed.map((b) => [b.name, b]));
    for (const name of takeFollowers) {
      expect(must(byName[name], 'byName[name]').failedEventId).toBe(badVersion.id);
      expect(must(byName[name], 'byName[name]').error).toContain('schema version 99 is newer');
    }
    expect(takeFollowers).toContain('channel-analytics');
    // No second build is started beside a failed one: it would only fail at the same event.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await buildsWhere(db.pool, `name = 'channel-analytics' AND NOT active AND state <> 'retired'`)).toEqual([]);
    expect(must(byName['fragile-logins'], "byName['fragile-logins']").error).toContain('cannot handle this login');
    // The event before the failing one was applied; nothing after it.
    const fragileRows = (await db.pool.query(`SELECT login FROM fragile_logins WHERE channel_id = '909'`)).rows;
    expect(fragileRows).toEqual([{ login: 'fine' }]);
    // The other projections went on.
    await waitFor(
      async () =>
        (
          await db.pool.query<{ display_name: string }>(
            `SELECT display_name FROM channel_profiles WHERE channel_id = '909'`,
          )
        ).rows[0]?.display_name === 'after',
      'channel-profiles to go on',
    );
    const health = await oneRow<{ state: string }>(
      db.pool,
      `SELECT state FROM projection_builds WHERE active AND name = 'channel-profiles'`,
    );
    expect(health.state).toBe('live');

    // The fix ships; on restart the projection resumes at the event that failed it.
    await projector.stop();
    fixed = true;
    projector = await startProjector(projections);
    await waitFor(
      async () =>
        (await db.pool.query<{ login: string }>(`SELECT login FROM fragile_logins WHERE channel_id = '909'`)).rows[0]
          ?.login === 'after',
      'fragile-logins to resume',
    );
    await projector.stop();
  });
});
