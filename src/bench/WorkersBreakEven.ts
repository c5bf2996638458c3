import type { MatrixWallTime } from './types.ts';

/** What two --workers comparisons at different runs per entry say about longer and shorter matrices. */
export interface WorkersBreakEven {
  /** Seconds every run of the matrix pays whatever its runs, per worker count (start-up and warm-up). */
  readonly fixedSeconds: { readonly workers1: number; readonly workers2: number };
  /** Seconds per 1000 runs per entry, per worker count. */
  readonly secondsPer1000Runs: { readonly workers1: number; readonly workers2: number };
  /** The speed-up of a matrix far longer than both (per-run costs only). */
  readonly longRunSpeedup: number;
  /** Runs per entry from which 2 workers are `target` times faster than 1; undefined (absent in JSON) when never. */
  readonly runsForTarget: number | undefined;
}

/**
 * Fits a straight line, wall time = fixed + per-run cost x runs, through the
 * medians of two comparisons for each worker count, and solves for the runs
 * per entry at which 2 workers are `target` times faster. An extrapolation
 * from two points: the report says so wherever it prints one.
 */
export function workersBreakEven(
  short: MatrixWallTime,
  long: MatrixWallTime,
  target: number,
): WorkersBreakEven | undefined {
  const span = long.runs - short.runs;
  if (span <= 0) return undefined;
  const perRun = (a: number, b: number) => (b - a) / span;
  const b1 = perRun(short.workers1.median, long.workers1.median);
  const b2 = perRun(short.workers2.median, long.workers2.median);
  if (!(b1 > 0 && b2 > 0)) return undefined;
  const a1 = short.workers1.median - b1 * short.runs;
  const a2 = short.workers2.median - b2 * short.runs;
  // a1 + b1 r = target (a2 + b2 r)  =>  r = (target a2 - a1) / (b1 - target b2)
  const denominator = b1 - target * b2;
  let runsForTarget: number | undefined;
  if (denominator > 0) runsForTarget = Math.max(0, (target * a2 - a1) / denominator);
  else if (a1 >= target * a2) runsForTarget = 0;
  return {
    fixedSeconds: { workers1: a1, workers2: a2 },
    secondsPer1000Runs: { workers1: b1 * 1000, workers2: b2 * 1000 },
    longRunSpeedup: b1 / b2,
    runsForTarget,
  };
}
