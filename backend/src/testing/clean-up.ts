/**
 * For `afterAll`/`afterEach`: stop, close or drop (a test database) what `beforeAll` started. Specs declare
 * `let system: TestSystem` and assign it in `beforeAll`; when `beforeAll` fails first, the variable
 * is still undefined although its type says otherwise, and the real failure must not be buried
 * under a TypeError from the clean-up. The parameter types say so where the variables cannot.
 */
export async function stopIfStarted(started: { stop(): unknown } | undefined): Promise<void> {
  await started?.stop();
}

export async function closeIfOpened(opened: { close(): unknown } | undefined): Promise<void> {
  await opened?.close();
}

export async function dropIfCreated(created: { drop(): unknown } | undefined): Promise<void> {
  await created?.drop();
}
