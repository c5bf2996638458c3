import { describe, expect, it } from 'vitest';
import type { MatrixWallTime, Spread } from './types.ts';
import { workersCpuBound } from './WorkersCpuBound.ts';

const at = (median: number): Spread => ({ min: median - 0.1, median, max: median + 0.1 });

describe('workersCpuBound', () => {
  const measured: MatrixWallTime = {
    runs: 1000,
    workers1: at(5),
    workers2: at(4),
    speedup: 1.25,
    workers1Cpu: at(6.25),
    workers2Cpu: at(7.6),
  };

  it('divides CPU by wall time and bounds the speed-up by cores over the cores one worker keeps busy', () => {
    const bound = workersCpuBound(measured, 2);
    expect(bound?.coresBusy1).toBeCloseTo(1.25, 10);
    expect(bound?.coresBusy2).toBeCloseTo(1.9, 10);
    expect(bound?.extraCpuSeconds).toBeCloseTo(1.35, 10);
    expect(bound?.speedupBound).toBeCloseTo(1.6, 10);
  });

  it('gives a bound of the core count for a process that keeps one core busy', () => {
    const oneCore = { ...measured, workers1Cpu: at(5) };
    expect(workersCpuBound(oneCore, 2)?.speedupBound).toBeCloseTo(2, 10);
    expect(workersCpuBound(oneCore, 4)?.speedupBound).toBeCloseTo(4, 10);
  });

  it('is undefined without CPU times', () => {
    const { workers1Cpu: _, ...withoutCpu } = measured;
    expect(workersCpuBound(withoutCpu, 2)).toBeUndefined();
  });
});
