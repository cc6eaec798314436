import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { newEvent, SubscriptionRecorder } from '../contract/contract-helpers.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { comparePositions } from '../position.js';
import { EventStoreUnavailableError } from '../errors.js';
import { PostgresEventStore } from './postgres-event-store.js';

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
  const insertByHand = async (session: pg.Client, stream: string) => {
    const id = randomUUID();
    await session.query(`INSERT INTO streams (stream_id, revision) VALUES ($1, 0)`, [stream]);
    await session.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata) VALUES ($1, 0, $2, 'ByHand', '{}', '{}')`,
      [stream, id],
    );
    return id;
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

  it('still delivers an event that commits late with a lower global position than one already delivered', async () => {
    const store = openStore(50);
    const sub = record(store);
    // Two writers by hand: `early` gets the lower transaction id, `late` the higher one, but
    // `late` draws the lower sequence value and commits last.
    const early = await openSession();
    const late = await openSession();
    await early.query('BEGIN');
    await early.query('SELECT pg_current_xact_id()');
    await late.query('BEGIN');
    await late.query('SELECT pg_current_xact_id()');
    const lateId = await insertByHand(late, 'late');
    const earlyId = await insertByHand(early, 'early');
    await early.query('COMMIT');
    await sub.waitForIds([earlyId]);
    const checkpoint = sub.events[0]!.position;

    const behindGap = newEvent('BehindTheGap');
    await store.append('behind-gap', [behindGap]);
    // The late transaction holds xmin back: nothing after the checkpoint is readable yet.
    expect((await store.readAll({ fromPosition: checkpoint })).map((e) => e.id)).toEqual([earlyId]);
    await delay(1000); // a negative check: many polls and a notification happen meanwhile
    expect(sub.ids()).toEqual([earlyId]);

    await late.query('COMMIT');
    await sub.waitForIds([lateId, behindGap.id]);
    expect(sub.ids()).toEqual([earlyId, lateId, behindGap.id]);
    const lateEvent = sub.events[1]!;
    expect(lateEvent.position.prepare).toBeLessThan(checkpoint.prepare);
    expect(comparePositions(lateEvent.position, checkpoint)).toBeGreaterThan(0);
  });

  it('holds back a commit behind an older open transaction, then delivers both in (transaction, sequence) order', async () => {
    const store = openStore(50);
    const sub = record(store);
    const older = await openSession();
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    const newer = newEvent('Newer');
    await store.append('newer', [newer]);
    expect(await store.headPosition()).toBeNull();
    const olderId = await insertByHand(older, 'older');
    await older.query('COMMIT');
    await sub.waitForIds([olderId, newer.id]);
    expect(sub.ids()).toEqual([olderId, newer.id]);
    // The older transaction drew its sequence value last, yet it comes first.
    expect(sub.events[0]!.position.prepare).toBeGreaterThan(sub.events[1]!.position.prepare);
  });

  it('says "caught up" only once the events committed before it are delivered, when an older transaction held them back', async () => {
    const store = openStore(50);
    const blocker = await openSession();
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    const before = newEvent('Before');
    await store.append('before', [before]);
    const sub = record(store);
    // Without read-your-writes the subscription would say "caught up" at once, with nothing delivered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.caughtUpSeen).toBe(false);
    await blocker.query('COMMIT');
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    expect(sub.ids()).toEqual([before.id]);
  });

  it('wakes a live subscription by notification, without waiting for a poll', async () => {
    const store = openStore(600_000); // a poll would come far too late for the wait below
    const sub = record(store);
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    const event = newEvent('Notified');
    await store.append('notified', [event]);
    await sub.waitForIds([event.id]);
  });

  it('finds by polling an event held back by a transaction that never notifies', async () => {
    const store = openStore(50);
    const sub = record(store);
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    const blocker = await openSession();
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    const event = newEvent('HeldBack');
    await store.append('held-back', [event]);
    await blocker.query('COMMIT');
    await sub.waitForIds([event.id]);
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
    expect((await store.readStream('first'))[0]!.id).toBe(event.id);
    expect((await store.readStream('second'))[1]!.id).toBe(event.id);
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
    const listeners = async () =>
      Number(
        (
          await db.pool.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`,
            [db.name],
          )
        ).rows[0].n,
      );
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
