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

  it('parses timestamps as Date.parse does', () => {
    expect(timeMs('2026-03-01T10:00:00.123Z')).toBe(Date.UTC(2026, 2, 1, 10, 0, 0, 123));
    expect(timeMs('2026-03-01T10:00:00Z')).toBe(Date.UTC(2026, 2, 1, 10));
    expect(timeMs('2026-03-01T10:00:00.000+02:00')).toBe(Date.UTC(2026, 2, 1, 8));
    const samples = [
      '2024-02-29T23:59:59.999Z',
      '2025-02-29T00:00:00.000Z',
      '2026-02-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-10T24:00:00.000Z',
      '2026-01-10T23:60:00.000Z',
      '2026-01-10T23:00:60.000Z',
      '2026-01-10T23:00:00.00aZ',
      '2026-01-10 23:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      'not a time at all, 24 ch',
      '2026-04-31T00:00:00.000Z',
      '2026-01-32T00:00:00.000Z',
      '2100-02-29T12:00:00.000Z',
      '2000-02-29T12:00:00.000Z',
      '0100-03-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 7 * 3_600_000 + 61_001)
      samples.push(new Date(ms).toISOString());
    for (const text of samples) expect([text, timeMs(text)]).toEqual([text, Date.parse(text)]);
  });
});
