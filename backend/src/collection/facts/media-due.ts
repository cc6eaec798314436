/**
 * Which media checks a daily run makes for a channel, from its own stream (never a read table).
 * Followers are fetched every run; videos and clips only where something can have changed:
 *
 * - videos and recent clips: the channel was live since their last check (a stream leaves an
 *   archive, highlights and clips), or it was never checked, or it is the channel's weekly turn
 *   (uploads, highlights and view growth of a channel that did not stream);
 * - top clips (the long tail: the most viewed clips, whatever their age): daily while the last
 *   top-clips check found recorded clips still gaining views, weekly otherwise.
 *
 * A channel's weekly turn is one UTC weekday chosen by a hash of its id, so the weekly checks of
 * all channels spread over the week instead of landing on one day; a check older than 8 days is
 * due whatever the day (a missed run).
 */
import { createHash } from 'node:crypto';
import type { ChannelState, MediaCheck } from './channel-state.js';
import { DAY_MS } from './lookback.js';

export type MediaDue = Record<MediaCheck, boolean>;

const WEEK_DAYS = 7;
/** A check this old is due on any day. */
const OVERDUE_MS = 8 * DAY_MS;
/** Checks within this of the previous one are not repeated by a weekly turn (a second run on the same day). */
const MIN_RECHECK_MS = 20 * 60 * 60_000;

/** The weekday (0–6 since the epoch's day) on which the channel's weekly checks run. */
export function weeklyTurnOf(broadcasterId: string): number {
  return createHash('sha256').update(broadcasterId).digest().readUInt32BE(0) % WEEK_DAYS;
}

export function mediaDue(state: ChannelState, broadcasterId: string, nowMs: number): MediaDue {
  const weeklyTurn = Math.floor(nowMs / DAY_MS) % WEEK_DAYS === weeklyTurnOf(broadcasterId);
  // A sample after the check: the stream went on (or a new one started) after it looked.
  const liveSince = (checkedMs: number) => state.lastLiveMs > checkedMs;
  const due = (check: MediaCheck, changedLately: (checkedMs: number) => boolean): boolean => {
    const checkedMs = state.mediaChecks[check];
    if (checkedMs === undefined) return true;
    if (nowMs - checkedMs >= OVERDUE_MS) return true;
    if (weeklyTurn && nowMs - checkedMs >= MIN_RECHECK_MS) return true;
    return changedLately(checkedMs);
  };
  return {
    videos: due('videos', liveSince),
    'recent-clips': due('recent-clips', liveSince),
    // "Gaining lately": the last top-clips check saw its long tail grow; daily until a check sees none.
    'top-clips': due(
      'top-clips',
      (checkedMs) => state.topClipsGrewMs >= checkedMs && nowMs - checkedMs >= MIN_RECHECK_MS,
    ),
  };
}
