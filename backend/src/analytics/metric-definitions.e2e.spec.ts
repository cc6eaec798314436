/**
 * Every number in the API is defined in its OpenAPI description (how it is computed, its unit,
 * what null means): the document the backend serves has no numeric property without one.
 */
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { undescribedNumbers } from '../testing/undescribed-numbers.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { readJson } from '../testing/read-json.js';

describe('metric definitions', () => {
  let system: TestSystem | undefined;
  afterAll(() => stopIfStarted(system));

  test('no numeric field of the OpenAPI document lacks a description', async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0', LIVE_POLL_MINUTES: '0' }, { recordDemo: false });
    const response = await system.get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(undescribedNumbers(await readJson<Parameters<typeof undescribedNumbers>[0]>(response))).toEqual([]);
  });
});
