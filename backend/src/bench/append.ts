/**
 * `npm run bench -- append [--rounds 3] [--seconds 4] [--latency-seconds 10]`: the Postgres event
 * log's appends through the real adapter (`createEventStore`, as the server builds it), on a fresh
 * embedded PostgreSQL with durable commits (fsync on, synchronous_commit on).
 * - throughput: events/s appended in batches (100 events of 1 KB per append) by 1 and by 8 writers
 *   to different streams, each append with the stream's revision as the expected one (as the
 *   collection appends to a channel's stream), beside a plain `INSERT … SELECT FROM unnest(…)` of
 *   the same rows into a table shaped like `events` (the baseline). The machine may be shared, so
 *   the two alternate for `rounds` rounds of `seconds` each and the medians and their ratio are printed;
 * - latency: append→delivered (a live subscription) and append→visible (the projector, one live
 *   projection: its rows and checkpoint committed) p50/p99, at 100 and 500 appends/s of one event
 *   to 500 channel streams (expected revision as the collection gives it, one append at a time per
 *   channel), alone and while an idle transaction holds a transaction id in another database of
 *   the cluster, and in the same database on another table.
 * The last line is the summary (medians for throughput).
 */
import { channelAnalytics, channelStream, type Projection } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPool } from '../database/create-pool.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { runMigrations } from '../database/run-migrations.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { silentLogger } from '../logging/logger.js';
import { Projector } from '../projector/projector.js';
import { parseBenchOptions } from './bench-options.js';
import { measureLatency, type LatencyFigures } from './append-latency.js';
import { must } from '../must.js';

const EVENTS_PER_APPEND = 100;
const PAYLOAD = { raw: { text: 'x'.repeat(960) } }; // about 1 KB of JSON with the rest of the event

