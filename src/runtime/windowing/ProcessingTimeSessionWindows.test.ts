import { describe, expect, it } from 'vitest';
import { ProcessingTimeSessionWindows } from './ProcessingTimeSessionWindows.ts';
import { TimeWindow } from './Window.ts';

describe('ProcessingTimeSessionWindows', () => {
  it('opens [now, now + gap) and merges like event-time sessions', () => {
    const a = ProcessingTimeSessionWindows.withGap(5);
    expect(a.assignWindows('x', 100, { getCurrentProcessingTime: () => 12 })).toEqual([
      new TimeWindow(12, 17),
    ]);
    const merged: TimeWindow[] = [];
    a.mergeWindows([new TimeWindow(0, 5), new TimeWindow(3, 8)], (_m, r) => merged.push(r));
    expect(merged).toEqual([new TimeWindow(0, 8)]);
    expect(a.isEventTime()).toBe(false);
    expect(a.getDefaultTrigger().canMerge()).toBe(true);
    expect(() => ProcessingTimeSessionWindows.withGap(0)).toThrow(/0 < size/);
  });
});
