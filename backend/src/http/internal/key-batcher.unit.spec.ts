/**
 * The batcher behind the shared rate limit: requests that arrive while a batch is in flight go
 * together in the next one (one round trip for many requests), a lone request goes at once, one
 * key is never twice in a batch, and each request gets its own key's result or the batch's error.
 */
import { KeyBatcher } from './key-batcher.js';

/** A runner whose batches are answered by hand, recording the keys of each. */
function manualRunner() {
  const batches: string[][] = [];
  const answers: Array<{ resolve: (results: Map<string, string>) => void; reject: (error: Error) => void }> = [];
  const run = (keys: readonly string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      batches.push([...keys]);
      answers.push({ resolve, reject });
    });
  /** Answers batch `i` with `<key>#<i>` for each key. */
  const answer = (i: number) => {
    const keys = batches[i] ?? [];
    answers[i]?.resolve(new Map(keys.map((key) => [key, `${key}#${i}`])));
  };
  return { batches, answers, run, answer };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));
/** Sends at once instead of at the end of the turn: the tests of what happens between batches. */
const atOnce = (send: () => void) => send();

describe('KeyBatcher', () => {
  it('sends the requests of one event-loop turn together, at its end, and a lone one then too', async () => {
    const runner = manualRunner();
    const turnEnds: Array<() => void> = [];
    const batcher = new KeyBatcher(runner.run, 1000, (send) => turnEnds.push(send));
    const sameTurn = ['a', 'b', 'c'].map((key) => batcher.submit(key));
    expect(runner.batches).toEqual([]);
    expect(turnEnds).toHaveLength(1);
    turnEnds[0]?.();
    expect(runner.batches).toEqual([['a', 'b', 'c']]);
    runner.answer(0);
    expect(await Promise.all(sameTurn)).toEqual(['a#0', 'b#0', 'c#0']);
    await settled();
    const lone = batcher.submit('d');
    expect(turnEnds).toHaveLength(2);
    turnEnds[1]?.();
    runner.answer(1);
    expect(await lone).toBe('d#1');
    expect(runner.batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('by default sends at the end of the turn (setImmediate), not later', async () => {
    const runner = manualRunner();
    const batcher = new KeyBatcher(runner.run);
    const results = [batcher.submit('a'), batcher.submit('b')];
    expect(runner.batches).toEqual([]);
    await settled();
    expect(runner.batches).toEqual([['a', 'b']]);
    runner.answer(0);
    expect(await Promise.all(results)).toEqual(['a#0', 'b#0']);
  });

  it('sends a lone request at once, and the requests arriving meanwhile together as the next batch', async () => {
    const runner = manualRunner();
    const batcher = new KeyBatcher(runner.run, 1000, atOnce);
    const first = batcher.submit('a');
    expect(runner.batches).toEqual([['a']]);
    const waiting = ['b', 'c', 'd'].map((key) => batcher.submit(key));
    // Nothing more goes while the first batch is in flight.
    expect(runner.batches).toEqual([['a']]);
    runner.answer(0);
    expect(await first).toBe('a#0');
    await settled();
    expect(runner.batches).toEqual([['a'], ['b', 'c', 'd']]);
    runner.answer(1);
    expect(await Promise.all(waiting)).toEqual(['b#1', 'c#1', 'd#1']);
  });

  it('puts a key at most once in a batch: a second request for it waits for the batch after', async () => {
    const runner = manualRunner();
    const batcher = new KeyBatcher(runner.run, 1000, atOnce);
    const results = [batcher.submit('x'), batcher.submit('x'), batcher.submit('y'), batcher.submit('x')];
    for (let i = 0; i < 3; i++) {
      await settled();
      runner.answer(i);
    }
    expect(runner.batches).toEqual([['x'], ['x', 'y'], ['x']]);
    expect(await Promise.all(results)).toEqual(['x#0', 'x#1', 'y#1', 'x#2']);
  });

  it('holds at most maxBatch keys in a batch', async () => {
    const runner = manualRunner();
    const batcher = new KeyBatcher(runner.run, 2, atOnce);
    const results = ['a', 'b', 'c', 'd', 'e'].map((key) => batcher.submit(key));
    for (let i = 0; i < 3; i++) {
      await settled();
      runner.answer(i);
    }
    expect(runner.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    expect(await Promise.all(results)).toEqual(['a#0', 'b#1', 'c#1', 'd#2', 'e#2']);
  });

  it('rejects every request of a failed batch with its error, and the next batch still goes', async () => {
    const runner = manualRunner();
    const batcher = new KeyBatcher(runner.run, 1000, atOnce);
    const first = batcher.submit('a');
    const second = [batcher.submit('b'), batcher.submit('c')];
    runner.answers[0]?.reject(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settled();
    runner.answers[1]?.reject(new Error('still lost'));
    for (const request of second) await expect(request).rejects.toThrow('still lost');
    const third = batcher.submit('d');
    expect(runner.batches).toEqual([['a'], ['b', 'c'], ['d']]);
    runner.answer(2);
    expect(await third).toBe('d#2');
  });

  it('rejects a request whose key the batch left out of its results', async () => {
    const batcher = new KeyBatcher<string, string>(() => Promise.resolve(new Map()), 1000, atOnce);
    await expect(batcher.submit('a')).rejects.toThrow('batch returned no result for a');
  });
});
