import { formatConsistencyToken, InvalidConsistencyTokenError, parseConsistencyToken } from './consistency-token.js';

describe('consistency token', () => {
  it('round-trips a job id and a log position', () => {
    const token = { jobId: 'job_01J-abc', requestedAt: { commit: 123456789012n, prepare: 42n } };
    const text = formatConsistencyToken(token);
    expect(text).toBe('job_01J-abc.123456789012-42');
    expect(parseConsistencyToken(text)).toEqual(token);
  });

  it.each(['', 'nodot', '.1-2', 'job.', 'job.1', 'job.a-b', 'jo b.1-2', 'job.1-2-3'])(
    'rejects %j with a message that says what is expected',
    (text) => {
      expect(() => parseConsistencyToken(text)).toThrow(InvalidConsistencyTokenError);
      expect(() => parseConsistencyToken(text)).toThrow(/expected "<jobId>\.<commit>-<prepare>"/);
    },
  );
});
