/** The Helix routes the simulator serves, by endpoint path. */
import type { HelixRoute } from './helix-context.js';
import { clips, streams, videos } from './helix-routes-content.js';
import { channels, followers, games, subscriptions, users } from './helix-routes-profile.js';

export const HELIX_ROUTES: Readonly<Record<string, HelixRoute>> = {
  '/users': users,
  '/channels': channels,
  '/channels/followers': followers,
  '/subscriptions': subscriptions,
  '/streams': streams,
  '/videos': videos,
  '/clips': clips,
  '/games': games,
};
