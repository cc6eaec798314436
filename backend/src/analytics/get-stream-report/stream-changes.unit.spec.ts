import { gameSpans, streamChanges, type SamplePoint } from './stream-changes.js';

const at = (minute: number) => `2026-06-01T20:${String(minute).padStart(2, '0')}:00.000Z`;
const point = (minute: number, gameId: string, title: string | null, viewers = 10): SamplePoint => ({
  at: at(minute),
  viewers,
  gameId,
  gameName: gameId === '1' ? 'Minecraft' : gameId === '2' ? 'VALORANT' : null,
  title,
});

describe('stream changes', () => {
  const samples = [
    point(5, '1', 'Chill'),
    point(10, '1', 'Chill'),
    point(15, '2', 'Chill'),
    point(20, '2', 'Ranked'),
    point(25, '2', null), // Helix left the title out: no change
    point(30, '1', 'Ranked'),
  ];

  it('marks every game and title change at the first sample that shows it', () => {
    expect(streamChanges(samples)).toEqual([
      { at: at(15), kind: 'game', from: 'Minecraft', to: 'VALORANT' },
      { at: at(20), kind: 'title', from: 'Chill', to: 'Ranked' },
      { at: at(30), kind: 'game', from: 'VALORANT', to: 'Minecraft' },
    ]);
  });

  it('cuts the stream into spans per game, from its start to its end', () => {
    expect(gameSpans(samples, at(0), at(35))).toEqual([
      { gameId: '1', gameName: 'Minecraft', from: at(0), to: at(15) },
      { gameId: '2', gameName: 'VALORANT', from: at(15), to: at(30) },
      { gameId: '1', gameName: 'Minecraft', from: at(30), to: at(35) },
    ]);
  });

  it('has no changes and no spans without samples', () => {
    expect(streamChanges([])).toEqual([]);
    expect(gameSpans([], at(0), at(1))).toEqual([]);
  });
});
