import { addDays, dayOf, daysBetween } from './time.js';

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
});
