import { describe, expect, it } from 'vitest';
import { SlidingProcessingTimeWindows } from './SlidingProcessingTimeWindows.ts';
import { TimeWindow } from './Window.ts';

describe('SlidingProcessingTimeWindows', () => {
  it('windows by the processing time at assignment', () => {
    const a = SlidingProcessingTimeWindows.of(10, 5);
    expect(a.assignWindows('x', 0, { getCurrentProcessingTime: () => 12 })).toEqual([
      new TimeWindow(10, 20),
      new TimeWindow(5, 15),
    ]);
    expect(a.isEventTime()).toBe(false);
    expect(() => SlidingProcessingTimeWindows.of(10, 5, -5)).toThrow(/abs\(offset\) < slide/);
  });
});
