/**
 * Iterates an async source one step ahead: the next item (the next page of the log) is requested
 * before the current one is handed out, so the database reads it while the caller works.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const step = await next;
    if (step.done) return;
    next = iterator.next();
    // If the caller stops before taking it, its failure (the source was closed) is of no interest.
    next.catch(() => undefined);
    yield step.value;
  }
}
