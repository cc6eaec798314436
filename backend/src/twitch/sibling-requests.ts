/**
 * The batches (or filters) of one list call succeed together or not at all: once one fails for
 * good the call has failed, so its siblings are cancelled instead of retrying and spending the
 * rate budget on a result nobody will use.
 */
export function allOrNothing<T>(tasks: ReadonlyArray<(signal: AbortSignal) => Promise<T>>): Promise<T[]> {
  const siblings = new AbortController();
  return Promise.all(
    tasks.map((task) =>
      task(siblings.signal).catch((error: unknown) => {
        if (!siblings.signal.aborted) siblings.abort(error);
        throw error;
      }),
    ),
  );
}
