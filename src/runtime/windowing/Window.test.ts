import { describe, expect, it } from 'vitest';
import { TimeWindow } from './Window.ts';

function merges(windows: [number, number][]): string[] {
  const out: string[] = [];
  TimeWindow.mergeWindows(
    windows.map(([s, e]) => new TimeWindow(s, e)),
    (toBeMerged, result) =>
      out.push(`${toBeMerged.map((w) => `${w.start}-${w.end}`).join('+')}=${result.start}-${result.end}`),
  );
  return out;
}

describe('TimeWindow', () => {
  it('computes window starts with offsets like Flink, also for negative timestamps', () => {
    expect(TimeWindow.getWindowStartWithOffset(7, 0, 5)).toBe(5);
    expect(TimeWindow.getWindowStartWithOffset(5, 0, 5)).toBe(5);
    expect(TimeWindow.getWindowStartWithOffset(-3, 0, 5)).toBe(-5);
    expect(TimeWindow.getWindowStartWithOffset(-5, 0, 5)).toBe(-5);
    expect(TimeWindow.getWindowStartWithOffset(7, 2, 5)).toBe(7);
    expect(TimeWindow.getWindowStartWithOffset(1, 2, 5)).toBe(-3);
    expect(TimeWindow.getWindowStartWithOffset(7, -1, 5)).toBe(4);
  });

  it('has maxTimestamp end - 1 and an inclusive intersection', () => {
    const w = new TimeWindow(0, 10);
    expect(w.maxTimestamp()).toBe(9);
    expect(w.intersects(new TimeWindow(10, 20))).toBe(true);
    expect(w.intersects(new TimeWindow(11, 20))).toBe(false);
    expect(w.cover(new TimeWindow(5, 15))).toEqual(new TimeWindow(0, 15));
  });

  it('merges chains of intersecting windows, sorted by start, and reports only real merges', () => {
    expect(
      merges([
        [10, 15],
        [0, 5],
        [30, 35],
        [5, 10],
      ]),
    ).toEqual(['0-5+5-10+10-15=0-15']);
    expect(
      merges([
        [0, 5],
        [6, 11],
      ]),
    ).toEqual([]);
    expect(
      merges([
        [0, 5],
        [20, 25],
        [3, 8],
        [22, 30],
      ]),
    ).toEqual(['0-5+3-8=0-8', '20-25+22-30=20-30']);
    // Equal windows count once, as in Flink's set of merged windows.
    expect(
      merges([
        [0, 5],
        [0, 5],
      ]),
    ).toEqual([]);
    expect(
      merges([
        [0, 5],
        [0, 5],
        [4, 9],
      ]),
    ).toEqual(['0-5+4-9=0-9']);
  });

  it('comes back from its snapshot form', () => {
    const plain = JSON.parse(JSON.stringify(new TimeWindow(3, 8)));
    const restored = TimeWindow.fromJSON(plain);
    expect(restored).toBeInstanceOf(TimeWindow);
    expect(restored.maxTimestamp()).toBe(7);
    const same = new TimeWindow(1, 2);
    expect(TimeWindow.fromJSON(same)).toBe(same);
  });
});
