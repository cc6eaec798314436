import { viewsGained, type ViewsSubject } from './views-gained.js';

const video = (overrides: Partial<ViewsSubject>): ViewsSubject => ({
  created_at: '2026-06-01T12:00:00.000Z',
  views: 1000,
  view_history: [],
  first_seen_at: '2026-06-01T12:00:00.000Z',
  first_views: 0,
  ...overrides,
});

describe('viewsGained', () => {
  it('is views now minus the last count on or before the day N days before today, however old the last fetch', () => {
    const v = video({
      views: 150,
      view_history: [
        { day: '2026-06-01', views: 100 },
        { day: '2026-06-08', views: 150 },
      ],
    });
    // As of the 8th the last day gained 50; as of the 12th, nothing changed over the last day.
    expect(viewsGained(v, '2026-06-08', 1)).toEqual({ gained: 50, estimated: false });
    expect(viewsGained(v, '2026-06-12', 1)).toEqual({ gained: 0, estimated: false });
  });

  it('a video created inside the window gained all its views', () => {
    const v = video({
      created_at: '2026-06-05T10:00:00.000Z',
      views: 300,
      view_history: [{ day: '2026-06-06', views: 300 }],
    });
    expect(viewsGained(v, '2026-06-08', 7)).toEqual({ gained: 300, estimated: false });
  });

  it('a video created just before the window and first seen inside it: the start count is interpolated, not dropped', () => {
    // Created Jun 1 00:00; the 7-day window as of Jun 9 starts Jun 3 00:00; first seen Jun 5 00:00 at 400 views.
    const v = video({
      created_at: '2026-06-01T00:00:00.000Z',
      first_seen_at: '2026-06-05T00:00:00.000Z',
      first_views: 400,
      views: 700,
      view_history: [
        { day: '2026-06-05', views: 400 },
        { day: '2026-06-09', views: 700 },
      ],
    });
    // At the start, 2 of the 4 days to the first count had passed: 200 views; 700 − 200 gained.
    expect(viewsGained(v, '2026-06-09', 7)).toEqual({ gained: 500, estimated: true });
  });

  it('is null when neither a count before the window nor the first count is known', () => {
    const v = video({
      created_at: '2026-05-01T00:00:00.000Z',
      first_views: null,
      view_history: [{ day: '2026-06-05', views: 9 }],
    });
    expect(viewsGained(v, '2026-06-09', 7)).toEqual({ gained: null, estimated: false });
  });
});
