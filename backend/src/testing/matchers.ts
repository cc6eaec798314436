/**
 * Jest's asymmetric matchers (`expect.any(Number)`, `expect.objectContaining(...)`) are typed `any`,
 * so an expected object built from them is `any` too and no longer checked. These return the same
 * matchers as `unknown`, which `toEqual`/`toMatchObject` accept like any other expected value.
 */
export function anyOf(type: abstract new (...args: never[]) => unknown): unknown {
  return expect.any(type);
}

export function anything(): unknown {
  return expect.anything();
}

export function objectContaining(object: Record<string, unknown>): unknown {
  return expect.objectContaining(object);
}

export function arrayContaining(array: readonly unknown[]): unknown {
  return expect.arrayContaining(array);
}

export function stringContaining(text: string): unknown {
  return expect.stringContaining(text);
}

export function stringMatching(pattern: string | RegExp): unknown {
  return expect.stringMatching(pattern);
}
