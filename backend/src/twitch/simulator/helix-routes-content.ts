/** Simulated /streams, /videos and /clips: live lists and content that change with time. */
import { clipsBetween, MEDIA_HISTORY_MS, videoOwner, videosAt, type SimVideo } from './channel-media.js';
import { ok, type HelixContext, type HelixReply } from './helix-context.js';
import { helixClip, helixStream, helixVideo } from './helix-objects.js';
import { pageOf } from './helix-paging.js';
import { HelixBadRequest, HelixNotFound } from './helix-query.js';
import { SIM_GAMES } from './sim-catalog.js';
import { DAY_MS, WEEK_MS, type SimChannel } from './sim-world.js';
import { liveSessionAt, segmentAt } from './stream-sessions.js';
import { must } from '../../must.js';

const HISTORY_MS = MEDIA_HISTORY_MS;

/** Helix answers 404 for a game_id that names no game (rather than an empty list). */
function requireKnownGame(gameId: string | undefined): void {
  if (gameId !== undefined && !SIM_GAMES.some((g) => g.id === gameId)) throw new HelixNotFound('game not found');
}

function pageFaultFor(context: HelixContext, hasCursor: boolean): 'repeat-page' | 'empty-page' | undefined {
  return hasCursor ? context.faults.takePageFault(context.endpoint) : undefined;
}

export function streams(context: HelixContext): HelixReply {
  const { query, world, nowMs } = context;
  const userIds = query.list('user_id');
  const userLogins = query.list('user_login');
  const gameIds = query.list('game_id');
  const languages = query.list('language');
  query.oneOf('type', ['all', 'live']);
  const page = query.page();
  const filtered = userIds.length + userLogins.length > 0;
  const candidates = filtered
    ? [
        ...userIds.map((id) => world.channelById.get(id)),
        ...userLogins.map((l) => world.channelByLogin.get(l.toLowerCase())),
      ]
    : world.channels;
  const unique = [...new Set(candidates.filter((c): c is SimChannel => c !== undefined))];
  const live = unique
    .map((channel) => liveSessionAt(channel, world.seed, nowMs))
    .filter((s) => s !== undefined)
    .filter((s) => gameIds.length === 0 || gameIds.includes(segmentAt(s, nowMs).gameId))
    .filter((s) => languages.length === 0 || languages.includes(s.channel.language))
    .map((s) => helixStream(s, world.seed, nowMs))
    .sort((a, b) => Number(b.viewer_count) - Number(a.viewer_count));
  return ok(pageOf(live, page, pageFaultFor(context, page.after !== undefined)));
}

const PERIOD_MS = { all: Infinity, day: DAY_MS, week: WEEK_MS, month: 30 * DAY_MS } as const;

export function videos(context: HelixContext): HelixReply {
  const { query, world, nowMs } = context;
  query.exclusive(['id', 'user_id', 'game_id']);
  const ids = query.list('id');
  const userId = query.one('user_id');
  const gameId = query.one('game_id');
  const type = query.oneOf('type', ['all', 'archive', 'highlight', 'upload']) ?? 'all';
  const period = query.oneOf('period', ['all', 'day', 'week', 'month']) ?? 'all';
  const sort = query.oneOf('sort', ['time', 'trending', 'views']) ?? 'time';
  const language = query.one('language');
  const page = query.page();
  if (ids.length > 0) {
    // Ids are opaque hashes: look in the channels known to own them, else in every channel.
    const owners = ids
      .map((id) => videoOwner(world.seed, id))
      .map((id) => (id === undefined ? undefined : world.channelById.get(id)));
    const channels = owners.every((c) => c !== undefined) ? [...new Set(owners)] : world.channels;
    const found = channels.flatMap((c) => videosAt(must(c, 'c'), world.seed, nowMs)).filter((v) => ids.includes(v.id));
    // Helix: 404 when none of the ids exists; the ones that do exist otherwise.
    if (found.length === 0) throw new HelixNotFound('video not found');
    return ok({ data: found.map(helixVideo), pagination: {} });
  }
  if (userId === undefined && gameId === undefined) throw new HelixBadRequest('Must provide id, user_id or game_id');
  if (gameId !== undefined && (page.after || page.before))
    throw new HelixBadRequest('after and before are only supported with user_id');
  requireKnownGame(gameId);
  const owners = userId !== undefined ? [world.channelById.get(userId)] : world.channels;
  let list: SimVideo[] = owners
    .filter((c): c is SimChannel => c !== undefined)
    .flatMap((c) => videosAt(c, world.seed, nowMs));
  if (gameId !== undefined)
    list = list.filter((v) => segmentAt(v.session, v.session.startMs).gameId === gameId).slice(0, 500);
  if (language !== undefined) list = list.filter((v) => v.session.channel.language === language);
  list = list.filter((v) => (type === 'all' || v.type === type) && nowMs - v.createdMs <= PERIOD_MS[period]);
  if (sort !== 'time') list.sort((a, b) => b.viewCount - a.viewCount);
  return ok(pageOf(list.map(helixVideo), page, pageFaultFor(context, page.after !== undefined)));
}

export function clips(context: HelixContext): HelixReply {
  const { query, world, nowMs, clipResultCap } = context;
  query.exclusive(['id', 'broadcaster_id', 'game_id']);
  const ids = query.list('id');
  const broadcasterId = query.one('broadcaster_id');
  const gameId = query.one('game_id');
  const startedAt = query.time('started_at');
  const endedAt = query.time('ended_at');
  const featured = query.oneOf('is_featured', ['true', 'false']);
  const page = query.page();
  // Helix: without ended_at the window is one week from started_at.
  const fromMs = startedAt ?? nowMs - HISTORY_MS;
  const toMs = endedAt ?? (startedAt !== undefined ? startedAt + WEEK_MS : nowMs + 1);
  if (ids.length > 0) {
    const found = world.channels
      .flatMap((c) => clipsBetween(c, world.seed, nowMs - 60 * DAY_MS, nowMs + 1, nowMs))
      .filter((c) => ids.includes(c.id));
    // Helix answers in the order of the ids given.
    const inOrder = ids.flatMap((id) => found.filter((c) => c.id === id).slice(0, 1));
    return ok({ data: inOrder.map(helixClip), pagination: {} });
  }
  if (broadcasterId === undefined && gameId === undefined)
    throw new HelixBadRequest('Must provide id, broadcaster_id or game_id');
  requireKnownGame(gameId);
  const owners = broadcasterId !== undefined ? [world.channelById.get(broadcasterId)] : world.channels;
  const list = owners
    .filter((c): c is SimChannel => c !== undefined)
    .flatMap((c) => clipsBetween(c, world.seed, fromMs, toMs, nowMs))
    .filter(
      (c) =>
        (gameId === undefined || c.gameId === gameId) && (featured === undefined || String(c.isFeatured) === featured),
    )
    .sort((a, b) => b.viewCount - a.viewCount)
    // Helix stops after about 1,000 results; callers must walk narrower time windows.
    .slice(0, clipResultCap);
  return ok(pageOf(list.map(helixClip), page, pageFaultFor(context, page.after !== undefined)));
}
