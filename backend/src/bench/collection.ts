/**
 * Benchmark: one real daily collection job (the commands, the job's events, the event store) over N
 * simulated channels, against the Helix simulator over HTTP with Twitch's 800 points/minute bucket.
 * Prints the Helix requests per channel and endpoint and the share of the rate budget used: for
 * the first job (no history, so every check is due) and, after a day of live polls, for the next
 * day's job (the steady state: videos and clips only where something can have changed), with the
 * app bucket and the broadcasters' user buckets apart.
 * Starts a throw-away embedded PostgreSQL; time in the simulator is simulated (rate-limit waits and
 * the pauses between batches advance it at once), so the "simulated duration" is what the job
 * would take against Twitch, and the wall time is what the machine spent.
 *
 *   npm run bench -- collection --channels 1000 [--seed 11] [--jitter-ms 2000]
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCollectionRig, linkKindOf } from '../collection/testing/collection-rig.js';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../database/embedded-postgres.js';
import { runMigrations } from '../database/run-migrations.js';
import { CommandBus } from '@nestjs/cqrs';
import { demoLivePollTimes } from '../collection/demo/demo-live-polls.js';
import { SampleLiveStreams } from '../collection/fetches/sample-live-streams.command.js';
import { sessionsBetween } from '../twitch/simulator/stream-sessions.js';
import { parseBenchOptions } from './bench-options.js';

const BUDGET_PER_MINUTE = 800;
/** A morning collection, as the scheduler's 02:00 UTC run would see it (some channels still live). */
const AT = Date.UTC(2026, 1, 11, 2, 0);

