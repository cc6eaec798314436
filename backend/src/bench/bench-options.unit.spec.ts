import { parseBenchOptions } from './bench-options.js';

const spec = { channels: { default: 1000, min: 1 }, share: { default: 1, min: 0, max: 1, integer: false } };

describe('benchmark options', () => {
  it('takes defaults, given numbers and flags', () => {
    expect(parseBenchOptions('x', [], spec, ['no-skip'])).toEqual({
      values: { channels: 1000, share: 1 },
      flags: new Set(),
    });
    expect(parseBenchOptions('x', ['--channels', '25', '--share', '0.5', '--no-skip'], spec, ['no-skip'])).toEqual({
      values: { channels: 25, share: 0.5 },
      flags: new Set(['no-skip']),
    });
  });

  it.each([
    [
      ['--chanels', '5'],
      /Unknown option '--chanels'[\s\S]*usage: npm run bench -- x \[--channels 1000\] \[--share 1\]/,
    ],
    [['--channels', 'ten'], /--channels needs a whole number \(got "ten"\)/],
    [['--channels', '1.5'], /--channels needs a whole number \(got "1.5"\)/],
    [['--channels', '0'], /--channels must be at least 1 \(got 0\)/],
    [['--share', '2'], /--share must be between 0 and 1 \(got 2\)/],
    [['--channels'], /--channels/],
    [['stray'], /stray/],
  ])('refuses %j with a message naming the option', (args, message) => {
    expect(() => parseBenchOptions('x', args, spec)).toThrow(message);
  });
});
