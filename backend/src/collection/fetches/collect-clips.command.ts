import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

export { CLIP_LOOKBACK_DAYS } from '../facts/lookback.js';

/**
 * GET /clips created since shortly before the previous check (at least the look-back): clips that
 * are new or changed (views, featured, vod offset), and the check itself (ChannelMediaChecked).
 * `connected`: the channel is linked, so its broadcaster's token may carry the request.
 */
export class CollectClips extends Command<FetchResult> {
  constructor(
    readonly broadcasterId: string,
    readonly reason: FetchReason,
    readonly connected = false,
  ) {
    super();
  }
}
