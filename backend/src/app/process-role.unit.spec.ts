import { parseRole, RoleError } from './process-role.js';

describe('parseRole', () => {
  it('defaults to all, takes ROLE, and --role wins over it', () => {
    expect(parseRole([], {})).toBe('all');
    expect(parseRole([], { ROLE: 'api' })).toBe('api');
    expect(parseRole(['--role', 'projector'], { ROLE: 'api' })).toBe('projector');
    expect(parseRole(['--role=api'], {})).toBe('api');
  });

  it('refuses an unknown role or argument, saying what is allowed', () => {
    expect(() => parseRole(['--role', 'worker'], {})).toThrow(
      /--role: expected one of all, api, projector, got "worker"/,
    );
    expect(() => parseRole([], { ROLE: 'x' })).toThrow(/ROLE: expected one of/);
    expect(() => parseRole(['--role'], {})).toThrow(RoleError);
    expect(() => parseRole(['--port', '1'], {})).toThrow(/Unknown argument "--port"/);
  });
});
