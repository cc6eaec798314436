/**
 * How long a test waits for a condition before it gives up. Generous on purpose: a test waits on a
 * condition, never on the machine's speed, and CI runs on two busy cores (with another suite beside
 * it, a step that takes seconds on a quiet machine can take a minute). A deadline only bounds a hang.
 */
export const CONDITION_DEADLINE_MS = 5 * 60_000;

/** The deadline of one test or hook, beyond the conditions it waits for. */
export const TEST_DEADLINE_MS = 10 * 60_000;

/**
 * A Helix request's socket timeout in tests that do not test timeouts: long enough that a slow
 * answer on a busy machine is waited for, never retried (a retry sleeps on the simulated clock and
 * moves it, so what a test records would depend on the machine's speed).
 */
export const REQUEST_DEADLINE_MS = 60_000;
