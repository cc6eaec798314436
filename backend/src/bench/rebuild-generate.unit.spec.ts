import { decodeEvent, eventCatalogue } from '@creatorsync/projections';
import { generateEvents } from './rebuild-generate.js';
import { must } from '../must.js';

describe('the rebuild benchmark log', () => {
  const events = [...generateEvents(40_000, 40)];

  it('has exactly the asked number of events, every one valid against the catalogue', () => {
    expect(events).toHaveLength(40_000);
    for (const [i, e] of events.entries()) {
      expect(() =>
        decodeEvent({ ...e, position: String(i), data: JSON.parse(e.data), metadata: JSON.parse(e.metadata) }),
      ).not.toThrow();
    }
  });

  it('mixes the catalogue: daily fetches, live samples, stream ends, videos, clips, games, jobs and accounts', () => {
    const types = new Set(events.map((e) => e.type));
    // The generated log models the daily collection and live polls; it holds no backfill (yet).
    const backfill = [
      'FollowersListed',
      'FollowerCountReconstructed',
      'StreamSessionReconstructed',
      'BackfillRequested',
      'BackfillProgressRecorded',
      'BackfillEstimated',
      'BackfillCancelled',
    ];
    const expected = Object.keys(eventCatalogue).filter(
      // ChannelMediaChecked: the generated log predates media checks (a log without them is valid: every media is then due).
      (t) => !['SubscriberCountUnavailable', 'CollectionJobFailed', 'ChannelMediaChecked', ...backfill].includes(t),
    );
    expect([...types].sort()).toEqual(expected.sort());
    const count = (type: string) => events.filter((e) => e.type === type).length;
    // Live samples every 10 minutes dominate, as in a real log; each channel is fetched once a day.
    expect(count('LiveStreamSampled')).toBeGreaterThan(count('FollowerCountFetched'));
    expect(count('StreamWentOffline')).toBeLessThan(count('LiveStreamSampled') / 5);
  });

  it('is in append order: fetch times never go backwards, and the same seed gives the same log', () => {
    for (let i = 1; i < events.length; i++)
      expect(must(events[i], 'events[i]').fetchedAt >= must(events[i - 1], 'events[i - 1]').fetchedAt).toBe(true);
    const again = [...generateEvents(40_000, 40)];
    expect(again.map((e) => [e.id, e.data])).toEqual(events.map((e) => [e.id, e.data]));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
