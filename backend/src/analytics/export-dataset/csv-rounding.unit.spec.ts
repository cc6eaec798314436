import { csvDecimals, roundForCsv } from './csv-rounding.js';

describe('CSV rounding', () => {
  it('keeps 2 decimals for hours, 1 for averages, 4 for shares, and leaves other columns alone', () => {
    expect(
      roundForCsv({
        hours_streamed: 0.39700575934135535,
        hours_watched: 165.43335,
        duration_hours: 4.050002222222223,
        average_viewers: 40.85,
        airtime_share: 0.3970057,
        views: 12345,
        stream_id: '314',
        followers_gained: -3,
      }),
    ).toEqual({
      hours_streamed: 0.4,
      hours_watched: 165.43,
      duration_hours: 4.05,
      average_viewers: 40.9,
      airtime_share: 0.397,
      views: 12345,
      stream_id: '314',
      followers_gained: -3,
    });
  });

  it('rounds half away from zero, never to -0, and keeps nulls', () => {
    expect(roundForCsv({ hours_watched: 1.005, average_viewers: -0.04, hours_streamed: null })).toEqual({
      hours_watched: 1.01,
      average_viewers: 0,
      hours_streamed: null,
    });
  });

  it('names the columns it rounds', () => {
    expect([csvDecimals('hours_watched'), csvDecimals('average_viewers'), csvDecimals('peak_viewers')]).toEqual([
      2,
      1,
      null,
    ]);
  });
});
