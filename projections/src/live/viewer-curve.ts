/**
 * How live samples become airtime and viewer-hours, shared by every projection that uses them
 * (stream sessions, daily channel rows, games, best times), so they all agree to the decimal.
 *
 * Helix has no "hours watched", only a viewer count per GET /streams sample. Between samples the
 * curve is a straight line (the time-weighted average of 100 viewers at 20:00 and 200 at 20:10 is
 * 150 over those ten minutes). Before a stream's first sample it is flat at that sample's value
 * (from Twitch's `started_at`), and after the last sample it is flat up to the end the offline
 * event reports. A game (or title) change seen between two samples is taken to happen half-way.
 *
 * A sample at or before the one the cursor already holds (a late duplicate from an overlapping
 * poller) adds nothing to the curve: curves are built in log order, the same way in a live run
 * and in a rebuild.
 */
import type { EventOfType } from '../catalogue/event-catalogue.js';
import { HOUR_MS, isoTime, timeMs } from '../time.js';

/** Where a channel's curve stands: its current stream and the last sample of it (times as ISO text and ms). */
export interface LiveCursor {
  streamId: string;
  startedAt: string;
  startedAtMs: number;
  lastAt: string;
  lastAtMs: number;
  lastViewers: number;
  lastGameId: string;
  lastGameName: string | null;
}

/** A stretch of airtime on which viewers go linearly from `viewersFrom` to `viewersTo`. */
export interface AirtimePiece {
  fromMs: number;
  toMs: number;
  viewersFrom: number;
  viewersTo: number;
  gameId: string;
  gameName: string | null;
}

export interface SampleInput {
  streamId: string;
  /** Twitch's started_at, as written in the sample. */
  startedAt: string;
  /** The sample's fetchedAt, in canonical ISO form (isoTime). */
  at: string;
  atMs: number;
  viewers: number;
  gameId: string;
  gameName: string | null;
}

export type SampleOutcome =
  /** First sample of a stream newer than the cursor's: the cursor moves to it. */
  | { kind: 'new-stream'; pieces: AirtimePiece[]; cursor: LiveCursor }
  /** A later sample of the cursor's stream. */
  | { kind: 'next'; pieces: AirtimePiece[]; cursor: LiveCursor }
  /** A repeat, an out-of-order sample, or a sample of an older stream: no airtime. */
  | { kind: 'late' };

/** Helix writes "" for a stream without a category. */
export const gameIdOf = (gameId: string | undefined): string => gameId ?? '';
export const gameNameOf = (gameName: string | undefined): string | null => (gameName ? gameName : null);

/** What the curve needs of a LiveStreamSampled event (its time is when it was fetched). */
export function sampleInput(event: EventOfType<'LiveStreamSampled'>): SampleInput {
  const { stream } = event.data;
  const at = isoTime(event.metadata.fetchedAt);
  return {
    streamId: stream.id,
    startedAt: stream.started_at,
    at,
    atMs: timeMs(at),
    viewers: stream.viewer_count,
    gameId: gameIdOf(stream.game_id),
    gameName: gameNameOf(stream.game_name),
  };
}

