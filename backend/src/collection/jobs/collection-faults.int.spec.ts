/**
 * A daily run while Helix misbehaves (429 bursts, 5xx, an expired user token, a channel Twitch does
 * not know, an endpoint down for good): the job finishes, and its events say for every channel
 * whether it was collected or failed, and why.
 */
import { channelStream, jobStream } from '@creatorsync/projections';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { linkKindOf, startCollectionRig, type CollectionRig } from '../testing/collection-rig.js';
import { must } from '../../must.js';
import { dropIfCreated, stopIfStarted } from '../../testing/clean-up.js';
import { objectContaining, stringContaining } from '../../testing/matchers.js';

describe('collection job under Helix faults', () => {
  let db: TestDatabase;
  let rig: CollectionRig;

  beforeAll(async () => {
    db = await createTestDatabase();
    rig = await startCollectionRig({ databaseUrl: db.url, channelCount: 25 });
  });
  afterAll(async () => {
    await stopIfStarted(rig);
    await dropIfCreated(db);
  });

  const jobEvents = async (jobId: string) => rig.eventStore.readStream(jobStream(jobId));
  const outcome = (events: RecordedEvent[]) => ({
    collected: events
      .filter((e) => e.type === 'ChannelCollected')
      .map((e) => (e.data as { broadcasterId: string }).broadcasterId),
    failed: events
      .filter((e) => e.type === 'ChannelCollectionFailed')
      .map((e) => e.data as { broadcasterId: string; error: string; attempts: number }),
  });

  it('collects every channel despite 429s, 5xx and an expired token, and records the unknown channel as failed', async () => {
    const unknownChannel = '999999999';
    const withToken = must(
      rig.sim.world.channels.find((_, i) => linkKindOf(i, 25) === 'scoped-with-token'),
      "rig.sim.world.channels.find((_, i) => linkKindOf(i, 25) === 'scoped-w…",
    );
    rig.sim.faults.expireToken(
      must(await rig.tokens.load(withToken.id), 'await rig.tokens.load(withToken.id)').accessToken,
    );
    rig.sim.faults.rateLimitBurst(3, { endpoint: '/channels/followers', resetInSeconds: 3 });
    rig.sim.faults.rateLimitBurst(3, { endpoint: '/videos', resetInSeconds: 2 });
    rig.sim.faults.serverErrors(2, 503, '/users');
    rig.sim.faults.serverErrors(2, 502, '/streams');
    rig.sim.faults.serverErrors(3, 500, '/clips');
    const tokenRequestsBefore = rig.sim.requests.filter((r) => r.endpoint === '/oauth2/token').length;

    const job = await rig.jobs.start({
      kind: 'daily',
      requestedBy: null,
      broadcasterIds: [...rig.channelIds, unknownChannel],
      source: 'scheduled',
    });
    const summary = await job.finished;
    expect(summary).toMatchObject({ status: 'completed', channels: 26, channelsOk: 25, channelsFailed: 1 });

    const statuses = rig.sim.requests.map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);
    expect(statuses).toContain(502);
    expect(statuses).toContain(500);
    // The expired token was refreshed, and that channel's subscribers were read with the new one.
    expect(rig.sim.requests.filter((r) => r.endpoint === '/oauth2/token').length).toBeGreaterThan(tokenRequestsBefore);
    const subscriberEvents = (await rig.eventStore.readStream(channelStream(withToken.id))).filter((e) =>
      e.type.startsWith('SubscriberCount'),
    );
    expect(subscriberEvents.map((e) => e.type)).toEqual(['SubscriberCountFetched']);

    const events = await jobEvents(job.jobId);
    const { collected, failed } = outcome(events);
    expect(collected.sort()).toEqual([...rig.channelIds].sort());
    expect(failed).toEqual([
      objectContaining({
        broadcasterId: unknownChannel,
        error: stringContaining('Twitch does not know this channel'),
      }),
    ]);
    expect(must(events.at(-1), 'events.at(-1)').type).toBe('CollectionJobCompleted');
    expect(must(events.at(-1), 'events.at(-1)').data).toMatchObject({ channelsOk: 25, channelsFailed: 1 });
  });

  it('retries a channel whose fetch keeps failing, then records it as failed and goes on with the others', async () => {
    const [first, second, third] = rig.channelIds;
    rig.sim.faults.serverErrors(1_000, 503, '/channels/followers');
    try {
      const job = await rig.jobs.start({
        kind: 'trigger',
        requestedBy: 'someone',
        broadcasterIds: [must(first, 'first'), must(second, 'second'), must(third, 'third')],
        source: 'manual',
      });
      expect(await job.finished).toMatchObject({ status: 'completed', channelsOk: 0, channelsFailed: 3 });
      const { collected, failed } = outcome(await jobEvents(job.jobId));
      expect(collected).toEqual([]);
      expect(failed.map((f) => f.broadcasterId).sort()).toEqual([first, second, third].sort());
      for (const f of failed) {
        expect(f.attempts).toBe(3);
        expect(f.error).toMatch(
          /HelixUnavailableError: Helix \/channels\/followers unavailable after 5 attempts \(last: 503\)/,
        );
      }
    } finally {
      rig.sim.faults.clear();
    }
    // Once Helix is back, the next run collects them.
    const again = await rig.jobs.start({
      kind: 'trigger',
      requestedBy: 'someone',
      broadcasterIds: [must(first, 'first'), must(second, 'second'), must(third, 'third')],
      source: 'manual',
    });
    expect(await again.finished).toMatchObject({ status: 'completed', channelsOk: 3, channelsFailed: 0 });
  });
});
