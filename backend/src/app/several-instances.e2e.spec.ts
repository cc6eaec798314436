/**
 * Three server processes (the built backend/dist/main.js) on one PostgreSQL, with one Helix
 * simulator serving 150 channels (1,000 with SEVERAL_INSTANCES_CHANNELS=1000) as "real Twitch" (so every instance shares its client id and its
 * 800-point bucket logic). The daily collection fires on all three every minute (cron) and live
 * polling runs each minute; the instance running the daily job is killed with SIGKILL mid-job,
 * mid-batch (a channel in flight has facts recorded, not its outcome: the takeover collects it again).
 * Expected: another instance takes the job over (within 60 s) and it completes once, each channel
 * collected once; no fact recorded twice; no 429 from the simulator; the requests of one instance
 * (each channel's videos fetched once, live polls once a minute, not three times); a user limited
 * on one instance is limited on the others; and all three answer the same numbers.
 *
 * The channel count: on two busy cores (load 10-19 while other suites run) a daily job collects
 * 1-2 channels a second across three instances, so 1,000 channels take 8-15 minutes, more than a
 * CI leg should spend on one spec; 150 channels exercise the same paths (two look-up groups of up
 * to 100, fifteen batches of 10, a kill mid-job) in 2-3.5 minutes: 116-207 s in six runs on the
 * two-core machine, the longer ones beside other suites or four CPU hogs (the wait for the cron's
 * minute alone is 0-60 s). The full run:
 *   SEVERAL_INSTANCES_CHANNELS=1000 NODE_OPTIONS=--experimental-vm-modules npx jest backend/src/app/several-instances.e2e.spec.ts
 */
