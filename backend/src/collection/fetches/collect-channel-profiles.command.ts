import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

export interface ChannelProfilesResult {
  byChannel: Map<string, FetchResult>;
  /** Channels Twitch does not know (deleted, banned, or a wrong id). */
  unknown: string[];
}

/** GET /users and GET /channels for up to 100 channels at once: who each channel is and what it streams. */
export class CollectChannelProfiles extends Command<ChannelProfilesResult> {
  constructor(
    readonly broadcasterIds: string[],
    readonly reason: FetchReason,
  ) {
    super();
  }
}