export function advanceBySample(cursor: LiveCursor | null, sample: SampleInput): SampleOutcome {
  if (!cursor || cursor.streamId !== sample.streamId) {
    const startedAtMs = timeMs(sample.startedAt);
    if (cursor && startedAtMs <= cursor.startedAtMs) return { kind: 'late' };
    const next: LiveCursor = {
      streamId: sample.streamId,
      startedAt: isoTime(sample.startedAt),
      startedAtMs,
      lastAt: sample.at,
      lastAtMs: sample.atMs,
      lastViewers: sample.viewers,
      lastGameId: sample.gameId,
      lastGameName: sample.gameName,
    };
    const pieces: AirtimePiece[] =
      sample.atMs > startedAtMs
        ? [
            {
              fromMs: startedAtMs,
              toMs: sample.atMs,
              viewersFrom: sample.viewers,
              viewersTo: sample.viewers,
              gameId: sample.gameId,
              gameName: sample.gameName,
            },
          ]
        : [];
    return { kind: 'new-stream', pieces, cursor: next };
  }
  if (sample.atMs <= cursor.lastAtMs) return { kind: 'late' };
  // Written out rather than { ...cursor, … }: a spread copies the number fields only to overwrite
  // them, and this runs for every live sample in every projection that follows them.
  const next: LiveCursor = {
    streamId: cursor.streamId,
    startedAt: cursor.startedAt,
    startedAtMs: cursor.startedAtMs,
    lastAt: sample.at,
    lastAtMs: sample.atMs,
    lastViewers: sample.viewers,
    lastGameId: sample.gameId,
    lastGameName: sample.gameName,
  };
  if (sample.gameId === cursor.lastGameId) {
    const piece = {
      fromMs: cursor.lastAtMs,
      toMs: sample.atMs,
      viewersFrom: cursor.lastViewers,
      viewersTo: sample.viewers,
      gameId: sample.gameId,
      gameName: sample.gameName ?? cursor.lastGameName,
    };
    return { kind: 'next', pieces: [piece], cursor: next };
  }
  const midMs = cursor.lastAtMs + (sample.atMs - cursor.lastAtMs) / 2;
  const midViewers = (cursor.lastViewers + sample.viewers) / 2;
  return {
    kind: 'next',
    cursor: next,
    pieces: [
      {
        fromMs: cursor.lastAtMs,
        toMs: midMs,
        viewersFrom: cursor.lastViewers,
        viewersTo: midViewers,
        gameId: cursor.lastGameId,
        gameName: cursor.lastGameName,
      },
      {
        fromMs: midMs,
        toMs: sample.atMs,
        viewersFrom: midViewers,
        viewersTo: sample.viewers,
        gameId: sample.gameId,
        gameName: sample.gameName,
      },
    ],
  };
}

/**
 * The stream went offline, last seen live at `lastSampledAtMs`: the flat tail after the cursor's
 * last sample, if the offline event knows a later one. Null when the event is not about the
 * cursor's stream.
 */
export function advanceByOffline(
  cursor: LiveCursor | null,
  streamId: string,
  lastSampledAt: string,
): { pieces: AirtimePiece[]; cursor: LiveCursor } | null {
  if (!cursor || cursor.streamId !== streamId) return null;
  const lastSampledAtMs = timeMs(lastSampledAt);
  if (lastSampledAtMs <= cursor.lastAtMs) return { pieces: [], cursor };
  const piece = {
    fromMs: cursor.lastAtMs,
    toMs: lastSampledAtMs,
    viewersFrom: cursor.lastViewers,
    viewersTo: cursor.lastViewers,
    gameId: cursor.lastGameId,
    gameName: cursor.lastGameName,
  };
  const next: LiveCursor = {
    streamId: cursor.streamId,
    startedAt: cursor.startedAt,
    startedAtMs: cursor.startedAtMs,
    lastAt: isoTime(lastSampledAt),
    lastAtMs: lastSampledAtMs,
    lastViewers: cursor.lastViewers,
    lastGameId: cursor.lastGameId,
    lastGameName: cursor.lastGameName,
  };
  return { pieces: [piece], cursor: next };
}

export const pieceHours = (piece: AirtimePiece): number => (piece.toMs - piece.fromMs) / HOUR_MS;

/** Viewer-hours under the piece (the line's average times its length). */
export const pieceViewerHours = (piece: AirtimePiece): number =>
  ((piece.viewersFrom + piece.viewersTo) / 2) * pieceHours(piece);

/** Calls `visit` with the parts of `piece` on either side of each boundary `nextBoundary` gives (viewers interpolated). */
export function splitPiece(
  piece: AirtimePiece,
  nextBoundary: (ms: number) => number,
  visit: (part: AirtimePiece) => void,
): void {
  let fromMs = piece.fromMs;
  let viewersFrom = piece.viewersFrom;
  const slope = piece.toMs > piece.fromMs ? (piece.viewersTo - piece.viewersFrom) / (piece.toMs - piece.fromMs) : 0;
  while (fromMs < piece.toMs) {
    const boundary = nextBoundary(fromMs);
    if (boundary >= piece.toMs) {
      visit({
        fromMs,
        toMs: piece.toMs,
        viewersFrom,
        viewersTo: piece.viewersTo,
        gameId: piece.gameId,
        gameName: piece.gameName,
      });
      return;
    }
    const viewersAt = piece.viewersFrom + slope * (boundary - piece.fromMs);
    visit({
      fromMs,
      toMs: boundary,
      viewersFrom,
      viewersTo: viewersAt,
      gameId: piece.gameId,
      gameName: piece.gameName,
    });
    fromMs = boundary;
    viewersFrom = viewersAt;
  }
}
