import { DailyRowDto } from './get-detailed.response.js';
import { dto } from '../../dto.js';
import { summarizeDays } from './summarize-days.js';

const day = (d: Partial<DailyRowDto>): DailyRowDto =>
  dto(DailyRowDto, {
    day: '2026-01-01',
    followers: null,
    followersGained: null,
    subscribers: null,
    subscriberPoints: null,
    streams: 0,
    hoursStreamed: 0,
    hoursWatched: 0,
    averageViewers: null,
    peakViewers: null,
    videosPublished: 0,
    clipsPublished: 0,
    carriedForward: false,
    ...d,
  });

describe("a window's totals from its days", () => {
  it('sums flows, keeps the last known levels, weights the average by hours streamed', () => {
    const summary = summarizeDays([
      day({
        followers: 100,
        followersGained: null,
        subscribers: 5,
        streams: 1,
        hoursStreamed: 2,
        hoursWatched: 20,
        peakViewers: 15,
        videosPublished: 1,
      }),
      day({
        followers: 110,
        followersGained: 10,
        streams: 2,
        hoursStreamed: 6,
        hoursWatched: 120,
        peakViewers: 40,
        clipsPublished: 3,
      }),
      day({ followers: null }),
    ]);
    expect(summary).toEqual({
      followers: 110,
      followersGained: 10,
      subscribers: 5,
      streams: 3,
      hoursStreamed: 8,
      hoursWatched: 140,
      averageViewers: 17.5,
      peakViewers: 40,
      videosPublished: 1,
      clipsPublished: 3,
    });
  });

  it('of no days: zeros and unknowns', () => {
    expect(summarizeDays([])).toMatchObject({
      followers: null,
      followersGained: 0,
      averageViewers: null,
      peakViewers: null,
    });
  });
});
