import { describe, expect, it } from 'vitest';
import { RunServices } from '../execution/RunServices.ts';
import type { Collector } from '../functions/Collector.ts';
import {
  ProcessWindowFunction,
  type ProcessWindowFunctionContext,
} from '../functions/ProcessWindowFunction.ts';
import { KeyGroupRange } from '../KeyGroupRangeAssignment.ts';
import { OutputTag } from '../OutputTag.ts';
import { record, type StreamRecord } from '../StreamElement.ts';
import type { AppendingState } from '../state/State.ts';
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  ReducingStateDescriptor,
  type StateDescriptor,
  ValueStateDescriptor,
} from '../state/StateDescriptor.ts';
import type { ProcessingTimeHandle, ProcessingTimeService } from '../time/ProcessingTimeService.ts';
import { CountTrigger } from '../windowing/CountTrigger.ts';
import { EventTimeSessionWindows } from '../windowing/EventTimeSessionWindows.ts';
import type { GlobalWindow } from '../windowing/GlobalWindow.ts';
import { GlobalWindows } from '../windowing/GlobalWindows.ts';
import { InternalProcessWindowFunction } from '../windowing/InternalProcessWindowFunction.ts';
import { NeverTrigger } from '../windowing/NeverTrigger.ts';
import { PassThroughWindowFunction } from '../windowing/PassThroughWindowFunction.ts';
import { ProcessingTimeSessionWindows } from '../windowing/ProcessingTimeSessionWindows.ts';
import { PurgingTrigger } from '../windowing/PurgingTrigger.ts';
import { SlidingEventTimeWindows } from '../windowing/SlidingEventTimeWindows.ts';
import type { Trigger } from '../windowing/Trigger.ts';
import { TumblingEventTimeWindows } from '../windowing/TumblingEventTimeWindows.ts';
import { TumblingProcessingTimeWindows } from '../windowing/TumblingProcessingTimeWindows.ts';
import type { TimeWindow, Window } from '../windowing/Window.ts';
import type { WindowAssigner } from '../windowing/WindowAssigner.ts';
import type { OperatorRestore, OperatorSnapshot } from './OperatorSnapshot.ts';
import { WindowOperator } from './WindowOperator.ts';

interface Ev {
  readonly id: string;
  readonly key: string;
}

