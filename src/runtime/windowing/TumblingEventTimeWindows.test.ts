import { describe, expect, it } from 'vitest';
import { EventTimeTrigger } from './EventTimeTrigger.ts';
import { TumblingEventTimeWindows } from './TumblingEventTimeWindows.ts';
import { TimeWindow } from './Window.ts';

const ctx = { getCurrentProcessingTime: () => 0 };

describe('TumblingEventTimeWindows', () => {
  it('assigns the one aligned window containing the timestamp (Flink TumblingEventTimeWindowsTest)', () => {
    const a = TumblingEventTimeWindows.of(5000);
    expect(a.assignWindows('x', 0, ctx)).toEqual([new TimeWindow(0, 5000)]);
    expect(a.assignWindows('x', 4999, ctx)).toEqual([new TimeWindow(0, 5000)]);
    expect(a.assignWindows('x', 5000, ctx)).toEqual([new TimeWindow(5000, 10000)]);
    expect(a.assignWindows('x', -1, ctx)).toEqual([new TimeWindow(-5000, 0)]);
  });

  it('shifts windows by the offset', () => {
    const a = TumblingEventTimeWindows.of(5000, 100);
    expect(a.assignWindows('x', 100, ctx)).toEqual([new TimeWindow(100, 5100)]);
    expect(a.assignWindows('x', 99, ctx)).toEqual([new TimeWindow(-4900, 100)]);
    expect(TumblingEventTimeWindows.of(5000, -100).assignWindows('x', 0, ctx)).toEqual([
      new TimeWindow(-100, 4900),
    ]);
  });

  it('is an event-time assigner with the EventTimeTrigger by default', () => {
    const a = TumblingEventTimeWindows.of(10);
    expect(a.isEventTime()).toBe(true);
    expect(a.getDefaultTrigger()).toBe(EventTimeTrigger.create());
    expect(String(a)).toBe('TumblingEventTimeWindows(10)');
  });

  it('rejects bad parameters and records without timestamps', () => {
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(/abs\(offset\) < size/);
    expect(() => TumblingEventTimeWindows.of(10, 10)).toThrow(/abs\(offset\) < size/);
    expect(() => TumblingEventTimeWindows.of(10, -10)).toThrow(/abs\(offset\) < size/);
    expect(() => TumblingEventTimeWindows.of(10).assignWindows('x', undefined, ctx)).toThrow(/no timestamp/);
  });
});
