import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/** Clips created in the last this-many days are re-read: a clip's views settle within days. */
export const CLIP_LOOKBACK_DAYS = 7;

/** GET /clips: clips that are new or changed (views, featured, vod offset). */
export class CollectClips extends Command<FetchResult> {
  constructor(readonly broadcasterId: string, readonly reason: FetchReason) {
    super();
  }
}
