/**
 * Reading a Helix query string the way Helix does: repeated parameters for lists, at most 100
 * values, `first` within its bounds, `after`/`before` never together. Violations are 400s.
 */
export class HelixBadRequest extends Error {}

/** Helix's 404: e.g. /videos?id=… where no id exists, or a game_id no game has. */
export class HelixNotFound extends Error {}

export interface PageRequest {
  first: number;
  after: string | undefined;
  before: string | undefined;
}

export class HelixQuery {
  constructor(readonly params: URLSearchParams) {}

  /** Every value of a repeated parameter, rejecting more than `max`. */
  list(name: string, max = 100): string[] {
    const values = this.params.getAll(name).filter((v) => v !== '');
    if (values.length > max) throw new HelixBadRequest(`The number of ${name} parameters must not exceed ${max}`);
    return values;
  }

  one(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) throw new HelixBadRequest(`Only one ${name} parameter may be specified`);
    return values[0] === '' ? undefined : values[0];
  }

  required(name: string): string {
    const value = this.one(name);
    if (value === undefined) throw new HelixBadRequest(`Missing required parameter "${name}"`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.one(name);
    if (value !== undefined && !allowed.includes(value as T)) throw new HelixBadRequest(`Invalid ${name}: ${value}`);
    return value as T | undefined;
  }

  time(name: string): number | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms))
      throw new HelixBadRequest(`${name} must be an RFC3339 date-time`);
    return ms;
  }

  page(maxFirst = 100): PageRequest {
    const rawFirst = this.one('first');
    const first = rawFirst === undefined ? 20 : Number(rawFirst);
    if (!Number.isInteger(first) || first < 1 || first > maxFirst)
      throw new HelixBadRequest(`first must be between 1 and ${maxFirst}`);
    const after = this.one('after');
    const before = this.one('before');
    if (after !== undefined && before !== undefined)
      throw new HelixBadRequest('after and before are mutually exclusive');
    return { first, after, before };
  }

  exclusive(names: readonly string[]): void {
    const present = names.filter((n) => this.params.has(n));
    if (present.length > 1) throw new HelixBadRequest(`The ${present.join(', ')} parameters are mutually exclusive`);
  }
}
