import { demoLivePollTimes } from './demo-live-polls.js';

const MIN = 60_000;

describe('demo live poll times', () => {
  it('polls a stream every interval from a minute after its start, and once a minute after its end', () => {
    expect(demoLivePollTimes([{ startMs: 0, endMs: 70 * MIN }], 0, 1000 * MIN, 30 * MIN)).toEqual(
      [1, 31, 61, 71].map((m) => m * MIN),
    );
  });

  it('merges overlapping streams of different channels into one sorted list without repeats', () => {
    const times = demoLivePollTimes(
      [
        { startMs: 30 * MIN, endMs: 60 * MIN },
        { startMs: 0, endMs: 60 * MIN },
      ],
      0,
      1000 * MIN,
      30 * MIN,
    );
    expect(times).toEqual([1, 31, 61].map((m) => m * MIN));
  });

  it('keeps only the times inside the window, so consecutive windows poll each time once', () => {
    const streams = [{ startMs: 0, endMs: 100 * MIN }];
    const first = demoLivePollTimes(streams, 0, 50 * MIN, 30 * MIN);
    const second = demoLivePollTimes(streams, 50 * MIN, 200 * MIN, 30 * MIN);
    expect(first).toEqual([1, 31].map((m) => m * MIN));
    expect(second).toEqual([61, 91, 101].map((m) => m * MIN));
  });
});
