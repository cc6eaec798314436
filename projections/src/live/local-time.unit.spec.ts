import { localHourOf, nextLocalHourMs, utcOffsetMs } from './local-time.js';

const at = (iso: string) => Date.parse(iso);

describe('local time of a channel', () => {
  it('follows daylight saving time (Berlin: +1 h in January, +2 h in July)', () => {
    expect(utcOffsetMs('Europe/Berlin', at('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(utcOffsetMs('Europe/Berlin', at('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(utcOffsetMs('America/Los_Angeles', at('2026-07-15T12:00:00Z'))).toBe(-7 * 3_600_000);
  });

  it('gives the ISO weekday and hour (Monday 2026-06-01 23:30 UTC is Tuesday 01:30 in Berlin)', () => {
    expect(localHourOf('UTC', at('2026-06-01T23:30:00Z'))).toEqual({ weekday: 1, hour: 23 });
    expect(localHourOf('Europe/Berlin', at('2026-06-01T23:30:00Z'))).toEqual({ weekday: 2, hour: 1 });
    expect(localHourOf('America/Los_Angeles', at('2026-06-01T03:00:00Z'))).toEqual({ weekday: 7, hour: 20 });
  });

  it('finds local hour boundaries in half-hour zones (Kolkata, +5:30: at :30 UTC)', () => {
    expect(new Date(nextLocalHourMs('Asia/Kolkata', at('2026-06-01T10:10:00Z'))).toISOString()).toBe(
      '2026-06-01T10:30:00.000Z',
    );
    expect(new Date(nextLocalHourMs('UTC', at('2026-06-01T10:10:00Z'))).toISOString()).toBe('2026-06-01T11:00:00.000Z');
  });
});
