/**
 * Live streams of a simulated channel: sessions follow the weekly schedule (with skipped days and
 * late starts), and within a session the viewer count, game and title change with time.
 */
import { SIM_GAMES, TITLE_OPENERS } from './sim-catalog.js';
import { boundedMemo } from './memo.js';
import { hash32, intBetween, pick, smoothNoise, unit } from './prng.js';
import { MINUTE_MS, WEEK_MS, type SimChannel } from './sim-world.js';

export interface StreamSegment {
  startMs: number;
  gameId: string;
  title: string;
}

export interface StreamSession {
  id: string;
  channel: SimChannel;
  startMs: number;
  endMs: number;
  /** This session's audience relative to the channel's average (good and bad days). */
  dayFactor: number;
  segments: StreamSegment[];
}

export function gameName(gameId: string): string {
  return SIM_GAMES.find((g) => g.id === gameId)?.name ?? 'Just Chatting';
}

const sessionMemo = boundedMemo<StreamSession | null>(200_000);

function sessionFor(channel: SimChannel, seed: number, week: number, slotIndex: number): StreamSession | undefined {
  return (
    sessionMemo(
      `${seed}:${channel.id}:${week}:${slotIndex}`,
      () => computeSession(channel, seed, week, slotIndex) ?? null,
    ) ?? undefined
  );
}

function computeSession(channel: SimChannel, seed: number, week: number, slotIndex: number): StreamSession | undefined {
  const slot = channel.schedule[slotIndex];
  if (!slot || unit(seed, channel.id, week, slotIndex, 'skip') < 0.12) return undefined;
  const lateByMinutes = intBetween(0, 25, seed, channel.id, week, slotIndex, 'late');
  const startMs = week * WEEK_MS + (slot.startMinuteOfWeek + lateByMinutes) * MINUTE_MS;
  const lengthFactor = 0.75 + unit(seed, channel.id, week, slotIndex, 'len') * 0.5;
  const endMs = startMs + Math.round(slot.durationMinutes * lengthFactor) * MINUTE_MS;
  // Nobody streamed on the channel before it existed.
  if (startMs < channel.createdAt.getTime()) return undefined;
  const id = `${hash32(seed, channel.id, startMs, 'a')}${String(hash32(seed, channel.id, startMs, 'b') % 100).padStart(2, '0')}`;
  const segmentCount = intBetween(1, Math.min(3, channel.gameIds.length), seed, id, 'segments');
  const segments: StreamSegment[] = [];
  for (let s = 0; s < segmentCount; s++) {
    const gameId = s === 0 ? pick(channel.gameIds, seed, id, 'game0') : pick(channel.gameIds, seed, id, 'game', s);
    const segmentStart = s === 0 ? startMs : startMs + Math.round(((endMs - startMs) * s) / segmentCount);
    segments.push({
      startMs: segmentStart,
      gameId,
      title: `${pick(TITLE_OPENERS, seed, id, 'title', s)} ${gameName(gameId)} | !socials`,
    });
  }
  return { id, channel, startMs, endMs, dayFactor: 0.7 + unit(seed, id, 'day') * 0.6, segments };
}

/** Sessions overlapping [fromMs, toMs), oldest first. */
export function sessionsBetween(channel: SimChannel, seed: number, fromMs: number, toMs: number): StreamSession[] {
  const sessions: StreamSession[] = [];
  // A session may start in the week before `fromMs` and still be running.
  for (let week = Math.floor(fromMs / WEEK_MS) - 1; week <= Math.floor(toMs / WEEK_MS); week++) {
    for (let slot = 0; slot < channel.schedule.length; slot++) {
      const session = sessionFor(channel, seed, week, slot);
      if (session && session.endMs > fromMs && session.startMs < toMs) sessions.push(session);
    }
  }
  return sessions.sort((a, b) => a.startMs - b.startMs);
}

export function liveSessionAt(channel: SimChannel, seed: number, timeMs: number): StreamSession | undefined {
  return sessionsBetween(channel, seed, timeMs, timeMs + 1).find((s) => s.startMs <= timeMs && timeMs < s.endMs);
}

export function segmentAt(session: StreamSession, timeMs: number): StreamSegment {
  let current = session.segments[0];
  for (const segment of session.segments) if (segment.startMs <= timeMs) current = segment;
  if (!current) throw new Error(`session ${session.id} has no segments`);
  return current;
}

/** Viewers ramp up over the first 15 %, hold, and drift down in the last 40 %, with 5-minute noise. */
export function viewersAt(session: StreamSession, seed: number, timeMs: number): number {
  const progress = (timeMs - session.startMs) / (session.endMs - session.startMs);
  const rampUp = Math.min(1, Math.max(0.05, progress / 0.15));
  const fadeOut = 1 - 0.35 * Math.max(0, (progress - 0.6) / 0.4);
  const noise = smoothNoise(timeMs, 5 * MINUTE_MS, seed, session.id, 'viewers');
  const viewers = session.channel.averageViewers * session.dayFactor * rampUp * fadeOut * (1 + 0.1 * noise);
  return Math.max(0, Math.round(viewers));
}

export function peakViewers(session: StreamSession): number {
  return Math.round(session.channel.averageViewers * session.dayFactor * 1.1);
}
