/**
 * Reads wall time for the figures a report prints (millis, time to catch).
 * The matrix never reads the wall clock itself: callers that report timings
 * (the CLI, the benchmark) pass one; without it every figure is 0 and the run
 * is fully deterministic, report included.
 */
export type Stopwatch = () => number;

export const NO_STOPWATCH: Stopwatch = () => 0;
