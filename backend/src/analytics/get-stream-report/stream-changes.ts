/**
 * Where a stream's game or title changed, read off its live samples in time order. A change is
 * marked at the first sample that shows it (Twitch says nothing about the moment in between); the
 * stream's first game and title are its start, not changes.
 */
export interface SamplePoint {
  at: string;
  viewers: number;
  gameId: string;
  gameName: string | null;
  title: string | null;
}

export interface StreamChange {
  at: string;
  kind: 'game' | 'title';
  from: string | null;
  to: string | null;
}

/** One stretch of the stream in one game, from its first sample to the next game's first sample (or the end). */
export interface GameSpan {
  gameId: string;
  gameName: string | null;
  from: string;
  to: string;
}

export function streamChanges(samples: readonly SamplePoint[]): StreamChange[] {
  const changes: StreamChange[] = [];
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1];
    const now = samples[i];
    if (!before || !now) continue;
    if (now.gameId !== before.gameId)
      changes.push({
        at: now.at,
        kind: 'game',
        from: before.gameName ?? before.gameId,
        to: now.gameName ?? now.gameId,
      });
    // A sample without a title (Helix left it out) changes nothing.
    if (now.title !== null && before.title !== null && now.title !== before.title)
      changes.push({ at: now.at, kind: 'title', from: before.title, to: now.title });
  }
  return changes;
}

/** The stream cut into its games: the first span starts at the stream's start, the last ends at its end. */
export function gameSpans(samples: readonly SamplePoint[], startedAt: string, endedAt: string): GameSpan[] {
  const spans: GameSpan[] = [];
  for (const sample of samples) {
    const last = spans[spans.length - 1];
    if (last && last.gameId === sample.gameId) {
      last.gameName ??= sample.gameName;
      continue;
    }
    if (last) last.to = sample.at;
    spans.push({ gameId: sample.gameId, gameName: sample.gameName, from: last ? sample.at : startedAt, to: endedAt });
  }
  return spans;
}
