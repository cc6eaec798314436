import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/** Videos of the last this-many days are re-read (Twitch keeps archives up to 60 days). */
export const VIDEO_LOOKBACK_DAYS = 60;

/** GET /videos (archives, highlights, uploads): videos that are new or changed (views, duration, title). */
export class CollectVideos extends Command<FetchResult> {
  constructor(readonly broadcasterId: string, readonly reason: FetchReason) {
    super();
  }
}
