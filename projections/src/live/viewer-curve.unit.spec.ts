import { sample } from '../testing/channel-events.js';
import {
  advanceByOffline,
  advanceBySample,
  pieceHours,
  pieceViewerHours,
  sampleInput,
  splitPiece,
  type AirtimePiece,
  type LiveCursor,
} from './viewer-curve.js';
import { must } from '../must.js';

const input = (
  at: string,
  viewers: number,
  game: readonly [string, string] = ['1', 'A'],
  startedAt = '2026-06-01T20:00:00Z',
) => sampleInput(sample('c', 's1', startedAt, at, viewers, game));
/** Rounded to a millionth: the figures are sums of floating-point hours. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const viewerMinutes = (pieces: AirtimePiece[]) => round(pieces.reduce((sum, p) => sum + pieceViewerHours(p) * 60, 0));
const minutes = (pieces: AirtimePiece[]) => round(pieces.reduce((sum, p) => sum + pieceHours(p) * 60, 0));

function cursorAfter(...samples: ReturnType<typeof input>[]): LiveCursor {
  let cursor: LiveCursor | null = null;
  for (const s of samples) {
    const outcome = advanceBySample(cursor, s);
    if (outcome.kind === 'late') throw new Error('late');
    cursor = outcome.cursor;
  }
  return must(cursor, 'cursor');
}

describe('the viewer curve', () => {
  it('is flat at the first sample from the stream start (10 min × 100 viewers = 1000 viewer-minutes)', () => {
    const outcome = advanceBySample(null, input('2026-06-01T20:10:00.000Z', 100));
    expect(outcome.kind).toBe('new-stream');
    if (outcome.kind === 'late') return;
    expect([minutes(outcome.pieces), viewerMinutes(outcome.pieces)]).toEqual([10, 1000]);
  });

  it('is a straight line between samples (100 then 200 viewers, 20 min apart: 150 on average, 3000 viewer-minutes)', () => {
    const outcome = advanceBySample(
      cursorAfter(input('2026-06-01T20:10:00.000Z', 100)),
      input('2026-06-01T20:30:00.000Z', 200),
    );
    if (outcome.kind === 'late') throw new Error('late');
    expect([minutes(outcome.pieces), viewerMinutes(outcome.pieces)]).toEqual([20, 3000]);
  });

  it('puts a game change half-way between the two samples that saw it', () => {
    const outcome = advanceBySample(
      cursorAfter(input('2026-06-01T20:30:00.000Z', 200, ['1', 'A'])),
      input('2026-06-01T20:50:00.000Z', 100, ['2', 'B']),
    );
    if (outcome.kind === 'late') throw new Error('late');
    // 20:30–20:40 goes from 200 to 150 (avg 175), 20:40–20:50 from 150 to 100 (avg 125).
    expect(outcome.pieces.map((p) => [p.gameId, round(pieceHours(p) * 60), round(pieceViewerHours(p) * 60)])).toEqual([
      ['1', 10, 1750],
      ['2', 10, 1250],
    ]);
  });

  it('ignores a repeated or older sample, and a sample of an older stream', () => {
    const cursor = cursorAfter(input('2026-06-01T20:30:00.000Z', 200));
    expect(advanceBySample(cursor, input('2026-06-01T20:30:00.000Z', 250)).kind).toBe('late');
    expect(advanceBySample(cursor, input('2026-06-01T20:20:00.000Z', 250)).kind).toBe('late');
    const older = sampleInput(sample('c', 's0', '2026-06-01T18:00:00Z', '2026-06-01T20:40:00.000Z', 5));
    expect(advanceBySample(cursor, older).kind).toBe('late');
  });

  it('ends flat at the last value up to the last sample the offline event reports', () => {
    const cursor = cursorAfter(input('2026-06-01T20:30:00.000Z', 200));
    const tail = must(
      advanceByOffline(cursor, 's1', '2026-06-01T20:36:00.000Z'),
      "advanceByOffline(cursor, 's1', '2026-06-01T20:36:00.000Z')",
    );
    expect([minutes(tail.pieces), viewerMinutes(tail.pieces)]).toEqual([6, 1200]);
    expect(advanceByOffline(cursor, 'other-stream', '2026-06-01T20:36:00.000Z')).toBeNull();
  });

  it('splits at boundaries with the viewers interpolated (60 → 100 over 23:40–00:20: 80 at midnight)', () => {
    const piece: AirtimePiece = {
      fromMs: Date.parse('2026-06-01T23:40:00Z'),
      toMs: Date.parse('2026-06-02T00:20:00Z'),
      viewersFrom: 60,
      viewersTo: 100,
      gameId: '1',
      gameName: 'A',
    };
    const parts: AirtimePiece[] = [];
    splitPiece(
      piece,
      (ms) => (Math.floor(ms / 86_400_000) + 1) * 86_400_000,
      (part) => parts.push(part),
    );
    expect(parts.map((p) => [new Date(p.fromMs).toISOString(), p.viewersFrom, p.viewersTo])).toEqual([
      ['2026-06-01T23:40:00.000Z', 60, 80],
      ['2026-06-02T00:00:00.000Z', 80, 100],
    ]);
  });
});
