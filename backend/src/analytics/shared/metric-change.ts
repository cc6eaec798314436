/**
 * How a metric moved: absolute and relative change and the trend arrow the metric cards show.
 * Pure arithmetic, shared by overview and growth so both round and judge trends the same way.
 */
export type Trend = 'up' | 'down' | 'flat';

export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** current − before, or null when either side is unknown. */
export function absoluteChange(current: number | null, before: number | null): number | null {
  return current === null || before === null ? null : current - before;
}

/** Percentage change, two decimals; null when unknown or when there is nothing to compare with (before = 0). */
export function percentChange(current: number | null, before: number | null): number | null {
  return current === null || before === null || before === 0 ? null : round2(((current - before) / before) * 100);
}

export function trendOf(change: number | null): Trend {
  return change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
}

/** Viewer-hours over hours streamed: the average audience of the time actually streamed (null when nothing was streamed). */
export function averageViewers(hoursWatched: number | null, hoursStreamed: number | null): number | null {
  return hoursWatched === null || !hoursStreamed ? null : round2(hoursWatched / hoursStreamed);
}
