/**
 * Figures derived from API responses for display. Pure functions, so pages can
 * compute them in `load` and components stay free of data logic.
 */
import type { FollowerGrowthPoint } from './types';

export const PERIODS = [7, 30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 90;

/** The longest period the API answers (`days` 1–730); the switch offers up to a year. */
export const MAX_DAYS = 730;

/** What the charts cover: the last `days` days, or a custom range of UTC days (both inclusive). */
export type DayRange = { days: number } | { from: string; to: string };

/** The period the URL asks for, or why it cannot be one (shown on the page; the default is shown instead). */
export type PeriodChoice = { range: DayRange; problem: string | null };

const DEFAULT: DayRange = { days: DEFAULT_PERIOD };
const fallback = (why: string): PeriodChoice => ({
  range: DEFAULT,
  problem: `${why}, so the page shows the last ${DEFAULT_PERIOD} days.`,
});

/** A YYYY-MM-DD that names a real calendar day. */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

/**
 * `?days=` (any whole number of days the API answers; 7/30/90/365 are the switch's, others come
 * from a shared link) or `?from=&to=` (a custom range). Anything else falls back to the default
 * and says so, never silently. The server still judges what only it knows (a range after today).
 */
export function parsePeriod(params: URLSearchParams): PeriodChoice {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) {
    if (!from || !to) return fallback('A custom range needs both a first and a last day');
    if (!isCalendarDay(from)) return fallback(`“${from}” is not a day (YYYY-MM-DD)`);
    if (!isCalendarDay(to)) return fallback(`“${to}” is not a day (YYYY-MM-DD)`);
    if (from > to) return fallback(`The range starts (${from}) after it ends (${to})`);
    return { range: { from, to }, problem: null };
  }
  const raw = params.get('days');
  if (raw === null || raw === '') return { range: DEFAULT, problem: null };
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_DAYS) return { range: { days: n }, problem: null };
  return fallback(`“${raw}” is not a number of days from 1 to ${MAX_DAYS}`);
}

export interface GrowthSummary {
  /** Net followers gained over the returned days. */
  gained: number;
  perDay: number;
  best: FollowerGrowthPoint | null;
  /** Days with data, which can be fewer than the period asked for. */
  days: number;
}

export function summarizeGrowth(points: readonly FollowerGrowthPoint[]): GrowthSummary | null {
  if (points.length === 0) return null;
  let gained = 0;
  let best: FollowerGrowthPoint | null = null;
  let daysWithGain = 0;
  for (const point of points) {
    // The first day recorded has no gain (nothing to compare with): it counts as data, not as a gain.
    if (point.gained === null) continue;
    gained += point.gained;
    daysWithGain += 1;
    if (!best || point.gained > (best.gained ?? -Infinity)) best = point;
  }
  return { gained, perDay: daysWithGain ? gained / daysWithGain : 0, best, days: points.length };
}

/** The `page` query parameter of the sessions table: a whole number from 1. */
export function parsePage(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
