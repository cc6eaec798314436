/** Given the channel's recorded events, when Twitch returns this, then these events (or none). */
import { eventCatalogue } from '@creatorsync/projections';
import { clipFacts, followerFacts, gameFacts, liveSampleFacts, subscriberFacts, videoFacts } from './channel-facts.js';
import {
  emptyChannelState,
  evolveChannelState,
  forgetMediaBeyondLookback,
  REMEMBERED_TOP_CLIPS,
  type ChannelState,
} from './channel-state.js';
import { UnexpectedTwitchDataError, type FetchContext } from './fact.js';
import { must } from '../../must.js';

const at = (iso: string): FetchContext => ({ correlationId: 'job-1', source: 'scheduled', fetchedAt: new Date(iso) });
const given = (...events: Array<{ type: string; data: unknown; fetchedAt: string }>): ChannelState =>
  events.reduce(
    (state, e) => evolveChannelState(state, { type: e.type, data: e.data, metadata: { fetchedAt: e.fetchedAt } }),
    emptyChannelState(),
  );
const recorded = (facts: Array<{ type: string; data: unknown; metadata: { fetchedAt: string } }>) =>
  facts.reduce(
    (state, f) => evolveChannelState(state, { type: f.type, data: f.data, metadata: f.metadata }),
    emptyChannelState(),
  );

const stream = (id: string, viewers: number) => ({
  id,
  user_id: '42',
  viewer_count: viewers,
  started_at: '2026-02-10T18:00:00Z',
  game_id: '33214',
  title: 't',
  tags: ['English'],
});
const video = (id: string, views: number) => ({
  id,
  user_id: '42',
  created_at: '2026-02-09T18:00:00Z',
  view_count: views,
  type: 'archive',
  duration: '3h0m0s',
  stream_id: 's1',
});

describe('snapshot decisions (followers, subscribers)', () => {
  it('records a follower total the first time, with metadata naming the job and the schema version', () => {
    const [event, ...rest] = followerFacts(
      emptyChannelState(),
      '42',
      { total: 100, raw: { total: 100, data: [] } },
      at('2026-02-10T02:00:00Z'),
    );
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'FollowerCountFetched',
      data: { broadcasterId: '42', total: 100, raw: { total: 100, data: [] } },
      metadata: {
        correlationId: 'job-1',
        source: 'scheduled',
        schemaVersion: eventCatalogue.FollowerCountFetched.version,
        fetchedAt: '2026-02-10T02:00:00.000Z',
      },
    });
  });

  it('records every follower observation, unchanged too (once per 10 minutes), and any change at once', () => {
    const first = followerFacts(emptyChannelState(), '42', { total: 100, raw: {} }, at('2026-02-10T02:00:00Z'));
    const state = recorded(first);
    expect(followerFacts(state, '42', { total: 100, raw: {} }, at('2026-02-10T02:05:00Z'))).toEqual([]);
    expect(followerFacts(state, '42', { total: 100, raw: {} }, at('2026-02-10T02:10:00Z'))).toHaveLength(1);
    expect(followerFacts(state, '42', { total: 100, raw: {} }, at('2026-02-10T14:00:00Z'))).toHaveLength(1);
    expect(followerFacts(state, '42', { total: 101, raw: {} }, at('2026-02-10T02:01:00Z'))).toHaveLength(1);
  });

  it('records the same subscriber total once per UTC day', () => {
    const fetched = { kind: 'fetched', total: 5, points: 6, raw: {} } as const;
    const state = recorded(subscriberFacts(emptyChannelState(), '42', fetched, at('2026-02-10T02:00:00Z')));
    expect(subscriberFacts(state, '42', fetched, at('2026-02-10T14:00:00Z'))).toEqual([]);
    expect(subscriberFacts(state, '42', fetched, at('2026-02-11T02:00:00Z'))).toHaveLength(1);
  });

  it('gives a repeated fetch the same id whatever job repeats it', () => {
    const a = must(
      followerFacts(emptyChannelState(), '42', { total: 7, raw: {} }, at('2026-02-10T02:00:00Z'))[0],
      "followerFacts(emptyChannelState(), '42', { total: 7, raw: {} }, at('2…",
    );
    const b = must(
      followerFacts(
        emptyChannelState(),
        '42',
        { total: 7, raw: {} },
        { ...at('2026-02-10T02:04:00Z'), correlationId: 'job-2' },
      )[0],
      "followerFacts( emptyChannelState(), '42', { total: 7, raw: {} }, { ..…",
    );
    expect(a.id).toBe(b.id);
  });

  it('records subscribers being unavailable once, and again when they become available', () => {
    const unavailable = subscriberFacts(
      emptyChannelState(),
      '42',
      { kind: 'unavailable', reason: 'missing_scope' },
      at('2026-02-10T02:00:00Z'),
    );
    expect(unavailable.map((e) => [e.type, e.data])).toEqual([
      ['SubscriberCountUnavailable', { broadcasterId: '42', reason: 'missing_scope' }],
    ]);
    const state = recorded(unavailable);
    expect(
      subscriberFacts(state, '42', { kind: 'unavailable', reason: 'missing_scope' }, at('2026-02-10T03:00:00Z')),
    ).toEqual([]);
    const fetched = subscriberFacts(
      state,
      '42',
      { kind: 'fetched', total: 5, points: 7, raw: { total: 5, points: 7 } },
      at('2026-02-10T03:00:00Z'),
    );
    expect(fetched.map((e) => e.type)).toEqual(['SubscriberCountFetched']);
  });
});

