import { BackfillInputError, checkChannels, checkKinds, checkRange, resolveChannels } from './backfill-input.js';

const NOW = new Date('2026-02-10T20:00:00Z');
const refused = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(BackfillInputError);
    return (error as Error).message;
  }
  throw new Error('expected a BackfillInputError');
};

describe('what a backfill may ask', () => {
  it('accepts a past range up to today', () => {
    expect(checkRange('2025-01-01', '2026-02-10', NOW)).toEqual({ from: '2025-01-01', to: '2026-02-10' });
  });

  it('refuses from after to, future days, over 10 years, and non-dates, saying which', () => {
    expect(refused(() => checkRange('2025-03-02', '2025-03-01', NOW))).toContain('is after');
    expect(refused(() => checkRange('2026-02-01', '2026-02-11', NOW))).toContain('in the future');
    expect(refused(() => checkRange('2016-02-09', '2026-02-10', NOW))).toContain('longer than 10 years');
    expect(checkRange('2016-02-10', '2026-02-10', NOW).from).toBe('2016-02-10');
    expect(refused(() => checkRange('2025-02-30', '2025-03-01', NOW))).toContain('not a calendar day');
    expect(refused(() => checkRange('yesterday', '2025-03-01', NOW))).toContain('YYYY-MM-DD');
  });

  it('kinds default to all; unknown kinds and unknown channels are named', () => {
    expect(checkKinds(undefined)).toEqual(['followers', 'videos', 'clips']);
    expect(checkKinds(['clips', 'clips'])).toEqual(['clips']);
    expect(refused(() => checkKinds(['followers', 'subs']))).toContain('"subs"');
    expect(refused(() => checkChannels([]))).toContain('"channels"');
    expect(resolveChannels('all', ['1', '2'])).toEqual(['1', '2']);
    expect(refused(() => resolveChannels(['1', '9'], ['1', '2']))).toContain('9');
  });
});
