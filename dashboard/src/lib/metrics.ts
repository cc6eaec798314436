/**
 * Figures derived from API responses for display. Pure functions, so pages can
 * compute them in `load` and components stay free of data logic.
 */
import type { FollowerGrowthPoint } from './types';

export const PERIODS = [30, 90, 365] as const;
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
	for (const point of points) {
		gained += point.gained;
		if (!best || point.gained > best.gained) best = point;
	}
	return { gained, perDay: gained / points.length, best, days: points.length };
}
