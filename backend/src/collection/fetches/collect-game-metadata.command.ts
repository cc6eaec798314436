import { Command } from '@nestjs/cqrs';
import type { FetchReason } from './fetch-command.js';

/** GET /games for games seen in streams, channels and clips whose metadata is not recorded yet. */
export class CollectGameMetadata extends Command<{ eventsWritten: number }> {
  constructor(
    readonly gameIds: string[],
    readonly reason: FetchReason,
  ) {
    super();
  }
}
