import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/**
 * GET /streams for many channels (100 per request): a sample of each live stream (viewers, game,
 * title, tags), and the end of a stream a previous sample saw live that is now gone.
 */
export class SampleLiveStreams extends Command<Map<string, FetchResult>> {
  constructor(
    readonly broadcasterIds: string[],
    readonly reason: FetchReason,
  ) {
    super();
  }
}
