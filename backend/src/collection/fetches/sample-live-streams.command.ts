import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/**
 * GET /streams for many channels (100 per request): a sample of each live stream (viewers, game,
 * title, tags), and the end of a stream a previous sample saw live that is now gone. With
 * `followersOfLive` (the live poll), also the follower total of each live channel not observed in
 * the last 10 minutes; a collection job leaves it out, as it fetches every follower total anyway.
 */
export class SampleLiveStreams extends Command<Map<string, FetchResult>> {
  constructor(
    readonly broadcasterIds: string[],
    readonly reason: FetchReason,
    readonly followersOfLive = false,
  ) {
    super();
  }
}
