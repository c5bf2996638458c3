import { describe, expect, it } from 'vitest';
import { SlidingEventTimeWindows } from './SlidingEventTimeWindows.ts';
import { TimeWindow } from './Window.ts';

const ctx = { getCurrentProcessingTime: () => 0 };

function starts(windows: TimeWindow[]): number[] {
  return windows.map((w) => w.start);
}

describe('SlidingEventTimeWindows', () => {
  it('assigns every window of the slide grid that contains the timestamp, latest first (Flink SlidingEventTimeWindowsTest)', () => {
    const a = SlidingEventTimeWindows.of(5000, 1000);
    expect(a.assignWindows('x', 0, ctx)).toEqual([
      new TimeWindow(0, 5000),
      new TimeWindow(-1000, 4000),
      new TimeWindow(-2000, 3000),
      new TimeWindow(-3000, 2000),
      new TimeWindow(-4000, 1000),
    ]);
    expect(starts(a.assignWindows('x', 4999, ctx))).toEqual([4000, 3000, 2000, 1000, 0]);
    expect(starts(a.assignWindows('x', 5000, ctx))).toEqual([5000, 4000, 3000, 2000, 1000]);
  });

  it('handles offsets and sizes that are not a multiple of the slide', () => {
    expect(starts(SlidingEventTimeWindows.of(5000, 1000, 100).assignWindows('x', 100, ctx))).toEqual([
      100, -900, -1900, -2900, -3900,
    ]);
    // size 5, slide 3: windows start at ..., -3, 0, 3, ...; only [0,5) and [3,8) contain 4.
    expect(SlidingEventTimeWindows.of(5, 3).assignWindows('x', 4, ctx)).toEqual([
      new TimeWindow(3, 8),
      new TimeWindow(0, 5),
    ]);
    // size smaller than slide: some timestamps fall in no window.
    expect(SlidingEventTimeWindows.of(2, 5).assignWindows('x', 3, ctx)).toEqual([]);
  });

  it('rejects bad parameters', () => {
    expect(() => SlidingEventTimeWindows.of(0, 5)).toThrow(/abs\(offset\) < slide and size > 0/);
    expect(() => SlidingEventTimeWindows.of(10, 5, 5)).toThrow(/abs\(offset\) < slide/);
    expect(() => SlidingEventTimeWindows.of(10, 0)).toThrow(/abs\(offset\) < slide/);
    expect(() => SlidingEventTimeWindows.of(10, 5).assignWindows('x', undefined, ctx)).toThrow(
      /no timestamp/,
    );
  });
});
