import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/** How many of a channel's most viewed clips the long-tail check re-reads (one Helix page). */
export const TOP_CLIPS = 100;

/**
 * The clip long tail: GET /clips without dates, the channel's TOP_CLIPS most viewed clips whatever
 * their age (Helix answers in view order), so clips keep growing in the log after the recent-clips
 * look-back has passed them. Records the clips that are new or changed, and the check itself.
 */
export class CollectTopClips extends Command<FetchResult> {
  constructor(
    readonly broadcasterId: string,
    readonly reason: FetchReason,
    readonly connected = false,
  ) {
    super();
  }
}
