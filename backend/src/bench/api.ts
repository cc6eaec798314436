/**
 * Benchmark: the query API under load, against a bare server running the same queries. One run
 * starts a throw-away embedded PostgreSQL, starts the real system on it (Nest app, auth, rate
 * limit, ETags, request logs at info), seeds the read model (channels × days of daily rows and
 * stream sessions), then drives each endpoint with keep-alive clients for a fixed time, through the
 * Nest app and through a bare node:http server calling the same query handlers: closed loop (each
 * client asks again as soon as answered: the most each serves), then open loop at half the bare
 * server's closed-loop rate (api-open-loop.ts). Prints throughput, p50/p99 latency, the ratio and
 * the targets; last, the share of revalidations answered 304 for channels that are not live while
 * others are (api-revalidation.ts).
 *
 *   npm run bench -- api [--channels 10000] [--days 730] [--sessions 200000] [--seconds 10]
 *                        [--connections 64] [--users 2000] [--warmup 2] [--sockets 256]
 */
import { rmSync } from 'node:fs';
import { mkdtemp, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import { performance as nodePerformance, type EventLoopUtilization } from 'node:perf_hooks';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { GetChartsHandler } from '../analytics/get-charts/get-charts.handler.js';
import { GetCharts } from '../analytics/get-charts/get-charts.query.js';
import { GetOverviewHandler } from '../analytics/get-overview/get-overview.handler.js';
import { GetOverview } from '../analytics/get-overview/get-overview.query.js';
import { startSystem, type RunningSystem } from '../app/start-system.js';
import { loadOrCreateLocalAuthKeys } from '../auth/local-auth-keys.js';
import { issueLocalToken } from '../auth/local-token-issuer.js';
import { loadConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../database/embedded-postgres.js';
import { createLogger } from '../logging/logger.js';
import { startBareServer, type BareServer } from './api-bare-server.js';
import { measureInWorker, summarize, type LoadResult, type Measurement } from './api-load.js';
import { measureOpenLoop } from './api-open-loop.js';
import { benchUserId, seedReadModel } from './api-seed.js';
import { revalidationPhase } from './api-revalidation.js';
import { parseBenchOptions } from './bench-options.js';
import { must } from '../must.js';

const loopUtilization = (since?: EventLoopUtilization) => nodePerformance.eventLoopUtilization(since);
/** Open loop at OPEN_LOOP_SHARE × the bare server's closed-loop throughput: Nest's p99 at most this. */
const TARGET_P99_MS = 10;
const OPEN_LOOP_SHARE = 0.5;
/** Closed loop: Nest's throughput at least this share of the bare server's. */
const TARGET_SHARE_OF_BARE = 0.85;
export function parseOptions(args: string[]) {
  const { values: options } = parseBenchOptions('api', args, {
    channels: { default: 10_000, min: 1 },
    days: { default: 730, min: 1, max: 3650 },
    sessions: { default: 200_000, min: 1 },
    seconds: { default: 10, min: 1 },
    connections: { default: 64, min: 1 },
    users: { default: 2000, min: 1 },
    warmup: { default: 2, min: 0 },
    sockets: { default: 256, min: 1 },
  });
  options.users = Math.min(options.users, options.channels);
  return options;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2);

export default async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creatorsync-bench-api-'));
  // mkdtemp makes it 0700; run as root, embedded-postgres runs initdb as a `postgres` user that must get in.
  await chmod(dir, 0o755);
  let server: RunningEmbeddedPostgres | undefined;
  let system: RunningSystem | undefined;
  let bare: BareServer | undefined;
  let cleaning: Promise<void> | undefined;
  // Each step bounded by a timer that keeps the process alive: a part that never finishes stopping
  // must neither hang the benchmark nor let it exit before the folder (over 1 GB) is removed.
  const bounded = (step: Promise<unknown> | undefined, ms: number) =>
    Promise.race([step?.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms))]);
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await bounded(bare?.close(), 2_000);
      await bounded(system?.close(), 15_000);
      await bounded(server?.stop(), 15_000);
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping and removing ${dir}\n`);
    void cleanUp().finally(() => process.exit(130));
  };
  // embedded-postgres also answers Ctrl-C and may exit first; 'exit' handlers still run then.
  const removeOnExit = () => rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', removeOnExit);
  try {
    server = await startEmbeddedPostgres(path.join(dir, 'pg'));
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    const version = must(
      (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0],
      "(await admin.query<{ v: string }>(`SELECT current_setting('server_ver…",
    ).v;
    await admin.end();

    // Production-like HTTP layer: request logs at info (written to /dev/null), rate limit on.
    const logger = createLogger('info', pino.destination({ dest: '/dev/null', sync: false }));
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: server.urlFor('bench'),
      DATA_DIR: path.join(dir, 'data'),
      DEMO_HISTORY_DAYS: '0',
      LIVE_POLL_MINUTES: '0',
    });
    // The demo's channels stay unconnected: their start-up collection (thousands of clip and video
    // facts) would run in this process while the servers are measured. The HTTP path is unchanged.
    system = await startSystem(config, { logger, recordDemo: false });
    const { pool, clock } = system.parts;
    const today = clock.now().toISOString().slice(0, 10);

    console.log(
      `API benchmark: ${fmt(options.channels)} channels × ${fmt(options.days)} days, ${fmt(options.sessions)} stream sessions`,
    );
    console.log(
      `  keep-alive clients, ${options.seconds} s per endpoint, server and loop (in alternating rounds of about 2 s, after ${options.warmup} s warm-up), ${fmt(options.users)} random users`,
    );
    console.log(
      `  embedded PostgreSQL ${version}, ${os.cpus().length} CPUs, Node ${process.version}; rate limit ${config.rateLimit.perMinute}/min per user, logs at info\n`,
    );

    const seedStart = performance.now();
    // Progress on one rewritten line on a terminal; nothing when the output goes to a file.
    const skipped = await seedReadModel(
      pool,
      options,
      today,
      (line) => process.stdout.isTTY && process.stdout.write(`\r  seeding ${line.padEnd(60)}`),
    );
    const count = async (table: string) =>
      Number(
        must(
          (await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0],
          '(await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t…',
        ).n,
      );
    const counts = [
      `channel_analytics ${fmt(await count('channel_analytics'))} rows`,
      `account_channels ${fmt(await count('account_channels'))} rows`,
    ];
    if (!skipped.includes('stream_sessions'))
      counts.push(`stream_sessions ${fmt(await count('stream_sessions'))} rows`);
    const databaseSize = must(
      (await pool.query<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`))
        .rows[0],
      '( await pool.query<{ size: string }>(`SELECT pg_size_pretty(pg_databa…',
    ).size;
    console.log(
      `${process.stdout.isTTY ? '\r' : ''}  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${counts.join(', ')}; database ${databaseSize}`.padEnd(
        80,
      ),
    );
    if (skipped.length)
      console.log(
        `  not seeded (no projection owns them yet, so their queries read empty views): ${skipped.join(', ')}`,
      );

    const keys = await loadOrCreateLocalAuthKeys(config.dataDir);
    const tokens: string[] = [];
    for (let i = 0; i < options.users; i++) {
      const n = 1 + Math.floor((i * options.channels) / options.users);
      tokens.push((await issueLocalToken(keys, benchUserId(n))).token);
    }
    // Each user's first request verifies the session token's signature, once per session. The
    // figures are of requests within signed-in sessions, so every session starts before measuring.
    const signInStart = performance.now();
    await signIn(system.url, tokens);
    console.log(
      `  ${fmt(tokens.length)} sessions started (one request each) in ${((performance.now() - signInStart) / 1000).toFixed(1)} s`,
    );

    const overview = system.app.get(GetOverviewHandler);
    const charts = system.app.get(GetChartsHandler);
    bare = await startBareServer({
      overview: (userId, channel) => overview.execute(new GetOverview(userId, channel)),
      charts: (userId, days, channel) => charts.execute(new GetCharts(userId, { days }, channel)),
    });

    const endpoints = ['/api/analytics/overview', '/api/analytics/charts?days=90'];
    const results: Array<{ endpoint: string; nest: LoadResult; bare: LoadResult }> = [];
    console.log(
      `\n  closed loop: ${options.connections} clients, each asking again as soon as answered\n  ${'endpoint'.padEnd(30)} ${'server'.padEnd(6)} ${'requests'.padStart(9)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'loop'.padStart(5)}  not 200`,
    );
    for (const endpoint of endpoints) {
      // Rounds alternate between the two servers, so a change in the machine's background load
      // (it is shared) weighs on both alike; each server gets `seconds` in all.
      const rounds = Math.max(1, Math.round(options.seconds / 2));
      const measure = (baseUrl: string, seconds: number, warmupSeconds: number) =>
        measureInWorker({ baseUrl, path: endpoint, tokens, connections: options.connections, seconds, warmupSeconds });
      const nest: Measurement[] = [];
      const bareRounds: Measurement[] = [];
      // How busy the servers' event loop (this thread) was: near 1, the server itself is the limit.
      let nestLoop = 0;
      let bareLoop = 0;
      for (let round = 0; round < rounds; round++) {
        const warmup = round === 0 ? options.warmup : 0.2;
        let loop = loopUtilization();
        nest.push(await measure(system.url, options.seconds / rounds, warmup));
        nestLoop += loopUtilization(loop).utilization / rounds;
        loop = loopUtilization();
        bareRounds.push(await measure(bare.url, options.seconds / rounds, warmup));
        bareLoop += loopUtilization(loop).utilization / rounds;
      }
      const result = { endpoint, nest: summarize(nest), bare: summarize(bareRounds) };
      printRow(endpoint, 'nest', result.nest, nestLoop);
      printRow(endpoint, 'bare', result.bare, bareLoop);
      results.push(result);
    }

    const openLoop = await measureOpenLoop({
      endpoints: results.map((r) => ({ endpoint: r.endpoint, perSecond: OPEN_LOOP_SHARE * r.bare.perSecond })),
      servers: { nest: system.url, bare: bare.url },
      tokens,
      sockets: options.sockets,
      seconds: options.seconds,
      warmupSeconds: options.warmup,
    });

    console.log('');
    for (const [i, { endpoint, nest, bare: b }] of results.entries()) {
      const share = nest.perSecond / b.perSecond;
      const open = must(openLoop[i], 'openLoop[i]');
      console.log(`  ${endpoint}`);
      console.log(
        `    target closed-loop throughput >= ${TARGET_SHARE_OF_BARE} × bare: ${share >= TARGET_SHARE_OF_BARE ? 'met' : 'not met'} (${share.toFixed(2)}: nest ${fmt(nest.perSecond)}, bare ${fmt(b.perSecond)} req/s)`,
      );
      console.log(
        `    target p99 <= ${TARGET_P99_MS} ms open loop at ${fmt(open.perSecond)} req/s: ${open.nest.p99Ms <= TARGET_P99_MS ? 'met' : 'not met'} (nest ${ms(open.nest.p99Ms)} ms, bare ${ms(open.bare.p99Ms)} ms)`,
      );
    }
    await revalidationPhase(system, keys, options);
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', removeOnExit);
  }
}

async function signIn(baseUrl: string, tokens: string[]): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < tokens.length) {
      const response = await fetch(`${baseUrl}/api/analytics/overview`, {
        headers: { authorization: `Bearer ${tokens[next++]}` },
      });
      if (response.status !== 200)
        throw new Error(`signing in a benchmark user: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, client));
}

function printRow(endpoint: string, name: string, r: LoadResult, loopUtilization: number): void {
  const failures =
    Object.entries(r.failures)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ') || '-';
  console.log(
    `  ${endpoint.padEnd(30)} ${name.padEnd(6)} ${fmt(r.requests).padStart(9)} ${fmt(r.perSecond).padStart(8)} ${ms(r.p50Ms).padStart(8)} ${ms(r.p99Ms).padStart(8)} ${ms(r.maxMs).padStart(8)} ${loopUtilization.toFixed(2).padStart(5)}  ${failures}`,
  );
}
