import { nextPeriodStart, periodBuckets, periodStart, windowEnding } from './dates.js';
import { must } from '../../must.js';

describe('query windows and calendar periods (UTC days)', () => {
  it('a window of N days ends today and includes it', () => {
    expect(windowEnding('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-01', days: 1 });
    expect(windowEnding('2026-03-01', 30)).toEqual({ from: '2026-01-31', to: '2026-03-01', days: 30 });
  });

  it.each([
    ['week', '2026-11-25', '2026-11-23'], // a Wednesday → its Monday
    ['week', '2026-11-23', '2026-11-23'],
    ['week', '2026-11-29', '2026-11-23'], // Sunday belongs to the week that began on Monday
    ['month', '2026-11-25', '2026-11-01'],
    ['quarter', '2026-11-25', '2026-10-01'],
    ['quarter', '2026-03-31', '2026-01-01'],
    ['year', '2026-11-25', '2026-01-01'],
  ] as const)('%s holding %s starts %s', (period, day, start) => {
    expect(periodStart(period, day)).toBe(start);
  });

  it('the next period starts after the last day of this one, across year ends', () => {
    expect(nextPeriodStart('week', '2026-12-28')).toBe('2027-01-04');
    expect(nextPeriodStart('month', '2026-12-01')).toBe('2027-01-01');
    expect(nextPeriodStart('quarter', '2026-10-01')).toBe('2027-01-01');
    expect(nextPeriodStart('year', '2026-01-01')).toBe('2027-01-01');
  });

  it('buckets run oldest first, are contiguous, and the one in progress ends today', () => {
    const buckets = periodBuckets('month', '2026-03-15', 4);
    expect(buckets).toEqual([
      { start: '2025-12-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-15' },
    ]);
    const weeks = periodBuckets('week', '2026-11-25', 3);
    expect(weeks.map((w) => w.start)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(must(weeks[1], 'weeks[1]').end).toBe('2026-11-22');
  });
});