describe('live samples', () => {
  it('samples a live stream once per minute', () => {
    const first = liveSampleFacts(emptyChannelState(), '42', stream('s1', 10), at('2026-02-10T20:00:05Z'));
    expect(first.map((e) => e.type)).toEqual(['LiveStreamSampled']);
    const state = recorded(first);
    expect(liveSampleFacts(state, '42', stream('s1', 12), at('2026-02-10T20:00:40Z'))).toEqual([]);
    expect(liveSampleFacts(state, '42', stream('s1', 12), at('2026-02-10T20:05:00Z')).map((e) => e.type)).toEqual([
      'LiveStreamSampled',
    ]);
  });

  it('records the end of a stream when a later sample finds the channel offline, once', () => {
    const state = given({
      type: 'LiveStreamSampled',
      data: { broadcasterId: '42', stream: stream('s1', 10) },
      fetchedAt: '2026-02-10T20:00:00.000Z',
    });
    const ended = liveSampleFacts(state, '42', undefined, at('2026-02-10T23:00:00Z'));
    expect(ended.map((e) => [e.type, e.data])).toEqual([
      [
        'StreamWentOffline',
        {
          broadcasterId: '42',
          streamId: 's1',
          startedAt: '2026-02-10T18:00:00Z',
          lastSampledAt: '2026-02-10T20:00:00.000Z',
        },
      ],
    ]);
    const after = evolveChannelState(state, {
      type: 'StreamWentOffline',
      data: must(ended[0], 'ended[0]').data,
      metadata: must(ended[0], 'ended[0]').metadata,
    });
    expect(liveSampleFacts(after, '42', undefined, at('2026-02-10T23:05:00Z'))).toEqual([]);
  });

  it('ends the old stream and samples the new one when a channel restarted its stream between samples', () => {
    const state = given({
      type: 'LiveStreamSampled',
      data: { broadcasterId: '42', stream: stream('s1', 10) },
      fetchedAt: '2026-02-10T20:00:00.000Z',
    });
    expect(liveSampleFacts(state, '42', stream('s2', 3), at('2026-02-10T20:05:00Z')).map((e) => e.type)).toEqual([
      'StreamWentOffline',
      'LiveStreamSampled',
    ]);
  });
});

describe('videos, clips and games: only what is new or changed', () => {
  it('records a new video, nothing while it is unchanged, and a new event when its views change', () => {
    const first = videoFacts(emptyChannelState(), '42', [video('v1', 10)], at('2026-02-10T02:00:00Z'));
    expect(first).toHaveLength(1);
    const state = recorded(first);
    expect(videoFacts(state, '42', [video('v1', 10)], at('2026-02-11T02:00:00Z'))).toEqual([]);
    expect(
      videoFacts(state, '42', [video('v1', 11), video('v2', 0)], at('2026-02-11T02:00:00Z')).map(
        (e) => (e.data as { video: { id: string } }).video.id,
      ),
    ).toEqual(['v1', 'v2']);
  });

  it('records clips by the same rule', () => {
    const clip = { id: 'c1', broadcaster_id: '42', created_at: '2026-02-10T19:00:00Z', view_count: 3 };
    const state = recorded(clipFacts(emptyChannelState(), '42', [clip], at('2026-02-10T20:00:00Z')));
    expect(clipFacts(state, '42', [clip], at('2026-02-11T02:00:00Z'))).toEqual([]);
    expect(clipFacts(state, '42', [{ ...clip, view_count: 4 }], at('2026-02-11T02:00:00Z'))).toHaveLength(1);
  });

  it("records a game not yet known, on its own stream's terms", () => {
    const [event] = gameFacts(
      new Map(),
      [{ id: '33214', name: 'Fortnite', box_art_url: 'x' }],
      at('2026-02-10T02:00:00Z'),
    );
    expect(event).toMatchObject({
      type: 'GameMetadataFetched',
      data: { gameId: '33214', game: { id: '33214', name: 'Fortnite' } },
    });
  });

  it('refuses Twitch data the catalogue does not accept, naming the field', () => {
    expect(() =>
      videoFacts(
        emptyChannelState(),
        '42',
        [{ ...video('v1', 1), created_at: 'yesterday' }],
        at('2026-02-10T02:00:00Z'),
      ),
    ).toThrow(UnexpectedTwitchDataError);
    expect(() =>
      videoFacts(
        emptyChannelState(),
        '42',
        [{ ...video('v1', 1), created_at: 'yesterday' }],
        at('2026-02-10T02:00:00Z'),
      ),
    ).toThrow(/VideoStatsFetched: video\.created_at/);
  });
});