/** A processing-time clock the test moves by hand, firing due callbacks in timestamp order. */
class ManualClock implements ProcessingTimeService {
  private time = 0;
  private callbacks: { at: number; run: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  registerTimer(timestamp: number, callback: () => void): ProcessingTimeHandle {
    const entry = { at: timestamp, run: callback, cancelled: false };
    this.callbacks.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  advanceTo(time: number): void {
    for (;;) {
      const due = this.callbacks.filter((c) => !c.cancelled && c.at <= time).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.callbacks = this.callbacks.filter((c) => c !== due);
      this.time = Math.max(this.time, due.at);
      due.run();
    }
    this.time = time;
  }
}

/** What a test window function emits: the pane, its key and its element ids in arrival order. */
interface Pane {
  readonly key: string;
  readonly window: string;
  readonly ids: string;
}

function paneOf(key: string, window: Window, ids: string[]): Pane {
  const w = window as TimeWindow;
  return {
    key,
    window: w.start === undefined ? String(window) : `[${w.start},${w.end})`,
    ids: ids.join(','),
  };
}

class PaneFunction<W extends Window> extends ProcessWindowFunction<Ev, Pane, string, W> {
  process(key: string, ctx: ProcessWindowFunctionContext<W>, elements: Ev[], out: Collector<Pane>): void {
    out.collect(
      paneOf(
        key,
        ctx.window(),
        elements.map((e) => e.id),
      ),
    );
  }
}

interface HarnessOptions<W extends Window, V> {
  readonly trigger?: Trigger<Ev, W>;
  readonly allowedLateness?: number;
  readonly lateTag?: OutputTag<Ev>;
  readonly fn?: ProcessWindowFunction<V, unknown, string, W>;
  readonly descriptor?: StateDescriptor<AppendingState<Ev, unknown>, unknown>;
  readonly restore?: OperatorRestore;
  readonly clock?: ManualClock;
}

/** One WindowOperator subtask owning every key group, driven by hand (Flink's KeyedOneInputStreamOperatorTestHarness). */
function harness<W extends Window, V = Ev>(
  assigner: WindowAssigner<Ev, W>,
  options: HarnessOptions<W, V> = {},
) {
  const clock = options.clock ?? new ManualClock();
  const main: StreamRecord[] = [];
  const side: { tag: string; record: StreamRecord }[] = [];
  const watermarks: number[] = [];
  const op = new WindowOperator<string, Ev, V, unknown, W>({
    assigner,
    trigger: options.trigger ?? assigner.getDefaultTrigger(),
    windowStateDescriptor: options.descriptor ?? new ListStateDescriptor<Ev>('window-contents'),
    windowFunction: new InternalProcessWindowFunction(
      options.fn ?? (new PaneFunction<W>() as unknown as ProcessWindowFunction<V, unknown, string, W>),
    ),
    allowedLateness: options.allowedLateness ?? 0,
    ...(options.lateTag === undefined ? {} : { lateDataOutputTag: options.lateTag }),
  });
  op.setup({
    output: {
      collect: (r) => main.push(r),
      collectSide: (tag, r) => side.push({ tag: tag.id, record: r }),
      emitWatermark: (ts) => watermarks.push(ts),
      emitWatermarkStatus: () => {},
    },
    taskName: 'window',
    subtaskIndex: 0,
    parallelism: 1,
    maxParallelism: 128,
    attemptNumber: 0,
    processingTime: clock,
    services: new RunServices(),
    keyGroupRange: KeyGroupRange.of(0, 127),
    keySelectors: [(e) => (e as Ev).key],
  });
  op.initializeState(options.restore);
  op.open();
  return {
    op,
    clock,
    main,
    side,
    watermarks,
    add(id: string, key: string, ts?: number) {
      op.processElement(record<Ev>({ id, key }, ts));
    },
    watermark(ts: number) {
      op.processWatermark(ts, 0);
    },
    panes(): Pane[] {
      return main.map((r) => r.value as Pane);
    },
    sideIds(): string[] {
      return side.map((s) => (s.record.value as Ev).id);
    },
  };
}

/** The state an operator snapshot would restore from, after a JSON round trip (plain data, no classes). */
function restoreFrom(snapshot: OperatorSnapshot): OperatorRestore {
  const plain = JSON.parse(JSON.stringify(snapshot)) as OperatorSnapshot;
  return { keyed: [plain.keyed ?? {}], timers: [plain.timers ?? {}], operator: plain.operator };
}

describe('WindowOperator in event time', () => {
  it('fires a tumbling window once the watermark reaches its max timestamp, stamped with it', () => {
    const h = harness(TumblingEventTimeWindows.of(10));
    h.add('a', 'k', 1);
    h.add('b', 'k', 5);
    h.add('c', 'k', 12);
    h.add('x', 'other', 3);
    h.watermark(8);
    expect(h.main).toEqual([]);
    h.watermark(9);
    expect(h.panes()).toEqual([
      paneOf('k', { start: 0, end: 10 } as TimeWindow, ['a', 'b']),
      paneOf('other', { start: 0, end: 10 } as TimeWindow, ['x']),
    ]);
    expect(h.main.map((r) => r.timestamp)).toEqual([9, 9]);
    h.watermark(30);
    expect(h.panes().slice(2)).toEqual([{ key: 'k', window: '[10,20)', ids: 'c' }]);
    expect(h.main[2]?.timestamp).toBe(19);
    // Timers fire before the watermark is forwarded.
    expect(h.watermarks).toEqual([8, 9, 30]);
  });

  it('drops an element late for all its windows and counts it when no side output is set', () => {
    const h = harness(TumblingEventTimeWindows.of(10));
    h.add('a', 'k', 1);
    h.watermark(10);
    h.add('late', 'k', 9);
    h.watermark(100);
    expect(h.panes()).toEqual([{ key: 'k', window: '[0,10)', ids: 'a' }]);
    expect(h.op.numLateRecordsDropped).toBe(1);
  });

  it('sends elements late for all their windows to the late-data side output with their own timestamp', () => {
    const late = new OutputTag<Ev>('late');
    const h = harness(TumblingEventTimeWindows.of(10), { lateTag: late });
    h.watermark(19);
    h.add('l1', 'k', 9);
    // [10,20) is late too (19 + 0 <= 19); [20,30) is not.
    h.add('l3', 'k', 19);
    h.add('ok', 'k', 20);
    h.add('l2', 'k', 0);
    expect(h.side.map((s) => [s.tag, (s.record.value as Ev).id, s.record.timestamp])).toEqual([
      ['late', 'l1', 9],
      ['late', 'l3', 19],
      ['late', 'l2', 0],
    ]);
    h.watermark(29);
    expect(h.panes()).toEqual([{ key: 'k', window: '[20,30)', ids: 'ok' }]);
    expect(h.op.numLateRecordsDropped).toBe(0);
  });

  it('fires again for every element within the allowed lateness, then cleans the window up', () => {
    const late = new OutputTag<Ev>('late');
    const h = harness(TumblingEventTimeWindows.of(10), { allowedLateness: 5, lateTag: late });
    h.add('a', 'k', 1);
    h.watermark(9);
    h.add('b', 'k', 2);
    h.watermark(13);
    h.add('c', 'k', 3);
    expect(h.panes().map((p) => p.ids)).toEqual(['a', 'a,b', 'a,b,c']);
    h.watermark(14);
    // Cleanup at maxTimestamp + lateness = 14 cleared contents and timers.
    const snapshot = h.op.snapshotState(1);
    expect(snapshot.keyed).toEqual({});
    expect(snapshot.timers).toEqual({});
    h.add('d', 'k', 4);
    expect(h.sideIds()).toEqual(['d']);
    expect(h.panes()).toHaveLength(3);
  });

  it('puts an element into every sliding window that contains it', () => {
    const h = harness(SlidingEventTimeWindows.of(10, 5));
    h.add('a', 'k', 7);
    h.add('b', 'k', 12);
    h.watermark(100);
    expect(h.panes()).toEqual([
      { key: 'k', window: '[0,10)', ids: 'a' },
      { key: 'k', window: '[5,15)', ids: 'a,b' },
      { key: 'k', window: '[10,20)', ids: 'b' },
    ]);
  });

  it('merges session windows that an element bridges, contents included', () => {
    const h = harness(EventTimeSessionWindows.withGap(5));
    h.add('a', 'k', 1);
    h.add('b', 'k', 10);
    h.add('c', 'k', 5);
    h.add('d', 'k', 30);
    h.watermark(14);
    expect(h.panes()).toHaveLength(1);
    const merged = h.panes()[0] as Pane;
    expect(merged.window).toBe('[1,15)');
    expect(merged.ids.split(',').sort()).toEqual(['a', 'b', 'c']);
    expect(h.main[0]?.timestamp).toBe(14);
    h.watermark(100);
    expect(h.panes().slice(1)).toEqual([{ key: 'k', window: '[30,35)', ids: 'd' }]);
    // Cleanup retired every session: no contents, no merging-window-set, no timers.
    const snapshot = h.op.snapshotState(1);
    expect(snapshot.keyed).toEqual({});
    expect(snapshot.timers).toEqual({});
  });

  it('merges sessions whose windows only touch, as Flink (intersection is inclusive)', () => {
    const h = harness(EventTimeSessionWindows.withGap(5));
    h.add('a', 'k', 0);
    h.add('b', 'k', 5);
    h.watermark(100);
    expect(h.panes()).toEqual([{ key: 'k', window: '[0,10)', ids: 'a,b' }]);
  });

  it('a session extended within the allowed lateness fires as the merged window', () => {
    const h = harness(EventTimeSessionWindows.withGap(10), { allowedLateness: 5 });
    h.add('a', 'k', 0);
    h.watermark(9);
    h.add('b', 'k', 3);
    // The merged window [0,13) ends after the watermark: EventTimeTrigger.onMerge set a timer for it.
    expect(h.panes()).toHaveLength(1);
    h.watermark(100);
    expect(h.panes().map((p) => `${p.window}:${p.ids.split(',').sort()}`)).toEqual([
      '[0,10):a',
      '[0,13):a,b',
    ]);
  });

  it('a late merge into a window the watermark passed fires at once and only once', () => {
    const h = harness(EventTimeSessionWindows.withGap(10), { allowedLateness: 5 });
    h.add('a', 'k', 0);
    h.watermark(12);
    h.add('b', 'k', 2);
    expect(h.panes().map((p) => `${p.window}:${p.ids.split(',').sort()}`)).toEqual([
      '[0,10):a',
      '[0,12):a,b',
    ]);
    h.watermark(100);
    expect(h.panes()).toHaveLength(2);
    expect(h.op.snapshotState(1).keyed).toEqual({});
  });

  it('merges reduced values of sessions with the reduce function', () => {
    const h = harness<TimeWindow, Ev>(EventTimeSessionWindows.withGap(5), {
      descriptor: new ReducingStateDescriptor<Ev>('window-contents', (x, y) => ({
        id: [...x.id.split('+'), ...y.id.split('+')].sort().join('+'),
        key: x.key,
      })),
      fn: new PassThroughWindowFunction<Ev, string, TimeWindow>(),
    });
    h.add('a', 'k', 1);
    h.add('c', 'k', 10);
    h.add('b', 'k', 5);
    h.watermark(100);
    expect(h.main.map((r) => (r.value as Ev).id)).toEqual(['a+b+c']);
  });

  it('merges accumulators of sessions with the aggregate function', () => {
    const sum = {
      createAccumulator: () => ({ n: 0, ids: [] as string[] }),
      add: (e: Ev, acc: { n: number; ids: string[] }) => ({ n: acc.n + 1, ids: [...acc.ids, e.id] }),
      getResult: (acc: { n: number; ids: string[] }) => `${acc.n}:${[...acc.ids].sort().join('')}`,
      merge: (x: { n: number; ids: string[] }, y: { n: number; ids: string[] }) => ({
        n: x.n + y.n,
        ids: [...x.ids, ...y.ids],
      }),
    };
    const h = harness<TimeWindow, string>(EventTimeSessionWindows.withGap(5), {
      descriptor: new AggregatingStateDescriptor('window-contents', sum),
      fn: new PassThroughWindowFunction<string, string, TimeWindow>(),
    });
    h.add('a', 'k', 1);
    h.add('c', 'k', 10);
    h.add('b', 'k', 5);
    h.add('z', 'k', 40);
    h.watermark(100);
    expect(h.main.map((r) => r.value)).toEqual(['3:abc', '1:z']);
  });

  it('gives the window function per-window state, cleared with the window, and per-key global state', () => {
    const cleared: string[] = [];
    class Counting extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
      private readonly firings = new ValueStateDescriptor<number>('firings');
      process(
        key: string,
        ctx: ProcessWindowFunctionContext<TimeWindow>,
        _e: Ev[],
        out: Collector<string>,
      ): void {
        const perWindow = ctx.windowState().getState(this.firings);
        const perKey = ctx.globalState().getState(this.firings);
        perWindow.update((perWindow.value() ?? 0) + 1);
        perKey.update((perKey.value() ?? 0) + 1);
        out.collect(`${key}${ctx.window().start}:${perWindow.value()}/${perKey.value()}`);
      }
      override clear(ctx: ProcessWindowFunctionContext<TimeWindow>): void {
        const perWindow = ctx.windowState().getState(this.firings);
        cleared.push(`${ctx.window().start}:${perWindow.value()}`);
        perWindow.clear();
      }
    }
    const h = harness<TimeWindow, Ev>(TumblingEventTimeWindows.of(10), {
      allowedLateness: 10,
      fn: new Counting() as unknown as ProcessWindowFunction<Ev, unknown, string, TimeWindow>,
    });
    h.add('a', 'k', 1);
    h.add('b', 'k', 11);
    h.watermark(9);
    h.add('c', 'k', 2);
    h.watermark(19);
    h.watermark(30);
    expect(h.main.map((r) => r.value)).toEqual(['k0:1/1', 'k0:2/2', 'k10:1/3']);
    expect(cleared).toEqual(['0:2', '10:1']);
  });

  it('refuses per-window state for merging windows, as Flink', () => {
    class UsesWindowState extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
      process(_k: string, ctx: ProcessWindowFunctionContext<TimeWindow>): void {
        ctx.windowState().getState(new ValueStateDescriptor<number>('x'));
      }
    }
    const h = harness<TimeWindow, Ev>(EventTimeSessionWindows.withGap(5), {
      fn: new UsesWindowState() as unknown as ProcessWindowFunction<Ev, unknown, string, TimeWindow>,
    });
    h.add('a', 'k', 1);
    expect(() => h.watermark(100)).toThrow('Per-window state is not allowed when using merging windows.');
  });

  it('stamps ctx.output side outputs with the window max timestamp', () => {
    const extra = new OutputTag<string>('extra');
    class Side extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
      process(key: string, ctx: ProcessWindowFunctionContext<TimeWindow>, elements: Ev[]): void {
        ctx.output(extra, `${key}:${elements.length}`);
      }
    }
    const h = harness<TimeWindow, Ev>(TumblingEventTimeWindows.of(10), {
      fn: new Side() as unknown as ProcessWindowFunction<Ev, unknown, string, TimeWindow>,
    });
    h.add('a', 'k', 21);
    h.watermark(100);
    expect(h.side.map((s) => [s.tag, s.record.value, s.record.timestamp])).toEqual([['extra', 'k:1', 29]]);
  });

