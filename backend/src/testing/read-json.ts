/**
 * Typed bodies of our own API's answers in tests. `response.json()` is `any`, which lets a spec
 * read any property path unchecked; naming the DTO the endpoint declares makes the compiler check
 * every path a test reads, so a renamed field fails the typecheck instead of comparing undefined.
 */

/** An RFC 9457 problem details body, as every error of the API is answered (http/problem-details.filter.ts). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

/** The body as the DTO `T` the endpoint declares (the test trusts the API for the shape it then asserts on). */
export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The `detail` of an error answer. */
export async function problemDetail(response: Response): Promise<string> {
  return (await readJson<ProblemBody>(response)).detail;
}
