import { Command } from '@nestjs/cqrs';
import type { FetchReason, FetchResult } from './fetch-command.js';

/** How subscriptions can be read for a channel: with the broadcaster's own token, or not at all. */
export type SubscriptionAccess =
  { kind: 'broadcaster-token' } | { kind: 'none'; reason: 'not_connected' | 'missing_scope' };

/**
 * GET /subscriptions?first=1 with the broadcaster's token (channel:read:subscriptions): the
 * subscriber total and points. Without a usable token it records that they were not available;
 * that is not a failure of the channel.
 */
export class CollectSubscriberTotal extends Command<FetchResult> {
  constructor(
    readonly broadcasterId: string,
    readonly access: SubscriptionAccess,
    readonly reason: FetchReason,
  ) {
    super();
  }
}
