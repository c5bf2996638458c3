import { describe, expect, it } from 'vitest';
import { EventTimeSessionWindows } from './EventTimeSessionWindows.ts';
import { TimeWindow } from './Window.ts';

const ctx = { getCurrentProcessingTime: () => 0 };

describe('EventTimeSessionWindows', () => {
  it('opens [ts, ts + gap) per element and merges intersecting windows', () => {
    const a = EventTimeSessionWindows.withGap(5000);
    expect(a.assignWindows('x', 7, ctx)).toEqual([new TimeWindow(7, 5007)]);
    const merged: string[] = [];
    a.mergeWindows(
      [new TimeWindow(0, 5000), new TimeWindow(5000, 10000), new TimeWindow(20000, 25000)],
      (m, r) => merged.push(`${m.length}->${r}`),
    );
    expect(merged).toEqual(['2->TimeWindow{start=0, end=10000}']);
  });

  it('is an event-time assigner whose default trigger can merge', () => {
    const a = EventTimeSessionWindows.withGap(10);
    expect(a.isEventTime()).toBe(true);
    expect(a.getDefaultTrigger().canMerge()).toBe(true);
  });

  it('rejects a gap that is not positive', () => {
    expect(() => EventTimeSessionWindows.withGap(0)).toThrow(
      'EventTimeSessionWindows parameters must satisfy 0 < size',
    );
    expect(() => EventTimeSessionWindows.withGap(-1)).toThrow(/0 < size/);
  });
});
