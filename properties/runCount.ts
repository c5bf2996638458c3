/**
 * How many runs a property suite makes: its default, or `STREAMPROOF_RUNS`
 * when set (a positive integer) to explore more seeds in a long CI job.
 */
export function propertyRuns(defaultRuns: number): number {
  const raw = process.env.STREAMPROOF_RUNS;
  if (raw === undefined || raw === '') return defaultRuns;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new Error(
      `STREAMPROOF_RUNS must be a positive integer, got '${raw}'; unset it to use the defaults`,
    );
  }
  return Number(raw);
}
