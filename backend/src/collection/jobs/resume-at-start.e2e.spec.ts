/**
 * The server resumes, at start, a collection job a previous process left unfinished (here: one
 * channel of three collected when the process died), for the channels it had not done.
 */
import { eventCatalogue, jobStream } from '@creatorsync/projections';
import { createEventStore } from '../../event-store/create-event-store.js';
import { startTestSystem, type TestSystem } from '../../testing/start-test-system.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { waitFor } from '../../testing/wait-for.js';
import { createSimWorld } from '../../twitch/simulator/sim-world.js';
import { must } from '../../must.js';
import { dropIfCreated, stopIfStarted } from '../../testing/clean-up.js';
import { objectContaining } from '../../testing/matchers.js';

describe('resume at start', () => {
  let db: TestDatabase;
  let system: TestSystem | undefined;
  const jobId = 'trigger-left-unfinished';

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await stopIfStarted(system);
    await dropIfCreated(db);
  });

  it('finishes the job a dead process left, collecting only the channels it had not done', async () => {
    const [done, ...left] = createSimWorld({ demo: true }).channels.map((c) => c.id);
    const store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    const meta = (type: keyof typeof eventCatalogue) => ({
      correlationId: jobId,
      source: 'manual',
      schemaVersion: eventCatalogue[type].version,
      fetchedAt: '2026-11-20T10:00:00.000Z',
    });
    await store.append(jobStream(jobId), [
      {
        id: crypto.randomUUID(),
        type: 'CollectionJobRequested',
        data: {
          jobId,
          kind: 'trigger',
          requestedBy: 'demo',
          broadcasterIds: [done, ...left],
          requestedAt: '2026-11-20T10:00:00.000Z',
        },
        metadata: meta('CollectionJobRequested'),
      },
      {
        id: crypto.randomUUID(),
        type: 'CollectionJobStarted',
        data: { jobId, startedAt: '2026-11-20T10:00:00.000Z', attempt: 1, alreadyDone: [] },
        metadata: meta('CollectionJobStarted'),
      },
      {
        id: crypto.randomUUID(),
        type: 'ChannelCollected',
        data: {
          jobId,
          broadcasterId: done,
          requests: 5,
          eventsWritten: 9,
          attempts: 1,
          collectedAt: '2026-11-20T10:00:01.000Z',
        },
        metadata: meta('ChannelCollected'),
      },
    ]);
    await store.close();

    system = await startTestSystem({ DATABASE_URL: db.url, DEMO_HISTORY_DAYS: '1', LIVE_POLL_MINUTES: '0' });
    const events = () => must(system, 'system').parts.eventStore.readStream(jobStream(jobId));
    await waitFor(
      async () => (await events()).some((e) => e.type === 'CollectionJobCompleted'),
      `job ${jobId} to be resumed and completed`,
    );
    const job = await events();
    expect(job.filter((e) => e.type === 'CollectionJobStarted').map((e) => e.data)).toEqual([
      objectContaining({ attempt: 1 }),
      objectContaining({ attempt: 2, alreadyDone: [done] }),
    ]);
    const collected = job
      .filter((e) => e.type === 'ChannelCollected')
      .map((e) => (e.data as { broadcasterId: string }).broadcasterId);
    expect(collected).toHaveLength(3);
    expect(collected.slice(1).sort()).toEqual([...left].sort());
    expect(must(job.at(-1), 'job.at(-1)').data).toMatchObject({ channelsOk: 3, channelsFailed: 0 });
  });
});
