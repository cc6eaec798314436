/**
 * How long a test waits for a condition before it gives up. Generous on purpose: a test waits on a
 * condition, never on the machine's speed, and CI runs on two busy cores (with another suite beside
 * it, a step that takes seconds on a quiet machine can take a minute). A deadline only bounds a hang.
 */
export const CONDITION_DEADLINE_MS = 5 * 60_000;

/** The deadline of one test or hook, beyond the conditions it waits for. */
export const TEST_DEADLINE_MS = 10 * 60_000;
