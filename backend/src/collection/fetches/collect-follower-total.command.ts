import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/** GET /channels/followers?first=1 (app token): the channel's follower total. */
export class CollectFollowerTotal extends Command<FetchResult> {
  constructor(
    readonly broadcasterId: string,
    readonly reason: FetchReason,
  ) {
    super();
  }
}