export default async function run(args: string[]): Promise<void> {
  const { values } = parseBenchOptions('collection', args, {
    channels: { default: 1000, min: 1 },
    seed: { default: 11, min: 0 },
    'jitter-ms': { default: 2000, min: 0 },
  });
  const { channels: channelCount, seed, 'jitter-ms': jitterMs } = values;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'creatorsync-bench-collection-'));
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
      channelCount,
      seed,
      at: AT,
      env: { COLLECTION_JITTER_MS: String(jitterMs) },
      simulator: { pointsPerMinute: BUDGET_PER_MINUTE },
    });
    try {
      const linked = rig.channelIds.map((_, i) => linkKindOf(i, channelCount));
      const before = rig.sim.requests.length;
      const wallStart = Date.now();
      const simStart = rig.clock.nowMs();
      const job = await rig.jobs.start({
        kind: 'daily',
        requestedBy: null,
        broadcasterIds: rig.channelIds,
        source: 'scheduled',
      });
      const summary = await job.finished;
      const wallMs = Date.now() - wallStart;
      const simMs = rig.clock.nowMs() - simStart;
      const helix = rig.sim.requests.slice(before).filter((r) => !r.endpoint.startsWith('/oauth2'));
      const byEndpoint = new Map<string, number>();
      helix.forEach((r) => byEndpoint.set(r.endpoint, (byEndpoint.get(r.endpoint) ?? 0) + 1));
      const isApp = (r: { bucket?: string }) => r.bucket?.startsWith('app:') ?? false;
      const appRequests = helix.filter(isApp).length;
      const userRequests = helix.length - appRequests;
      // A token bucket starts full and refills continuously: over the run Helix allowed the full bucket plus the refill.
      const allowed = BUDGET_PER_MINUTE + (BUDGET_PER_MINUTE * simMs) / 60_000;

      console.log(
        `Daily collection job over ${channelCount} simulated channels (seed ${seed}, ${new Date(AT).toISOString()}, jitter up to ${jitterMs} ms between batches of 10)`,
      );
      console.log(
        `  linked: ${linked.filter((k) => k === 'scoped-with-token').length} with subscriptions scope and token, ${linked.filter((k) => k === 'no-scope').length} without the scope, ${linked.filter((k) => k === 'scoped-no-token').length} with the scope but no token`,
      );
      console.log(
        `  job ${summary.jobId}: ${summary.status}, ${summary.channelsOk} channels ok, ${summary.channelsFailed} failed, ${summary.eventsWritten} events written\n`,
      );
      console.log('  endpoint               requests  per channel');
      for (const [endpoint, count] of [...byEndpoint].sort((a, b) => b[1] - a[1])) {
        console.log(
          `  ${endpoint.padEnd(22)} ${String(count).padStart(8)}  ${(count / channelCount).toFixed(3).padStart(11)}`,
        );
      }
      console.log(
        `  ${'total'.padEnd(22)} ${String(helix.length).padStart(8)}  ${(helix.length / channelCount).toFixed(3).padStart(11)}`,
      );
      console.log(`  (the job's own count: ${summary.requests} requests)\n`);
      console.log(
        `  app bucket: ${appRequests} requests (${(appRequests / channelCount).toFixed(2)} per channel) = ${(appRequests / BUDGET_PER_MINUTE).toFixed(2)} min of the ${BUDGET_PER_MINUTE}/min budget = ${((100 * appRequests) / (BUDGET_PER_MINUTE * 1440)).toFixed(2)} % of a day's budget`,
      );
      console.log(
        `  share of the app budget Helix allowed during the run (full bucket + refill over ${(simMs / 1000).toFixed(0)} s): ${((100 * appRequests) / allowed).toFixed(1)} %; 429 answers: ${helix.filter((r) => r.status === 429).length}`,
      );
      console.log(
        `  user buckets: ${userRequests} requests (subscriptions, and the videos and clips of broadcasters with a stored token, each in the broadcaster's own ${BUDGET_PER_MINUTE}/min bucket)`,
      );
      console.log(
        `  simulated duration ${(simMs / 1000).toFixed(1)} s (rate-limit waits and jitter included); wall time ${(wallMs / 1000).toFixed(1)} s`,
      );

      // The steady state: live polls through the day (as the live-polling schedule records them;
      // here every 10 minutes of each stream and once after its end), then the next day's job,
      // which checks videos and clips only where something can have changed.
      const nextAt = AT + 86_400_000;
      const commands = rig.app.get(CommandBus);
      const streams = rig.sim.world.channels.flatMap((c) => sessionsBetween(c, rig.sim.world.seed, AT, nextAt));
      const pollTimes = demoLivePollTimes(streams, AT + 60_000, nextAt, 10 * 60_000);
      const pollsBefore = rig.sim.requests.length;
      for (const at of pollTimes) {
        rig.clock.set(at);
        const reason = { correlationId: `bench-live-poll-${String(at)}`, source: 'simulator' as const };
        for (let i = 0; i < rig.channelIds.length; i += 100)
          await commands.execute(new SampleLiveStreams(rig.channelIds.slice(i, i + 100), reason, true));
      }
      const pollRequests = rig.sim.requests.length - pollsBefore;
      const streamed = new Set(streams.filter((s) => s.endMs > AT).map((s) => s.channel.id)).size;
      rig.clock.set(nextAt);
      const nextBefore = rig.sim.requests.length;
      const nextWall = Date.now();
      const nextSimStart = rig.clock.nowMs();
      const next = await (
        await rig.jobs.start({ kind: 'daily', requestedBy: null, broadcasterIds: rig.channelIds, source: 'scheduled' })
      ).finished;
      const nextHelix = rig.sim.requests.slice(nextBefore).filter((r) => !r.endpoint.startsWith('/oauth2'));
      const nextApp = nextHelix.filter(isApp);
      const nextUser = nextHelix.filter((r) => !isApp(r));
      console.log(
        `\n  live polls between the runs: ${pollTimes.length} polls, ${pollRequests} requests; ${streamed} of ${channelCount} channels (${((100 * streamed) / channelCount).toFixed(0)} %) streamed since the first run`,
      );
      console.log(
        `  the next day's job (steady state): ${next.status}, ${nextHelix.length} requests, ${next.eventsWritten} events written (${(next.eventsWritten / channelCount).toFixed(1)} per channel), wall time ${((Date.now() - nextWall) / 1000).toFixed(1)} s, simulated ${((rig.clock.nowMs() - nextSimStart) / 1000).toFixed(1)} s`,
      );
      console.log('  endpoint               app bucket  per channel   user buckets  per channel');
      const endpoints = [...new Set(nextHelix.map((r) => r.endpoint))].sort();
      for (const endpoint of endpoints) {
        const a = nextApp.filter((r) => r.endpoint === endpoint).length;
        const u = nextUser.filter((r) => r.endpoint === endpoint).length;
        console.log(
          `  ${endpoint.padEnd(22)} ${String(a).padStart(10)}  ${(a / channelCount).toFixed(3).padStart(11)}   ${String(u).padStart(12)}  ${(u / channelCount).toFixed(3).padStart(11)}`,
        );
      }
      console.log(
        `  ${'total'.padEnd(22)} ${String(nextApp.length).padStart(10)}  ${(nextApp.length / channelCount).toFixed(3).padStart(11)}   ${String(nextUser.length).padStart(12)}  ${(nextUser.length / channelCount).toFixed(3).padStart(11)}`,
      );
      console.log(
        `  app bucket: ${(nextApp.length / channelCount).toFixed(2)} requests per channel (target: at most 2); user buckets: ${(nextUser.length / channelCount).toFixed(2)} per channel (the broadcasters' own tokens)`,
      );
    } finally {
      await rig.stop();
    }
  } finally {
    await server?.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
