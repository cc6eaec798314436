import { canonicalTimeZone } from './time-zone.js';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
  ])('accepts %s as %s', (input, expected) => {
    expect(canonicalTimeZone(input)).toBe(expected);
  });

  it.each([
    'Mars/Olympus',
    'Europe/Atlantis',
    'EST',
    'CEST',
    '+02:00',
    'UTC+2',
    '',
    ' ',
    'Europe/Berlin; DROP TABLE',
    'A/'.repeat(40),
    42,
    null,
    undefined,
    ['Europe/Berlin'],
  ])('refuses %p', (input) => {
    expect(canonicalTimeZone(input)).toBeUndefined();
  });
});
