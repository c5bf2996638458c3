import { describe, expect, it } from 'vitest';
import type { MatrixWallTime, Spread } from './types.ts';
import { workersBreakEven } from './WorkersBreakEven.ts';

const at = (x: number): Spread => ({ min: x, median: x, max: x });
const wall = (runs: number, w1: number, w2: number): MatrixWallTime => ({
  runs,
  workers1: at(w1),
  workers2: at(w2),
  speedup: w1 / w2,
});

describe('workersBreakEven', () => {
  it('fits fixed and per-run costs through two comparisons and solves for the target speed-up', () => {
    // 1 worker: 2 s + 3 s per 1000 runs; 2 workers: 4 s + 1.5 s per 1000 runs.
    const fit = workersBreakEven(wall(1000, 5, 5.5), wall(21_000, 65, 35.5), 1.7);
    expect(fit?.fixedSeconds.workers1).toBeCloseTo(2, 9);
    expect(fit?.fixedSeconds.workers2).toBeCloseTo(4, 9);
    expect(fit?.secondsPer1000Runs.workers1).toBeCloseTo(3, 9);
    expect(fit?.secondsPer1000Runs.workers2).toBeCloseTo(1.5, 9);
    expect(fit?.longRunSpeedup).toBeCloseTo(2, 9);
    // 2 + 3r = 1.7 (4 + 1.5r)  =>  0.45r = 4.8  =>  r = 10.67 thousand runs.
    expect(fit?.runsForTarget).toBeCloseTo(10_666.67, 1);
  });

  it('says never when even a long matrix stays below the target', () => {
    const fit = workersBreakEven(wall(1000, 5, 5), wall(21_000, 65, 45), 1.7);
    expect(fit?.longRunSpeedup).toBeCloseTo(1.5, 9);
    expect(fit?.runsForTarget).toBeUndefined();
  });

  it('gives no fit for comparisons at the same runs or times that do not grow with the runs', () => {
    expect(workersBreakEven(wall(1000, 5, 5), wall(1000, 6, 6), 1.7)).toBeUndefined();
    expect(workersBreakEven(wall(1000, 5, 5), wall(2000, 5, 6), 1.7)).toBeUndefined();
  });
});
