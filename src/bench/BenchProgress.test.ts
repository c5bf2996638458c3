import { describe, expect, it } from 'vitest';
import { longMatrixEstimateSeconds, minutesSeconds, progressPrinter } from './BenchProgress.ts';
import type { MatrixWallTime, Spread } from './types.ts';

const at = (median: number): Spread => ({ min: median - 0.2, median, max: median + 0.2 });

describe('bench progress', () => {
  it('numbers the steps and shows the time so far', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = progressPrinter(
      false,
      3,
      () => now,
      (l) => lines.push(l),
    );
    progress('first');
    now = 187.9;
    progress('second');
    expect(lines).toEqual(['bench: [1/3] first (0m00s so far)\n', 'bench: [2/3] second (3m07s so far)\n']);
  });

  it('prints nothing when quiet', () => {
    const lines: string[] = [];
    const progress = progressPrinter(
      true,
      3,
      () => 5,
      (l) => lines.push(l),
    );
    progress('first');
    expect(lines).toEqual([]);
  });

  it('formats minutes and seconds', () => {
    expect(minutesSeconds(0)).toBe('0m00s');
    expect(minutesSeconds(59.99)).toBe('0m59s');
    expect(minutesSeconds(61)).toBe('1m01s');
    expect(minutesSeconds(1020)).toBe('17m00s');
  });

  it('estimates the long --workers comparison from the warm time per run and the short run beyond it', () => {
    // The slow host's run of 3fbb1ae: 18.2 s and 13.7 s at 1000 runs, warm 13.4 s and 6.9 s; the
    // 20,000-run step then took 232.2 s + 130.8 s = 363 s.
    const short: MatrixWallTime = {
      runs: 1000,
      workers1: at(18.2),
      workers2: at(13.7),
      speedup: 18.2 / 13.7,
    };
    const estimate = longMatrixEstimateSeconds(short, { warm1: at(13.4), warm2: at(6.9) }, 20_000);
    expect(estimate).toBeCloseTo(20.3 * 20 + (31.9 - 20.3), 6);
    expect(Math.abs(estimate - 363) / 363).toBeLessThan(0.16);
  });

  it('never counts a negative start-up when the warm batches took longer than the short run', () => {
    const short: MatrixWallTime = { runs: 1000, workers1: at(3), workers2: at(2), speedup: 1.5 };
    expect(longMatrixEstimateSeconds(short, { warm1: at(4), warm2: at(2) }, 2000)).toBeCloseTo(12, 6);
  });
});
