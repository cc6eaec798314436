import { combineStreamSessions, type ObservedSession, type ReconstructedSession } from './combine-stream-sessions.js';

const at = (iso: string) => new Date(iso);

function observed(streamId: string, start: string, end: string | null, overrides: Partial<ObservedSession> = {}) {
  return {
    streamId,
    startedAt: at(start),
    endedAt: end === null ? null : at(end),
    lastSampledAt: at(end ?? start),
    durationHours: 2,
    averageViewers: 41.5,
    peakViewers: 60,
    hoursWatched: 83,
    titles: ['observed title'],
    categories: [{ id: '509658', name: 'Just Chatting' }],
    ...overrides,
  } satisfies ObservedSession;
}

function rebuilt(
  streamId: string,
  start: string,
  durationSeconds: number,
  title = 'archive title',
): ReconstructedSession {
  return {
    streamId,
    videoId: `v${streamId}`,
    startedAt: at(start),
    endedAt: new Date(Date.parse(start) + durationSeconds * 1000),
    durationSeconds,
    title,
  };
}

describe('past streams: observed and reconstructed from archives', () => {
  it('a stream only an archive knows is reconstructed: start, duration and title, viewers unknown (null, not 0)', () => {
    const [stream] = combineStreamSessions([], [rebuilt('s1', '2026-11-02T18:00:00Z', 3 * 3600 + 1800)]);
    expect(stream).toEqual({
      id: 's1',
      startedAt: at('2026-11-02T18:00:00Z'),
      endedAt: at('2026-11-02T21:30:00Z'),
      durationHours: 3.5,
      averageViewers: null,
      peakViewers: null,
      hoursWatched: null,
      titles: ['archive title'],
      categories: [],
      reconstructed: true,
      videoId: 'vs1',
    });
  });

  it('observed wins for the same stream id, even when the archive says otherwise', () => {
    const streams = combineStreamSessions(
      [observed('s1', '2026-11-02T18:00:00Z', '2026-11-02T20:00:00Z')],
      [rebuilt('s1', '2026-11-02T18:00:05Z', 2 * 3600 + 60)],
    );
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({
      id: 's1',
      reconstructed: false,
      averageViewers: 41.5,
      hoursWatched: 83,
      categories: [{ id: '509658', name: 'Just Chatting' }],
      videoId: null,
    });
  });

  it('observed wins for an archive under another id that overlaps it in time, also a stream still live', () => {
    const streams = combineStreamSessions(
      [
        observed('s1', '2026-11-02T18:00:00Z', '2026-11-02T20:00:00Z'),
        observed('s9', '2026-11-05T18:00:00Z', null, { lastSampledAt: at('2026-11-05T19:00:00Z') }),
      ],
      [rebuilt('v-only', '2026-11-02T19:30:00Z', 3600), rebuilt('v-live', '2026-11-05T18:00:00Z', 1800)],
    );
    expect(streams.map((s) => [s.id, s.reconstructed])).toEqual([
      ['s9', false],
      ['s1', false],
    ]);
  });

  it('a stream right after an observed one (touching, not overlapping) stays, and the list is newest first', () => {
    const streams = combineStreamSessions(
      [observed('s1', '2026-11-02T18:00:00Z', '2026-11-02T20:00:00Z')],
      [rebuilt('s2', '2026-11-02T20:00:00Z', 600), rebuilt('s0', '2026-11-01T18:00:00Z', 600, '')],
    );
    expect(streams.map((s) => [s.id, s.reconstructed, s.titles])).toEqual([
      ['s2', true, ['archive title']],
      ['s1', false, ['observed title']],
      ['s0', true, []],
    ]);
  });
});