import { accountStream, channelStream, eventCatalogue, jobStream } from '@creatorsync/projections';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateLocalAuthKeys } from '../auth/local-auth-keys.js';
import { issueLocalToken } from '../auth/local-token-issuer.js';
import { appendNewFacts } from '../collection/append-new-facts.js';
import { deterministicEventId } from '../collection/deterministic-event-id.js';
import { snapshotSlot, utcMinute } from '../collection/facts/fact.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { silentLogger } from '../logging/logger.js';
import { startHelixSimulator, type RunningHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { REQUEST_DEADLINE_MS, TEST_DEADLINE_MS } from '../testing/deadlines.js';
import { freePort } from '../testing/free-port.js';
import { waitFor, waitWhileProgressing } from '../testing/wait-for.js';

const main = path.resolve('backend/dist/main.js');
const CHANNELS = Number(process.env.SEVERAL_INSTANCES_CHANNELS ?? 150);
/** The job is killed once this many channels are recorded: well before its end. */
const KILL_AFTER = Math.ceil(CHANNELS / 5);
/** Channels collected at once by a job (collection-options.ts): the batch in flight at the kill. */
const BATCH = 10;
/** Channels per batched look-up (/users, /streams). */
const LOOKUP_GROUP = 100;
const ADMIN_KEY = 'several-instances-admin-key';
/** How many server processes share the database. */
const INSTANCES = 3;

interface Instance {
  port: number;
  /** Its stdout and stderr (JSON log lines), kept after the run for a failure's diagnosis. */
  logFile: string;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

describe('three instances on one PostgreSQL', () => {
  // Set in beforeAll; undefined in afterAll only when beforeAll failed before them.
  let db: TestDatabase;
  let sim: RunningHelixSimulator;
  let eventStore: EventStore;
  let dataDir: string;
  let logDir: string;
  /** Set when the test got to its end: otherwise afterAll prints the tail of every instance's log. */
  let passed = false;
  const everyInstance: Instance[] = [];
  const instances: Instance[] = [];

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build:server\` first (npm test builds)`);
    db = await createTestDatabase();
    eventStore = createEventStore({ pool: db.pool, databaseUrl: db.url, logger: silentLogger });
    // A simulated clock that follows real time: the servers run on real time.
    sim = await startHelixSimulator({ channelCount: CHANNELS, seed: 14, pointsPerMinute: 6_000 });
    await linkEveryChannel(eventStore, sim);
    logDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-instances-logs-'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-instances-'));
    await chmod(dataDir, 0o755);
    // One set of local sign-in keys for all three (as one Clerk instance would be), made before they start.
    await loadOrCreateLocalAuthKeys(dataDir);
    for (let i = 0; i < INSTANCES; i++) instances.push(startInstance(await freePort()));
    await Promise.all(instances.map((i) => untilHealthy(i)));
  });

  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    if (!passed) await printLogTails(everyInstance, logDir);
    else await rm(logDir, { recursive: true, force: true });
    await (sim as RunningHelixSimulator | undefined)?.close();
    await (eventStore as EventStore | undefined)?.close();
    await (db as TestDatabase | undefined)?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  function startInstance(port: number): Instance {
    const logFile = path.join(logDir, `instance-${String(port)}-${String(Date.now())}.log`);
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        PORT: String(port),
        TWITCH_CLIENT_ID: sim.clientId,
        TWITCH_CLIENT_SECRET: sim.clientSecret,
        TWITCH_API_BASE_URL: sim.helixBaseUrl,
        TWITCH_AUTH_BASE_URL: sim.authBaseUrl,
        // The simulator shares the test's event loop: on a busy machine an answer can take longer
        // than Twitch's would, and a timed-out request is sent again, which would count twice.
        TWITCH_TIMEOUT_MS: String(REQUEST_DEADLINE_MS),
        TWITCH_REDIRECT_URI: `http://127.0.0.1:${port}/api/twitch/callback`,
        ADMIN_KEY,
        DAILY_COLLECTION_CRON: '* * * * *',
        LIVE_POLL_MINUTES: '1',
        COLLECTION_JITTER_MS: '0',
        RATE_LIMIT_PER_MINUTE: '60',
        RATE_LIMIT_BURST: '5',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const instance = { port, logFile, url: `http://127.0.0.1:${String(port)}`, child, exited };
    everyInstance.push(instance);
    return instance;
  }

  /** The channels with an outcome in the job's events, one entry per outcome. */
  const outcomesOf = (events: RecordedEvent[]) =>
    events
      .filter((e) => e.type === 'ChannelCollected' || e.type === 'ChannelCollectionFailed')
      .map((e) => (e.data as { broadcasterId: string }).broadcasterId);

  /**
   * Waits for a channel without an outcome (not in `done`) whose stream holds the job's recent-clips
   * check; returns its id. Only channels whose clips Twitch (the simulator) was asked for are read.
   */
  async function untilCheckedWithoutOutcome(jobId: string, done: ReadonlySet<string>): Promise<string> {
    let found = '';
    await waitFor(
      async () => {
        const asked = new Set(
          sim.requests
            .filter((r) => r.endpoint === '/clips')
            .map((r) => r.query.find(([k]) => k === 'broadcaster_id')?.[1])
            .filter((id): id is string => id !== undefined && !done.has(id)),
        );
        for (const id of asked) {
          const events = await eventStore.readStream(channelStream(id)).catch(() => [] as RecordedEvent[]);
          const checked = events.some(
            (e) =>
              e.type === 'ChannelMediaChecked' &&
              (e.data as { media: string }).media === 'recent-clips' &&
              (e.metadata as { correlationId?: string }).correlationId === jobId,
          );
          if (checked) {
            found = id;
            return true;
          }
        }
        return false;
      },
      'a channel of the batch in flight to have its recent clips checked',
      { pollMs: 100 },
    );
    return found;
  }

  it(
    'run the daily job once, take it over when its instance dies, spend one budget, and agree',
    async () => {
      const day = new Date().toISOString().slice(0, 10);
      const jobId = `daily-${day}`;
      const startedMs = Date.now();
      const job = () => eventStore.readStream(jobStream(jobId)).catch(() => [] as RecordedEvent[]);
      const collected = async () => (await job()).filter((e) => e.type === 'ChannelCollected').length;

      // The cron fires on all three at the minute; one of them requests and runs the day's job. (The
      // test reads the job's stream once a second: reading it more often only slows the instances.)
      await waitWhileProgressing(
        async () => (await collected()) >= KILL_AFTER,
        collected,
        `the daily job to collect ${String(KILL_AFTER)} channels`,
      );
      const { rows } = await db.pool.query<{ holder: string }>(`SELECT holder FROM leases WHERE name = $1`, [
        `job:${jobId}`,
      ]);
      const holderPid = Number(rows[0]?.holder.split(':')[1]);
      const victim = instances.find((i) => i.child.pid === holderPid);
      expect(victim).toBeDefined();
      if (!victim) return;
      // Killed mid-batch: once a channel of the batch in flight has its recent clips check recorded
      // but not its outcome, so the takeover collects again a channel the dead worker recorded facts
      // of (a batch's channels finish together: killed as soon as 30 were collected, none was begun).
      const inFlight = await untilCheckedWithoutOutcome(jobId, new Set(outcomesOf(await job())));
      victim.child.kill('SIGKILL');
      await victim.exited;
      // The kill's time on the database's clock, which also stamps the takeover's events.
      const killedAt = (await db.pool.query<{ now: Date }>('SELECT now()')).rows[0]?.now;
      const doneAtKill = await collected();
      expect(doneAtKill).toBeLessThan(CHANNELS);

      // Another instance takes the job over and finishes it.
      // A busy machine may make the takeover's collection slow: it fails only if it stops moving.
      await waitWhileProgressing(
        async () => (await job()).some((e) => e.type === 'CollectionJobCompleted'),
        collected,
        'another instance to take the daily job over and complete it',
      );
      const survivors = instances.filter((i) => i !== victim);
      const events = await job();
      const channelsDone = outcomesOf(events);
      // Completed once; each channel's outcome once; two attempts (the killed one and the takeover).
      expect(events.filter((e) => e.type === 'CollectionJobRequested')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'CollectionJobCompleted')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'CollectionJobStarted')).toHaveLength(2);
      expect(new Set(channelsDone).size).toBe(CHANNELS);
      expect(channelsDone).toHaveLength(CHANNELS);
      // Taken over within 60 s of the kill, as the issue asks (lease 20 s + one look every 10 s: ~30 s).
      const takeover = events.filter((e) => e.type === 'CollectionJobStarted')[1];
      const takeoverSeconds = ((takeover?.createdAt.getTime() ?? Infinity) - (killedAt?.getTime() ?? 0)) / 1000;
      console.info(
        `several instances: ${String(CHANNELS)} channels, killed at ${String(doneAtKill)} collected (channel ${inFlight}'s recent clips checked, its outcome not recorded), taken over ${takeoverSeconds.toFixed(1)} s after the kill`,
      );
      expect(takeoverSeconds).toBeLessThanOrEqual(60);

      // No fact recorded twice: no two events the job wrote say the same thing about the same period.
      // A period is what a fact's id is keyed on (fact.ts): the minute of a live sample, the 10-minute
      // slot of a follower total, the day of the rest. The takeover re-does the look-ups of its group,
      // so a channel live at both looks is sampled again in a later minute (with the same figures if
      // Twitch's did not move): a new observation, as a single instance's next live poll would make.
      const facts = (await eventStore.readAll({ filter: { streamPrefixes: ['twitch-'] } })).filter(
        (e) => (e.metadata as { correlationId?: string }).correlationId === jobId,
      );
      expect(facts.length).toBeGreaterThan(CHANNELS);
      const periodOf = (e: RecordedEvent) => {
        const fetchedAt = new Date((e.metadata as { fetchedAt: string }).fetchedAt);
        return e.type === 'LiveStreamSampled' ? utcMinute(fetchedAt) : snapshotSlot(e.type, fetchedAt);
      };
      const counts = new Map<string, number>();
      const sameFigures = new Map<string, number>();
      for (const e of facts) {
        const what = `${e.streamId} ${e.type} ${JSON.stringify(e.data)}`;
        counts.set(`${periodOf(e)} ${what}`, (counts.get(`${periodOf(e)} ${what}`) ?? 0) + 1);
        sameFigures.set(what, (sameFigures.get(what) ?? 0) + 1);
      }
      expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
      const reobserved = [...sameFigures]
        .filter(([, n]) => n > 1)
        .map(([what]) => what.split(' ').slice(0, 2).join(' '));
      console.info(
        `several instances: ${String(facts.length)} facts, none twice; ${String(reobserved.length)} observed again in a later period with the same figures: ${reobserved.join(', ')}`,
      );

      // One budget: Twitch (the simulator) never refused a request.
      const helix = sim.requests.filter((r) => !r.endpoint.startsWith('/oauth2'));
      expect(helix.filter((r) => r.status === 429)).toHaveLength(0);
      // The requests of one instance: what a single instance would send, plus exactly what the takeover
      // repeats. No per-channel request (videos, clips; same query, same page) is made twice, except for
      // the batch in flight at the kill (at most BATCH channels: their requests were sent, their
      // outcome not recorded); live polls once a minute, not three times (one /streams request per 100
      // channels a poll), plus the job's look-ups (one per group, the takeover repeating its group's).
      const seen = new Map<string, number>();
      for (const r of helix.filter((r) => r.endpoint === '/videos' || r.endpoint === '/clips')) {
        const key = `${r.endpoint}?${new URLSearchParams(r.query).toString()}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      const repeatedChannels = new Set(
        [...seen]
          .filter(([, n]) => n > 1)
          .map(
            ([key]) =>
              new URL(key, 'http://x').searchParams.get('user_id') ??
              new URL(key, 'http://x').searchParams.get('broadcaster_id') ??
              key,
          ),
      );
      expect(repeatedChannels.size).toBeLessThanOrEqual(BATCH);
      const overTwice = [...seen].filter(([, n]) => n > 2).map(([key]) => key);
      expect(
        helix
          .filter((r) => overTwice.includes(`${r.endpoint}?${new URLSearchParams(r.query).toString()}`))
          .map(
            (r) =>
              `${new Date(r.atMs).toISOString()} ${r.endpoint}?${new URLSearchParams(r.query).toString()} ${String(r.status)}`,
          ),
      ).toEqual([]);
      const repeats = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
      console.info(
        `several instances: ${String(helix.length)} Helix requests, ${String(repeats)} per-channel requests repeated by the takeover (${String(repeatedChannels.size)} channels in flight at the kill)`,
      );
      expect(
        new Set(helix.filter((r) => r.endpoint === '/videos').map((r) => r.query.find(([k]) => k === 'user_id')?.[1]))
          .size,
      ).toBe(CHANNELS);
      const minutes = Math.ceil((Date.now() - startedMs) / 60_000) + 1;
      const streamsRequests = helix.filter((r) => r.endpoint === '/streams').length;
      const groups = Math.ceil(CHANNELS / LOOKUP_GROUP);
      expect(streamsRequests).toBeLessThanOrEqual(groups * minutes + 2 * groups);

      // A user limited on one instance is limited on the others.
      const keys = await loadOrCreateLocalAuthKeys(dataDir);
      const probe = (await issueLocalToken(keys, 'rate-probe')).token;
      const [first, second] = survivors as [Instance, Instance];
      for (let i = 0; i < 5; i++) expect((await get(first, '/api/analytics/overview', probe)).status).not.toBe(429);
      const limited = await get(second, '/api/analytics/overview', probe);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

      // All instances answer the same numbers (the live one restarted, so three again).
      const restarted = startInstance(victim.port);
      instances[instances.indexOf(victim)] = restarted;
      await untilHealthy(restarted);
      const owner = (await issueLocalToken(keys, 'user-0')).token;
      let answers: string[] = [];
      await waitFor(
        async () => {
          answers = await Promise.all(
            instances.map(async (i) => {
              const response = await get(i, '/api/analytics/overview', owner);
              return `${response.status} ${await response.text()}`;
            }),
          );
          if (answers.every((a) => a === answers[0])) return answers[0]?.startsWith('200 ') ?? false;
          await new Promise((resolve) => setTimeout(resolve, 3_000)); // stay within the rate limit
          return false;
        },
        'the three instances to answer the same overview',
        { pollMs: 1_000 },
      );
      expect(JSON.parse(answers[0]?.slice(4) ?? 'null')).toBeTruthy();
      passed = true;
      // Three servers collecting 150 channels: on a busy machine this takes long while it moves on (the
      // waits above fail when it stops moving); the deadline only bounds a hang.
    },
    3 * TEST_DEADLINE_MS,
  );
});

/** The last lines each instance logged (pid, port, file kept for a closer look). */
async function printLogTails(instances: Instance[], logDir: string): Promise<void> {
  const tails = await Promise.all(
    instances.map(async (i) => {
      const lines = (await readFile(i.logFile, 'utf8').catch(() => '')).trimEnd().split('\n');
      return `--- pid ${String(i.child.pid)} port ${String(i.port)} (${i.logFile}), last ${String(Math.min(lines.length, 60))} of ${String(lines.length)} lines:\n${lines.slice(-60).join('\n')}`;
    }),
  );
  console.error(`several instances: the test failed; the instances' logs are kept in ${logDir}\n${tails.join('\n')}`);
}

function get(instance: Instance, pathAndQuery: string, token: string): Promise<Response> {
  return fetch(`${instance.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
}

async function untilHealthy(instance: Instance): Promise<void> {
  await waitFor(
    () =>
      fetch(`${instance.url}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    `the server on port ${instance.port} to answer /health`,
    { pollMs: 200 },
  );
}

/** Every simulated channel linked to an account `user-<i>` (no subscriber scope: no user tokens needed). */
async function linkEveryChannel(eventStore: EventStore, sim: RunningHelixSimulator): Promise<void> {
  const at = new Date().toISOString();
  for (const [index, channel] of sim.world.channels.entries()) {
    const userId = `user-${index}`;
    await appendNewFacts(eventStore, accountStream(userId), [
      {
        id: deterministicEventId('TwitchAccountLinked', userId, channel.id),
        type: 'TwitchAccountLinked',
        data: {
          userId,
          broadcasterId: channel.id,
          login: channel.login,
          displayName: channel.displayName,
          scopes: [],
          linkedAt: at,
        },
        metadata: {
          correlationId: 'test-link',
          source: 'simulator',
          schemaVersion: eventCatalogue.TwitchAccountLinked.version,
          fetchedAt: at,
        },
      },
    ]);
  }
}
