import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@creatorsync/projections';

export interface ChannelSnapshotResult {
  broadcasterId: string;
  eventsWritten: number;
  /** Log position of the channel's last event (text form), for read-your-writes. */
  position: string | null;
}

/** Fetch channels' profile and follower total from Twitch and record them on each channel's stream. */
export class CollectChannelSnapshot extends Command<ChannelSnapshotResult[]> {
  constructor(
    readonly broadcasterIds: string[],
    readonly jobId: string,
    readonly source: EventMetadata['source'],
  ) {
    super();
  }
}
