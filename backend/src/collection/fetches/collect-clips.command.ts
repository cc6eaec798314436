import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

export { CLIP_LOOKBACK_DAYS } from '../facts/lookback.js';

/** GET /clips: clips that are new or changed (views, featured, vod offset). */
export class CollectClips extends Command<FetchResult> {
  constructor(
    readonly broadcasterId: string,
    readonly reason: FetchReason,
  ) {
    super();
  }
}