export default async function run(args: string[]): Promise<void> {
  const { values } = parseBenchOptions('append', args, {
    rounds: { default: 3, min: 1, max: 50 },
    seconds: { default: 4, min: 1, max: 600 },
    'latency-seconds': { default: 10, min: 1, max: 600 },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creatorsync-bench-append-'));
  await chmod(dir, 0o755); // PostgreSQL runs as the postgres user when started as root
  const server = await startEmbeddedPostgres(dir);
  const closers: Array<() => Promise<unknown>> = [];
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    closers.push(() => admin.end());
    await admin.query('CREATE DATABASE bench');
    await admin.query('CREATE DATABASE elsewhere');
    const url = server.urlFor('bench');
    await runMigrations(url);
    const pool = createPool(url, { max: 20 });
    closers.push(() => pool.end());
    const store = createEventStore({ pool, databaseUrl: url });
    closers.push(() => store.close());
    const settings = await pool.query<{ v: string; fsync: string; sc: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc`,
    );
    const s = must(settings.rows[0], 'settings.rows[0]');
    console.log(
      `Append benchmark: embedded PostgreSQL ${s.v} (fsync ${s.fsync}, synchronous_commit ${s.sc}), ${os.cpus().length} CPUs, load average ${must(os.loadavg()[0], 'os.loadavg()[0]').toFixed(1)}, Node ${process.version}`,
    );

    await pool.query(`CREATE TABLE baseline_events (LIKE events INCLUDING ALL)`);
    await pool.query(`CREATE SEQUENCE baseline_position`);
    const throughput: Record<number, number> = {};
    for (const writers of [1, 8]) {
      const baselines: number[] = [];
      const appends: number[] = [];
      for (let round = 0; round < values.rounds; round++) {
        await settle(pool);
        baselines.push(await eventsPerSecond(values.seconds, writers, (w, b) => baselineInsert(pool, w, b)));
        await settle(pool);
        appends.push(await eventsPerSecond(values.seconds, writers, (w, b) => appendAsCollection(store, w, b)));
      }
      const appended = median(appends);
      const baseline = median(baselines);
      throughput[writers] = appended;
      console.log(
        `throughput, ${writers} writer${writers > 1 ? 's' : ''} × ${EVENTS_PER_APPEND} events of 1 KB per append, median of ${values.rounds} × ${values.seconds} s: ` +
          `append ${fmt(appended)} events/s, plain INSERT … unnest ${fmt(baseline)} events/s, ratio ${(appended / baseline).toFixed(2)}` +
          ` (rounds: append ${appends.map(fmt).join(' / ')}; INSERT ${baselines.map(fmt).join(' / ')})`,
      );
    }

    await settle(pool);
    const projection = channelAnalytics as Projection;
    const projector = new Projector({ pool, eventStore: store, projections: [projection], logger: silentLogger });
    await projector.start();
    closers.push(() => projector.stop());
    await untilLive(pool, projection.name);

    const blockers: Array<[string, () => Promise<pg.Client>]> = [
      ['alone', () => Promise.resolve(new pg.Client({ connectionString: server.adminUrl }))],
      ['idle transaction in another database', () => holdTransactionId(server.urlFor('elsewhere'))],
      ['idle transaction in this database, another table', () => holdTransactionId(url, 'unrelated')],
    ];
    let visibleP99At500 = Number.NaN;
    for (const [condition, block] of blockers) {
      const blocker = await block();
      try {
        for (const rate of [100, 500]) {
          const figures = await measureLatency({
            store,
            pool,
            projection: projection.name,
            rate,
            seconds: values['latency-seconds'],
            newEvent: followerEvent,
          });
          if (condition === 'alone' && rate === 500) visibleP99At500 = figures.visible.p99;
          console.log(`latency at ${rate} appends/s, ${condition}: ${describe(figures)}`);
        }
      } finally {
        await blocker.end().catch(() => undefined);
      }
    }
    console.log(
      `append: ${fmt(must(throughput[1], 'throughput[1]'))} events/s (1 writer), ${fmt(must(throughput[8], 'throughput[8]'))} events/s (8 writers); visible p99 at 500/s: ${Math.round(visibleP99At500)} ms`,
    );
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Each measurement starts from the same state: the previous one's dirty pages written out
 * (otherwise a checkpoint it triggered stalls the next one's commits) and statistics current.
 */
async function settle(pool: pg.Pool): Promise<void> {
  await pool.query('CHECKPOINT');
  await pool.query('VACUUM (ANALYZE) events');
}

/** Runs `writers` loops for `seconds`, each writing batches of EVENTS_PER_APPEND one after another. */
async function eventsPerSecond(
  seconds: number,
  writers: number,
  write: (writer: number, batch: NewEvent[]) => Promise<void>,
): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let events = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() < deadline) {
        await write(w, batch());
        events += EVENTS_PER_APPEND;
      }
    }),
  );
  return events / ((performance.now() - started) / 1000);
}

function batch(): NewEvent[] {
  return Array.from({ length: EVENTS_PER_APPEND }, (_, i) => ({
    id: randomUUID(),
    type: 'AppendBenchmarked',
    data: { n: i, ...PAYLOAD },
    metadata: { correlationId: 'bench', source: 'simulator', schemaVersion: 1, fetchedAt: new Date().toISOString() },
  }));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? must(sorted[middle], 'sorted[middle]')
    : (must(sorted[middle - 1], 'sorted[middle - 1]') + must(sorted[middle], 'sorted[middle]')) / 2;
};

const writerRevisions = new Map<number, bigint>();

/** As the collection appends to a channel's stream: the revision it knows as the expected one. */
async function appendAsCollection(store: EventStore, writer: number, events: NewEvent[]): Promise<void> {
  const known = writerRevisions.get(writer);
  const result = await store.append(`bench-${writer}`, events, { expectedRevision: known ?? 'no_stream' });
  writerRevisions.set(writer, result.nextExpectedRevision);
}

const baselineRevisions = new Map<number, number>();

/** The same rows as an append, in one plain autocommit INSERT … SELECT FROM unnest (durable too). */
async function baselineInsert(pool: pg.Pool, writer: number, events: NewEvent[]): Promise<void> {
  const first = baselineRevisions.get(writer) ?? 0;
  baselineRevisions.set(writer, first + events.length);
  await pool.query(
    `INSERT INTO baseline_events (position_commit, position_prepare, stream_id, stream_revision, event_id, event_type, data, metadata)
     SELECT p, p, s, r, id, ty, d::json, m::json
     FROM (SELECT nextval('baseline_position') AS p, t.*
           FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS t(s, r, id, ty, d, m)) x`,
    [
      events.map(() => `baseline-${writer}`),
      events.map((_, i) => String(first + i)),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ],
  );
}

/** At 500 appends/s, each channel's stream gets one a second. */
const LATENCY_CHANNELS = 500;
let follower = 0;
function followerEvent(): { streamId: string; event: NewEvent } {
  const broadcasterId = `bench${follower % LATENCY_CHANNELS}`;
  const total = 1000 + follower++;
  return {
    streamId: channelStream(broadcasterId),
    event: {
      id: randomUUID(),
      type: 'FollowerCountFetched',
      data: { broadcasterId, total, raw: { total } },
      metadata: { correlationId: 'bench', source: 'simulator', schemaVersion: 1, fetchedAt: new Date().toISOString() },
    },
  };
}

/** A session holding a transaction id (as an idle `psql` after one INSERT) until it is closed. */
async function holdTransactionId(connectionString: string, table?: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  if (table) await client.query(`CREATE TABLE IF NOT EXISTS ${table} (n int)`);
  await client.query('BEGIN');
  if (table) await client.query(`INSERT INTO ${table} VALUES (1)`);
  else await client.query('SELECT pg_current_xact_id()');
  return client;
}

async function untilLive(pool: pg.Pool, name: string): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    const { rows } = await pool.query(`SELECT 1 FROM projection_builds WHERE name = $1 AND active AND state = 'live'`, [
      name,
    ]);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`projection ${name} did not go live`);
}

function describe(f: LatencyFigures): string {
  return (
    `delivered p50 ${ms(f.delivered.p50)} p99 ${ms(f.delivered.p99)}, visible p50 ${ms(f.visible.p50)} p99 ${ms(f.visible.p99)}` +
    ` (${f.appends} appends, achieved ${f.achievedRate.toFixed(0)}/s)`
  );
}

const ms = (n: number) => `${Math.round(n)} ms`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
