import { planReplay, type ReplayCandidate } from './replay-mode.js';

const build = (name: string, facts: Partial<ReplayCandidate> = {}) => ({
  name,
  splitByChannel: false,
  canRunInWorker: false,
  fresh: true,
  partWayThroughSplit: false,
  ...facts,
});
const names = (plan: ReturnType<typeof planReplay<ReturnType<typeof build>>>) => ({
  split: plan.split.map((b) => b.name),
  together: plan.together.map((b) => b.name),
  alone: plan.alone.map((b) => b.name),
  cannotRunHere: plan.cannotRunHere.map((b) => b.name),
});

describe('planReplay', () => {
  it('replays one build alone, and several together (the log read once)', () => {
    expect(names(planReplay([build('a')]))).toEqual({ split: [], together: [], alone: ['a'], cannotRunHere: [] });
    expect(names(planReplay([build('a'), build('b')]))).toEqual({
      split: [],
      together: ['a', 'b'],
      alone: [],
      cannotRunHere: [],
    });
  });

  it('splits when a build gains from it, and takes along the builds a worker can load', () => {
    const plan = planReplay([
      build('by-channel', { splitByChannel: true, canRunInWorker: true }),
      build('whole', { canRunInWorker: true }),
      build('not-loadable'),
    ]);
    expect(names(plan)).toEqual({
      split: ['by-channel', 'whole'],
      together: [],
      alone: ['not-loadable'],
      cannotRunHere: [],
    });
  });

  it('does not split when no build gains from it', () => {
    const plan = planReplay([build('a', { canRunInWorker: true }), build('b', { canRunInWorker: true })]);
    expect(names(plan)).toEqual({ split: [], together: ['a', 'b'], alone: [], cannotRunHere: [] });
  });

  it('does not split without workers, or a build that has a checkpoint of its own', () => {
    expect(names(planReplay([build('a', { splitByChannel: true })])).alone).toEqual(['a']);
    const resumed = planReplay([build('a', { splitByChannel: true, canRunInWorker: true, fresh: false })]);
    expect(names(resumed)).toEqual({ split: [], together: [], alone: ['a'], cannotRunHere: [] });
  });

  it('goes on with a split replay part-way through, or leaves it to a process that can', () => {
    const resumable = build('a', { canRunInWorker: true, partWayThroughSplit: true });
    expect(names(planReplay([resumable, build('b', { canRunInWorker: true })])).split).toEqual(['a', 'b']);
    const stuck = build('a', { partWayThroughSplit: true });
    expect(names(planReplay([stuck, build('b')]))).toEqual({
      split: [],
      together: [],
      alone: ['b'],
      cannotRunHere: ['a'],
    });
  });
});
