/**
 * Benchmark: a follower backfill of one channel with N followers (default 1,000,000 = 10,000 pages
 * of 100), a real backfill job (its walk, its events, the event store) against the Helix simulator
 * over HTTP with Twitch's 800 points/minute bucket. Time in the simulator is simulated (rate-limit
 * waits advance it at once), so the "simulated" duration is what the backfill would take against
 * Twitch, and the wall time is what the machine spent. Midway, a daily collection of every channel
 * runs beside it (the foreground: it goes first); its figures are printed next to a daily job alone.
 *
 *   npm run bench -- backfill --followers 1000000 [--channels 20] [--seed 11]
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SUBSCRIPTIONS_SCOPE } from '../collection/jobs/connected-channels.js';
import { startCollectionRig, type CollectionRig } from '../collection/testing/collection-rig.js';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../database/embedded-postgres.js';
import { runMigrations } from '../database/run-migrations.js';
import { followersAt } from '../twitch/simulator/channel-audience.js';
import { REFERENCE_MS } from '../twitch/simulator/sim-world.js';
import { parseBenchOptions } from './bench-options.js';
import { must } from '../must.js';

const BUDGET_PER_MINUTE = 800;
const AT = Date.UTC(2026, 1, 11, 2, 0);
const DAY_MS = 86_400_000;

export default async function run(args: string[]): Promise<void> {
  const { values } = parseBenchOptions('backfill', args, {
    followers: { default: 1_000_000, min: 100 },
    channels: { default: 20, min: 1 },
    seed: { default: 11, min: 0 },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creatorsync-bench-backfill-'));
  await chmod(dir, 0o755);
  let server: RunningEmbeddedPostgres | undefined;
  try {
    server = await startEmbeddedPostgres(dir);
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = server.urlFor('bench');
    await runMigrations(url);
    const rig = await startCollectionRig({
      databaseUrl: url,
      channelCount: values.channels,
      seed: values.seed,
      at: AT,
      simulator: { pointsPerMinute: BUDGET_PER_MINUTE },
    });
    try {
      await measure(rig, values.followers);
    } finally {
      await rig.stop();
    }
  } finally {
    await server?.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

async function measure(rig: CollectionRig, followers: number): Promise<void> {
  const channel = must(rig.sim.world.channels[0], 'rig.sim.world.channels[0]');
  // Grow the channel to the asked size now, keeping its growth curve (and so its followed_at spread).
  channel.followersAtReference = Math.round(
    followers / Math.exp((channel.followerGrowthPerDay * (AT - REFERENCE_MS)) / DAY_MS),
  );
  const total = followersAt(channel, new Date(AT), rig.sim.world.seed);
  const code = rig.sim.tokens.issueCode(
    {
      clientId: rig.sim.clientId,
      userId: channel.id,
      scopes: [SUBSCRIPTIONS_SCOPE, 'moderator:read:followers'],
      redirectUri: 'http://127.0.0.1/cb',
    },
    rig.clock.nowMs(),
  );
  await rig.tokens.save(channel.id, await rig.helix.oauth.exchangeCode(code, 'http://127.0.0.1/cb'));
  const from = new Date(Math.max(channel.createdAt.getTime(), AT - 3_650 * DAY_MS + DAY_MS)).toISOString().slice(0, 10);
  const to = new Date(AT - DAY_MS).toISOString().slice(0, 10);

  const before = rig.sim.requests.length;
  const wallStart = Date.now();
  const simStart = rig.clock.nowMs();
  const job = await rig.backfills.start({
    channels: [channel.id],
    from,
    to,
    kinds: ['followers'],
    dryRun: false,
    requestedBy: null,
  });
  // Midway, the daily job of every channel, in the foreground.
  while (rig.sim.requests.length - before < 5_000 && !(await Promise.race([job.finished.then(() => true), tick()]))) {
    /* waiting for the backfill to be well under way */
  }
  const dailyBefore = rig.sim.requests.length;
  const dailySimStart = rig.clock.nowMs();
  const dailyWallStart = Date.now();
  const during = await (
    await rig.jobs.start({ kind: 'daily', requestedBy: null, broadcasterIds: rig.channelIds, source: 'scheduled' })
  ).finished;
  const duringSimMs = rig.clock.nowMs() - dailySimStart;
  const duringWallMs = Date.now() - dailyWallStart;
  const duringRequests = rig.sim.requests.slice(dailyBefore).filter((r) => !r.endpoint.startsWith('/oauth2')).length;
  const backfillRequestsDuringDaily = rig.sim.requests
    .slice(dailyBefore)
    .filter(
      (r) => r.endpoint === '/channels/followers' && r.query.some(([k, v]) => k === 'first' && v === '100'),
    ).length;
  const summary = await job.finished;
  const wallMs = Date.now() - wallStart;
  const simMs = rig.clock.nowMs() - simStart;
  const sent = rig.sim.requests.slice(before).filter((r) => !r.endpoint.startsWith('/oauth2'));
  const pages = sent.filter(
    (r) => r.endpoint === '/channels/followers' && r.query.some(([k, v]) => k === 'first' && v === '100'),
  ).length;
  const tooMany = sent.filter((r) => r.status === 429).length;

  // The daily job alone, for comparison (a day later: the same work, nothing else running).
  rig.clock.set(rig.clock.nowMs() + DAY_MS);
  const aloneSimStart = rig.clock.nowMs();
  const aloneWallStart = Date.now();
  const aloneBefore = rig.sim.requests.length;
  const alone = await (
    await rig.jobs.start({ kind: 'daily', requestedBy: null, broadcasterIds: rig.channelIds, source: 'scheduled' })
  ).finished;
  const aloneSimMs = rig.clock.nowMs() - aloneSimStart;
  const aloneWallMs = Date.now() - aloneWallStart;
  const aloneRequests = rig.sim.requests.slice(aloneBefore).filter((r) => !r.endpoint.startsWith('/oauth2')).length;

  const view = await rig.backfills.view(summary.jobId);
  console.log(
    `Follower backfill of one channel with ${total.toLocaleString('en')} followers (${from} .. ${to}), ${BUDGET_PER_MINUTE} points/min, simulated clock`,
  );
  console.log(`  job ${summary.jobId}: ${summary.status}, ${view.channels[0]?.kinds.followers?.pages ?? pages} pages`);
  console.log(
    `  Helix requests      ${summary.requests} (the job's count; ${pages} follower list pages seen by the simulator)`,
  );
  console.log(`  events written      ${summary.eventsWritten} (FollowersListed + FollowerCountReconstructed per day)`);
  console.log(
    `  simulated time      ${(simMs / 1000).toFixed(1)} s = ${(simMs / 60_000).toFixed(1)} min (${((summary.requests / simMs) * 60_000).toFixed(0)} requests/min)`,
  );
  console.log(`  wall time           ${(wallMs / 1000).toFixed(1)} s`);
  console.log(
    `  append events/s     ${((summary.eventsWritten / wallMs) * 1000).toFixed(0)} (events written / wall time)`,
  );
  console.log(`  429 answers         ${tooMany}`);
  console.log(
    `  daily job of ${rig.channelIds.length} channels during the backfill: ${during.status}, ${during.channelsOk} ok, ${duringRequests} requests in ${(duringSimMs / 1000).toFixed(1)} s simulated (${(duringWallMs / 1000).toFixed(1)} s wall), ${backfillRequestsDuringDaily} backfill pages meanwhile`,
  );
  console.log(
    `  the same daily job alone:                  ${alone.status}, ${alone.channelsOk} ok, ${aloneRequests} requests in ${(aloneSimMs / 1000).toFixed(1)} s simulated (${(aloneWallMs / 1000).toFixed(1)} s wall)`,
  );
}

const tick = () => new Promise<false>((resolve) => setTimeout(() => resolve(false), 200));
