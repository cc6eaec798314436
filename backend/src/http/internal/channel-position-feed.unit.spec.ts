/**
 * The memory behind ETags' channel positions: it answers only what it knows all of (before its
 * load, for builds it may have missed notices of, and for builds a notice did not list the
 * channels of, it says "ask the database"), and positions only move forward.
 */
import { ChannelPositionMemory } from './channel-position-feed.js';

const loaded = () => {
  const memory = new ChannelPositionMemory();
  memory.load(
    [
      { build_id: 3, name: 'channel-analytics', channel_id: '42', position: '10-5' },
      { build_id: 3, name: 'channel-analytics', channel_id: '', position: '9-1' },
      { build_id: 4, name: 'stream-sessions', channel_id: null, position: null },
    ],
    5,
  );
  return memory;
};

describe('ChannelPositionMemory', () => {
  it('knows nothing before its load, and then the loaded builds: a position, or none yet (null)', () => {
    const memory = new ChannelPositionMemory();
    expect(memory.ready).toBe(false);
    expect(memory.positionOf(3, '42')).toBeUndefined();
    const ready = loaded();
    expect(ready.ready).toBe(true);
    expect(ready.positionOf(3, '42')).toBe('10-5');
    expect(ready.positionOf(3, '')).toBe('9-1');
    expect(ready.positionOf(3, '43')).toBeNull();
    expect(ready.positionOf(4, '42')).toBeNull();
    // Build 5 existed at the load but was left out (retired), 2 likewise: unknown.
    expect(ready.positionOf(5, '42')).toBeUndefined();
    expect(ready.positionOf(2, '42')).toBeUndefined();
  });

  it('moves the listed channels of a known build forward, never back', () => {
    const memory = loaded();
    memory.apply({ buildId: 3, position: '11-2', channels: ['42', '43'] });
    expect([memory.positionOf(3, '42'), memory.positionOf(3, '43'), memory.positionOf(3, '')]).toEqual([
      '11-2',
      '11-2',
      '9-1',
    ]);
    // A notice the load already included, delivered late: no step back.
    memory.apply({ buildId: 3, position: '10-9', channels: ['42'] });
    expect(memory.positionOf(3, '42')).toBe('11-2');
    // Compared as positions, not as text ('9-…' > '11-…' as text).
    memory.apply({ buildId: 3, position: '100-0', channels: ['42'] });
    expect(memory.positionOf(3, '42')).toBe('100-0');
  });

  it('applies the notices that came before the load after it, forward only', () => {
    const memory = new ChannelPositionMemory();
    memory.apply({ buildId: 3, position: '8-0', channels: ['42'] }); // older than the load
    memory.apply({ buildId: 3, position: '12-0', channels: [''] }); // newer
    memory.apply({ buildId: 6, position: '12-1', channels: ['7'] }); // a build created after the load
    expect(memory.positionOf(3, '42')).toBeUndefined();
    memory.load([{ build_id: 3, name: 'channel-analytics', channel_id: '42', position: '10-5' }], 5);
    expect([memory.positionOf(3, '42'), memory.positionOf(3, ''), memory.positionOf(6, '7')]).toEqual([
      '10-5',
      '12-0',
      '12-1',
    ]);
  });

  it('follows a build started after the load from its first notice, but not one it may have missed notices of', () => {
    const memory = loaded();
    memory.apply({ buildId: 7, position: '20-0', channels: ['42'] });
    expect([memory.positionOf(7, '42'), memory.positionOf(7, '1')]).toEqual(['20-0', null]);
    memory.apply({ buildId: 5, position: '20-1', channels: ['42'] });
    expect(memory.positionOf(5, '42')).toBeUndefined();
  });

  it('forgets a build whose notice did not list its channels (a replay commit): the database answers for it', () => {
    const memory = loaded();
    memory.apply({ buildId: 3, position: '30-0', channels: null });
    expect(memory.positionOf(3, '42')).toBeUndefined();
    expect(memory.positionOf(3, '1')).toBeUndefined();
    memory.apply({ buildId: 3, position: '31-0', channels: ['42'] });
    expect(memory.positionOf(3, '42')).toBeUndefined();
  });

  it('drops the builds below the active build of their projection, keeping the active ones and others', () => {
    const memory = loaded();
    memory.apply({ buildId: 7, position: '20-0', channels: ['42'] });
    expect(memory.knownBuilds()).toEqual([3, 4, 7]);
    memory.activeBuildsAre(new Map([['channel-analytics', 7]]));
    expect(memory.knownBuilds()).toEqual([4, 7]);
  });
});

describe('ChannelPositionMemory reloads', () => {
  it('reloads a build it does not know, merging the notices that came meanwhile, forward only', () => {
    const memory = loaded();
    memory.apply({ buildId: 3, position: '30-0', channels: null });
    const ticket = memory.reloadStarts(3);
    expect(ticket).toBeDefined();
    // One reload at a time, and none of a build it knows.
    expect(memory.reloadStarts(3)).toBeUndefined();
    expect(memory.reloadStarts(4)).toBeUndefined();
    memory.apply({ buildId: 3, position: '31-0', channels: ['42'] });
    expect(memory.positionOf(3, '42')).toBeUndefined();
    memory.reloaded(3, ticket ?? new Map<string, string>(), [
      { channel_id: '42', position: '30-0' },
      { channel_id: '1', position: '30-0' },
    ]);
    expect([memory.positionOf(3, '42'), memory.positionOf(3, '1'), memory.positionOf(3, '2')]).toEqual([
      '31-0',
      '30-0',
      null,
    ]);
  });

  it('ignores a reload overtaken by a notice without channels, and one that failed', () => {
    const memory = loaded();
    const first = memory.reloadStarts(5) ?? new Map<string, string>();
    memory.apply({ buildId: 5, position: '40-0', channels: null });
    const second = memory.reloadStarts(5) ?? new Map<string, string>();
    expect(second).not.toBe(first);
    // The first reload read before that commit: it must not complete the second.
    memory.reloaded(5, first, [{ channel_id: '42', position: '39-0' }]);
    expect(memory.positionOf(5, '42')).toBeUndefined();
    memory.reloadFailed(5, first);
    memory.reloaded(5, second, [{ channel_id: '42', position: '40-0' }]);
    expect(memory.positionOf(5, '42')).toBe('40-0');

    const failed = memory.reloadStarts(2) ?? new Map<string, string>();
    memory.reloadFailed(2, failed);
    expect(memory.reloadStarts(2)).toBeDefined();
  });
});
