/**
 * The raw record of a follower backfill: `FollowersListed`, one event per channel and UTC day of
 * `followed_at`, holding that day's follower objects exactly as GET /channels/followers returned
 * them. Pages are not a stable key (a follow or unfollow during or between walks shifts every item
 * after it), days are; so the event's id is the channel, the day and who followed when (user id and
 * `followed_at`, sorted): a re-run or an overlapping range that lists the same followers for a day
 * carries the same id and records nothing.
 *
 * Limits (see README "Backfill or replay?"): a day whose followers changed since (an unfollow, or
 * today's new followers) is recorded again with the new list, and the later listing supersedes the
 * earlier one; a field change alone (a renamed user) is not recorded again.
 */
import type { EventData } from '@creatorsync/projections';
import type { NewEvent } from '../../event-store/event-store.port.js';
import { canonicalJson } from '../deterministic-event-id.js';
import { fact, type FetchContext } from '../facts/fact.js';
import type { ListedFollower } from './follower-day-walk.js';

type Follower = EventData<'FollowersListed'>['followers'][number];

/**
 * A day's followers as listed, each once: an item pushed down a page by a new follower during the
 * walk comes again at the top of the next page (the first sighting is kept, in list order).
 */
export function uniqueFollowers(listed: readonly ListedFollower[]): Follower[] {
  const seen = new Set<string>();
  return listed.filter((f) => !seen.has(f.user_id) && seen.add(f.user_id));
}

/** What identifies a day's listing: who followed when, whatever the order Twitch listed them in. */
export function listingKey(followers: readonly Follower[]): string {
  return canonicalJson(
    followers.map((f): [string, string] => [f.user_id, f.followed_at]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

export function followersListedFact(
  broadcasterId: string,
  day: string,
  listed: readonly ListedFollower[],
  totalAtFetch: number,
  context: FetchContext,
): NewEvent {
  const followers = uniqueFollowers(listed);
  return fact(
    'FollowersListed',
    { broadcasterId, day, followers, totalAtFetch },
    [broadcasterId, day, listingKey(followers)],
    context,
  );
}
