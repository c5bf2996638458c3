import { describe, expect, it } from 'vitest';
import type { ListState } from '../state/State.ts';
import { EventTimeSessionWindows } from './EventTimeSessionWindows.ts';
import { MergingWindowSet } from './MergingWindowSet.ts';
import { TimeWindow } from './Window.ts';

/** An in-memory list state standing in for the keyed "merging-window-set" state. */
function listState<T>(initial: T[] = []) {
  let items = [...initial];
  let writes = 0;
  const state: ListState<T> = {
    get: () => items,
    add: (v) => {
      items.push(v);
      writes++;
    },
    addAll: (vs) => {
      items.push(...vs);
      writes++;
    },
    update: (vs) => {
      items = [...vs];
      writes++;
    },
    clear: () => {
      items = [];
      writes++;
    },
  };
  return { state, writes: () => writes, items: () => items };
}

const w = (start: number, end: number) => new TimeWindow(start, end);

describe('MergingWindowSet', () => {
  const assigner = EventTimeSessionWindows.withGap(5);

  it('keeps non-intersecting windows apart, each its own state window', () => {
    const set = new MergingWindowSet(assigner, listState<[TimeWindow, TimeWindow]>().state);
    const noMerge = () => {
      throw new Error('no merge expected');
    };
    expect(set.addWindow(w(0, 5), noMerge)).toEqual(w(0, 5));
    expect(set.addWindow(w(10, 15), noMerge)).toEqual(w(10, 15));
    expect(set.getStateWindow(w(10, 15))).toEqual(w(10, 15));
  });

  it('merges a bridging window, keeping one old state window and reporting the other', () => {
    const set = new MergingWindowSet(assigner, listState<[TimeWindow, TimeWindow]>().state);
    set.addWindow(w(0, 5), () => {});
    set.addWindow(w(8, 13), () => {});
    const calls: unknown[] = [];
    const result = set.addWindow(w(4, 9), (mergeResult, merged, stateResult, mergedStates) =>
      calls.push({ mergeResult, merged, stateResult, mergedStates }),
    );
    expect(result).toEqual(w(0, 13));
    // The new window never had state: it is not among the merged windows.
    expect(calls).toEqual([
      { mergeResult: w(0, 13), merged: [w(0, 5), w(8, 13)], stateResult: w(0, 5), mergedStates: [w(8, 13)] },
    ]);
    expect(set.getStateWindow(w(0, 13))).toEqual(w(0, 5));
    expect(set.getStateWindow(w(0, 5))).toBeUndefined();
    expect(set.inFlight()).toEqual([w(0, 13)]);
  });

  it('a window inside an in-flight window is swallowed without a merge call', () => {
    const set = new MergingWindowSet(assigner, listState<[TimeWindow, TimeWindow]>().state);
    set.addWindow(w(0, 5), () => {});
    set.addWindow(w(3, 8), () => {});
    let called = false;
    expect(
      set.addWindow(w(2, 7), () => {
        called = true;
      }),
    ).toEqual(w(0, 8));
    expect(called).toBe(false);
    expect(set.getStateWindow(w(0, 8))).toEqual(w(0, 5));
  });

  it('persists only when changed and reads back its mapping from plain snapshot data', () => {
    const store = listState<[TimeWindow, TimeWindow]>();
    const set = new MergingWindowSet(assigner, store.state);
    set.persist();
    expect(store.writes()).toBe(0);
    set.addWindow(w(0, 5), () => {});
    set.addWindow(w(3, 8), () => {});
    set.persist();
    expect(store.writes()).toBe(1);
    const plain = JSON.parse(JSON.stringify(store.items())) as [TimeWindow, TimeWindow][];
    const reread = new MergingWindowSet(assigner, listState(plain).state);
    expect(reread.getStateWindow(w(0, 8))).toEqual(w(0, 5));
    expect(reread.getStateWindow(w(0, 8))).toBeInstanceOf(TimeWindow);
    reread.retireWindow(w(0, 8));
    expect(reread.inFlight()).toEqual([]);
    expect(() => reread.retireWindow(w(0, 8))).toThrow('is not in in-flight window set');
  });
});
