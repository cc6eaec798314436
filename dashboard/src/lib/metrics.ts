/**
 * Figures derived from API responses for display. Pure functions, so pages can
 * compute them in `load` and components stay free of data logic.
 */
import type { FollowerGrowthPoint } from './types';

export const PERIODS = [7, 30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 90;

/** The `days` query parameter, falling back to the default for anything unexpected. */
export function parsePeriod(raw: string | null): Period {
  const n = Number(raw);
  return (PERIODS as readonly number[]).includes(n) ? (n as Period) : DEFAULT_PERIOD;
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
