import { describe, expect, it } from 'vitest';
import { benchMatrixEntry, benchMatrixWorkers } from './matrixBench.ts';

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

describe('benchMatrixWorkers', () => {
  it('times the CLI with each worker count and, when asked, as two --shard processes at once', async () => {
    const m = await benchMatrixWorkers(1, 1, { shardPair: true });
    expect(m.runs).toBe(1);
    expect(m.workers1.median).toBeGreaterThan(0);
    expect(m.speedup).toBeCloseTo(m.workers1.median / m.workers2.median, 9);
    const pair = m.shardPair;
    expect(pair?.wall.median).toBeGreaterThan(0);
    expect(pair?.speedup).toBeCloseTo(m.workers1.median / (pair?.wall.median ?? Number.NaN), 9);
    if (m.workers1Cpu !== undefined) {
      // Two processes, each starting Node and loading the CLI: more CPU than the start-up of one alone.
      expect(pair?.cpu?.median).toBeGreaterThan(0.2);
    }
    expect((await benchMatrixWorkers(1, 1)).shardPair).toBeUndefined();
  }, 120_000);

  it('fails with the exit code and message of a CLI run that did not finish', async () => {
    await expect(benchMatrixWorkers(0, 1)).rejects.toThrow(
      /^streamproof matrix --workers 1 --runs 0 .* failed \(2\): .*expected a positive integer/,
    );
  }, 60_000);
});
