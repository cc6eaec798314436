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

/** The `days` query parameter: a period, or why the URL's value cannot be one (shown on the page). */
export type PeriodChoice = { days: number; problem: null } | { days: Period; problem: string };

/**
 * Any whole number of days the API answers (7/30/90/365 are the switch's; others come from a shared
 * link); anything else falls back to the default and says so, never silently.
 */
export function parsePeriod(raw: string | null): PeriodChoice {
  if (raw === null || raw === '') return { days: DEFAULT_PERIOD, problem: null };
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_DAYS) return { days: n, problem: null };
  return {
    days: DEFAULT_PERIOD,
    problem: `“${raw}” is not a number of days from 1 to ${MAX_DAYS}, so the page shows the last ${DEFAULT_PERIOD} days.`,
  };
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
