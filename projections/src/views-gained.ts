/**
 * Views gained by a video or clip over the last N days, one definition for the projection (as of
 * the latest fetch) and the API (as of today):
 *
 *   gained = views now − views at the window's start, where the start is the end of the UTC day
 *   N days before `today` and the views there are the last count recorded on or before that day.
 *
 * A video created after the start gained all its views in the window. A video created before the
 * start whose first count was recorded only after it (first seen inside the window) had an
 * unknown count at the start: it is estimated by linear interpolation between its creation (0
 * views) and its first recorded count, and flagged as estimated. Null when nothing is known.
 * Counts between fetches are assumed unchanged (the collection records a count when it changes).
 */
import { addDays, dayStartMs, timeMs } from './time.js';

export interface ViewCount {
  [field: string]: string | number;
  day: string;
  views: number;
}

export interface ViewsSubject {
  created_at: string;
  views: number;
  /** Day's last count per UTC day, in day order. */
  view_history: readonly ViewCount[];
  first_seen_at: string;
  /** The count at first sight (null for rows projected before it was kept). */
  first_views: number | null;
}

export interface ViewsGained {
  gained: number | null;
  estimated: boolean;
}

export function viewsGained(video: ViewsSubject, today: string, days: number): ViewsGained {
  const baselineDay = addDays(today, -days);
  let baseline: ViewCount | undefined;
  for (const entry of video.view_history) {
    if (entry.day > baselineDay) break;
    baseline = entry;
  }
  if (baseline) return { gained: video.views - baseline.views, estimated: false };
  const startMs = dayStartMs(addDays(baselineDay, 1));
  const createdMs = timeMs(video.created_at);
  if (createdMs >= startMs) return { gained: video.views, estimated: false };
  const firstSeenMs = timeMs(video.first_seen_at);
  if (video.first_views === null || firstSeenMs <= startMs) return { gained: null, estimated: false };
  const atStart = Math.round((video.first_views * (startMs - createdMs)) / Math.max(1, firstSeenMs - createdMs));
  return { gained: video.views - Math.min(video.first_views, Math.max(0, atStart)), estimated: true };
}
