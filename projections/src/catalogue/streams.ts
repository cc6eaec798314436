/** Stream ids and their names in one place, shared by the writers and by projections' filters. */
export const channelStream = (broadcasterId: string) => `twitch-channel-${broadcasterId}`;
export const gameStream = (gameId: string) => `twitch-game-${gameId}`;
export const jobStream = (jobId: string) => `collection-job-${jobId}`;
export const accountStream = (userId: string) => `account-${userId}`;

export const CHANNEL_STREAM_PREFIX = 'twitch-channel-';
