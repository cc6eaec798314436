import { demoHistoryProgress } from './demo-history-progress.js';

describe('demo history progress', () => {
  it('counts the day being recorded from 1 while recording', () => {
    expect(demoHistoryProgress(0, 90)).toEqual({ recording: true, day: 1, days: 90, failed: null });
    expect(demoHistoryProgress(41, 90)).toEqual({ recording: true, day: 42, days: 90, failed: null });
  });

  it('is done once every day has ended, also when later starts recorded more', () => {
    expect(demoHistoryProgress(90, 90)).toEqual({ recording: false, day: 90, days: 90, failed: null });
    expect(demoHistoryProgress(95, 90)).toEqual({ recording: false, day: 90, days: 90, failed: null });
  });

  it('records nothing without a demo', () => {
    expect(demoHistoryProgress(0, 0)).toEqual({ recording: false, day: 0, days: 0, failed: null });
  });

  it('stops recording when the seeder failed with days missing, and says why', () => {
    expect(demoHistoryProgress(41, 90, 'connect ECONNREFUSED')).toEqual({
      recording: false,
      day: 41,
      days: 90,
      failed: 'connect ECONNREFUSED',
    });
  });

  it('is done, not failed, when every day ended before the failure', () => {
    expect(demoHistoryProgress(90, 90, 'late failure')).toEqual({ recording: false, day: 90, days: 90, failed: null });
  });
});
