/** The week grid from best_times rows: all 168 slots, and the recommendations (pure). */
import { round2 } from '../shared/metric-change.js';
import { BestTimeSlotDto } from './get-best-times.response.js';
import { dto } from '../../dto.js';
import { must } from '../../must.js';

export const MIN_HOURS_FOR_RECOMMENDATION = 1;

export function weekGrid(rows: readonly BestTimeSlotDto[]): BestTimeSlotDto[] {
  const byKey = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r]));
  const slots: BestTimeSlotDto[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const row = byKey.get(`${weekday}:${hour}`);
      slots.push(
        dto(BestTimeSlotDto, {
          weekday,
          hour,
          hoursStreamed: round2(row?.hoursStreamed ?? 0),
          hoursWatched: round2(row?.hoursWatched ?? 0),
          averageViewers: row?.averageViewers == null ? null : round2(row.averageViewers),
          followersGained: round2(row?.followersGained ?? 0),
        }),
      );
    }
  }
  return slots;
}

const TOP = 5;
const earlierSlot = (a: BestTimeSlotDto, b: BestTimeSlotDto) => a.weekday - b.weekday || a.hour - b.hour;

export function bestByAverageViewers(slots: readonly BestTimeSlotDto[]): BestTimeSlotDto[] {
  return slots
    .filter((s) => s.averageViewers !== null && s.hoursStreamed >= MIN_HOURS_FOR_RECOMMENDATION)
    .sort(
      (a, b) =>
        must(b.averageViewers, 'b.averageViewers') - must(a.averageViewers, 'a.averageViewers') || earlierSlot(a, b),
    )
    .slice(0, TOP);
}

export function bestByFollowersGained(slots: readonly BestTimeSlotDto[]): BestTimeSlotDto[] {
  return slots
    .filter((s) => s.followersGained > 0)
    .sort((a, b) => b.followersGained - a.followersGained || earlierSlot(a, b))
    .slice(0, TOP);
}
