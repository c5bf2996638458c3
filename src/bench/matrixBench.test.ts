import { describe, expect, it } from 'vitest';
import { benchMatrixEntry } from './matrixBench.ts';

describe('benchMatrixEntry', () => {
  it('times the first repeats apart from the measured ones, over the same deterministic cases', () => {
    const result = benchMatrixEntry(5, { repeats: 2, warmups: 0 }, 3);
    // 5 runs of the holds property plus the tightness search's cases, the same in every repeat.
    expect(result.runsPerRepeat).toBeGreaterThanOrEqual(5);
    expect(result.firstRepeats).toBe(3);
    expect(result.firstRunsPerSecond).toBeGreaterThan(0);
    expect(result.runsPerSecond.min).toBeGreaterThan(0);
    expect(result.runsPerSecond.min).toBeLessThanOrEqual(result.runsPerSecond.max);
    expect(result.holds).toBe(true);
  });

  it('reports no first-repeats rate when there are none', () => {
    const result = benchMatrixEntry(3, { repeats: 1, warmups: 0 }, 0);
    expect(result.firstRepeats).toBe(0);
    expect(result.firstRunsPerSecond).toBe(0);
    expect(result.runsPerSecond.median).toBeGreaterThan(0);
  });
});
