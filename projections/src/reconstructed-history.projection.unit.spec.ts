import { reconstructedHistory } from './reconstructed-history.projection.js';
import { event, project } from './testing/project-events.js';

const count = (day: string, followers: number, at: string) =>
  event(
    'FollowerCountReconstructed',
    { broadcasterId: '42', day, followers, totalAtFetch: 500, reconstructed: true, lowerBound: true },
    at,
  );

describe('reconstructed history projection', () => {
  it('given reconstructions of the same days by several backfills, then the highest lower bound per day', () => {
    const rows = project(reconstructedHistory, [
      count('2025-03-01', 120, '2026-02-10T00:00:00.000Z'),
      count('2025-03-02', 130, '2026-02-10T00:00:00.000Z'),
      // A later backfill: someone who followed by then has unfollowed, so its bound is lower.
      count('2025-03-01', 118, '2026-02-11T00:00:00.000Z'),
      count('2025-03-02', 131, '2026-02-11T00:00:00.000Z'),
    ]).rows('followers_reconstructed');
    expect(rows.map((r) => [r.day, r.followers])).toEqual([
      ['2025-03-01', 120],
      ['2025-03-02', 131],
    ]);
  });

  it('given a stream rebuilt from its archive, then a session with its end and no viewer figures', () => {
    const rows = project(reconstructedHistory, [
      event(
        'StreamSessionReconstructed',
        {
          broadcasterId: '42',
          streamId: 's1',
          videoId: 'v1',
          startedAt: '2025-03-01T19:00:00Z',
          durationSeconds: 7_200,
          title: 'Ranked',
          averageViewers: null,
          peakViewers: null,
          reconstructed: true,
        },
        '2026-02-10T00:00:00.000Z',
      ),
    ]).rows('stream_sessions_reconstructed');
    expect(rows).toEqual([
      {
        channel_id: '42',
        stream_id: 's1',
        video_id: 'v1',
        started_at: '2025-03-01T19:00:00.000Z',
        ended_at: '2025-03-01T21:00:00.000Z',
        duration_seconds: 7_200,
        title: 'Ranked',
      },
    ]);
  });
});
