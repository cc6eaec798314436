import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createTestDatabase, testPostgresAdminUrl, type TestDatabase } from '../../testing/test-database.js';
import { expectStrictlyIncreasingPositions, newEvent, SubscriptionRecorder } from '../contract/contract-helpers.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { comparePositions } from '../position.js';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../errors.js';
import { appendInTransaction } from './postgres-append.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { must } from '../../must.js';

describeEventStoreContract('Postgres', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, { listenConnection: db.url });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('Postgres event store', () => {
  let db: TestDatabase;
  const stores: PostgresEventStore[] = [];
  const clients: pg.Client[] = [];
  const recorders: SubscriptionRecorder[] = [];
  const openStore = (pollIntervalMs: number) => {
    const store = new PostgresEventStore(db.pool, { listenConnection: db.url, pollIntervalMs });
    stores.push(store);
    return store;
  };
  /** A second session that writes by hand, to hold a transaction open where the test wants it. */
  const openSession = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    clients.push(client);
    return client;
  };
  const record = (store: PostgresEventStore) => {
    const recorder = new SubscriptionRecorder(store.subscribeToAll({ fromPosition: 'start' }));
    recorders.push(recorder);
    return recorder;
  };
  /** An append made by hand in `session`'s open transaction, through the adapter's own SQL. */
  const appendByHand = async (session: pg.Client, stream: string) => {
    const event = newEvent('ByHand');
    const [outcome] = await appendInTransaction(session, [
      { streamId: stream, events: [event], expected: 'any', data: ['{}'], metadata: ['{}'] },
    ]);
    if (outcome instanceof Error) throw outcome;
    return event.id;
  };
  /** A session that holds a transaction id (as an idle `psql` after one INSERT does) until the test ends it. */
  const holdTransactionId = async (connectionString: string) => {
    const session = new pg.Client({ connectionString });
    await session.connect();
    clients.push(session);
    await session.query('BEGIN');
    await session.query('SELECT pg_current_xact_id()');
    return session;
  };

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.close()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(clients.splice(0).map((c) => c.end()));
    await db.drop();
  });

  it('has no head position while the log is empty', async () => {
    expect(await openStore(500).headPosition()).toBeNull();
  });

  it('reads from a well-formed position beyond any of its own (64-bit) without a database error', async () => {
    const store = openStore(500);
    await store.append('some', [newEvent('Some')]);
    const beyond = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(await store.readAll({ fromPosition: beyond })).toEqual([]);
    expect(await store.readAll({ direction: 'backwards', fromPosition: beyond })).toHaveLength(1);
  });

  it('late commit: appends made while one is held open come after it, the same for live, catch-up and readAll', async () => {
    const store = openStore(500);
    const live = record(store);
    await live.waitFor('caught up', () => live.caughtUpSeen);
    const before = newEvent('Before');
    await store.append('before', [before]);
    const held = await openSession();
    await held.query('BEGIN');
    const lateId = await appendByHand(held, 'late');
    // Appends made now are in flight behind the open one; readers are not held back by it.
    const others = [newEvent('Other'), newEvent('Other'), newEvent('Other')];
    const appending = others.map((e, i) => store.append(`other-${i}`, [e]));
    expect((await store.readAll()).map((e) => e.id)).toEqual([before.id]);
    expect(await store.headPosition()).toEqual(must((await store.readAll())[0], '(await store.readAll())[0]').position);
    await held.query('COMMIT');
    const results = await Promise.all(appending);
    const all = await store.readAll();
    expect(all.map((e) => e.id).slice(0, 2)).toEqual([before.id, lateId]);
    expect(new Set(all.map((e) => e.id).slice(2))).toEqual(new Set(others.map((e) => e.id)));
    expectStrictlyIncreasingPositions(all);
    for (const result of results)
      expect(comparePositions(result.position, must(all[1], 'all[1]').position)).toBeGreaterThan(0);
    await live.waitForIds(all.map((e) => e.id));
    const catchUp = record(store);
    await catchUp.waitForIds(all.map((e) => e.id));
    expect(live.ids()).toEqual(all.map((e) => e.id));
    expect(catchUp.ids()).toEqual(all.map((e) => e.id));
  });

  it('resume from a handed-out position: an append by a transaction that began earlier but commits later comes after it', async () => {
    const store = openStore(500);
    // The late transaction starts first (it has the lower transaction id) but appends and commits last.
    const late = await holdTransactionId(db.url);
    const handedOut = await store.append('first', [newEvent('First')]);
    const lateId = await appendByHand(late, 'late');
    await late.query('COMMIT');
    const fromCheckpoint = new SubscriptionRecorder(store.subscribeToAll({ fromPosition: handedOut.position }));
    recorders.push(fromCheckpoint);
    await fromCheckpoint.waitFor('caught up', () => fromCheckpoint.caughtUpSeen);
    expect(fromCheckpoint.ids()).toEqual([lateId]);
    expect((await store.readAll({ fromPosition: handedOut.position })).map((e) => e.id).slice(1)).toEqual([lateId]);
  });

  for (const where of ['another database', 'the same database, on another table'] as const) {
    it(`an open transaction in ${where} delays no reader`, async () => {
      const store = openStore(600_000); // no polls: only what the notification and the reads themselves find
      const live = record(store);
      await live.waitFor('caught up', () => live.caughtUpSeen);
      let blocker: pg.Client;
      if (where === 'another database') {
        blocker = await holdTransactionId(testPostgresAdminUrl());
      } else {
        await db.pool.query('CREATE TABLE unrelated (n int)');
        blocker = await holdTransactionId(db.url);
        await blocker.query('INSERT INTO unrelated VALUES (1)');
      }
      // Under the old xmin rule each of these waited for the blocker to end (here: never, until the test ends it).
      const event = newEvent('WhileBlocked');
      const result = await store.append('while-blocked', [event]);
      expect((await store.readAll({ fromPosition: result.position })).map((e) => e.id)).toEqual([event.id]);
      expect(await store.headPosition()).toEqual(result.position);
      await live.waitForIds([event.id]);
      const fresh = record(store);
      await fresh.waitFor('caught up', () => fresh.caughtUpSeen);
      expect(fresh.ids()).toEqual([event.id]);
      await blocker.query('ROLLBACK');
    });
  }

  it('groups concurrent appends, answering each on its own: a wrong expected revision fails alone', async () => {
    const store = openStore(500);
    await store.append('taken', [newEvent('First')]);
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) =>
        store.append(`group-${i % 10}`, [newEvent('Grouped'), newEvent('Grouped')]),
      ),
      store.append('taken', [newEvent('Second')], { expectedRevision: 'no_stream' }),
    ]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(must(failed[0], 'failed[0]').reason).toBeInstanceOf(WrongExpectedVersionError);
    for (let i = 0; i < 10; i++) expect(await store.readStream(`group-${i}`)).toHaveLength(6);
    const all = await store.readAll();
    expect(all).toHaveLength(61);
    expectStrictlyIncreasingPositions(all);
    expect(all.map((e) => e.position.commit)).toEqual(
      all.map((_, i) => must(all[0], 'all[0]').position.commit + BigInt(i)),
    );
  });

  it('wakes a live subscription by notification, without waiting for a poll', async () => {
    const store = openStore(600_000); // a poll would come far too late for the wait below
    const sub = record(store);
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    const event = newEvent('Notified');
    await store.append('notified', [event]);
    await sub.waitForIds([event.id]);
  });

  it('finds by polling an event whose notification it missed', async () => {
    const store = openStore(50);
    const sub = record(store);
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    // Written by hand without pg_notify: only the poll can find it.
    const id = randomUUID();
    await db.pool.query(`INSERT INTO streams (stream_id, revision) VALUES ('unnotified', 0)`);
    await db.pool.query(
      `WITH head AS (SELECT event_log_take_positions(1) + 1 AS p)
       INSERT INTO events (position_commit, position_prepare, stream_id, stream_revision, event_id, event_type, data, metadata)
       SELECT p, p, 'unnotified', 0, $1, 'ByHand', '{}', '{}' FROM head`,
      [id],
    );
    await sub.waitForIds([id]);
  });

  it('makes concurrent identical appends idempotent', async () => {
    const store = openStore(500);
    const events = [newEvent('Once'), newEvent('Once')];
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.append('once', events, { expectedRevision: 'no_stream' })),
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect(await store.readStream('once')).toHaveLength(2);
  });

  it('stores one event id in two streams, even when both appends race, and no driver error leaks', async () => {
    const store = openStore(500);
    const event = newEvent('Shared');
    const results = await Promise.all([
      store.append('first', [event, newEvent('Other')], { expectedRevision: 'any' }),
      store.append('second', [newEvent('Other'), event], { expectedRevision: 'any' }),
    ]);
    expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 1n]);
    expect(must((await store.readStream('first'))[0], "(await store.readStream('first'))[0]").id).toBe(event.id);
    expect(must((await store.readStream('second'))[1], "(await store.readStream('second'))[1]").id).toBe(event.id);
  });

  it('answers an unreachable database with EventStoreUnavailableError, never a driver error', async () => {
    const pool = new pg.Pool({ connectionString: db.url.replace(/:\d+\//, ':1/'), connectionTimeoutMillis: 2000 });
    const store = new PostgresEventStore(pool, { listenConnection: db.url });
    try {
      for (const attempt of [
        store.append('x', [newEvent('Lost')]),
        store.readAll(),
        store.readStream('x'),
        store.headPosition(),
      ])
        expect(
          await attempt.then(
            () => null,
            (e: unknown) => e,
          ),
        ).toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('releases its LISTEN connection when the last subscription closes', async () => {
    const store = openStore(500);
    const listeners = async () => {
      const { rows } = await db.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`,
        [db.name],
      );
      return Number(must(rows[0], 'rows[0]').n);
    };
    const sub = record(store);
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    expect(await listeners()).toBe(1);
    await sub.close();
    await waitUntil(async () => (await listeners()) === 0);
  });
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await delay(100);
  }
  throw new Error('condition not reached within 30 s');
}