  it('rejects records without a timestamp in event-time windows', () => {
    const h = harness(TumblingEventTimeWindows.of(10));
    expect(() => h.add('a', 'k')).toThrow(/no timestamp/);
  });

  it('restores panes, timers and sessions from a plain-data snapshot and fires them after the restore', () => {
    const tumbling = harness(TumblingEventTimeWindows.of(10), { allowedLateness: 5 });
    tumbling.add('a', 'k', 1);
    tumbling.add('b', 'j', 12);
    tumbling.watermark(9);
    const restoredTumbling = harness(TumblingEventTimeWindows.of(10), {
      allowedLateness: 5,
      restore: restoreFrom(tumbling.op.snapshotState(1)),
    });
    restoredTumbling.add('c', 'k', 3);
    restoredTumbling.watermark(100);
    expect(restoredTumbling.panes()).toEqual([
      { key: 'k', window: '[0,10)', ids: 'a,c' },
      { key: 'j', window: '[10,20)', ids: 'b' },
    ]);

    const sessions = harness(EventTimeSessionWindows.withGap(5));
    sessions.add('a', 'k', 1);
    sessions.add('b', 'k', 4);
    const restoredSessions = harness(EventTimeSessionWindows.withGap(5), {
      restore: restoreFrom(sessions.op.snapshotState(1)),
    });
    restoredSessions.add('c', 'k', 8);
    restoredSessions.watermark(100);
    expect(restoredSessions.panes().map((p) => `${p.window}:${p.ids.split(',').sort()}`)).toEqual([
      '[1,13):a,b,c',
    ]);
  });
});

