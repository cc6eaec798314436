import { absoluteChange, averageViewers, percentChange, trendOf } from './metric-change.js';

describe('metric change arithmetic', () => {
  it('is unknown when either side is unknown', () => {
    expect(absoluteChange(null, 5)).toBeNull();
    expect(absoluteChange(5, null)).toBeNull();
    expect(percentChange(5, null)).toBeNull();
  });

  it('gives no percentage against zero (growth from nothing has no ratio)', () => {
    expect(absoluteChange(7, 0)).toBe(7);
    expect(percentChange(7, 0)).toBeNull();
  });

  it('rounds percentages to two decimals', () => {
    expect(percentChange(110, 100)).toBe(10);
    expect(percentChange(1, 3)).toBe(-66.67);
  });

  it('trend follows the sign; unknown or no change is flat', () => {
    expect([trendOf(3), trendOf(-0.5), trendOf(0), trendOf(null)]).toEqual(['up', 'down', 'flat', 'flat']);
  });

  it('average viewers are viewer-hours per hour streamed, none when nothing was streamed', () => {
    expect(averageViewers(30, 4)).toBe(7.5);
    expect(averageViewers(0, 0)).toBeNull();
    expect(averageViewers(null, 3)).toBeNull();
  });
});
