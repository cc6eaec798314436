/**
 * The reconstruction arithmetic of a follower backfill. GET /channels/followers lists the current
 * followers newest first, each with `followed_at`. The follower total at the end of a past day D is
 * then at least
 *
 *     total now − (current followers who followed after D)
 *
 * which needs the list only from its newest end back to D, not the whole list. It is a lower bound:
 * people who followed by D and unfollowed since are not listed any more. (A follower arriving during
 * the walk pushes items down a page, so one may be counted twice: that lowers the figure, and it
 * stays a lower bound.)
 *
 * The walk goes back day by day from `to` to `from`. A day is complete when an item older than its
 * start arrives (or the list ends); it then yields that day's count and the day's followers as
 * listed. The walk's state after each completed day is small (`seen`, `nextDay`) so a job can
 * record it with the page cursor and resume there.
 */
import { must } from '../../must.js';

export interface ListedFollower {
  user_id: string;
  followed_at: string;
  [field: string]: unknown;
}

export interface ReconstructedDay {
  day: string;
  /** Lower bound of the follower total at the end of `day` (UTC). */
  followers: number;
  /** The current followers whose `followed_at` falls on `day`, as listed (newest first). */
  listed: ListedFollower[];
}

export interface FollowerWalkState {
  /** The list's total when the walk began. */
  totalAtFetch: number;
  /** Items counted so far (newest first). */
  seen: number;
  /** The newest day not yet yielded; null when the walk is done. */
  nextDay: string | null;
}

export interface PageOutcome {
  days: ReconstructedDay[];
  /**
   * Where a resumed walk can start to redo only what is not yielded yet: at `skip` items into this
   * page, with this state. Null when no day completed on this page (resume at the earlier point).
   */
  resumeAt: { skip: number; state: FollowerWalkState } | null;
}

const DAY_MS = 86_400_000;
const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayBefore = (day: string) => new Date(startOf(day) - DAY_MS).toISOString().slice(0, 10);

export class FollowerDayWalk {
  private state: FollowerWalkState;
  /** The followers of `nextDay` met so far. */
  private bucket: ListedFollower[] = [];

  constructor(
    private readonly from: string,
    state: FollowerWalkState,
  ) {
    this.state = { ...state };
    if (state.nextDay !== null && state.nextDay < from) this.state.nextDay = null;
  }

  /** A fresh walk over [from, to] with the list's total as first seen. */
  static start(from: string, to: string, totalAtFetch: number): FollowerDayWalk {
    return new FollowerDayWalk(from, { totalAtFetch, seen: 0, nextDay: to });
  }

  get done(): boolean {
    return this.state.nextDay === null;
  }

  get snapshot(): FollowerWalkState {
    return { ...this.state };
  }

  /** Feeds one page of the list (newest first). */
  addPage(items: readonly ListedFollower[]): PageOutcome {
    const days: ReconstructedDay[] = [];
    let resumeAt: PageOutcome['resumeAt'] = null;
    for (const [index, item] of items.entries()) {
      if (this.done) break;
      const followedMs = Date.parse(item.followed_at);
      let completed = false;
      // Every day this item is older than is complete.
      while (this.state.nextDay !== null && followedMs < startOf(this.state.nextDay)) {
        days.push(this.completeDay());
        completed = true;
      }
      if (completed) resumeAt = { skip: index, state: { ...this.state } };
      // The days this item completed may have been the last (the walk is then done).
      const nextDay = this.state.nextDay;
      if (nextDay === null) break;
      if (followedMs < startOf(nextDay) + DAY_MS) this.bucket.push(item);
      this.state.seen += 1;
    }
    return { days, resumeAt };
  }

  /** The list has ended: every remaining day is complete. */
  finish(): ReconstructedDay[] {
    const days: ReconstructedDay[] = [];
    while (!this.done) days.push(this.completeDay());
    return days;
  }

  private completeDay(): ReconstructedDay {
    const day = must(this.state.nextDay, 'this.state.nextDay');
    const newerThanDay = this.state.seen - this.bucket.length;
    const result = { day, followers: Math.max(0, this.state.totalAtFetch - newerThanDay), listed: this.bucket };
    this.bucket = [];
    const previous = dayBefore(day);
    this.state.nextDay = previous < this.from ? null : previous;
    return result;
  }
}