describe('values that come back', () => {
  it('records a follower total that returns to an earlier value the same day as a new fact with its own id', () => {
    const first = followerFacts(emptyChannelState(), '42', { total: 100, raw: {} }, at('2026-02-10T02:00:00Z'));
    const second = followerFacts(recorded(first), '42', { total: 101, raw: {} }, at('2026-02-10T08:00:00Z'));
    const third = followerFacts(
      recorded([...first, ...second]),
      '42',
      { total: 100, raw: {} },
      at('2026-02-10T14:00:00Z'),
    );
    expect(third).toHaveLength(1);
    expect(
      new Set([must(first[0], 'first[0]').id, must(second[0], 'second[0]').id, must(third[0], 'third[0]').id]).size,
    ).toBe(3);
  });

  it('records a stream that ends twice (it came back under the same id) with two ids', () => {
    const sampled = (when: string) => ({
      type: 'LiveStreamSampled',
      data: { broadcasterId: '42', stream: stream('s1', 10) },
      fetchedAt: when,
    });
    const once = liveSampleFacts(
      given(sampled('2026-02-10T20:00:00.000Z')),
      '42',
      undefined,
      at('2026-02-10T20:05:00Z'),
    );
    const twice = liveSampleFacts(
      given(sampled('2026-02-10T20:10:00.000Z')),
      '42',
      undefined,
      at('2026-02-10T20:15:00Z'),
    );
    expect(must(once[0], 'once[0]').id).not.toBe(must(twice[0], 'twice[0]').id);
  });
});

describe('what the state remembers', () => {
  it('forgets clips and videos too old to be fetched again (but the most viewed clips), so a long history keeps the state small', () => {
    const state = given(
      {
        type: 'ClipStatsFetched',
        data: {
          broadcasterId: '42',
          clip: { id: 'old', broadcaster_id: '42', created_at: '2026-01-30T00:00:00Z', view_count: 1 },
        },
        fetchedAt: '2026-01-30T02:00:00.000Z',
      },
      {
        type: 'ClipStatsFetched',
        data: {
          broadcasterId: '42',
          clip: { id: 'recent', broadcaster_id: '42', created_at: '2026-02-08T00:00:00Z', view_count: 1 },
        },
        fetchedAt: '2026-02-10T02:00:00.000Z',
      },
      {
        type: 'VideoStatsFetched',
        data: { broadcasterId: '42', video: video('v-old', 1) },
        fetchedAt: '2026-02-10T02:00:00.000Z',
      },
    );
    // The top-clips check re-reads the most viewed clips whatever their age: those stay.
    for (let i = 0; i < REMEMBERED_TOP_CLIPS; i++)
      evolveChannelState(state, {
        type: 'ClipStatsFetched',
        data: {
          broadcasterId: '42',
          clip: { id: `top-${i}`, broadcaster_id: '42', created_at: '2026-01-01T00:00:00Z', view_count: 100 + i },
        },
        metadata: { fetchedAt: '2026-02-10T02:00:00.000Z' },
      });
    forgetMediaBeyondLookback(state);
    expect(state.clips.has('old')).toBe(false); // 1 view: not among the most viewed
    expect(state.clips.has('recent')).toBe(true);
    expect(state.clips.size).toBe(REMEMBERED_TOP_CLIPS + 1);
    expect([...state.videos.keys()]).toEqual(['v-old']); // 1 day old: within the 60 days
  });
});
