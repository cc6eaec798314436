/**
 * Crash safety: a worker process collecting a daily job is killed (SIGKILL) mid-job; a new process
 * resumes the job at start. The job ends completed, each channel collected exactly once, and the
 * channel and game streams hold exactly the events an uninterrupted run records — none twice, none
 * missing. Runs the built worker (backend/dist), which `npm test` builds first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { jobStream } from '@creatorsync/projections';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { canonicalJson } from '../deterministic-event-id.js';
import { startCollectionRig } from '../testing/collection-rig.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { createEventStore } from '../../event-store/create-event-store.js';
import { CONDITION_DEADLINE_MS } from '../../testing/deadlines.js';
import { must } from '../../must.js';
import { dropIfCreated } from '../../testing/clean-up.js';

const worker = path.resolve('backend/dist/collection/testing/collection-worker.js');
const JOB_ID = 'daily-crash-test';

interface WorkerRun {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

function runWorker(env: Record<string, string>, killAfterDone?: number): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = must(parts.pop(), 'parts.pop()');
      lines.push(...parts);
      if (killAfterDone !== undefined && lines.filter((l) => l.startsWith('done ')).length >= killAfterDone)
        child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CONDITION_DEADLINE_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`worker exited ${code}: ${stderr}`));
      else resolve({ lines, code, signal });
    });
  });
}

/** A free port, for simulators that must serve equal URLs (profile images) in every process. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What a fact is about, without its values: one per channel and kind, or per video, clip, stream or game. */
function factKey(e: { streamId: string; type: string; data: unknown }): string {
  const data = e.data as {
    video?: { id: string };
    clip?: { id: string };
    stream?: { id: string };
    streamId?: string;
    gameId?: string;
  };
  return `${e.streamId} ${e.type} ${data.video?.id ?? data.clip?.id ?? data.stream?.id ?? data.streamId ?? data.gameId ?? ''}`;
}

async function collectedFacts(eventStore: EventStore) {
  const events = await eventStore.readAll({ filter: { streamPrefixes: ['twitch-'] } });
  return {
    ids: events.map((e) => e.id).sort(),
    keys: events.map(factKey).sort(),
    fetchedAt: events.map((e) => `${factKey(e)} ${(e.metadata as { fetchedAt: string }).fetchedAt}`).sort(),
    contents: events.map((e) => `${e.streamId} ${e.type} ${canonicalJson(e.data)}`),
  };
}

describe('a collection job survives its worker being killed', () => {
  let db: TestDatabase;
  let reference: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(worker)) throw new Error(`${worker} is missing: run \`npm run build\` first (npm test does)`);
    db = await createTestDatabase();
    reference = await createTestDatabase();
  });
  afterAll(async () => {
    await dropIfCreated(db);
    await dropIfCreated(reference);
  });

  it('resumes after SIGKILL and ends with every channel collected once, nothing duplicated, nothing missing', async () => {
    const SIM_PORT = String(await freePort());
    const killed = await runWorker({ DATABASE_URL: db.url, JOB_ID, MODE: 'start', SLOW_MS: '40', SIM_PORT }, 5);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lines.some((l) => l.startsWith('finished'))).toBe(false);

    const store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    try {
      const beforeResume = await store.readStream(jobStream(JOB_ID));
      const doneBeforeKill = beforeResume
        .filter((e) => e.type === 'ChannelCollected')
        .map((e) => (e.data as { broadcasterId: string }).broadcasterId);
      expect(doneBeforeKill.length).toBeGreaterThan(0);
      expect(doneBeforeKill.length).toBeLessThan(25);
      expect(beforeResume.map((e) => e.type)).not.toContain('CollectionJobCompleted');

      const resumed = await runWorker({ DATABASE_URL: db.url, JOB_ID, MODE: 'resume', SIM_PORT });
      expect(resumed.lines).toContain(`resumed ${JSON.stringify([JOB_ID])}`);
      const summary: unknown = JSON.parse(
        must(
          resumed.lines.find((l) => l.startsWith('finished ')),
          "resumed.lines.find((l) => l.startsWith('finished '))",
        ).slice('finished '.length),
      );
      expect(summary).toMatchObject({ jobId: JOB_ID, status: 'completed', channelsOk: 25, channelsFailed: 0 });

      const job = await store.readStream(jobStream(JOB_ID));
      const started = job
        .filter((e) => e.type === 'CollectionJobStarted')
        .map((e) => e.data as { attempt: number; alreadyDone: string[] });
      expect(started.map((s) => s.attempt)).toEqual([1, 2]);
      expect([...must(started[1], 'started[1]').alreadyDone].sort()).toEqual([...doneBeforeKill].sort());
      const collected = job
        .filter((e) => e.type === 'ChannelCollected')
        .map((e) => (e.data as { broadcasterId: string }).broadcasterId);
      expect(collected).toHaveLength(25);
      expect(new Set(collected).size).toBe(25);
      expect(job.filter((e) => e.type === 'CollectionJobCompleted')).toHaveLength(1);

      // The same job, uninterrupted, on a fresh database: the facts must be exactly the same.
      const rig = await startCollectionRig({
        databaseUrl: reference.url,
        channelCount: 25,
        simulator: { port: Number(SIM_PORT) },
      });
      try {
        await rig.jobs.request({
          kind: 'daily',
          requestedBy: null,
          broadcasterIds: rig.channelIds,
          source: 'scheduled',
          jobId: JOB_ID,
        });
        expect(await rig.jobs.run(JOB_ID)).toMatchObject({ status: 'completed', channelsOk: 25 });
        const expected = await collectedFacts(rig.eventStore);
        const actual = await collectedFacts(store);
        expect(new Set(actual.contents).size).toBe(actual.contents.length); // no fact twice
        expect(new Set(actual.ids).size).toBe(actual.ids.length);
        // None missing, none extra: the same facts about the same things. Their values (a viewer
        // count, a follower total) can differ when a request timed out under load in one run and
        // its retry's backoff moved that run's simulated clock on, so the ids (which hash the
        // values) are compared only when both runs saw the same simulated times.
        expect(actual.keys).toEqual(expected.keys);
        const sameSimulatedTimes = JSON.stringify(actual.fetchedAt) === JSON.stringify(expected.fetchedAt);
        if (sameSimulatedTimes) expect(actual.ids).toEqual(expected.ids);
        expect(actual.ids.length).toBeGreaterThan(25 * 3);
      } finally {
        await rig.stop();
      }
    } finally {
      await store.close();
    }
  });
});
