/**
 * Two jobs over the same channels at the same time (two triggers, or the daily run meeting an admin
 * run): each channel is collected by one job at a time (a per-channel advisory lock, which works
 * across processes too), and what the second finds already recorded it does not record again.
 */
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startCollectionRig, type CollectionRig } from '../testing/collection-rig.js';
import { must } from '../../must.js';
import { dropIfCreated, stopIfStarted } from '../../testing/clean-up.js';

describe('overlapping jobs', () => {
  let db: TestDatabase;
  let rig: CollectionRig;

  beforeAll(async () => {
    db = await createTestDatabase();
    rig = await startCollectionRig({ databaseUrl: db.url, channelCount: 6 });
  });
  afterAll(async () => {
    await stopIfStarted(rig);
    await dropIfCreated(db);
  });

  /** Which channel a per-channel request was for, and its kind (F followers, S subscriptions, V videos, C clips). */
  const perChannel = (query: Array<[string, string]>, endpoint: string): [string, string] | null => {
    const of = (name: string) => query.find(([k]) => k === name)?.[1];
    if (endpoint === '/channels/followers') return [must(of('broadcaster_id'), "of('broadcaster_id')"), 'F'];
    if (endpoint === '/subscriptions') return [must(of('broadcaster_id'), "of('broadcaster_id')"), 'S'];
    if (endpoint === '/videos' && of('user_id')) return [must(of('user_id'), "of('user_id')"), 'V'];
    if (endpoint === '/clips' && of('broadcaster_id')) return [must(of('broadcaster_id'), "of('broadcaster_id')"), 'C'];
    return null;
  };

  it('collects each channel once at a time, and the later job records nothing twice', async () => {
    rig.sim.faults.slowResponses(1_000_000, 25);
    const before = rig.sim.requests.length;
    try {
      const [a, b] = await Promise.all([
        rig.jobs.start({ kind: 'trigger', requestedBy: 'one', broadcasterIds: rig.channelIds, source: 'manual' }),
        rig.jobs.start({ kind: 'admin_daily', requestedBy: 'admin', broadcasterIds: rig.channelIds, source: 'manual' }),
      ]);
      const [first, second] = await Promise.all([a.finished, b.finished]);
      expect(first).toMatchObject({ status: 'completed', channelsOk: 6 });
      expect(second).toMatchObject({ status: 'completed', channelsOk: 6 });
    } finally {
      rig.sim.faults.clear();
    }

    const byChannel = new Map<string, string[]>();
    for (const request of rig.sim.requests.slice(before)) {
      const hit = perChannel(request.query, request.endpoint);
      if (hit) byChannel.set(hit[0], [...(byChannel.get(hit[0]) ?? []), hit[1]]);
    }
    for (const id of rig.channelIds) {
      const kinds = must(byChannel.get(id), 'byChannel.get(id)');
      // Two runs of the channel, one after the other: the first fetches followers, subscribers and
      // media; the second, finding the media just checked (media-due.ts), only followers and
      // subscribers, and all of them after the first run's requests. Interleaved runs (F F S S V C C) do not end so.
      const sorted = (list: string[]) => [...list].sort().join('');
      const quick = kinds.filter((k) => k === 'F' || k === 'S');
      const half = quick.length / 2;
      expect(Number.isInteger(half)).toBe(true);
      expect(sorted(kinds.slice(kinds.length - half))).toBe(sorted(quick.slice(0, half)));
      expect(kinds.filter((k) => k === 'V')).toHaveLength(1);
    }
    const events = await rig.eventStore.readAll({ filter: { streamPrefixes: ['twitch-'] } });
    const contents = events.map((e) => `${e.streamId} ${e.type} ${JSON.stringify(e.data)}`);
    expect(new Set(contents).size).toBe(contents.length);
  });
});
