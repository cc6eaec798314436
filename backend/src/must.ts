/**
 * The value, or a clear error naming what was missing. It states at the point of use that a value
 * cannot be absent there (a row the query just returned, a key the code just set), where `value!`
 * would let an `undefined` slip on and fail somewhere else.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`Expected ${what} to be present, found ${String(value)}`);
  return value;
}