describe('WindowOperator in processing time', () => {
  it('fires tumbling windows when the clock passes their end, by arrival time', () => {
    const h = harness(TumblingProcessingTimeWindows.of(10));
    h.clock.advanceTo(3);
    h.add('a', 'k', 500);
    h.clock.advanceTo(7);
    h.add('b', 'k');
    h.clock.advanceTo(12);
    h.add('c', 'k', 1);
    // The [0,10) timer was due at 9, while the clock moved to 12.
    expect(h.panes()).toEqual([{ key: 'k', window: '[0,10)', ids: 'a,b' }]);
    h.clock.advanceTo(18);
    expect(h.panes()).toHaveLength(1);
    h.clock.advanceTo(19);
    expect(h.panes()[1]).toEqual({ key: 'k', window: '[10,20)', ids: 'c' });
    expect(h.main.map((r) => r.timestamp)).toEqual([9, 19]);
    // Watermarks play no part, and nothing is ever late in processing time.
    h.watermark(1000);
    h.add('d', 'k', 0);
    expect(h.side).toEqual([]);
    expect(h.op.numLateRecordsDropped).toBe(0);
  });

  it('merges processing-time sessions and fires them once the clock passes the gap', () => {
    const h = harness(ProcessingTimeSessionWindows.withGap(5));
    h.add('a', 'k');
    h.clock.advanceTo(3);
    h.add('b', 'k');
    h.clock.advanceTo(6);
    expect(h.panes()).toEqual([]);
    h.clock.advanceTo(7);
    expect(h.panes().map((p) => `${p.window}:${p.ids.split(',').sort()}`)).toEqual(['[0,8):a,b']);
    h.clock.advanceTo(10);
    h.add('c', 'k');
    h.clock.advanceTo(20);
    expect(h.panes()[1]).toEqual({ key: 'k', window: '[10,15)', ids: 'c' });
  });
});

