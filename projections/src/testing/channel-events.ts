/** Channel facts for projection tests, with only what a test cares about as parameters. */
import type { EventOfType } from '../catalogue/event-catalogue.js';
import { event } from './project-events.js';

export const GAME = { minecraft: ['27471', 'Minecraft'], valorant: ['516575', 'VALORANT'] } as const;

export function sample(
  channel: string,
  streamId: string,
  startedAt: string,
  at: string,
  viewers: number,
  game: readonly [string, string] = GAME.minecraft,
  title = 'Stream',
): EventOfType<'LiveStreamSampled'> {
  return event(
    'LiveStreamSampled',
    {
      broadcasterId: channel,
      stream: {
        id: streamId,
        user_id: channel,
        viewer_count: viewers,
        started_at: startedAt,
        game_id: game[0],
        game_name: game[1],
        title,
      },
    },
    at,
  );
}

export function offline(
  channel: string,
  streamId: string,
  startedAt: string,
  lastSampledAt: string,
  at: string,
): EventOfType<'StreamWentOffline'> {
  return event('StreamWentOffline', { broadcasterId: channel, streamId, startedAt, lastSampledAt }, at);
}

export function followers(channel: string, total: number, at: string): EventOfType<'FollowerCountFetched'> {
  return event('FollowerCountFetched', { broadcasterId: channel, total, raw: { total } }, at);
}

export function subscribers(
  channel: string,
  total: number,
  points: number,
  at: string,
): EventOfType<'SubscriberCountFetched'> {
  return event('SubscriberCountFetched', { broadcasterId: channel, total, points, raw: { total, points } }, at);
}
