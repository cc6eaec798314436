/**
 * Calendar arithmetic for query windows, on 'YYYY-MM-DD' days (UTC): a window of N days ending
 * today, and the calendar periods (week from Monday, month, quarter, year) growth is bucketed by.
 */
import { addDays } from '@creatorsync/projections';
import { must } from '../../must.js';

export const utcDay = (time: Date): string => time.toISOString().slice(0, 10);

export interface DayWindow {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  days: number;
}

/** The `days` days ending with `today`, today included. */
export function windowEnding(today: string, days: number): DayWindow {
  return { from: addDays(today, -(days - 1)), to: today, days };
}

export const growthPeriods = ['week', 'month', 'quarter', 'year'] as const;
export type GrowthPeriod = (typeof growthPeriods)[number];

/** The first day of the calendar period holding `day` (weeks start on Monday, as ISO 8601). */
export function periodStart(period: GrowthPeriod, day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  switch (period) {
    case 'week': {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      return addDays(day, -weekday);
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter':
      return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    case 'year':
      return `${y}-01-01`;
  }
}

/** The first day of the period after the one starting at `start`. */
export function nextPeriodStart(period: GrowthPeriod, start: string): string {
  if (period === 'week') return addDays(start, 7);
  const months = { month: 1, quarter: 3, year: 12 }[period];
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return utcDay(date);
}

export interface PeriodBucket {
  start: string;
  /** Last day, inclusive: the period's last day, or today for the period in progress. */
  end: string;
}

/** The `count` periods up to and including the one in progress on `today`, oldest first. */
export function periodBuckets(period: GrowthPeriod, today: string, count: number): PeriodBucket[] {
  const starts = [periodStart(period, today)];
  while (starts.length < count) starts.unshift(periodStart(period, addDays(must(starts[0], 'starts[0]'), -1)));
  return starts.map((start) => {
    const end = addDays(nextPeriodStart(period, start), -1);
    return { start, end: end < today ? end : today };
  });
}