describe('WindowOperator with custom triggers', () => {
  it('GlobalWindows with a CountTrigger fire every n elements of a key without purging', () => {
    const h = harness<GlobalWindow>(GlobalWindows.create(), { trigger: CountTrigger.of(2) });
    for (const [id, key] of [
      ['a', 'k'],
      ['x', 'j'],
      ['b', 'k'],
      ['c', 'k'],
      ['d', 'k'],
    ] as const) {
      h.add(id, key);
    }
    expect(h.panes()).toEqual([
      { key: 'k', window: 'GlobalWindow', ids: 'a,b' },
      { key: 'k', window: 'GlobalWindow', ids: 'a,b,c,d' },
    ]);
    expect(h.main.map((r) => r.timestamp)).toEqual([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
  });

  it('a PurgingTrigger empties the pane after every firing', () => {
    const h = harness<GlobalWindow>(GlobalWindows.create(), {
      trigger: PurgingTrigger.of(CountTrigger.of(2)),
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) h.add(id, 'k');
    expect(h.panes().map((p) => p.ids)).toEqual(['a,b', 'c,d']);
  });

  it('GlobalWindows without a trigger never fire', () => {
    const h = harness<GlobalWindow>(GlobalWindows.create());
    h.add('a', 'k', 1);
    h.watermark(Number.MAX_SAFE_INTEGER);
    h.clock.advanceTo(1_000_000);
    expect(h.main).toEqual([]);
  });

  it('CountTrigger counts merge when sessions merge', () => {
    const h = harness(EventTimeSessionWindows.withGap(5), { trigger: CountTrigger.of(3) });
    h.add('a', 'k', 1);
    h.add('b', 'k', 10);
    expect(h.panes()).toEqual([]);
    // Bridges both sessions: the merged pane counts 1 + 1 from the merged panes, plus itself.
    h.add('c', 'k', 6);
    expect(h.panes().map((p) => `${p.window}:${p.ids.split(',').sort()}`)).toEqual(['[1,15):a,b,c']);
  });

  it('refuses a trigger that cannot merge with a merging assigner', () => {
    class NonMerging extends NeverTrigger {
      override canMerge(): boolean {
        return false;
      }
    }
    expect(
      () =>
        new WindowOperator({
          assigner: EventTimeSessionWindows.withGap(5),
          trigger: new NonMerging(),
          windowStateDescriptor: new ListStateDescriptor<unknown>('w'),
          windowFunction: new InternalProcessWindowFunction(new PassThroughWindowFunction()),
        }),
    ).toThrow('A merging window assigner cannot be used with a trigger that does not support merging');
  });
});
