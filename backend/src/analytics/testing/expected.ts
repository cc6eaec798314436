/**
 * What the analytics answers should be, computed from the fixture's plain arrays with ordinary
 * loops — a second, independent derivation of the numbers the SQL under test produces.
 */
import { dayOffset, type DayRow, type SessionRow } from './analytics-fixture.js';
import { must } from '../../must.js';

export const r2 = (x: number) => Math.round(x * 100) / 100;
export const startOfDayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function daysOf(rows: readonly DayRow[], channel: string, from?: string, to?: string): DayRow[] {
  return rows
    .filter((r) => r.channel_id === channel && (!from || r.day >= from) && (!to || r.day <= to))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** The last known value of a column on or before `day`. */
export function lastKnown(
  rows: readonly DayRow[],
  channel: string,
  day: string,
  column: 'followers' | 'subscribers',
): number | null {
  const known = daysOf(rows, channel, undefined, day).filter((r) => r[column] !== null);
  return known.length ? must(known[known.length - 1], 'known[known.length - 1]')[column] : null;
}

export function sessionsStartedIn(
  sessions: readonly SessionRow[],
  channel: string,
  from: string,
  to: string,
): SessionRow[] {
  const lo = startOfDayMs(from);
  const hi = startOfDayMs(to) + 86_400_000;
  return sessions.filter(
    (s) => s.channel_id === channel && Date.parse(s.started_at) >= lo && Date.parse(s.started_at) < hi,
  );
}

export function mondayOf(day: string): string {
  const weekday = (new Date(startOfDayMs(day)).getUTCDay() + 6) % 7;
  return dayOffset(day, -weekday);
}

export function pct(value: number | null, before: number | null): number | null {
  return value === null || before === null || before === 0 ? null : r2(((value - before) / before) * 100);
}
