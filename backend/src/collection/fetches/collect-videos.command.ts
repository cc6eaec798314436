import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

export { VIDEO_LOOKBACK_DAYS } from '../facts/lookback.js';

/**
 * GET /videos (archives, highlights, uploads): videos that are new or changed (views, duration,
 * title), and the check itself (ChannelMediaChecked). `connected`: the channel is linked, so its
 * broadcaster's token may carry the request.
 */
export class CollectVideos extends Command<FetchResult> {
  constructor(
    readonly broadcasterId: string,
    readonly reason: FetchReason,
    readonly connected = false,
  ) {
    super();
  }
}
