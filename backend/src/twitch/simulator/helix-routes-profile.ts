/** Simulated /users, /channels, /games, /channels/followers and /subscriptions. */
import { followersAt, subscriptionsAt } from './channel-audience.js';
import { helixError, ok, type HelixContext, type HelixReply } from './helix-context.js';
import { helixChannel, helixFollower, helixGame, helixSubscription, helixUser } from './helix-objects.js';
import { pageOf } from './helix-paging.js';
import { HelixBadRequest } from './helix-query.js';
import { SIM_GAMES } from './sim-catalog.js';
import { WEEK_MS, type SimChannel } from './sim-world.js';
import { sessionsBetween } from './stream-sessions.js';

function requireTogetherAtMost100(counts: number[]): void {
  if (counts.reduce((a, b) => a + b, 0) > 100)
    throw new HelixBadRequest('The total number of ids and names must not exceed 100');
}

export function users({ query, token, world, mediaBaseUrl }: HelixContext): HelixReply {
  const ids = query.list('id');
  const logins = query.list('login');
  requireTogetherAtMost100([ids.length, logins.length]);
  if (ids.length + logins.length === 0) {
    if (token.kind !== 'user')
      throw new HelixBadRequest('Must provide either id or login when using an app access token');
    ids.push(token.userId ?? '');
  }
  const found = new Map<string, SimChannel>();
  ids.forEach((id) => {
    const c = world.channelById.get(id);
    if (c) found.set(c.id, c);
  });
  logins.forEach((login) => {
    const c = world.channelByLogin.get(login.toLowerCase());
    if (c) found.set(c.id, c);
  });
  const canSeeEmail = token.kind === 'user' && token.scopes.includes('user:read:email');
  return ok({
    data: [...found.values()].map((c) =>
      helixUser(c, canSeeEmail && c.id === token.userId ? `${c.login}@example.com` : undefined, mediaBaseUrl),
    ),
  });
}

export function channels({ query, world, nowMs }: HelixContext): HelixReply {
  const ids = query.list('broadcaster_id');
  if (ids.length === 0) throw new HelixBadRequest('Missing required parameter "broadcaster_id"');
  const data = ids
    .map((id) => world.channelById.get(id))
    .filter((c): c is SimChannel => c !== undefined)
    .map((c) =>
      helixChannel(
        c,
        sessionsBetween(c, world.seed, nowMs - 8 * WEEK_MS, nowMs + 1)
          .filter((s) => s.startMs <= nowMs)
          .at(-1),
        nowMs,
      ),
    );
  return ok({ data });
}

export function games({ query }: HelixContext): HelixReply {
  const ids = query.list('id');
  const names = query.list('name');
  const igdbIds = query.list('igdb_id');
  requireTogetherAtMost100([ids.length, names.length, igdbIds.length]);
  if (ids.length + names.length + igdbIds.length === 0) throw new HelixBadRequest('Must provide id, name or igdb_id');
  const data = SIM_GAMES.filter(
    (g) => ids.includes(g.id) || names.includes(g.name) || (g.igdbId !== '' && igdbIds.includes(g.igdbId)),
  );
  return ok({ data: data.map(helixGame) });
}

export function followers({ query, token, world, nowMs, faults, endpoint }: HelixContext): HelixReply {
  const channel = world.channelById.get(query.required('broadcaster_id'));
  const userId = query.one('user_id');
  const page = query.page();
  if (!channel) return ok({ total: 0, data: [], pagination: {} });
  const total = followersAt(channel, new Date(nowMs), world.seed);
  // Without the scope, or for someone else's channel, Helix gives the total and an empty list.
  const mayList =
    token.kind === 'user' && token.scopes.includes('moderator:read:followers') && token.userId === channel.id;
  if (!mayList) return ok({ total, data: [], pagination: {} });
  if (userId !== undefined) {
    const rank = userId.startsWith(channel.id) ? Number(userId.slice(channel.id.length)) : NaN;
    return ok({
      total,
      data: Number.isInteger(rank) && rank < total ? [helixFollower(channel, rank, nowMs)] : [],
      pagination: {},
    });
  }
  // Newest first: list position i is follower rank total-1-i, computed only for the page served.
  const newestFirst = {
    length: total,
    slice: (start: number, end: number) =>
      rangeOf(start, Math.min(end, total)).map((i) => helixFollower(channel, total - 1 - i, nowMs)),
  };
  const pageFault = page.after ? faults.takePageFault(endpoint) : undefined;
  return ok({ total, ...pageOf(newestFirst, page, pageFault) });
}

export function subscriptions({ query, token, world, nowMs, faults, endpoint }: HelixContext): HelixReply {
  const broadcasterId = query.required('broadcaster_id');
  const userIds = query.list('user_id');
  const page = query.page();
  if (token.kind !== 'user') return helixError(401, 'User OAuth token required');
  if (!token.scopes.includes('channel:read:subscriptions'))
    return helixError(401, 'Missing scope: channel:read:subscriptions');
  if (token.userId !== broadcasterId)
    return helixError(401, 'The ID in broadcaster_id must match the user ID found in the OAuth token');
  if (userIds.length > 0 && (page.after || page.before))
    throw new HelixBadRequest('after and before may not be used with user_id');
  const channel = world.channelById.get(broadcasterId);
  if (!channel) return ok({ data: [], pagination: {}, total: 0, points: 0 });
  const summary = subscriptionsAt(channel, new Date(nowMs), world.seed);
  const list = {
    length: summary.total,
    slice: (start: number, end: number) =>
      rangeOf(start, Math.min(end, summary.total)).map((rank) => helixSubscription(channel, summary, rank)),
  };
  const pageFault = page.after ? faults.takePageFault(endpoint) : undefined;
  const prefix = `9${channel.id}`;
  const ranks = userIds
    .filter((id) => id.startsWith(prefix))
    .map((id) => Number(id.slice(prefix.length)))
    .filter((r) => Number.isInteger(r) && r < summary.total);
  const body =
    userIds.length > 0
      ? { data: ranks.map((rank) => helixSubscription(channel, summary, rank)), pagination: {} }
      : pageOf(list, page, pageFault);
  return ok({ ...body, total: summary.total, points: summary.points });
}

function rangeOf(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}
