import { describe, expect, it } from 'vitest';
import { measureRepeats, ratePerSecond, spreadOf } from './RepeatedMeasurement.ts';

describe('measureRepeats', () => {
  it('calls the function exactly warm-ups + repeats times, and checks each call', () => {
    let calls = 0;
    let checks = 0;
    const m = measureRepeats(
      'count',
      () => {
        calls++;
      },
      { repeats: 4, warmups: 2 },
      () => {
        checks++;
      },
    );
    expect(calls).toBe(6);
    expect(checks).toBe(6);
    expect(m.wallMs.min).toBeLessThanOrEqual(m.wallMs.median);
    expect(m.wallMs.median).toBeLessThanOrEqual(m.wallMs.max);
  });

  it('gives min, median and max, and the rates they imply', () => {
    expect(spreadOf([3, 1, 2, 10])).toEqual({ min: 1, median: 2.5, max: 10 });
    expect(ratePerSecond(100, { min: 50, median: 100, max: 200 })).toEqual({
      min: 500,
      median: 1000,
      max: 2000,
    });
  });
});
