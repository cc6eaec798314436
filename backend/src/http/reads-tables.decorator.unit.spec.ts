import { allProjections } from '@creatorsync/projections';
import { projectionsReading } from './reads-tables.decorator.js';

describe('projectionsReading', () => {
  it('names each projection owning a table once, sorted', () => {
    expect(projectionsReading(['channel_analytics', 'channel_analytics_state', 'account_channels'])).toEqual([
      'account-channels',
      'channel-analytics',
    ]);
  });

  it('fails at start for a table no projection owns, listing the read tables', () => {
    expect(() => projectionsReading(['channel_analytics', 'chanel_profiles'])).toThrow(
      /no projection owns chanel_profiles; read tables: .*channel_profiles/,
    );
    expect(() => projectionsReading([])).toThrow(/no projection owns/);
  });

  it('resolves every table of every projection', () => {
    for (const projection of allProjections) {
      expect(projectionsReading(projection.tables.map((t) => t.name))).toEqual([projection.name]);
    }
  });
});
