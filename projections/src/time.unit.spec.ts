import { addDays, dayOf, dayOfMs, daysBetween, timeMs } from './time.js';

describe('day arithmetic (UTC)', () => {
  it('takes the UTC day of a timestamp, whatever its offset', () => {
    expect(dayOf('2026-03-01T23:30:00.000Z')).toBe('2026-03-01');
    expect(dayOf('2026-03-01T23:30:00-02:00')).toBe('2026-03-02');
    expect(dayOf('2026-03-02T00:30:00+01:00')).toBe('2026-03-01');
  });

  it('adds days across months, years and leap days, and again from memory', () => {
    for (let round = 0; round < 2; round++) {
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    }
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('takes the UTC day of milliseconds, and again from memory', () => {
    for (let round = 0; round < 2; round++) {
      expect(dayOfMs(Date.UTC(2026, 2, 1, 23, 59, 59, 999))).toBe('2026-03-01');
      expect(dayOfMs(Date.UTC(2026, 2, 2))).toBe('2026-03-02');
    }
  });

  it('parses timestamps as Date.parse does, and again from memory', () => {
    for (let round = 0; round < 2; round++) {
      expect(timeMs('2026-03-01T10:00:00Z')).toBe(Date.UTC(2026, 2, 1, 10));
      expect(timeMs('2026-03-01T10:00:00.000+02:00')).toBe(Date.UTC(2026, 2, 1, 8));
      expect(timeMs('not a time')).toBeNaN();
    }
  });
});
