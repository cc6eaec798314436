/** The window's totals, from its daily rows (pure, so the arithmetic is tested without a database). */
import { averageViewers, round2 } from '../shared/metric-change.js';
import { PeriodSummaryDto, type DailyRowDto } from './get-detailed.response.js';
import { dto } from '../../dto.js';

export function summarizeDays(days: readonly DailyRowDto[]): PeriodSummaryDto {
  const sum = (pick: (d: DailyRowDto) => number | null) => days.reduce((total, d) => total + (pick(d) ?? 0), 0);
  const last = (pick: (d: DailyRowDto) => number | null) =>
    [...days]
      .reverse()
      .map(pick)
      .find((v) => v !== null) ?? null;
  const peaks = days.map((d) => d.peakViewers).filter((v): v is number => v !== null);
  const hoursStreamed = sum((d) => d.hoursStreamed);
  const hoursWatched = sum((d) => d.hoursWatched);
  return dto(PeriodSummaryDto, {
    followers: last((d) => d.followers),
    followersGained: sum((d) => d.followersGained),
    subscribers: last((d) => d.subscribers),
    streams: sum((d) => d.streams),
    hoursStreamed: round2(hoursStreamed),
    hoursWatched: round2(hoursWatched),
    averageViewers: averageViewers(hoursWatched, hoursStreamed),
    peakViewers: peaks.length ? Math.max(...peaks) : null,
    videosPublished: sum((d) => d.videosPublished),
    clipsPublished: sum((d) => d.clipsPublished),
  });
}
