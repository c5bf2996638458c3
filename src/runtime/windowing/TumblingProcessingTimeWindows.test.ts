import { describe, expect, it } from 'vitest';
import { ProcessingTimeTrigger } from './ProcessingTimeTrigger.ts';
import { TumblingProcessingTimeWindows } from './TumblingProcessingTimeWindows.ts';
import { TimeWindow } from './Window.ts';

describe('TumblingProcessingTimeWindows', () => {
  it('windows by the processing time at assignment, ignoring the element timestamp', () => {
    let now = 0;
    const ctx = { getCurrentProcessingTime: () => now };
    const a = TumblingProcessingTimeWindows.of(5000, 100);
    now = 4999;
    expect(a.assignWindows('x', 1_000_000, ctx)).toEqual([new TimeWindow(100, 5100)]);
    now = 5100;
    expect(a.assignWindows('x', undefined, ctx)).toEqual([new TimeWindow(5100, 10100)]);
    expect(a.isEventTime()).toBe(false);
    expect(a.getDefaultTrigger()).toBe(ProcessingTimeTrigger.create());
    expect(() => TumblingProcessingTimeWindows.of(10, 10)).toThrow(/abs\(offset\) < size/);
  });
});
