import { streamCategories } from './stream-categories.js';

describe('stream categories from stream_sessions.games', () => {
  it("reads the projection's per-game entries, in order", () => {
    expect(
      streamCategories([
        { game_id: '509658', game_name: 'Just Chatting', hours: 1, hours_watched: 20 },
        { game_id: '32982', game_name: null, hours: 2, hours_watched: 5 },
      ]),
    ).toEqual([
      { id: '509658', name: 'Just Chatting' },
      { id: '32982', name: null },
    ]);
  });

  it('ignores what names no game and tolerates non-lists', () => {
    expect(streamCategories([null, 3, {}, 'Art'])).toEqual([{ id: null, name: 'Art' }]);
    expect(streamCategories(null)).toEqual([]);
  });
});
